import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { takeScreenshot } from './screenshot';

const extensionId = 'productdocs.product-docs';

describe('Product Docs in a real VS Code', () => {
  it('is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among the loaded extensions (extensionDevelopmentPath)`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('opens the fixture workspace with its product docs', async () => {
    const docs = await vscode.workspace.findFiles('docs/**/*.md');
    assert.ok(docs.length >= 2, `expected the fixture's docs/*.md, found ${docs.length}`);
  });

  it('shows a PRD in the workbench (screenshot "workbench")', async () => {
    const [prd] = await vscode.workspace.findFiles('docs/checkout-redesign.md');
    assert.ok(prd, 'the fixture docs/checkout-redesign.md is missing');
    const editor = await vscode.window.showTextDocument(prd);
    assert.equal(editor.document.uri.toString(), prd.toString());
    assert.match(editor.document.getText(), /^type: prd$/m);

    const screenshot = await takeScreenshot('workbench');
    if (screenshot !== undefined) {
      assert.ok(fs.statSync(screenshot).size > 10_000, `${screenshot} is too small to hold the workbench`);
    }
  });
});
