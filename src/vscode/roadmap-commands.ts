import * as vscode from 'vscode';
import { GROUPINGS, type Grouping } from '../core/config/config';
import type { DocumentType, FieldSpec } from '../core/config/document-types';
import { setFieldEdit, yamlScalar } from '../core/front-matter/front-matter-edits';
import { checkFieldValue, isEmptyValue, localIsoDate } from '../core/front-matter/field-values';
import { activeItemFilters, describeItemFilter, ITEM_FILTER_FIELDS, withItemFilter, type ItemFilterField } from '../core/roadmap/item-filter';
import { EXPORT_FORMATS, roadmapAsCsv, roadmapAsMarkdown, roadmapAsMermaidMarkdown, type ExportFormat } from '../core/roadmap/export';
import type { TextEdit } from '../core/text';
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
      const chosen: { field: ItemFilterField; value: string | undefined } | undefined = filter ?? (await askFilter(tree));
      if (chosen && (ITEM_FILTER_FIELDS as readonly string[]).includes(chosen.field)) await tree.setFilter(chosen.field, chosen.value);
    }),
    // With a field (e.g. from a keybinding), removes that filter only; else all of them.
    vscode.commands.registerCommand('productDocs.roadmap.clearFilter', (field?: ItemFilterField) =>
      field && (ITEM_FILTER_FIELDS as readonly string[]).includes(field) ? tree.setFilter(field, undefined) : tree.clearFilter(),
    ),
    vscode.commands.registerCommand('productDocs.roadmap.setStatus', (target?: RoadmapNode | vscode.Uri, status?: string, answers?: Record<string, string>) =>
      setStatus(analyses, model, target, status, answers),
    ),
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
        chosen === 'csv' ? roadmapAsCsv(items, today, tree.config()) : chosen === 'mermaid' ? roadmapAsMermaidMarkdown(items, tree.groupBy, tree.config(), today) : roadmapAsMarkdown(items, tree.groupBy, tree.config(), today);
      const document = await vscode.workspace.openTextDocument({ content, language: chosen === 'csv' ? 'plaintext' : 'markdown' });
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

/**
 * Asks which field to filter on and its value; a filter already in force shows its value and can be
 * removed from the same list (an answer with value undefined), so filters are added one at a time.
 */
async function askFilter(tree: RoadmapTree): Promise<{ field: ItemFilterField; value: string | undefined } | undefined> {
  const current = tree.filter;
  const fields: { label: string; field: ItemFilterField; hint?: string }[] = [
    { label: 'Text', field: 'text', hint: 'title, owner, theme, id or file contains…' },
    { label: 'Status', field: 'status' },
    { label: 'Owner', field: 'owner' },
    { label: 'Theme', field: 'theme' },
  ];
  const removals = activeItemFilters(current).map(([field, value]) => ({ label: `Remove the ${field} filter`, description: value, field, remove: true }));
  const picked = await vscode.window.showQuickPick(
    [
      ...fields.map(({ label, field, hint }) => ({ label, description: current[field] !== undefined ? `now: ${current[field]}` : (hint ?? ''), field, remove: false })),
      ...(removals.length > 0 ? [{ label: '', kind: vscode.QuickPickItemKind.Separator, field: 'text' as const, remove: false }, ...removals] : []),
    ],
    { title: activeItemFilters(current).length > 0 ? `Filter the roadmap (now ${describeItemFilter(current)})` : 'Filter the roadmap by' },
  );
  if (!picked) return undefined;
  const field = picked.field;
  if (picked.remove) return { field, value: undefined };
  if (field === 'text') {
    const value = await vscode.window.showInputBox({ title: 'Filter the roadmap', prompt: 'Show items whose title, owner, theme, id or file contains', value: current.text ?? '' });
    return value?.trim() ? { field, value: value.trim() } : undefined;
  }
  // The values the other filters leave, so every choice shows something.
  const others = withItemFilter(current, field, undefined);
  const values = [...new Set(tree.visibleItems(others).map(({ item }) => item[field]).filter((v): v is string => v !== undefined))].sort();
  const value = await vscode.window.showQuickPick(values, { title: `Show items whose ${field} is` });
  return value ? { field, value } : undefined;
}

/**
 * Edits `status:` in place through a WorkspaceEdit: undoable, and on top of any unsaved text. When
 * the type's `requireWhen` makes the new status need fields the document lacks (approvers once
 * approved), asks for each first and writes them in the same edit; `answers` gives them without asking.
 */
