import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, productDocs, productDocsDiagnostics, readText, waitFor, workspaceUri, writeText } from './helpers';

// Last of the suites (files run in name order): it turns workspace-wide lint on.
describe('Workspace-wide lint', () => {
  after(async () => {
    // A settings change re-reads the mode: back to open documents only.
    await vscode.workspace.getConfiguration('productDocs').update('lint.workspace', false, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  it('productDocs.lintWorkspace shows the problems of documents never opened, and follows them on disk', async () => {
    const api = await productDocs();
    const uri = workspaceUri('docs', 'never-opened.md');
    await writeText(uri, '---\ntype: prd\ntitle: Never opened\nstatus: draft\nowner: Kim\n---\n\n## Problem\n\nTBD\n');
    await api.settled();
    await vscode.commands.executeCommand('productDocs.lintWorkspace');
    const shown = await waitFor('diagnostics of a document that was never opened', () => productDocsDiagnostics(uri).length || undefined);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the document was never opened');
    const counted = (await api.roadmap()).flatMap((g) => g.items).find((i) => i.title === 'Never opened')?.problems;
    assert.equal(counted, shown, 'the roadmap counts what the Problems panel shows');
    await writeText(uri, (await readText(workspaceUri('docs', 'checkout-redesign.md'))).replace(/^title: .*$/m, 'title: Never opened'));
    await waitFor('its diagnostics to clear once fixed on disk', () => productDocsDiagnostics(uri).length === 0);
    await writeText(uri, '---\ntype: prd\ntitle: Never opened\nstatus: draft\nowner: Kim\n---\n');
    await waitFor('its diagnostics back after a change on disk', () => productDocsDiagnostics(uri).length > 0);
    await vscode.workspace.fs.delete(uri);
    await waitFor('its diagnostics gone with the file', () => productDocsDiagnostics(uri).length === 0);
  });
});
