import * as vscode from 'vscode';
import { parseDocumentHeader } from '../core/document';
import type { ConfigService } from './config-service';
import { toDiagnostic } from './convert';
import { isMarkdown, type DocumentAnalyses } from './document-analysis';
import { settings } from './settings';
import type { WorkspaceModel } from './workspace-model';

/** The link a diagnostic's rule code opens; `whenLoaded` resolves once links point at their heading. */
export interface RuleDocs {
  (rule: string): vscode.Uri;
  whenLoaded(): Promise<void>;
}

/**
 * Links each rule to its own `## <rule>` heading in the rule docs. VS Code's opener selects the
 * line a `#L<n>` fragment names on a file URI (1-based), while a `#<rule>` fragment is ignored and
 * opens line 1. The docs are read once, when the first link is asked for; until then (and for a
 * rule without a heading) a link opens the top of the page.
 */
export function ruleDocsLinks(rulesDoc: vscode.Uri): RuleDocs {
  let headingLines = new Map<string, number>();
  let loading: Promise<void> | undefined;
  const load = () =>
    (loading ??= Promise.resolve(vscode.workspace.fs.readFile(rulesDoc)).then(
      (bytes) => {
        const doc = parseDocumentHeader(new TextDecoder().decode(bytes));
        headingLines = new Map(doc.headings.filter((h) => h.depth === 2).map((h) => [h.text.trim(), doc.lines.positionAt(h.start).line + 1]));
      },
      () => undefined, // no docs shipped: links open the top of the page
    ));
  const link = (rule: string) => {
    void load();
    const line = headingLines.get(rule);
    return line === undefined ? rulesDoc : rulesDoc.with({ fragment: `L${line}` });
  };
  return Object.assign(link, { whenLoaded: load });
}

/** Typing pauses this long before a document is linted again. */
export const LINT_DEBOUNCE_MS = 250;

/**
 * Keeps the Problems panel current: open product documents are linted on open, as you type
 * (debounced, from the unsaved text) and on save; in workspace mode every product document's
 * findings are shown from the workspace model.
 */
export function registerDiagnostics(analyses: DocumentAnalyses, model: WorkspaceModel, configs: ConfigService, ruleDocs: RuleDocs): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('productDocs');
  const timers = new Map<vscode.TextDocument, ReturnType<typeof setTimeout>>();
  let workspaceWide = settings().lintWorkspace;
  // Nothing is linted before the workspace's config is read: the defaults would show wrong problems.
  let configReady = false;

  const lintNow = (document: vscode.TextDocument) => {
    const timer = timers.get(document);
    if (timer) clearTimeout(timer);
    timers.delete(document);
    if (!isMarkdown(document) || document.isClosed || !configReady) return;
    const { findings } = analyses.analysisOf(document);
    collection.set(document.uri, findings.map((f) => toDiagnostic(f, ruleDocs)));
  };
  const lintSoon = (document: vscode.TextDocument) => {
    const timer = timers.get(document);
    if (timer) clearTimeout(timer);
    // Stale work is dropped: only the latest version is linted, once typing pauses.
    timers.set(document, setTimeout(() => lintNow(document), LINT_DEBOUNCE_MS));
  };
  const lintOpenDocuments = () => vscode.workspace.textDocuments.forEach(lintNow);
  // Shows what the background lint has reached; called again as it reaches more.
  const showWorkspace = () => {
    if (!workspaceWide) return;
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const entries: [vscode.Uri, vscode.Diagnostic[]][] = [];
    for (const [uri, findings] of model.findings()) {
      if (open.has(uri.toString())) continue;
      // A document still waiting for the background lint keeps what it showed: no flicker.
      entries.push([uri, findings ? findings.map((f) => toDiagnostic(f, ruleDocs)) : [...(collection.get(uri) ?? [])]]);
    }
    collection.clear();
    collection.set(entries);
    lintOpenDocuments();
  };

  const subscriptions = [
    collection,
    vscode.workspace.onDidOpenTextDocument(lintNow),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (isMarkdown(event.document) && event.contentChanges.length > 0 && settings().lintOnType) lintSoon(event.document);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (settings().lintOnSave) lintNow(document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const timer = timers.get(document);
      if (timer) clearTimeout(timer);
      timers.delete(document);
      if (!workspaceWide) collection.delete(document.uri);
    }),
    // VS Code may keep a document alive for a while after its last editor closes; to the user,
    // closing the tab is closing the document.
    vscode.window.tabGroups.onDidChangeTabs((event) => {
      if (workspaceWide || event.closed.length === 0) return;
      const shown = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tabUri(tab)?.toString())));
      for (const tab of event.closed) {
        const uri = tabUri(tab);
        if (uri && !shown.has(uri.toString()) && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) collection.delete(uri);
      }
    }),
    vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => collection.delete(uri))),
    configs.onDidChange(() => {
      analyses.invalidate();
      workspaceWide = settings().lintWorkspace;
      if (workspaceWide) void model.ensureScanned();
      else collection.clear();
      lintOpenDocuments();
    }),
    model.onDidChange(showWorkspace),
    model.onDidLint(showWorkspace),
    vscode.commands.registerCommand('productDocs.lintWorkspace', async () => {
      await configs.ready;
      workspaceWide = true;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Product Docs: linting the workspace' }, () => model.ensureScanned());
      showWorkspace();
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
    { dispose: () => timers.forEach((timer) => clearTimeout(timer)) },
  ];
  void configs.ready.then(() => {
    configReady = true;
    lintOpenDocuments();
  });
  if (workspaceWide) void model.ensureScanned();
  // Diagnostics shown before the rule docs were read link to the top of the page: relink them.
  let disposed = false;
  void ruleDocs.whenLoaded().then(() => {
    if (disposed) return;
    if (workspaceWide) showWorkspace();
    else lintOpenDocuments();
  });
  return vscode.Disposable.from(...subscriptions, { dispose: () => (disposed = true) });
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
}
