// Core's side of the workspace port, on the in-memory adapter: the walk, the read policy, config
// discovery, located config problems and the naming of new documents.
import * as assert from 'node:assert/strict';
import { defaultConfig } from '../../src/core/config/config';
import { ConfigLocator, configFromText, configSyntaxError, findConfigFile } from '../../src/core/workspace/config-discovery';
import { documentFileNames, freeDocumentFileName } from '../../src/core/workspace/document-name';
import { folderRules, readMarkdownFile, walkMarkdown, type Skipped } from '../../src/core/workspace/markdown-files';
import { isMarkdownFileName } from '../../src/core/workspace/workspace-port';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { nodeWorkspacePort } from '../../src/cli/node-workspace-port';
import { MemoryWorkspace } from '../support/memory-workspace';
import { tempWorkspace } from '../support/temp-workspace';

async function walk(ws: MemoryWorkspace, root: string, config = defaultConfig()) {
  const skipped: Skipped<string>[] = [];
  const files: string[] = [];
  for await (const file of walkMarkdown(ws, root, () => folderRules(ws, root, config), (s) => skipped.push(s))) files.push(file);
  return { files, skipped };
}

describe('the workspace port in core', () => {
  it('takes .md and .markdown in any case as markdown, and nothing else', () => {
    assert.deepEqual(['a.md', 'b.MD', 'c.markdown', 'd.MarkDown', 'e.mdx', 'f.txt', 'md'].map(isMarkdownFileName), [true, true, true, true, false, false, false]);
  });

  it('walks files of a folder in name order before its subfolders, never into node_modules or .git, and honours excludes', async () => {
    const ws = new MemoryWorkspace({
      '/ws/b.md': '',
      '/ws/a.md': '',
      '/ws/docs/c.md': '',
      '/ws/node_modules/pkg/README.md': '',
      '/ws/.git/x.md': '',
      '/ws/drafts/d.md': '',
      '/ws/notes.txt': '',
    });
    const { files, skipped } = await walk(ws, '/ws', { ...defaultConfig(), exclude: [...defaultConfig().exclude, 'drafts/**'] });
    assert.deepEqual(files, ['/ws/a.md', '/ws/b.md', '/ws/docs/c.md']);
    assert.deepEqual(skipped, []);
  });

  it('reports a pipe named x.md instead of reading it, and reads a folder named x.md as a folder', async () => {
    const ws = new MemoryWorkspace({ '/ws/x.md/inside.md': 'hi\n' });
    ws.putPipe('/ws/fifo.md');
    const { files, skipped } = await walk(ws, '/ws');
    assert.deepEqual(files, ['/ws/x.md/inside.md']);
    assert.deepEqual(skipped, [{ location: '/ws/fifo.md', reason: 'is not a regular file (a pipe, socket or device)', unreadable: false }]);
    assert.deepEqual(await readMarkdownFile(ws, '/ws/fifo.md', 1000), { ok: false, reason: 'is not a regular file (a pipe, socket or device)', unreadable: false });
    assert.deepEqual(await readMarkdownFile(ws, '/ws/x.md', 1000), { ok: false, reason: 'is a folder', unreadable: false });
  });

  it('applies the read policy: size limit, binary, invalid UTF-8 read lossily, a BOM kept', async () => {
    const ws = new MemoryWorkspace({
      '/ws/big.md': 'x'.repeat(2048),
      '/ws/bin.md': new Uint8Array([0x23, 0x00, 0x01]),
      '/ws/latin1.md': new Uint8Array([0x43, 0x61, 0x66, 0xe9]),
      '/ws/bom.md': '\uFEFF# Title\n',
    });
    assert.deepEqual(await readMarkdownFile(ws, '/ws/big.md', 1024), { ok: false, reason: 'is larger than the 1 KB limit (2 KB); raise maxFileSizeKb in .product-docs.yaml to lint it', unreadable: false });
    assert.deepEqual(await readMarkdownFile(ws, '/ws/bin.md', 1024), { ok: false, reason: 'looks binary (it contains NUL bytes)', unreadable: false });
    assert.deepEqual(await readMarkdownFile(ws, '/ws/latin1.md', 1024), { ok: true, text: 'Caf\uFFFD', validUtf8: false });
    assert.deepEqual(await readMarkdownFile(ws, '/ws/bom.md', 1024), { ok: true, text: '\uFEFF# Title\n', validUtf8: true });
    assert.deepEqual(await readMarkdownFile(ws, '/ws/gone.md', 1024), { ok: false, reason: 'no such file or folder (ENOENT)', unreadable: true });
  });

  it('finds the config by looking upward, and stops where it is told to', async () => {
    const ws = new MemoryWorkspace({ '/repo/.product-docs.yaml': 'docsFolder: specs\n', '/repo/team/docs/a.md': '' });
    assert.equal(await findConfigFile(ws, '/repo/team/docs'), '/repo/.product-docs.yaml');
    assert.equal(await findConfigFile(ws, '/repo/team', () => true), undefined, 'the editor looks only at the folder itself');
    const locator = new ConfigLocator(ws, '/elsewhere');
    const found = await locator.forFolder('/repo/team/docs');
    assert.equal(found.root, '/repo');
    assert.equal(found.config.docsFolder, 'specs');
    assert.equal(await locator.forFolder('/repo/team'), found, 'each config is read once');
    assert.equal((await locator.forFolder('/other')).configFile, undefined);
    assert.equal(locator.loaded().length, 1);
  });

  it('locates config problems as 0-based line and column ranges', () => {
    const { problems, syntaxError } = configFromText('rules:\n  placeholder: loud\n', '/ws', '/ws/.product-docs.yaml');
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0]!.range.start, { line: 1, character: 15 });
    assert.equal(syntaxError, undefined, 'a wrong value is no syntax error');
  });

  it('tells a YAML syntax error, with its line, from a config that parses', () => {
    assert.equal(configSyntaxError('types:\n  rfc:\n    label: RFC\n'), undefined);
    const error = configSyntaxError('types:\n  rfc:\n    label: [RFC\n    sections: [Summary]\n');
    assert.ok(error, 'an unclosed flow sequence is a syntax error');
    assert.ok(error.start.line >= 2, JSON.stringify(error));
    assert.ok(configFromText('a: [\n', '/ws', '/ws/c.yaml').syntaxError);
  });

  it('names new documents <slug>.md, then <slug>-2.md, <slug>-3.md…, never a taken one', async () => {
    const names = documentFileNames('plan');
    assert.deepEqual([names.next().value, names.next().value, names.next().value], ['plan.md', 'plan-2.md', 'plan-3.md']);
    const taken = new Set(['plan.md', 'plan-2.md']);
    assert.equal(await freeDocumentFileName('plan', async (name) => taken.has(name)), 'plan-3.md');
    assert.equal(await freeDocumentFileName('plan', async () => true), undefined, 'gives up rather than loop forever');
  });

  for (const blocking of [true, false]) {
    it(`the Node adapter (${blocking ? 'the CLI\'s blocking' : 'the editor\'s non-blocking'} calls) never waits on a FIFO named x.md`, async function () {
      const root = tempWorkspace('product-docs-port-', { 'docs/a.md': '# A\n' });
      const fifo = path.join(root, 'docs', 'fifo.md');
      if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip(); // no mkfifo (Windows): nothing to test
      const port = nodeWorkspacePort({ blocking });
      const skipped: Skipped<string>[] = [];
      const files: string[] = [];
      for await (const file of walkMarkdown(port, root, () => folderRules(port, root, defaultConfig()), (s) => skipped.push(s))) files.push(file);
      assert.deepEqual(files, [path.join(root, 'docs', 'a.md')]);
      assert.deepEqual(skipped.map((s) => s.reason), ['is not a regular file (a pipe, socket or device)']);
      assert.deepEqual(await readMarkdownFile(port, fifo, 1024), { ok: false, reason: 'is not a regular file (a pipe, socket or device)', unreadable: false });
    });
  }
});
