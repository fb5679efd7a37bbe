// What a new user meets in the first hour: the owner quick fix, rule links, the fix-all title.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { OwnerName } from '../../../src/vscode/owner';
import { closeAllEditors, codeActionsAt, productDocs, productDocsDiagnostics, readText, ruleOf, waitFor, workspaceUri, writeText } from './helpers';

/** The fixture's complete PRD under another title, so the roadmap never shows two of one name. */
const completePrd = async (title: string) => (await readText(workspaceUri('docs', 'checkout-redesign.md'))).replace(/^title: .*$/m, `title: ${title}`);

describe('First hour: owner, rule links, fix all', () => {
  before(async () => {
    await productDocs();
  });
  afterEach(closeAllEditors);

  it('an owner lookup that found no name is tried again, not cached until the window reloads', async () => {
    const answers = ['', 'Kim Lee'];
    let asked = 0;
    const owner = new OwnerName(async () => answers[asked++] ?? 'Kim Lee', { retryAfterMs: 0 });
    assert.equal(await owner.resolve(), '', 'git is not ready yet');
    assert.equal(await owner.resolve(), 'Kim Lee', 'asked again on the next use');
    assert.equal(owner.current(), 'Kim Lee');
    assert.equal(await owner.resolve(), 'Kim Lee');
    assert.equal(asked, 2, 'a name once found is kept');
  });

  it('an empty lookup is not repeated within the back-off, so a burst of uses asks git once', async () => {
    let asked = 0;
    const owner = new OwnerName(async () => {
      asked++;
      return '';
    }, { retryAfterMs: 60_000 });
    await Promise.all([owner.resolve(), owner.resolve()]);
    await owner.resolve();
    assert.equal(asked, 1);
  });

  it('with no owner known, the missing owner offers to open the productDocs.owner setting', async () => {
    const uri = workspaceUri('docs', 'no-owner.md');
    await writeText(uri, (await completePrd('No owner yet')).replace(/^owner: .*\n/m, ''));
    await vscode.window.showTextDocument(uri);
    const diagnostic = await waitFor('the missing owner', () => productDocsDiagnostics(uri).find((d) => ruleOf(d) === 'missing-field' && d.message.includes('"owner"')));
    const actions = await codeActionsAt(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const openSetting = actions.find((a) => a.command?.command === 'workbench.action.openSettings');
    assert.ok(openSetting, `no settings action in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.deepEqual(openSetting.command?.arguments, ['productDocs.owner']);
    assert.match(openSetting.title, /productDocs\.owner/);
    await vscode.workspace.fs.delete(uri);
  });

  it('a rule link in the Problems panel opens docs/rules.md at that rule\'s heading', async () => {
    const uri = workspaceUri('docs', 'rule-link.md');
    await writeText(uri, (await completePrd('Rule link')).replace(/^## Goals\n[\s\S]*?(?=^## Non-goals)/m, ''));
    await vscode.window.showTextDocument(uri);
    const diagnostic = await waitFor('a missing-section diagnostic', () => productDocsDiagnostics(uri).find((d) => ruleOf(d) === 'missing-section'));
    const target = (diagnostic.code as { target: vscode.Uri }).target;
    // What the Problems panel does with the link: hand it to the opener, as vscode.open does.
    await vscode.commands.executeCommand('vscode.open', target);
    const editor = await waitFor('docs/rules.md open', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/docs/rules.md') && vscode.window.activeTextEditor);
    const heading = editor.document.getText().split(/\r?\n/).indexOf('## missing-section');
    assert.ok(heading > 0, 'docs/rules.md has a "## missing-section" heading');
    await waitFor(`the selection on line ${heading} (it is on ${editor.selection.active.line})`, () => editor.selection.active.line === heading);
    await vscode.workspace.fs.delete(uri);
  });

  it('fix all says "the 1 problem" for one and "all N problems" for several', async () => {
    const one = workspaceUri('docs', 'fix-one.md');
    await writeText(one, (await completePrd('Fix one')).replace(/^status: .*\n/m, ''));
    await vscode.window.showTextDocument(one);
    await waitFor('the missing status', () => productDocsDiagnostics(one).some((d) => ruleOf(d) === 'missing-field'));
    const titleOf = async (uri: vscode.Uri) => (await codeActionsAt(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.productDocs')).find((a) => a.kind?.value === 'source.fixAll.productDocs')?.title;
    assert.equal(await titleOf(one), 'Fix the 1 Product Docs problem that has a fix');

    const three = workspaceUri('docs', 'fix-three.md');
    await writeText(three, (await completePrd('Fix three')).replace(/^status: .*\n/m, '').replace(/^## Goals\n[\s\S]*?(?=^## Non-goals)/m, '').replace(/^## Open questions\n[\s\S]*$/m, ''));
    await vscode.window.showTextDocument(three);
    await waitFor('three fixable problems', () => productDocsDiagnostics(three).length === 3);
    assert.equal(await titleOf(three), 'Fix all 3 Product Docs problems that have a fix');
    await vscode.workspace.fs.delete(one);
    await vscode.workspace.fs.delete(three);
  });
});
