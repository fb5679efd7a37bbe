import * as vscode from 'vscode';
import { registerCodeActions } from './code-actions';
import { registerConfigCommands } from './config-commands';
import { ConfigService } from './config-service';
import { registerDiagnostics } from './diagnostics';
import { DocumentAnalyses } from './document-analysis';
import { registerFrontMatterHelp } from './front-matter-help';
import { registerNewDocumentCommands } from './new-document';
import { registerRoadmapCommands } from './roadmap-commands';
import { RoadmapTree } from './roadmap-tree';
import { registerStatusBar } from './status-bar';
import { WorkspaceModel } from './workspace-model';

/** The composition root: wires the features and returns at once. No workspace scan happens here. */
export function activate(context: vscode.ExtensionContext): void {
  const configs = new ConfigService();
  const model = new WorkspaceModel(configs);
  const analyses = new DocumentAnalyses(configs);
  const tree = new RoadmapTree(model, configs, context.workspaceState);
  const ruleDocs = (rule: string) => vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md').with({ fragment: rule });
  context.subscriptions.push(
    configs,
    model,
    tree,
    vscode.window.createTreeView('productDocs.roadmap', { treeDataProvider: tree, showCollapseAll: true }),
    registerDiagnostics(analyses, model, configs, ruleDocs),
    registerCodeActions(analyses),
    registerNewDocumentCommands(configs),
    registerRoadmapCommands(tree, model, analyses),
    registerConfigCommands(configs, context.extensionUri),
    registerFrontMatterHelp(analyses, configs),
    registerStatusBar(analyses),
  );
  // The config is read after activation returns; until then the defaults apply.
  void configs.loadAll();
}

export function deactivate(): void {}
