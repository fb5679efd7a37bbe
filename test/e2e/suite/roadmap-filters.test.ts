import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, productDocs, waitFor, workspaceUri, writeText } from './helpers';
import { takeScreenshot, workbenchElements } from './screenshot';

const shownTitles = async () => (await (await productDocs()).roadmap()).flatMap((g) => g.items.map((i) => i.title)).sort();
const viewDescription = async () => (await workbenchElements('.pane-header .description'))?.map((e) => e.text).join(' | ');

describe('Roadmap filters and marks', () => {
  before(async () => {
    const api = await productDocs();
    await api.settled();
    await vscode.commands.executeCommand('productDocs.roadmap.groupBy', 'status');
    await vscode.commands.executeCommand('productDocs.roadmap.clearFilter');
    await vscode.commands.executeCommand('productDocs.roadmap.focus');
  });
  after(async () => {
    await vscode.commands.executeCommand('productDocs.roadmap.clearFilter');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('productDocs.roadmap.clearFilter');
    await closeAllEditors();
  });

  it('filters combine: status and owner together', async () => {
    const api = await productDocs();
    // Owners of their own, so documents other test files leave behind cannot match.
    const docs: [file: string, title: string, status: string, owner: string][] = [
      ['filter-a-approved.md', 'Filter A approved', 'approved', 'Filter Owner A'],
      ['filter-a-draft.md', 'Filter A draft', 'draft', 'Filter Owner A'],
      ['filter-b-approved.md', 'Filter B approved', 'approved', 'Filter Owner B'],
    ];
    for (const [file, title, status, owner] of docs) await writeText(workspaceUri('docs', file), `---\ntype: prd\ntitle: ${title}\nstatus: ${status}\nowner: ${owner}\n---\n\n# ${title}\n`);
    try {
      await waitFor('the documents on the roadmap', async () => {
        await api.settled();
        return (await shownTitles()).filter((t) => t.startsWith('Filter ')).length === 3;
      }, 15_000);
      await vscode.commands.executeCommand('productDocs.roadmap.filter', { field: 'status', value: 'approved' });
      await vscode.commands.executeCommand('productDocs.roadmap.filter', { field: 'owner', value: 'Filter Owner A' });
      assert.deepEqual(await shownTitles(), ['Filter A approved'], 'approved AND owner A (owner A alone would show its draft too)');
      await vscode.commands.executeCommand('productDocs.roadmap.filter', { field: 'owner', value: 'Filter Owner B' });
      assert.deepEqual(await shownTitles(), ['Filter B approved'], 'a second owner replaces the first; the status filter stays');
      await vscode.commands.executeCommand('productDocs.roadmap.clearFilter');
      assert.ok((await shownTitles()).length >= 6);
    } finally {
      for (const [file] of docs) await vscode.workspace.fs.delete(workspaceUri('docs', file));
    }
  });

  it('shows the active filters in the view\'s description, and clears one or all', async function () {
    if ((await viewDescription()) === undefined) this.skip(); // no harness to read the workbench
    await vscode.commands.executeCommand('productDocs.roadmap.filter', { field: 'status', value: 'approved' });
    await vscode.commands.executeCommand('productDocs.roadmap.filter', { field: 'owner', value: 'Priya Shah' });
    await waitFor('the description', async () => (await viewDescription())?.includes('status: approved · owner: Priya Shah'));
    // The header is cut short in a narrow sidebar: the view's message says it too.
    const message = async () => (await workbenchElements('.message'))?.map((e) => e.text).join(' | ');
    await waitFor('the message', async () => (await message())?.includes('Filtered: status: approved · owner: Priya Shah.'));
    await takeScreenshot('roadmap-filtered');
    await vscode.commands.executeCommand('productDocs.roadmap.clearFilter', 'status');
    await waitFor('only the owner filter left', async () => {
      const text = await viewDescription();
      return text?.includes('owner: Priya Shah') && !text.includes('status:');
    });
    assert.deepEqual(await shownTitles(), ['Loyalty points']);
    await vscode.commands.executeCommand('productDocs.roadmap.clearFilter');
    await waitFor('no description', async () => !(await viewDescription())?.includes('owner:'));
  });

  it('marks overdue items and items with problems differently, in words that always render', async function () {
    const rows = async (selector: string) => (await workbenchElements(selector))?.map((e) => e.text);
    if ((await rows('.monaco-list-row')) === undefined) this.skip(); // no harness to read the workbench
    const api = await productDocs();
    const late = workspaceUri('docs', 'late-launch.md');
    // Overdue (target passed, not shipped) and with problems (no sections).
    await writeText(late, '---\ntype: prd\ntitle: Late launch\nstatus: approved\nowner: Kim\ntarget: 2020-01-01\n---\n\n# Late launch\n');
    try {
      await waitFor('the item with its problems', async () => {
        await api.settled();
        return (await api.roadmap()).flatMap((g) => g.items).find((i) => i.title === 'Late launch' && (i.problems ?? 0) > 0);
      }, 15_000);
      await vscode.commands.executeCommand('productDocs.roadmap.focus');
      const row = await waitFor('the row', async () => (await rows('.monaco-list-row'))?.find((t) => t.includes('Late launch')));
      assert.match(row, /overdue/);
      assert.match(row, /\d+ problems/);
      assert.doesNotMatch(row, /[⚠⏰]/u, 'no glyph that can render as a missing character');
      const overdueIcon = await rows('.monaco-list-row:has(.codicon-watch)');
      assert.ok(overdueIcon?.some((t) => t.includes('Late launch')), 'the overdue item has the watch icon');
      const warningIcon = await rows('.monaco-list-row:has(.codicon-warning)');
      assert.ok(!warningIcon?.some((t) => t.includes('Late launch')), 'the overdue icon is not the problems warning');
      await takeScreenshot('roadmap-marks');
    } finally {
      await vscode.workspace.fs.delete(late);
    }
  });
});
