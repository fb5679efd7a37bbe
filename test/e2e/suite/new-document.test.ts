import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, productDocs, readText, waitFor, workspaceUri, writeText } from './helpers';
import { takeScreenshot } from './screenshot';

describe('New document commands', () => {
  before(async () => {
    await productDocs();
  });
  afterEach(closeAllEditors);

  const cases: [command: string, type: string, title: string, sections: string[]][] = [
    ['productDocs.newPrd', 'prd', 'Search suggestions v2', ['Problem', 'Goals', 'Non-goals', 'Requirements', 'Success metrics', 'Open questions']],
    ['productDocs.newPrFaq', 'prfaq', 'Voice ordering', ['Press release', 'External FAQ', 'Internal FAQ']],
    ['productDocs.newLessonsLearned', 'lessons-learned', 'Outage: 3 March', ['Summary', 'Impact', 'Timeline', 'Root cause', 'Action items', 'Lessons learned']],
  ];
  for (const [command, type, title, sections] of cases) {
    it(`${command} writes docs/<slug>.md with front matter and every ${type} section`, async () => {
      const uri = (await vscode.commands.executeCommand<vscode.Uri>(command, { title }))!;
      assert.ok(uri, `${command} returned no file`);
      assert.match(uri.path, /\/docs\/[a-z0-9-]+\.md$/);
      const text = await readText(uri);
      assert.match(text, new RegExp(`^type: ${type}$`, 'm'));
      assert.match(text, /^status: draft$/m);
      assert.match(text, /^created: \d{4}-\d{2}-\d{2}$/m);
      assert.ok(text.includes(`title: ${title.includes(':') ? JSON.stringify(title) : title}`), `title missing in:\n${text}`);
      for (const section of sections) assert.match(text, new RegExp(`^## ${section}$`, 'm'), `section ${section} missing`);
    });
  }

  it('never overwrites: the same title gets -2, and the first file is unchanged', async () => {
    const first = (await vscode.commands.executeCommand<vscode.Uri>('productDocs.newPrd', { title: 'Duplicate title' }))!;
    const before = await readText(first);
    const second = (await vscode.commands.executeCommand<vscode.Uri>('productDocs.newPrd', { title: 'Duplicate title' }))!;
    assert.ok(first.path.endsWith('/docs/duplicate-title.md'), first.path);
    assert.ok(second.path.endsWith('/docs/duplicate-title-2.md'), second.path);
    assert.equal(await readText(first), before);
  });

  it('opens the new document with the first guidance line selected (a snippet tab stop)', async () => {
    const uri = (await vscode.commands.executeCommand<vscode.Uri>('productDocs.newPrd', { title: 'Cursor lands on Problem' }))!;
    const editor = await waitFor('the new document in the active editor', () => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() && vscode.window.activeTextEditor);
    const selected = editor.document.getText(editor.selection);
    assert.equal(selected, '_What problem are we solving, for whom, and how do we know it matters?_');
    assert.equal(editor.document.isDirty, false, 'the new document should be saved');
    await takeScreenshot('new-document');
  });

  it("uses the workspace's own template from .product-docs/templates/<type>.md", async () => {
    const template = workspaceUri('.product-docs', 'templates', 'prd.md');
    await writeText(template, '---\ntype: prd\ntitle: {{title}}\nstatus: draft\nowner: {{owner}}\ncreated: {{date}}\n---\n\n# {{title}} ({{slug}})\n\n## Problem\n\nOur own template.\n');
    try {
      const uri = (await vscode.commands.executeCommand<vscode.Uri>('productDocs.newPrd', { title: 'From: our template' }))!;
      const text = await readText(uri);
      assert.match(text, /^title: "From: our template"$/m, 'a title with a colon stays valid YAML');
      assert.match(text, /^# From: our template \(from-our-template\)$/m);
      assert.match(text, /Our own template\./);
    } finally {
      await vscode.workspace.fs.delete(template);
    }
  });

  it('productDocs.newDocument writes into the folder it was started from', async () => {
    const folder = workspaceUri('plans', 'q3');
    await vscode.workspace.fs.createDirectory(folder);
    const uri = (await vscode.commands.executeCommand<vscode.Uri>('productDocs.newDocument', { type: 'prd', title: 'Folder choice', folder }))!;
    assert.equal(uri.toString(), vscode.Uri.joinPath(folder, 'folder-choice.md').toString());
  });

  it('productDocs.newDocument asks for the type when none is given (screenshot "new-document-picker")', async () => {
    const pending = vscode.commands.executeCommand('productDocs.newDocument');
    await new Promise((resolve) => setTimeout(resolve, 800));
    await takeScreenshot('new-document-picker');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await pending, undefined, 'cancelling the picker creates nothing');
  });
});
