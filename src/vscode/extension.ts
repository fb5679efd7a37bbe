import * as vscode from 'vscode';
import { nodeWorkspacePort } from '../cli/node-workspace-port';
import { registerCodeActions } from './code-actions';
import { registerConfigCommands } from './config-commands';
import { ConfigService } from './config-service';
import { registerDiagnostics, ruleDocsLinks } from './diagnostics';
import { DocumentAnalyses } from './document-analysis';
import { registerFrontMatterHelp } from './front-matter-help';
import { registerNewDocumentCommands } from './new-document';
import { OwnerName } from './owner';
import { registerRoadmapCommands } from './roadmap-commands';
import { createRoadmapView, RoadmapTree } from './roadmap-tree';
import { registerStatusBar } from './status-bar';
import { WorkspaceModel } from './workspace-model';
import { EditorPorts } from './workspace-ports';

/** What activate() returns: a read-only view for tests and for other extensions. */
export interface ProductDocsApi {
  /** The roadmap as the view shows it now (grouping and filter applied). */
  roadmap(): Promise<{ label: string; items: { title: string; status: string; uri: string; problems: number | undefined }[] }[]>;
  /** Resolves once queued file changes are applied to the roadmap model and its documents are linted. */
  settled(): Promise<void>;
  /** Fires after each roadmap model update (a burst of file changes should make few). */
  onDidUpdate: vscode.Event<void>;
  /** Files the workspace scan skipped, with why (too large, binary). */
  skipped(): { uri: string; reason: string }[];
  /** Analyses of open documents so far and the longest, in ms (the work typing costs). */
  lintStats(): { count: number; longestMs: number };
  /** How long activate() took, in milliseconds. */
  activationMs: number;
}

/** The composition root: wires the features and returns at once. No workspace scan happens here. */
export function activate(context: vscode.ExtensionContext): ProductDocsApi {
  const started = performance.now();
  // The desktop and remote extension hosts have Node: local files are read with it (see workspace-ports.ts).
  const ports = new EditorPorts(nodeWorkspacePort({ blocking: false }));
  // Starts reading every folder's config; `configs.ready` is what commands and providers wait for.
  const configs = new ConfigService(ports);
  const owner = new OwnerName();
  const analyses = new DocumentAnalyses(configs, owner);
  const log = vscode.window.createOutputChannel('Product Docs', { log: true });
  const model = new WorkspaceModel(configs, analyses, log, ports);
  const tree = new RoadmapTree(model, configs, context.workspaceState);
  const ruleDocs = ruleDocsLinks(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md'));
  context.subscriptions.push(
    configs,
    model,
    tree,
    log,
    createRoadmapView(tree, model, configs),
    registerDiagnostics(analyses, model, configs, ruleDocs),
    registerCodeActions(analyses),
    registerNewDocumentCommands(configs, owner),
    registerRoadmapCommands(tree, model, analyses),
    registerConfigCommands(configs, context.extensionUri),
    registerFrontMatterHelp(configs),
    registerStatusBar(analyses),
  );
  const configLoaded = configs.ready;
  // Known before the first quick fix is asked for; not on activation's path.
  void configLoaded.then(() => owner.resolve());
  const activationMs = performance.now() - started;
  return {
    activationMs,
    onDidUpdate: model.onDidChange,
    lintStats: () => ({ ...analyses.stats }),
    skipped: () => [...model.skipped.values()].map(({ uri, reason }) => ({ uri: uri.toString(), reason })),
    async roadmap() {
      await configLoaded;
      const groups = await tree.getChildren();
      return groups.flatMap((node) =>
        node.kind === 'group'
          ? [{ label: node.group.label, items: node.members.map(({ item, uri }) => ({ title: item.title, status: item.status, uri: uri.toString(), problems: model.lintedProblemsOf(uri) })) }]
          : [],
      );
    },
    async settled() {
      await configLoaded;
      await model.ensureScanned();
      await model.flush();
      await model.lintAll();
    },
  };
}

export function deactivate(): void {}
