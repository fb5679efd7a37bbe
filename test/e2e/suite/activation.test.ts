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

  it('runs from the package under test: the installed .vsix, or the repository folder', () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    // The harness sets E2E_VSIX when it installed the package with --install-extension.
    if (process.env['E2E_VSIX']) assert.match(extension.extensionPath, /[\\/]extensions[\\/]productdocs\.product-docs-[^\\/]+$/);
    else assert.ok(fs.existsSync(`${extension.extensionPath}/src/vscode/extension.ts`), `${extension.extensionPath} is not the repository`);
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

describe('The shipped README', () => {
  it('has every image it shows inside the extension, linked relatively', () => {
    const { extensionPath } = vscode.extensions.getExtension(extensionId)!;
    const readme = fs.readdirSync(extensionPath).find((name) => name.toLowerCase() === 'readme.md');
    assert.ok(readme, `no README in ${extensionPath}`);
    const images = [...fs.readFileSync(`${extensionPath}/${readme}`, 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]!);
    assert.ok(images.length >= 3, `found ${images.length} images in the README`);
    for (const image of images) {
      assert.doesNotMatch(image, /^[a-z]+:/i, `${image} is not relative: it would not show offline`);
      assert.ok(fs.existsSync(`${extensionPath}/${image}`), `${image} is not in the package`);
    }
  });
});
