// The config while it is being edited: a YAML syntax error keeps the last valid config (and the
// Roadmap view says so), and the open config file is validated as it is typed, before it is saved.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, productDocs, waitFor, workspaceUri, writeText } from './helpers';
import { workbenchElements } from './screenshot';

const VALID = 'types:\n  rfc:\n    label: RFC\n    sections: [Summary, Motivation]\n';
const RFC = '---\ntype: rfc\ntitle: Kept through a typo\nstatus: draft\nowner: Kim\n---\n\n# Kept through a typo\n\n## Summary\n\nS.\n\n## Motivation\n\nM.\n';

describe('Config being edited', () => {
  const configUri = () => workspaceUri('.product-docs.yaml');
  const rfcUri = () => workspaceUri('docs', 'kept-through-a-typo.md');
  const onRoadmap = async () => {
    const api = await productDocs();
    await api.settled();
    return (await api.roadmap()).some((g) => g.items.some((i) => i.title === 'Kept through a typo'));
  };

  before(async () => {
    await productDocs();
  });
  afterEach(closeAllEditors);
  after(async () => {
    for (const uri of [configUri(), rfcUri()]) {
      try {
        await vscode.workspace.fs.delete(uri);
      } catch {
        // already gone
      }
    }
  });

  it('a YAML syntax error keeps the last valid config until it parses again, and the Roadmap view says so', async () => {
    await writeText(configUri(), VALID);
    await writeText(rfcUri(), RFC);
    await waitFor('the RFC on the roadmap', onRoadmap, 15_000);

    // Line 3 opens a flow sequence that never closes: not YAML at all.
    await writeText(configUri(), 'types:\n  rfc:\n    label: [RFC\n    sections: [Summary, Motivation]\n');
    await waitFor('the syntax error on the config file', () => vscode.languages.getDiagnostics(configUri()).length > 0, 15_000);
    // Give a rescan the time to drop the custom type, as it did before.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await onRoadmap(), true, 'the custom type was dropped at the first typo');

    const messages = async () => (await workbenchElements('.message'))?.map((e) => e.text).filter(Boolean);
    if ((await messages()) !== undefined) {
      await vscode.commands.executeCommand('productDocs.roadmap.focus');
      await waitFor('the stale-config message', async () => (await messages())?.some((t) => /Using the last valid \.product-docs\.yaml: fix the syntax error at line \d+/.test(t)));
    }

    await writeText(configUri(), VALID);
    await waitFor('the syntax error gone', () => vscode.languages.getDiagnostics(configUri()).length === 0, 15_000);
    if ((await messages()) !== undefined) {
      await waitFor('the stale-config message gone', async () => !(await messages())?.some((t) => t.includes('Using the last valid')));
    }
    assert.equal(await onRoadmap(), true);
  });

  it('the open config is validated as it is typed, before it is saved', async () => {
    await writeText(configUri(), VALID);
    await waitFor('no problems in the valid config', () => vscode.languages.getDiagnostics(configUri()).length === 0, 15_000);
    const editor = await vscode.window.showTextDocument(configUri());
    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), 'rules:\n  placeholder: loud\n'));
    assert.equal(editor.document.isDirty, true);
    const problem = await waitFor('a diagnostic for the unsaved typo', () => {
      const found = vscode.languages.getDiagnostics(configUri()).find((d) => /off, info, warning, error/.test(d.message));
      // The workbench may save on its own after a delay (files.autoSave): only a problem shown
      // while the text is unsaved proves validation as you type.
      if (found && !editor.document.isDirty) throw new Error('the problem was shown only once the file was saved');
      return found;
    }, 5_000);
    assert.equal(problem.range.start.line, editor.document.lineCount - 2);

    // Undone before saving: the problem goes too.
    await vscode.commands.executeCommand('undo');
    await waitFor('the diagnostic gone after undo', () => vscode.languages.getDiagnostics(configUri()).length === 0, 5_000);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
