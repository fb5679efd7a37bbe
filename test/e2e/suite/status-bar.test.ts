import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, productDocs, productDocsDiagnostics, waitFor, workspaceUri, writeText } from './helpers';
import { workbenchElements } from './screenshot';

/** The text of Product Docs' status bar entry as the workbench shows it; null when it is hidden. */
async function shown(): Promise<string | null | undefined> {
  const entries = await workbenchElements('.statusbar-item');
  if (!entries) return undefined; // no harness (desktop runner): nothing to read
  return entries.find((entry) => entry.id.endsWith('.productDocs.status'))?.text.replace(/\s+/g, ' ') ?? null;
}

describe('Status bar', () => {
  before(productDocs);
  afterEach(closeAllEditors);

  it('shows the type and sections of the active product document, its problem counts, and hides for other files', async function () {
    if ((await shown()) === undefined) this.skip();
    await vscode.window.showTextDocument(workspaceUri('docs', 'checkout-redesign.md'));
    await waitFor('"PRD 6/6 written" for a complete PRD', async () => (await shown()) === 'PRD 6/6 written');

    const uri = workspaceUri('docs', 'status-bar.md');
    await writeText(uri, '---\ntype: prd\ntitle: Status\nstatus: draft\nowner: Kim\n---\n\n## Problem\n\nTBD\n');
    const editor = await vscode.window.showTextDocument(uri);
    const diagnostics = await waitFor('its diagnostics', () => productDocsDiagnostics(uri).length > 0 && productDocsDiagnostics(uri));
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diagnostics.length - errors;
    assert.ok(errors > 0 && warnings > 0, `missing sections (errors) and a placeholder (warning): ${errors}, ${warnings}`);
    // The error and warning icons are not text: their counts follow the sections.
    await waitFor(`"PRD 1/6 written ${errors} ${warnings}"`, async () => (await shown()) === `PRD 1/6 written ${errors} ${warnings}`);

    // Typing a section in updates it (after a short pause), without saving.
    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\n## Goals\n\n- Fewer abandoned carts.\n'));
    await waitFor('"PRD 2/6 written" once a section is typed', async () => (await shown())?.startsWith('PRD 2/6 written'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);

    await vscode.window.showTextDocument(workspaceUri('README.md'));
    await waitFor('the entry hidden for a README', async () => (await shown()) === null);
  });
});
