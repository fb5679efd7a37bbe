// Runs first (file order): the README's screenshots, on the bundled example docs copied into the
// fixture workspace before any other test has added files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { productDocs, productDocsDiagnostics, ruleOf, waitFor, workspaceUri } from './helpers';
import { takeScreenshot } from './screenshot';

/** The repo's examples/docs, next to the compiled suite in out/e2e/suite. */
const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples', 'docs');

describe('A tour of the example docs (README screenshots)', () => {
  before(async () => {
    for (const file of fs.readdirSync(EXAMPLES, { recursive: true }) as string[]) {
      const source = path.join(EXAMPLES, file);
      if (!fs.statSync(source).isFile()) continue;
      await vscode.workspace.fs.writeFile(workspaceUri('docs', 'examples', ...file.split(path.sep)), fs.readFileSync(source));
    }
  });

  it('roadmap grouped by horizon, with a PRD open (screenshot "tour-roadmap")', async () => {
    const api = await productDocs();
    await vscode.commands.executeCommand('productDocs.roadmap.groupBy', 'horizon');
    const groups = await waitFor('the examples on the roadmap', async () => {
      await api.settled();
      const found = await api.roadmap();
      return found.some((g) => g.items.some((i) => i.title === 'One-click checkout')) && found;
    });
    assert.deepEqual(groups.map((g) => g.label).slice(0, 4), ['Now', 'Next', 'Later', 'Done']);
    await vscode.commands.executeCommand('productDocs.roadmap.focus');
    await vscode.window.showTextDocument(workspaceUri('docs', 'examples', 'prds', 'one-click-checkout.md'));
    await takeScreenshot('tour-roadmap');
  });

  it('a document with problems and the quick-fix menu (screenshot "tour-diagnostics")', async () => {
    const uri = workspaceUri('docs', 'examples', 'needs-work.md');
    const editor = await vscode.window.showTextDocument(uri);
    const diagnostic = await waitFor('an invalid status', () => productDocsDiagnostics(uri).find((d) => ruleOf(d) === 'invalid-field' && d.message.includes('status')));
    editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.quickFix');
    await new Promise((resolve) => setTimeout(resolve, 800));
    await takeScreenshot('tour-diagnostics');
    await vscode.commands.executeCommand('hideCodeActionWidget');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
