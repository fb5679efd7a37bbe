import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, productDocs, waitFor, workspaceUri, writeText } from './helpers';
import { takeScreenshot, workbenchElements } from './screenshot';

const WIDGET = '.editor-widget.suggest-widget.visible';
const suggestions = async () => (await workbenchElements(`${WIDGET} .monaco-list-row`))?.map((e) => e.text);
/** The label of the first suggestion when it is a snippet (its row has the snippet icon), else undefined. */
const firstSnippet = async () => (await workbenchElements(`${WIDGET} .monaco-list-row[data-index="0"]:has(.codicon-symbol-snippet)`))?.[0]?.text;

/** Types text as a person does, one character at a time, so the editor's typing triggers run. */
async function typeSlowly(text: string): Promise<void> {
  for (const ch of text) {
    await vscode.commands.executeCommand('type', { text: ch });
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
}

describe('Snippets as the walkthrough describes them', () => {
  // A file per test: a closed editor's unsaved text can outlive it and would leak into the next test.
  let count = 0;
  let uri = workspaceUri('notes', 'snippets-0.md');
  before(async function () {
    await productDocs();
    if ((await suggestions()) === undefined) this.skip(); // no harness to read the workbench
  });
  beforeEach(async () => {
    // A plain note that already uses the word "metric", so word suggestions compete with the snippet.
    uri = workspaceUri('notes', `snippets-${++count}.md`);
    await writeText(uri, 'Notes\n\nThe metric we track is retention.\n\n');
    const editor = await vscode.window.showTextDocument(uri);
    const end = new vscode.Position(editor.document.lineCount - 1, 0);
    editor.selection = new vscode.Selection(end, end);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('hideSuggestWidget');
    await closeAllEditors();
  });
  after(async () => {
    await vscode.workspace.fs.delete(workspaceUri('notes'), { recursive: true });
  });

  // Markdown keeps quick suggestions off, and VS Code ignores trigger characters that end a word,
  // so snippets come with Ctrl+Space (the walkthrough says so); prose typing stays quiet.
  it('typing prose does not pop up suggestions', async () => {
    await typeSlowly('The met');
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.deepEqual(await suggestions(), []);
  });

  it('Ctrl+Space ranks the metric snippet above the word "metric"', async () => {
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((edit) => edit.insert(editor.selection.active, 'met'));
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    const rows = await waitFor('the suggest widget', async () => {
      const now = await suggestions();
      return now && now.length > 1 && now;
    }, 5_000);
    assert.ok(rows.includes('metric'), `the word and the snippet both offered: ${JSON.stringify(rows)}`);
    await takeScreenshot('snippet-suggest');
    assert.match((await firstSnippet()) ?? '', /^metric/, `the first suggestion is the snippet: ${JSON.stringify(rows)}`);
  });
});
