import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, productDocs, productDocsDiagnostics, readText, waitFor, workspaceUri, writeText } from './helpers';
import { takeScreenshot, workbenchElements } from './screenshot';

const titlesIn = (groups: { label: string; items: { title: string }[] }[], label: string) => groups.find((g) => g.label === label)?.items.map((i) => i.title) ?? [];

describe('Roadmap view', () => {
  before(async () => {
    await productDocs();
    await vscode.commands.executeCommand('productDocs.roadmap.groupBy', 'status');
  });
  after(async () => {
    await vscode.commands.executeCommand('productDocs.roadmap.groupBy', 'status');
    await vscode.commands.executeCommand('productDocs.roadmap.clearFilter');
  });
  afterEach(closeAllEditors);

  it('lists the fixture PRDs grouped by status, and not the README', async () => {
    const api = await productDocs();
    await api.settled();
    const groups = await api.roadmap();
    assert.ok(titlesIn(groups, 'In review').includes('Checkout redesign'));
    assert.ok(titlesIn(groups, 'Approved').includes('Loyalty points'));
    assert.ok(titlesIn(groups, 'Draft').includes('Offline mode for the mobile app'));
    assert.ok(!groups.flatMap((g) => g.items).some((i) => i.uri.endsWith('README.md')));
  });

  const groupings: [grouping: string, expectedLabels: string[]][] = [
    ['quarter', ['2026-Q3', '2026-Q4']],
    ['horizon', ['Next', 'Later']],
    ['owner', ['Dana Kim', 'Priya Shah', 'Sam Ortiz']],
    ['type', ['PRD']],
    ['theme', ['No theme']],
  ];
  for (const [grouping, expectedLabels] of groupings) {
    it(`groups by ${grouping}`, async () => {
      const api = await productDocs();
      await vscode.commands.executeCommand('productDocs.roadmap.groupBy', grouping);
      const labels = (await api.roadmap()).map((g) => g.label);
      for (const label of expectedLabels) assert.ok(labels.includes(label), `group "${label}" missing from ${JSON.stringify(labels)}`);
    });
  }

  it('filters by status and clears the filter', async () => {
    const api = await productDocs();
    await vscode.commands.executeCommand('productDocs.roadmap.groupBy', 'status');
    await vscode.commands.executeCommand('productDocs.roadmap.filter', { field: 'status', value: 'approved' });
    const shown = (await api.roadmap()).flatMap((g) => g.items);
    assert.ok(shown.some((i) => i.title === 'Loyalty points'));
    assert.ok(shown.every((i) => i.status === 'approved'), JSON.stringify(shown));
    await vscode.commands.executeCommand('productDocs.roadmap.filter', { field: 'text', value: 'LOYAL' });
    const byText = (await api.roadmap()).flatMap((g) => g.items);
    assert.ok(byText.length >= 1 && byText.every((i) => /loyal/i.test(i.title)), JSON.stringify(byText));
    await vscode.commands.executeCommand('productDocs.roadmap.clearFilter');
    assert.ok((await api.roadmap()).flatMap((g) => g.items).length >= 3);
  });

  it('a filter that matches nothing says so, instead of the "no roadmap items yet" welcome', async function () {
    const texts = async () => (await workbenchElements('.message, .welcome-view-content'))?.map((e) => e.text).filter(Boolean);
    if ((await texts()) === undefined) this.skip(); // no harness to read the workbench
    await vscode.commands.executeCommand('productDocs.roadmap.focus');
    await vscode.commands.executeCommand('productDocs.roadmap.filter', { field: 'text', value: 'zzz-nothing' });
    const shown = await waitFor('the no-match message', async () => {
      const now = await texts();
      return now?.some((t) => t.includes('No roadmap item matches the filter (text: "zzz-nothing")')) && now;
    });
    assert.ok(!shown.some((t) => t.includes('No roadmap items yet')), JSON.stringify(shown));
    await vscode.commands.executeCommand('productDocs.roadmap.clearFilter');
    await waitFor('the message gone with the filter', async () => !(await texts())?.some((t) => t.includes('matches the filter')));
  });

  it('an empty roadmap shows the welcome, with its commands', async function () {
    const welcome = async () => (await workbenchElements('.welcome-view-content'))?.map((e) => e.text).join('\n');
    if ((await welcome()) === undefined) this.skip(); // no harness to read the workbench
    const api = await productDocs();
    const config = workspaceUri('.product-docs.yaml');
    await vscode.commands.executeCommand('productDocs.roadmap.focus');
    await writeText(config, 'exclude: ["**/*.md"]\n'); // nothing left to index
    try {
      await waitFor('an empty roadmap', async () => {
        await api.settled();
        return (await api.roadmap()).length === 0;
      }, 15_000);
      const shown = await waitFor('the welcome', async () => {
        const text = await welcome();
        return text?.includes('No roadmap items yet') && text;
      });
      assert.ok(shown.includes('New PRD') && shown.includes('New document'), JSON.stringify(shown));
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await waitFor('the roadmap back', async () => {
      await api.settled();
      return (await api.roadmap()).length > 0;
    }, 15_000);
  });

  it('an item\'s context menu copies its workspace-relative path and reveals it in the Explorer', async function () {
    const uri = workspaceUri('docs', 'loyalty-points.md');
    const node = { kind: 'item', entry: { uri } }; // what the tree passes to its item commands
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('productDocs.roadmap.copyPath', node);
    assert.equal(await vscode.env.clipboard.readText(), 'docs/loyalty-points.md');
    const selected = async () => (await workbenchElements('.explorer-folders-view .monaco-list-row.selected'))?.map((e) => e.text);
    if ((await selected()) === undefined) this.skip(); // no harness to read the workbench
    await vscode.commands.executeCommand('productDocs.roadmap.revealInExplorer', node);
    await waitFor('the file selected in the Explorer', async () => (await selected())?.includes('loyalty-points.md'));
    await vscode.commands.executeCommand('productDocs.roadmap.focus');
  });

  it('set status on a document with unsaved changes edits the buffer, keeps the changes, and does not save', async () => {
    const uri = workspaceUri('docs', 'loyalty-points.md');
    const onDisk = await readText(uri);
    const editor = await vscode.window.showTextDocument(uri);
    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\nAn unsaved note.\n'));
    assert.equal(await vscode.commands.executeCommand<boolean>('productDocs.roadmap.setStatus', uri, 'shipped'), true);
    assert.match(editor.document.getText(), /^status: shipped$/m);
    assert.match(editor.document.getText(), /An unsaved note\./);
    assert.equal(editor.document.isDirty, true);
    assert.equal(await readText(uri), onDisk, 'the file on disk is untouched until the user saves');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('updates live when a document is added on disk', async () => {
    const api = await productDocs();
    const uri = workspaceUri('docs', 'live-added.md');
    await writeText(uri, '---\ntype: prd\ntitle: Added while running\nstatus: in-progress\nowner: Kim\n---\n\n# Added while running\n');
    const group = await waitFor('the new item on the roadmap', async () => {
      await api.settled();
      return (await api.roadmap()).find((g) => g.items.some((i) => i.title === 'Added while running'));
    });
    assert.equal(group.label, 'In progress');
    await vscode.workspace.fs.delete(uri);
    await waitFor('the deleted item to leave the roadmap', async () => {
      await api.settled();
      return !(await api.roadmap()).some((g) => g.items.some((i) => i.title === 'Added while running'));
    });
  });

  it('shows each item\'s problem count once its document is linted, as many as the Problems panel, and updates it on change', async () => {
    const api = await productDocs();
    const uri = workspaceUri('docs', 'live-problems.md');
    const item = async (title: string) => {
      await api.settled(); // settled includes the background lint
      return (await api.roadmap()).flatMap((g) => g.items).find((i) => i.title === title);
    };
    await writeText(uri, '---\ntype: prd\ntitle: Counting problems\nstatus: draft\nowner: Kim\n---\n\n## Problem\n\nTBD\n');
    const counted = await waitFor('the item with its problem count', async () => (await item('Counting problems'))?.problems);
    await vscode.window.showTextDocument(uri);
    const shown = await waitFor('its diagnostics', () => productDocsDiagnostics(uri).length || undefined);
    assert.equal(counted, shown, 'the tree counts what the Problems panel shows');
    assert.ok(counted >= 6, `missing sections and a placeholder, got ${counted}`);
    await closeAllEditors();
    // The file is fixed on disk: its count follows.
    await writeText(uri, (await readText(workspaceUri('docs', 'checkout-redesign.md'))).replace(/^title: .*$/m, 'title: Counting problems'));
    await waitFor('the count to drop to 0', async () => (await item('Counting problems'))?.problems === 0);
    await vscode.workspace.fs.delete(uri);
    await waitFor('the deleted item to leave the roadmap', async () => (await item('Counting problems')) === undefined);
  });

  it('set status edits the front matter in place, saves, and moves the item', async () => {
    const api = await productDocs();
    const uri = workspaceUri('docs', 'offline-mode.md');
    const before = await readText(uri);
    const applied = await vscode.commands.executeCommand<boolean>('productDocs.roadmap.setStatus', uri, 'in-progress');
    assert.equal(applied, true);
    const after = await readText(uri);
    assert.equal(after, before.replace(/^status: draft$/m, 'status: in-progress'), 'only the status value changes');
    await waitFor('the item under In progress', async () => {
      await api.settled();
      return titlesIn(await api.roadmap(), 'In progress').includes('Offline mode for the mobile app');
    });
    // Undoable: the edit is on the document's undo stack.
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.match(document.getText(), /^status: draft$/m);
    await document.save();
  });

  it('exports the roadmap as a Markdown table, CSV and a Mermaid gantt chart', async () => {
    const markdown = await vscode.commands.executeCommand<vscode.TextDocument>('productDocs.roadmap.export', 'markdown');
    assert.match(markdown!.getText(), /\| Title \| Status \|/);
    assert.match(markdown!.getText(), /Loyalty points/);
    const csv = await vscode.commands.executeCommand<vscode.TextDocument>('productDocs.roadmap.export', 'csv');
    assert.match(csv!.getText(), /^title,type,status,/);
    const mermaid = await vscode.commands.executeCommand<vscode.TextDocument>('productDocs.roadmap.export', 'mermaid');
    // A markdown document with a mermaid fence, so the markdown preview can render the chart.
    assert.equal(mermaid!.languageId, 'markdown');
    assert.match(mermaid!.getText(), /^```mermaid\ngantt\n/m);
  });

  it('shows the tree in the sidebar (screenshot "roadmap")', async () => {
    await vscode.commands.executeCommand('productDocs.roadmap.groupBy', 'horizon');
    await vscode.commands.executeCommand('productDocs.roadmap.focus');
    await vscode.window.showTextDocument(workspaceUri('docs', 'checkout-redesign.md'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await takeScreenshot('roadmap');
  });
});
