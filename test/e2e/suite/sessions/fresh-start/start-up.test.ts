// A fresh window on a workspace holding only a .product-docs.yaml (custom type "rfc", docsFolder
// "specs"), where nothing ran before these tests: the start-up race and workspaceContains activation.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, readText, waitFor, workspaceUri } from '../../helpers';
import { workbenchElements } from '../../screenshot';

describe('A fresh window on a workspace with only a .product-docs.yaml', () => {
  // No await may come before the command: it has to be the very first thing asked of the extension.
  it('New Document… as the very first action offers the custom type and writes into its docsFolder', async () => {
    const pending = vscode.commands.executeCommand<vscode.Uri | undefined>('productDocs.newDocument', { title: 'First thing' });
    const rows = await waitFor('the type picker', async () => {
      const found = (await workbenchElements('.quick-input-widget .monaco-list-row'))?.map((e) => e.text);
      return found && found.length > 0 && found;
    });
    const rfc = rows.findIndex((text) => text.startsWith('RFC'));
    assert.ok(rfc >= 0, `the custom type RFC is not in the picker: ${JSON.stringify(rows)}`);
    for (let i = 0; i < rfc; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const uri = await pending;
    assert.ok(uri, 'no document was written');
    assert.equal(uri.toString(), workspaceUri('specs', 'first-thing.md').toString());
    // The editor saves the new document (and auto-save may save it again): read it once a save is through.
    const text = await waitFor('the new document on disk', async () => {
      const written = await readText(uri);
      return written.length > 0 && written;
    });
    assert.match(text, /^type: rfc$/m);
    assert.match(text, /^## Motivation$/m);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('was activated by workspaceContains:.product-docs.yaml, with no markdown opened first', async () => {
    // The first test ran a command and opened a markdown file, either of which activates the
    // extension too: what counts is whether it was active before any test ran.
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    assert.equal(extension.isActive, true);
    assert.equal(activatedAtStart, true, 'the extension was not active before the first test ran');
  });
});

// Read when this file is loaded, before any test runs: the eager activation events have been
// handled by then (the extension host starts the tests after them), and nothing asked for a command
// or opened a markdown file yet.
const activatedAtStart = vscode.extensions.getExtension(EXTENSION_ID)?.isActive === true;