async function setStatus(
  analyses: DocumentAnalyses,
  model: WorkspaceModel,
  target: RoadmapNode | vscode.Uri | undefined,
  status: string | undefined,
  answers: Record<string, string> = {},
): Promise<boolean> {
  const uri = target instanceof vscode.Uri ? target : target?.kind === 'item' ? target.entry.uri : vscode.window.activeTextEditor?.document.uri;
  if (!uri) return false;
  await analyses.ready;
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
  const values: [name: string, valueText: string][] = [['status', chosen]];
  for (const name of fieldsTheStatusNeeds(type, current.frontMatter?.data ?? {}, chosen)) {
    const spec = type.fields[name] ?? { description: `The "${name}" field.`, kind: 'string' as const, required: false };
    const given = answers[name] ?? (await askFieldValue(name, spec, chosen));
    const problem = given === undefined ? undefined : fieldAnswerProblem(name, given, spec);
    if (given === undefined || problem) {
      void vscode.window.showInformationMessage(`Product Docs: the status was not changed: "${chosen}" requires ${name}${problem ? ` (${problem})` : ', and none was given'}.`);
      return false;
    }
    values.push([name, fieldAnswerYaml(given, spec)]);
  }
  const textEdits = values.map(([name, valueText]) => setFieldEdit(current, name, valueText));
  if (textEdits.some((e) => e === undefined) || document.version !== version) {
    void vscode.window.showWarningMessage('Product Docs: the status could not be set: the front matter is not closed YAML, its status spans several lines, or the document changed meanwhile.');
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, mergeInsertions(textEdits as TextEdit[]).map(toTextEdit));
  const applied = await vscode.workspace.applyEdit(edit);
  // A file that was not open with unsaved changes is saved, so the roadmap and git see the change.
  if (applied && !wasDirty) await document.save();
  if (applied && !wasOpen) await model.flush();
  return applied;
}

/** Fields that `requireWhen` makes required once status is `status`, and that are missing or empty now. */
function fieldsTheStatusNeeds(type: DocumentType, data: Record<string, unknown>, status: string): string[] {
  const needed = type.conditions.filter((c) => c.field === 'status' && c.values.includes(status)).flatMap((c) => c.require);
  return [...new Set(needed)].filter((name) => name !== 'status' && isEmptyValue(data[name]));
}

function askFieldValue(name: string, spec: FieldSpec, status: string): Thenable<string | undefined> {
  const list = spec.kind === 'list';
  return vscode.window.showInputBox({
    title: `Status "${status}" requires ${name}`,
    prompt: `${spec.description}${list ? ' Separate several with commas.' : ''}${spec.values ? ` One of: ${spec.values.join(', ')}.` : ''} Press Escape to leave the status as it is.`,
    placeHolder: list ? 'Ana Diaz, Ben Ng' : spec.kind === 'date' ? 'YYYY-MM-DD' : spec.kind === 'quarter' ? 'YYYY-Qn' : '',
    ignoreFocusOut: true,
    validateInput: (text) => fieldAnswerProblem(name, text, spec),
  });
}

/** The answer as the value the lint would read: a list from comma-separated parts, a boolean, or text. */
function fieldAnswerValue(text: string, spec: FieldSpec): unknown {
  if (spec.kind === 'list') return text.split(',').map((part) => part.trim()).filter(Boolean);
  if (spec.kind === 'boolean' && /^(true|false)$/i.test(text.trim())) return text.trim().toLowerCase() === 'true';
  return text.trim();
}

/** Why the answer would not satisfy the lint (empty, not allowed, badly formed), or undefined. */
function fieldAnswerProblem(name: string, text: string, spec: FieldSpec): string | undefined {
  const value = fieldAnswerValue(text, spec);
  if (isEmptyValue(value)) return `Give ${name} a value.`;
  return checkFieldValue(name, value, spec)?.message;
}

function fieldAnswerYaml(text: string, spec: FieldSpec): string {
  const value = fieldAnswerValue(text, spec);
  if (Array.isArray(value)) return `[${value.map((item) => yamlScalar(String(item))).join(', ')}]`;
  return typeof value === 'boolean' ? String(value) : yamlScalar(String(value));
}

/** Several fields added before the closing fence insert at one point: one edit, in order. */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const empty = (e: TextEdit) => e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character;
    const same = merged.find((m) => empty(m) && empty(edit) && m.range.start.line === edit.range.start.line && m.range.start.character === edit.range.start.character);
    if (same) same.newText += edit.newText;
    else merged.push({ range: edit.range, newText: edit.newText });
  }
  return merged;
}
