import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, productDocs, waitFor } from './helpers';
import { workbenchElements } from './screenshot';

interface Walkthrough {
  id: string;
  title: string;
  steps: { title: string }[];
}

describe('Help', () => {
  before(productDocs);
  afterEach(closeAllEditors);

  it('the workbench renders the walkthrough with every step of the manifest', async function () {
    const container = async () => (await workbenchElements('.gettingStartedContainer'))?.map((e) => e.text).join('\n');
    if ((await container()) === undefined) this.skip(); // no harness to read the workbench
    const [walkthrough] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.walkthroughs as Walkthrough[];
    const titles = [walkthrough!.title, ...walkthrough!.steps.map((step) => step.title)];
    assert.ok(titles.length >= 4, JSON.stringify(titles));
    // code-server's welcome page may select its own walkthrough first (its tab then reads
    // "Welcome"), so this checks that ours is registered and rendered, not which one is selected.
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough!.id}`, false);
    await waitFor(`the walkthrough's titles: ${titles.join(', ')}`, async () => {
      const shown = await container();
      return titles.every((title) => shown?.includes(title));
    });
  });

  it('productDocs.openDocs opens the shipped README as a preview (readme.md once packaged)', async () => {
    const opened = await vscode.commands.executeCommand<vscode.Uri | undefined>('productDocs.openDocs');
    assert.ok(opened, 'openDocs opened nothing');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(opened)); // throws when the file is missing
    assert.match(text, /^# Product Docs/m);
    await waitFor('the README preview tab', () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => /^Preview readme\.md$/i.test(t.label))));
  });
});
