import * as vscode from 'vscode';
import { GROUPINGS, type Grouping } from '../core/config/config';
import { setFieldEdit } from '../core/front-matter/front-matter-edits';
import { localIsoDate } from '../core/front-matter/field-values';
import { EXPORT_FORMATS, roadmapAsCsv, roadmapAsMarkdown, roadmapAsMermaid, type ExportFormat } from '../core/roadmap/export';
import { toTextEdit } from './convert';
import type { DocumentAnalyses } from './document-analysis';
import type { RoadmapFilter, RoadmapNode, RoadmapTree } from './roadmap-tree';
import type { WorkspaceModel } from './workspace-model';

const GROUPING_LABELS: Record<Grouping, string> = {
  status: 'Status',
  quarter: 'Quarter',
  horizon: 'Horizon (Now / Next / Later / Done)',
  owner: 'Owner',
  theme: 'Theme',
  type: 'Document type',
};

/** The roadmap view's commands. Each takes its answer as an argument too (for tests and keybindings). */
export function registerRoadmapCommands(tree: RoadmapTree, model: WorkspaceModel, analyses: DocumentAnalyses): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('productDocs.roadmap.refresh', () => model.rescan().then(() => model.ensureScanned())),
    vscode.commands.registerCommand('productDocs.roadmap.groupBy', async (grouping?: Grouping) => {
      const chosen = grouping ?? (await vscode.window.showQuickPick(
        GROUPINGS.map((g) => ({ label: GROUPING_LABELS[g], description: g === tree.groupBy ? 'current' : '', grouping: g })),
        { title: 'Group the roadmap by' },
      ))?.grouping;
      if (chosen && (GROUPINGS as readonly string[]).includes(chosen)) await tree.setGroupBy(chosen);
    }),
    vscode.commands.registerCommand('productDocs.roadmap.filter', async (filter?: RoadmapFilter) => {
      const chosen = filter ?? (await askFilter(tree));
      if (chosen) await tree.setFilter(chosen);
    }),
    vscode.commands.registerCommand('productDocs.roadmap.clearFilter', () => tree.setFilter(undefined)),
    vscode.commands.registerCommand('productDocs.roadmap.setStatus', (target?: RoadmapNode | vscode.Uri, status?: string) => setStatus(analyses, model, target, status)),
    vscode.commands.registerCommand('productDocs.roadmap.export', async (format?: ExportFormat) => {
      await model.ensureScanned();
      const chosen = format ?? (await vscode.window.showQuickPick(
        [
          { label: 'Markdown table', format: 'markdown' as const },
          { label: 'CSV', format: 'csv' as const },
          { label: 'Mermaid gantt chart', format: 'mermaid' as const },
        ],
        { title: 'Export the roadmap as' },
      ))?.format;
      if (!chosen || !(EXPORT_FORMATS as readonly string[]).includes(chosen)) return undefined;
      const items = tree.visibleItems().map(({ item, uri }) => ({ ...item, problems: model.problemsOf(uri) }));
      const today = localIsoDate(new Date());
      const content =
        chosen === 'csv' ? roadmapAsCsv(items, today, tree.config()) : chosen === 'mermaid' ? roadmapAsMermaid(items, tree.groupBy, tree.config()) : roadmapAsMarkdown(items, tree.groupBy, tree.config(), today);
      const document = await vscode.workspace.openTextDocument({ content, language: chosen === 'markdown' ? 'markdown' : 'plaintext' });
      await vscode.window.showTextDocument(document);
      return document;
    }),
    vscode.commands.registerCommand('productDocs.roadmap.revealInExplorer', (node?: RoadmapNode) => {
      if (node?.kind === 'item') return vscode.commands.executeCommand('revealInExplorer', node.entry.uri);
      return undefined;
    }),
    vscode.commands.registerCommand('productDocs.roadmap.copyPath', async (node?: RoadmapNode) => {
      if (node?.kind !== 'item') return;
      await vscode.env.clipboard.writeText(vscode.workspace.asRelativePath(node.entry.uri, false));
    }),
  );
}

async function askFilter(tree: RoadmapTree): Promise<RoadmapFilter | undefined> {
  const field = (await vscode.window.showQuickPick(
    [
      { label: 'Text', description: 'title, owner, theme, id or file contains…', field: 'text' as const },
      { label: 'Status', field: 'status' as const },
      { label: 'Owner', field: 'owner' as const },
      { label: 'Theme', field: 'theme' as const },
    ],
    { title: 'Filter the roadmap by' },
  ))?.field;
  if (!field) return undefined;
  if (field === 'text') {
    const value = await vscode.window.showInputBox({ title: 'Filter the roadmap', prompt: 'Show items whose title, owner, theme, id or file contains' });
    return value?.trim() ? { field, value: value.trim() } : undefined;
  }
  const values = [...new Set(tree.visibleItems().map(({ item }) => item[field]).filter((v): v is string => v !== undefined))].sort();
  const value = await vscode.window.showQuickPick(values, { title: `Show items whose ${field} is` });
  return value ? { field, value } : undefined;
}

/** Edits `status:` in place through a WorkspaceEdit: undoable, and on top of any unsaved text. */
async function setStatus(analyses: DocumentAnalyses, model: WorkspaceModel, target: RoadmapNode | vscode.Uri | undefined, status: string | undefined): Promise<boolean> {
  const uri = target instanceof vscode.Uri ? target : target?.kind === 'item' ? target.entry.uri : vscode.window.activeTextEditor?.document.uri;
  if (!uri) return false;
  const wasOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  const document = await vscode.workspace.openTextDocument(uri);
  const wasDirty = document.isDirty;
  // The analysis of this very version: its parse is what the edit is computed from.
  const { type, doc: current } = analyses.analysisOf(document);
  if (!type) {
    void vscode.window.showWarningMessage(`Product Docs: ${vscode.workspace.asRelativePath(uri)} is not a product document (no known "type:").`);
    return false;
  }
  const version = document.version;
  const statuses = type.fields['status']?.values ?? [];
  const chosen = status ?? (await vscode.window.showQuickPick(
    statuses.map((s) => ({ label: s, description: s === current.frontMatter?.data['status'] ? 'current' : '' })),
    { title: `Set the status of "${String(current.frontMatter?.data['title'] ?? vscode.workspace.asRelativePath(uri))}"` },
  ))?.label;
  if (!chosen) return false;
  const textEdit = setFieldEdit(current, 'status', chosen);
  if (!textEdit || document.version !== version) {
    void vscode.window.showWarningMessage('Product Docs: the status could not be set: the front matter is not closed YAML, its status spans several lines, or the document changed meanwhile.');
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, [toTextEdit(textEdit)]);
  const applied = await vscode.workspace.applyEdit(edit);
  // A file that was not open with unsaved changes is saved, so the roadmap and git see the change.
  if (applied && !wasDirty) await document.save();
  if (applied && !wasOpen) await model.flush();
  return applied;
}
