import * as vscode from 'vscode';
import type { Finding } from '../core/findings';
import { fixAll, replacementEdit } from '../core/fix-all';
import type { TextEdit } from '../core/text';
import { DIAGNOSTIC_SOURCE, toRange, toTextEdit } from './convert';
import type { DocumentAnalyses } from './document-analysis';
import { SETTINGS_SECTION } from './settings';

const APPLY_FIX = 'productDocs.applyFix';
const FIX_ALL = 'productDocs.fixAll';
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('productDocs');

/**
 * Quick fixes for every finding that has one, and a "fix all" source action. Fixes run through a
 * command that checks the document version first: a fix computed for an older text is never applied.
 */
export function registerCodeActions(analyses: DocumentAnalyses): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    async provideCodeActions(document, _range, context) {
      // Asked on every cursor move: lint only when there is something of ours to fix here.
      const ours = context.diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE);
      if (!ours && !context.only?.contains(FIX_ALL_KIND)) return [];
      await analyses.ready;
      const { findings } = analyses.analysisOf(document);
      const fixable = findings.filter((f): f is Finding & { fix: NonNullable<Finding['fix']> } => f.fix !== undefined);
      const actions: vscode.CodeAction[] = [];
      const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix);
      if (wantsQuickFix) {
        for (const diagnostic of context.diagnostics) {
          if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
          const rule = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
          for (const finding of fixable.filter((f) => f.rule === rule && f.message === diagnostic.message && toRange(f.range).isEqual(diagnostic.range))) {
            const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
            action.diagnostics = [diagnostic];
            action.isPreferred = true;
            action.command = { command: APPLY_FIX, title: finding.fix.title, arguments: [document.uri, document.version, finding.fix.edits] };
            actions.push(action);
          }
          const ownerSetting = ownerSettingAction(diagnostic, fixable, rule);
          if (ownerSetting) actions.push(ownerSetting);
        }
      }
      const wantsFixAll = context.only?.contains(FIX_ALL_KIND) || (wantsQuickFix && fixable.length > 1);
      if (wantsFixAll && fixable.length > 0) {
        const title = fixAllTitle(fixable.length);
        const action = new vscode.CodeAction(title, context.only?.contains(FIX_ALL_KIND) ? FIX_ALL_KIND : vscode.CodeActionKind.QuickFix);
        // Computed when chosen, not here: code actions are asked for on every cursor move.
        action.command = { command: FIX_ALL, title, arguments: [document.uri, document.version] };
        actions.push(action);
      }
      return actions;
    },
  };
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, provider, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
    }),
    vscode.commands.registerCommand(APPLY_FIX, applyFix),
    vscode.commands.registerCommand(FIX_ALL, async (uri: vscode.Uri, version: number) => {
      await analyses.ready;
      const document = await vscode.workspace.openTextDocument(uri);
      const text = document.getText();
      const edit = replacementEdit(text, fixAll(text, analyses.linterFor(document)));
      return edit ? applyFix(uri, version, [edit]) : false;
    }),
  );
}

function fixAllTitle(count: number): string {
  return count === 1 ? 'Fix the 1 Product Docs problem that has a fix' : `Fix all ${count} Product Docs problems that have a fix`;
}

/**
 * For a missing or empty `owner` that has no fix (the editor does not know the user's name: no
 * setting, git not ready or not used), an action that opens the setting the fix would read.
 */
function ownerSettingAction(diagnostic: vscode.Diagnostic, fixable: readonly Finding[], rule: string): vscode.CodeAction | undefined {
  if (rule !== 'missing-field' || !/\bfield "owner"/i.test(diagnostic.message)) return undefined;
  if (fixable.some((f) => f.rule === rule && f.message === diagnostic.message)) return undefined;
  const title = 'Set your name for "owner" in Settings (productDocs.owner)';
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.command = { command: 'workbench.action.openSettings', title, arguments: [`${SETTINGS_SECTION}.owner`] };
  return action;
}

/** Applies core edits to the document if it is still at `version`; returns whether it did. */
async function applyFix(uri: vscode.Uri, version: number, edits: TextEdit[]): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.version !== version) {
    void vscode.window.showWarningMessage('Product Docs: the document changed since this fix was computed, so it was not applied. Try the fix again.');
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, edits.map(toTextEdit));
  return vscode.workspace.applyEdit(edit);
}
