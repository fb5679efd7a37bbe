import * as vscode from 'vscode';
import { matchSections } from '../core/markdown/sections';
import { requiredSectionsWritten } from '../core/rules/empty-section';
import { isMarkdown, type DocumentAnalyses } from './document-analysis';

/** For the active product document: its type, sections written, and problems at a glance. */
export function registerStatusBar(analyses: DocumentAnalyses): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('productDocs.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Product Docs';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    const analysis = document && isMarkdown(document) ? analyses.analysisOf(document) : undefined;
    if (!analysis?.isProductDocument) {
      item.hide();
      return;
    }
    const errors = analysis.findings.filter((f) => f.severity === 'error').length;
    const others = analysis.findings.length - errors;
    const parts = [`$(book) ${analysis.type?.label ?? 'Unknown type'}`];
    let progress = '';
    if (analysis.type) {
      // Written, not merely present: an untouched template has every heading and nothing written.
      const { written, required } = requiredSectionsWritten(analysis.doc, analysis.type, matchSections(analysis.doc, analysis.type));
      parts.push(`${written}/${required} written`);
      progress = ` ${written} of ${required} required sections written.`;
    }
    if (analysis.findings.length === 0) parts.push('$(check)');
    if (errors > 0) parts.push(`$(error) ${errors}`);
    if (others > 0) parts.push(`$(warning) ${others}`);
    item.text = parts.join('  ');
    item.tooltip = `Product Docs:${progress} ${analysis.findings.length === 0 ? 'No problems' : `${errors} errors, ${others} warnings`}. Click to show the Problems panel.`;
    item.show();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const updateSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, 300);
  };
  // Until the config is read a custom type would show as unknown: shown once it is.
  void analyses.ready.then(update);
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) updateSoon();
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
}
