import * as assert from 'node:assert/strict';
import { defaultConfig } from '../../src/core/config/config';
import { analyze, readHeader, WorkspaceIndex } from '../../src/core/workspace/workspace-index';

const config = defaultConfig();
const PRD = '---\ntype: prd\ntitle: Checkout\nstatus: draft\nowner: Dana\n---\n\n## Problem\n\nTBD\n';
const README = '# Readme\n\nTODO: nothing here is linted.\n';

describe('WorkspaceIndex', () => {
  it('gives a roadmap item as soon as a file is fed, and lints it only when its findings are asked for', () => {
    const index = new WorkspaceIndex(config);
    assert.equal(index.update('a', PRD, 'docs/checkout.md'), true);
    assert.deepEqual(index.items(), [readHeader(PRD, 'docs/checkout.md', config).item]);
    assert.equal(index.lintedFindings('a'), undefined, 'not linted yet');
    const findings = index.findings('a');
    assert.deepEqual(findings, analyze(PRD, 'docs/checkout.md', config).findings);
    assert.ok(findings!.length > 0, 'missing sections and a placeholder');
    assert.equal(index.lintedFindings('a'), findings, 'kept once linted');
    assert.equal(index.findings('a'), findings, 'not linted twice');
  });

  it('reports an unchanged text as no change, before it is linted (the text is kept) and after (a hash is)', () => {
    const index = new WorkspaceIndex(config);
    index.update('a', PRD, 'docs/checkout.md');
    // A different string object with the same characters is still the same text.
    assert.equal(index.update('a', `${PRD} `.slice(0, -1), 'docs/checkout.md'), false);
    const findings = index.findings('a');
    assert.equal(index.update('a', `${PRD} `.slice(0, -1), 'docs/checkout.md'), false);
    assert.equal(index.lintedFindings('a'), findings);
    // One character changed, same length: a change, linted or not.
    const edited = PRD.replace('Dana', 'Dena');
    assert.equal(index.update('a', edited, 'docs/checkout.md'), true);
    assert.equal(index.update('a', PRD, 'docs/checkout.md'), true);
  });

  it('reads a changed text again and forgets the findings of the old one', () => {
    const index = new WorkspaceIndex(config);
    index.update('a', PRD, 'docs/checkout.md');
    index.findings('a');
    const edited = PRD.replace('status: draft', 'status: shipped').replace('TBD', 'Carts are abandoned at payment.');
    assert.equal(index.update('a', edited, 'docs/checkout.md'), true);
    assert.equal(index.items()[0]!.status, 'shipped');
    assert.equal(index.lintedFindings('a'), undefined);
    assert.deepEqual(index.findings('a'), analyze(edited, 'docs/checkout.md', config).findings);
  });

  it('reads a file again when only its path changes (files globs and item paths depend on it)', () => {
    const index = new WorkspaceIndex(config);
    index.update('a', PRD, 'docs/checkout.md');
    assert.equal(index.update('a', PRD, 'docs/moved.md'), true);
    assert.equal(index.items()[0]!.file, 'docs/moved.md');
  });

  it('uses an analysis the caller already made, findings included', () => {
    const index = new WorkspaceIndex(config);
    const analysis = analyze(PRD, 'docs/checkout.md', config);
    index.update('a', PRD, 'docs/checkout.md', () => analysis);
    assert.equal(index.lintedFindings('a'), analysis.findings);
    assert.equal(index.items()[0], analysis.item);
  });

  it('never lints a file that is not a product document', () => {
    const index = new WorkspaceIndex(config);
    index.update('r', README, 'README.md');
    assert.deepEqual(index.items(), []);
    assert.deepEqual(index.findings('r'), []);
    assert.equal(index.get('r')?.isProductDocument, false);
  });

  it('forgets removed files, and knows nothing of keys it was never fed', () => {
    const index = new WorkspaceIndex(config);
    index.update('a', PRD, 'docs/checkout.md');
    assert.equal(index.remove('a'), true);
    assert.equal(index.size, 0);
    assert.equal(index.findings('a'), undefined);
    assert.equal(index.findings('never'), undefined);
    assert.deepEqual(index.items(), []);
  });
});
