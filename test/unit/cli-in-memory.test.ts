// The CLI's commands run in memory: files through the in-memory workspace port, a fixed clock and git
// name, output collected. cli.test.ts keeps proving the built binary on a real disk.
import * as assert from 'node:assert/strict';
import { run } from '../../src/cli/main';
import { memoryIo, MemoryWorkspace } from '../support/memory-workspace';

const CLEAN_PRD = `---
type: prd
title: Plan
status: draft
owner: Ana
---
# Plan

${['Problem', 'Goals', 'Non-goals', 'Requirements', 'Success metrics', 'Open questions'].map((s) => `## ${s}\n\nWritten.\n`).join('\n')}`;
const BAD_PRD = CLEAN_PRD.replace('status: draft', 'status: drafting');

interface JsonReport {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
}

async function cli(workspace: MemoryWorkspace, args: string[], options: Parameters<typeof memoryIo>[1] = {}) {
  const run_ = memoryIo(workspace, options);
  const status = await run(args, run_.io);
  return { status, stdout: run_.stdout(), stderr: run_.stderr() };
}

describe('the CLI in memory', () => {
  it('lint reports a bad document and exits 1, without touching the disk', async () => {
    const ws = new MemoryWorkspace({ '/ws/docs/bad.md': BAD_PRD, '/ws/docs/good.md': CLEAN_PRD, '/ws/README.md': '# Read me\n' });
    const result = await cli(ws, ['lint', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const reports = JSON.parse(result.stdout) as JsonReport[];
    assert.deepEqual(reports.map((r) => [r.file, r.line, r.rule]), [['docs/bad.md', 4, 'invalid-field']]);
  });

  it('walks .md and .markdown files in any case, and the include globs decide which are looked at', async () => {
    const files = { '/ws/a.md': BAD_PRD, '/ws/b.markdown': BAD_PRD, '/ws/C.MD': BAD_PRD, '/ws/notes.txt': BAD_PRD };
    const byDefault = JSON.parse((await cli(new MemoryWorkspace(files), ['lint', '--format', 'json'])).stdout) as JsonReport[];
    assert.deepEqual(byDefault.map((r) => r.file), ['a.md'], 'the default include is **/*.md');
    const widened = new MemoryWorkspace({ ...files, '/ws/.product-docs.yaml': 'include: ["**/*.md", "**/*.markdown", "**/*.MD", "**/*.txt"]\n' });
    const all = JSON.parse((await cli(widened, ['lint', '--format', 'json'])).stdout) as JsonReport[];
    assert.deepEqual(all.map((r) => r.file).sort(), ['C.MD', 'a.md', 'b.markdown'], 'never a .txt, whatever the globs');
  });

  it('skips a pipe named x.md with the one message the editor uses too, and never reads it', async () => {
    const ws = new MemoryWorkspace({ '/ws/docs/bad.md': BAD_PRD });
    ws.putPipe('/ws/docs/fifo.md');
    const result = await cli(ws, ['lint']);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'product-docs: skipped docs/fifo.md: is not a regular file (a pipe, socket or device)\n');
  });

  it('finds the config governing each file by looking upward, nested configs included', async () => {
    const ws = new MemoryWorkspace({
      '/ws/.product-docs.yaml': 'rules:\n  invalid-field: warning\n',
      '/ws/docs/bad.md': BAD_PRD,
      '/ws/team/.product-docs.yaml': 'rules:\n  invalid-field: off\n',
      '/ws/team/docs/bad.md': BAD_PRD,
    });
    const result = await cli(ws, ['lint', '--format', 'json']);
    assert.equal(result.status, 0, 'a warning only');
    assert.deepEqual((JSON.parse(result.stdout) as JsonReport[]).map((r) => [r.file, r.severity]), [['docs/bad.md', 'warning']]);
  });

  it('reports a config problem at its line, on the config file', async () => {
    const ws = new MemoryWorkspace({ '/ws/.product-docs.yaml': 'rules:\n  placeholder: loud\n', '/ws/docs/good.md': CLEAN_PRD });
    const result = await cli(ws, ['lint', '--format', 'json']);
    assert.equal(result.status, 1);
    const [problem] = JSON.parse(result.stdout) as JsonReport[];
    assert.deepEqual([problem!.file, problem!.line, problem!.rule], ['.product-docs.yaml', 2, 'invalid-config']);
  });

  it('new dates the document with the clock, takes the owner from git, and takes the next free name', async () => {
    const ws = new MemoryWorkspace({ '/ws/.product-docs.yaml': 'docsFolder: specs\n', '/ws/specs/checkout.md': 'my words\n' });
    const first = await cli(ws, ['new', 'prd', '--title', 'Checkout'], { now: new Date(2031, 0, 2), gitUserName: 'Git Person' });
    assert.deepEqual(first, { status: 0, stdout: 'specs/checkout-2.md\n', stderr: '' });
    assert.equal(ws.text('/ws/specs/checkout.md'), 'my words\n');
    const text = ws.text('/ws/specs/checkout-2.md')!;
    assert.match(text, /^created: 2031-01-02$/m);
    assert.match(text, /^owner: Git Person$/m);
    assert.equal((await cli(ws, ['new', 'prd', '--title', 'Checkout'])).stdout, 'specs/checkout-3.md\n');
  });

  it('init writes the config once and never over an existing one', async () => {
    const ws = new MemoryWorkspace({ '/ws/docs/good.md': CLEAN_PRD });
    assert.deepEqual(await cli(ws, ['init']), { status: 0, stdout: '.product-docs.yaml\n', stderr: '' });
    const written = ws.text('/ws/.product-docs.yaml');
    assert.match(written!, /docsFolder/);
    const again = await cli(ws, ['init']);
    assert.equal(again.status, 1);
    assert.equal(again.stderr, 'product-docs: .product-docs.yaml already exists; not overwriting it.\n');
    assert.equal(ws.text('/ws/.product-docs.yaml'), written);
  });

  it('roadmap prints the text roadmap of the documents with a status', async () => {
    const ws = new MemoryWorkspace({ '/ws/docs/good.md': CLEAN_PRD.replace('title: Plan', 'title: One-click checkout') });
    const result = await cli(ws, ['roadmap', '--today', '2026-01-01']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Draft \(1\)\n {2}One-click checkout {2}@Ana\n {4}docs\/good\.md\n/);
  });

  it('--fix writes the fixed text through the port', async () => {
    const ws = new MemoryWorkspace({ '/ws/docs/bad.md': BAD_PRD });
    const result = await cli(ws, ['lint', '--fix']);
    assert.equal(result.stderr, 'product-docs: fixed docs/bad.md\n');
    assert.match(ws.text('/ws/docs/bad.md')!, /^status: draft$/m);
  });
});
