import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, productDocs, productDocsDiagnostics, removeConfig, ruleOf, workspaceUri, writeConfig, writeText } from './helpers';

const hoverText = async (uri: vscode.Uri, position: vscode.Position) =>
  (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
const completionsAt = async (uri: vscode.Uri, position: vscode.Position) =>
  (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position)).items;
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('Front-matter values: hover and completion', () => {
  before(async () => {
    await productDocs();
  });
  afterEach(closeAllEditors);

  it('hovering a status value explains the field, the allowed values and what the status means', async () => {
    const uri = workspaceUri('docs', 'hover-value.md');
    await writeText(uri, '---\ntype: prd\ntitle: Hover value\nstatus: in-review\nowner: Kim\n---\n');
    await vscode.window.showTextDocument(uri);
    const text = await hoverText(uri, new vscode.Position(3, 12));
    assert.match(text, /in-review/);
    assert.match(text, /Where the document is in its life/, 'the field description');
    assert.match(text, /approved/, 'the allowed values');
    assert.match(text, /Later/, 'the roadmap horizon the status falls in');
    await vscode.workspace.fs.delete(uri);
  });

  it('status completions replace the typed prefix, "-" included, so "in-" narrows them', async () => {
    const uri = workspaceUri('docs', 'typed-prefix.md');
    await writeText(uri, '---\ntype: prd\ntitle: Typed prefix\nstatus: in-\nowner: Kim\n---\n');
    await vscode.window.showTextDocument(uri);
    const items = await completionsAt(uri, new vscode.Position(3, 11));
    const inReview = items.find((i) => labelOf(i) === 'in-review');
    assert.ok(inReview, 'in-review offered');
    const range = inReview.range instanceof vscode.Range ? inReview.range : inReview.range?.replacing;
    assert.ok(range, 'the item says what it replaces');
    assert.equal(range.start.character, 8, 'from the start of "in-"');
    assert.equal(range.end.character, 11);
    assert.equal(inReview.filterText ?? labelOf(inReview), 'in-review');
    await vscode.workspace.fs.delete(uri);
  });

  it('a document typed by a files: glob gets its own type\'s statuses, not the PRD\'s', async () => {
    const probe = workspaceUri('rfcs', 'probe.md');
    await writeText(probe, '---\ntitle: Probe\nstatus: bogus\nowner: Kim\n---\n\n# Probe\n');
    await vscode.window.showTextDocument(probe);
    try {
      await writeConfig(
        'types:\n  rfc:\n    label: RFC\n    files: ["rfcs/**/*.md"]\n    statuses: [draft, in-review, accepted, rejected]\n    roadmap: false\n    sections: [Summary]\n',
        () => productDocsDiagnostics(probe).some((d) => ruleOf(d) === 'invalid-field'),
      );
      const uri = workspaceUri('rfcs', 'by-glob.md');
      await writeText(uri, '---\ntitle: By glob\nstatus: \nowner: Kim\n---\n\n# By glob\n');
      await vscode.window.showTextDocument(uri);
      const labels = (await completionsAt(uri, new vscode.Position(2, 8))).map(labelOf);
      assert.ok(labels.includes('accepted'), JSON.stringify(labels));
      assert.ok(!labels.includes('shipped'), JSON.stringify(labels));
      const text = await hoverText(uri, new vscode.Position(2, 2));
      assert.match(text, /accepted/);
      assert.doesNotMatch(text, /shipped/);
    } finally {
      await removeConfig();
      await vscode.workspace.fs.delete(workspaceUri('rfcs'), { recursive: true });
    }
  });
});
