import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, productDocs, productDocsDiagnostics, ruleOf, waitFor, workspaceUri, writeText } from './helpers';

describe('Workspace configuration', () => {
  const configUri = () => workspaceUri('.product-docs.yaml');
  before(async () => {
    await productDocs();
  });
  after(async () => {
    try {
      await vscode.workspace.fs.delete(configUri());
    } catch {
      // already gone
    }
  });
  afterEach(closeAllEditors);

  it('a config change re-lints open documents (rule severity) and adds custom types to the roadmap', async () => {
    const api = await productDocs();
    const uri = workspaceUri('docs', 'todo.md');
    await writeText(uri, '---\ntype: prd\ntitle: Todo\nstatus: draft\nowner: Kim\n---\n\n# Todo\n\n## Problem\n\nTODO\n');
    await vscode.window.showTextDocument(uri);
    const warning = await waitFor('a placeholder warning', () => productDocsDiagnostics(uri).find((d) => ruleOf(d) === 'placeholder'));
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);

    await writeText(configUri(), 'rules:\n  placeholder: error\ntypes:\n  rfc:\n    label: RFC\n    sections: [Summary, Motivation]\n');
    await waitFor('placeholder to become an error', () => productDocsDiagnostics(uri).find((d) => ruleOf(d) === 'placeholder' && d.severity === vscode.DiagnosticSeverity.Error), 15_000);

    await writeText(workspaceUri('docs', 'an-rfc.md'), '---\ntype: rfc\ntitle: An RFC\nstatus: draft\nowner: Kim\n---\n\n# An RFC\n\n## Summary\n\nS.\n\n## Motivation\n\nM.\n');
    await waitFor('the RFC on the roadmap', async () => {
      await api.settled();
      return (await api.roadmap()).some((g) => g.items.some((i) => i.title === 'An RFC'));
    }, 15_000);
  });

  it('a broken config is reported on the config file and the defaults keep working', async () => {
    await writeText(configUri(), 'rules:\n  placeholder: loud\n  no-such-rule: error\n');
    const problems = await waitFor('config diagnostics', () => {
      const found = vscode.languages.getDiagnostics(configUri());
      return found.length >= 2 && found;
    }, 15_000);
    assert.ok(problems.some((d) => d.range.start.line === 1 && /off, info, warning, error/.test(d.message)), JSON.stringify(problems.map((p) => p.message)));
    assert.ok(problems.some((d) => d.range.start.line === 2 && /Unknown rule/.test(d.message)));
    const uri = workspaceUri('docs', 'still-linted.md');
    await writeText(uri, '---\ntype: prd\ntitle: Still linted\nstatus: draft\nowner: Kim\n---\n\n# Still linted\n');
    await vscode.window.showTextDocument(uri);
    await waitFor('missing-section with the default config', () => productDocsDiagnostics(uri).some((d) => ruleOf(d) === 'missing-section'));
  });
});
