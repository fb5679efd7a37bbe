/**
 * The CLI (the built dist/cli.js, in a child process) on hostile files, links, configs and a big
 * workspace with node_modules: it never crashes or hangs, skips what it cannot read with a notice,
 * never walks node_modules, and --fix never loses text. docs/reliability.md lists these cases.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeWorkspacePort } from '../../src/cli/node-workspace-port';
import { readMarkdownFile, walkMarkdown, type FolderRules, type Skipped } from '../../src/core/workspace/markdown-files';
import { writeStressWorkspace } from '../../scripts/stress/workspace';
import { buildTheCliWhenStale, runCli, stdoutJson, type CliResult } from '../support/built-cli';
import { tempWorkspace } from '../support/temp-workspace';

before(buildTheCliWhenStale);

function cli(cwd: string, ...args: string[]): CliResult {
  return runCli(cwd, args, { timeoutMs: 60_000 });
}

interface JsonReport {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
}

const reports = (result: CliResult) => stdoutJson<JsonReport[]>(result);
const workspace = (files: Record<string, string | Buffer> = {}) => tempWorkspace('product-docs-hostile-', files);

const FIELDS = 'type: prd\ntitle: Plan\nstatus: draft\nowner: Ana';
/** A PRD with every required section: clean unless its front matter says otherwise. */
function prd(fields = FIELDS, tail = ''): string {
  const sections = ['Problem', 'Goals', 'Non-goals', 'Requirements', 'Success metrics', 'Open questions'].map((s) => `## ${s}\n\nWritten.\n`).join('\n');
  return `---\n${fields}\n---\n# Plan\n\n${sections}${tail}`;
}
const BAD = prd(FIELDS.replace('status: draft', 'status: drafting'));
/** The one finding BAD has. */
const BAD_STATUS = (file: string) => ({ file, line: 4, column: 9, rule: 'invalid-field', severity: 'error' });
const pick = (r: JsonReport) => ({ file: r.file, line: r.line, column: r.column, rule: r.rule, severity: r.severity });

const MB = 1024 * 1024;

describe('the CLI on hostile input', function () {
  this.timeout(60_000);

  describe('hostile files', () => {
    it('skips a file over the default 1 MB limit with a notice, and lints the others', () => {
      const root = workspace({ 'docs/bad.md': BAD, 'docs/big.md': prd(FIELDS, 'x'.repeat(2 * MB)) });
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 1);
      assert.equal(result.stderr, 'product-docs: skipped docs/big.md: is larger than the 1.0 MB limit (2.0 MB); raise maxFileSizeKb in .product-docs.yaml to lint it\n');
      assert.deepEqual(reports(result).map(pick), [BAD_STATUS('docs/bad.md')]);
    });

    it('lints a 5 MB single line in bounded time when the limit allows it', () => {
      const root = workspace({ '.product-docs.yaml': 'maxFileSizeKb: 8192\n', 'docs/long.md': BAD.replace('Written.', `${'lorem ipsum TODO '.repeat((5 * MB) / 17)}`) });
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 1);
      assert.equal(result.stderr, '');
      assert.ok(result.ms < 20_000, `${result.ms.toFixed(0)} ms`);
      const found = reports(result);
      assert.deepEqual(pick(found.find((r) => r.rule === 'invalid-field')!), BAD_STATUS('docs/long.md'));
      assert.ok(found.filter((r) => r.rule === 'placeholder').length > 300_000, 'every TODO on the line is reported');
    });

    it('skips binary content (NUL bytes, random bytes) with a notice', () => {
      const random = Buffer.alloc(64 * 1024);
      for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 256;
      const root = workspace({ 'docs/bad.md': BAD, 'docs/random.md': random, 'docs/zeros.md': Buffer.alloc(1024) });
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.stderr, 'product-docs: skipped docs/random.md: looks binary (it contains NUL bytes)\nproduct-docs: skipped docs/zeros.md: looks binary (it contains NUL bytes)\n');
      assert.deepEqual(reports(result).map(pick), [BAD_STATUS('docs/bad.md')]);
    });

    it('lints text with NUL bytes past the first 8 KB as text, without crashing', () => {
      const root = workspace({ 'docs/bad.md': BAD.replace('Written.', `${'prose '.repeat(2000)}\u0000\u0000 more`) });
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 1);
      assert.deepEqual(reports(result).map(pick), [BAD_STATUS('docs/bad.md')]);
    });

    it('reads invalid UTF-8 and encoded lone surrogates as U+FFFD with a notice, and --fix never rewrites such a file', () => {
      const latin1 = Buffer.concat([Buffer.from(BAD.replace('title: Plan', 'title: Caf')), Buffer.from([0xe9])]);
      const surrogate = Buffer.concat([Buffer.from(BAD), Buffer.from([0xed, 0xa0, 0x80])]);
      const root = workspace({ 'docs/latin1.md': latin1, 'docs/surrogate.md': surrogate });
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.stderr, ['latin1', 'surrogate'].map((f) => `product-docs: docs/${f}.md is not valid UTF-8; its invalid bytes were read as U+FFFD.\n`).join(''));
      assert.deepEqual(reports(result).map(pick), [BAD_STATUS('docs/latin1.md'), BAD_STATUS('docs/surrogate.md')]);
      cli(root, 'lint', '--fix');
      assert.ok(fs.readFileSync(path.join(root, 'docs', 'latin1.md')).equals(latin1), 'byte for byte');
      assert.ok(fs.readFileSync(path.join(root, 'docs', 'surrogate.md')).equals(surrogate), 'byte for byte');
    });

    it('takes empty, whitespace-only, BOM-only and lone "---" files quietly', () => {
      const root = workspace({ 'docs/empty.md': '', 'docs/blank.md': ' \n\t\r\n', 'docs/bom.md': '\uFEFF', 'docs/rule.md': '---', 'docs/open.md': '---\n' });
      for (const format of ['text', 'json', 'sarif', 'github']) {
        const result = cli(root, 'lint', '--format', format);
        assert.equal(result.status, 0, format);
        assert.equal(result.stderr, '', format);
      }
      assert.equal(cli(root, 'roadmap').status, 0);
    });

    it('prints no parser warning for a front matter whose key is a mapping, only the finding', () => {
      const root = workspace({ 'docs/odd.md': prd(`${FIELDS}\n{a: 1}: x\n[b]: y`) });
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.stderr, '', 'nothing but our own notices on stderr');
      // One finding: the parser's later errors follow from the first.
      assert.deepEqual(reports(result).map((r) => [r.line, r.rule]), [[6, 'front-matter-syntax']]);
    });
  });

  describe('files that vanish or cannot be read while scanning', () => {
    const everything: FolderRules<string> = { wantsFile: () => true, skipsFolder: () => false };
    const port = nodeWorkspacePort({ blocking: true });
    const walk = async (root: string, onSkip: (s: Skipped<string>) => void) => {
      const found: string[] = [];
      for await (const file of walkMarkdown(port, root, () => everything, onSkip)) found.push(file);
      return found;
    };

    it('readMarkdown of a path that is gone is an unreadable-file result, not an exception', async () => {
      const root = workspace();
      assert.deepEqual(await readMarkdownFile(port, path.join(root, 'gone.md'), MB), { ok: false, reason: 'no such file or folder (ENOENT)', unreadable: true });
    });

    it('a file deleted between the walk and the read is reported as unreadable; the rest are read', async () => {
      const root = workspace({ 'docs/a.md': BAD, 'docs/b.md': BAD, 'docs/c.md': BAD });
      const skipped: Skipped<string>[] = [];
      const files = await walk(root, (s) => skipped.push(s));
      assert.equal(files.length, 3);
      fs.rmSync(path.join(root, 'docs', 'b.md'));
      const reads = await Promise.all(files.map((file) => readMarkdownFile(port, file, MB)));
      assert.deepEqual(reads.map((r) => r.ok), [true, false, true]);
      assert.deepEqual(reads[1], { ok: false, reason: 'no such file or folder (ENOENT)', unreadable: true });
      assert.deepEqual(skipped, []);
    });

    it('a folder deleted while the walk is under way is reported, and the walk goes on', async () => {
      const root = workspace({ 'a/1.md': BAD, 'b/2.md': BAD, 'c/3.md': BAD });
      const skipped: Skipped<string>[] = [];
      const seen: string[] = [];
      for await (const file of walkMarkdown(port, root, () => everything, (s) => skipped.push(s))) {
        seen.push(path.relative(root, file));
        if (seen.length === 1) fs.rmSync(path.join(root, 'b'), { recursive: true });
      }
      assert.deepEqual(seen, [path.join('a', '1.md'), path.join('c', '3.md')]);
      assert.deepEqual(skipped.map((s) => [path.relative(root, s.location), s.reason, s.unreadable]), [['b', 'no such file or folder (ENOENT)', true]]);
    });
  });

  describe('links', () => {
    it('does not read from device links such as /dev/zero or /dev/urandom, walked or named', function () {
      if (!fs.existsSync('/dev/zero')) this.skip(); // no /dev on Windows: nothing to link to
      const root = workspace({ 'docs/bad.md': BAD });
      fs.symlinkSync('/dev/zero', path.join(root, 'docs', 'zero.md'));
      fs.symlinkSync('/dev/urandom', path.join(root, 'docs', 'random.md'));
      const walked = cli(root, 'lint', '--format', 'json');
      assert.equal(walked.status, 1);
      assert.deepEqual(walked.stderr.trim().split('\n').sort(), ['random', 'zero'].map((f) => `product-docs: skipped docs/${f}.md: is a link to something that is not a regular file`));
      assert.deepEqual(reports(walked).map(pick), [BAD_STATUS('docs/bad.md')]);
      const named = cli(root, 'lint', 'docs/zero.md');
      assert.equal(named.stderr, 'product-docs: skipped docs/zero.md: is not a regular file (a pipe, socket or device)\n');
    });

    it('does not loop on links that point at each other or at an ancestor two levels up', () => {
      const root = workspace({ 'docs/deep/bad.md': BAD });
      fs.symlinkSync('b.md', path.join(root, 'docs', 'a.md'));
      fs.symlinkSync('a.md', path.join(root, 'docs', 'b.md'));
      fs.symlinkSync('../..', path.join(root, 'docs', 'deep', 'up'));
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 1, 'broken links in a folder are notices, not failures');
      const notices = result.stderr.trim().split('\n').sort();
      assert.deepEqual(notices.map((n) => n.replace(/^(product-docs: skipped \S+): .*$/, '$1')), ['product-docs: skipped docs/a.md', 'product-docs: skipped docs/b.md', 'product-docs: skipped docs/deep/up']);
      assert.match(notices[0]!, /is a broken link \(too many levels of symbolic links, a link loop \(ELOOP\)\)$/);
      assert.match(notices[2]!, /is a link to a folder that contains it \(a link loop\)/);
      assert.deepEqual(reports(result).map(pick), [BAD_STATUS('docs/deep/bad.md')], 'each file once');
    });
  });

  describe('a big workspace with node_modules', () => {
    it('5,000 files, 2,000 of them in node_modules folders full of traps: none of node_modules is walked, every product document is reported, in bounded time (50,000: scripts/stress/fifty-thousand.ts)', function () {
      this.timeout(120_000);
      const root = workspace();
      const stress = writeStressWorkspace(root, 5000);
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 1);
      assert.equal(result.stderr, '', 'no notice: no trap in node_modules was touched');
      const files = new Set(reports(result).map((r) => r.file));
      assert.deepEqual([...files].filter((f) => f.includes('node_modules') || f.startsWith('.git/')), []);
      assert.deepEqual([...files].sort(), stress.productDocs);
      assert.ok(result.ms < 15_000, `${result.ms.toFixed(0)} ms`);
      const roadmap = cli(root, 'roadmap', '--format', 'json');
      assert.equal(roadmap.stderr, '');
      assert.equal((JSON.parse(roadmap.stdout) as unknown[]).length, stress.productDocs.length);
    });
  });

  describe('hostile configs', () => {
    it('a pattern that could backtrack for ever is an invalid-config finding; linting goes on at once without it', () => {
      const root = workspace({
        '.product-docs.yaml': 'types:\n  prd:\n    fields:\n      ticket: { pattern: "(a|aa)+$" }\n',
        'docs/bad.md': BAD.replace('owner: Ana', `owner: Ana\nticket: ${'a'.repeat(60)}!`),
      });
      const result = cli(root, 'lint', '--format', 'json');
      assert.equal(result.status, 1);
      assert.ok(result.ms < 10_000, `${result.ms.toFixed(0)} ms`);
      const found = reports(result);
      assert.deepEqual(found.map((r) => [r.file, r.line, r.rule]), [['.product-docs.yaml', 4, 'invalid-config'], ['docs/bad.md', 4, 'invalid-field']]);
      assert.match(found[0]!.message, /pattern has a nested repetition/);
    });

    it('a config that is not valid YAML, nested 10,000 deep or full of tags is reported and the defaults lint on', () => {
      for (const config of ['rules: {placeholder: [error\n', `rules: ${'['.repeat(10_000)}\n`, 'rules: !!js/function "x"\ndocsFolder: !!binary aGVsbG8=\n']) {
        const root = workspace({ '.product-docs.yaml': config, 'docs/bad.md': BAD });
        const result = cli(root, 'lint', '--format', 'json');
        assert.equal(result.status, 1);
        const found = reports(result);
        assert.ok(found.some((r) => r.rule === 'invalid-config' && r.file === '.product-docs.yaml'), config.slice(0, 30));
        assert.deepEqual(found.filter((r) => r.file === 'docs/bad.md').map(pick), [BAD_STATUS('docs/bad.md')]);
      }
    });
  });

  describe('--fix never loses text', () => {
    it('keeps the BOM and CRLF line endings, and every line, while inserting what is missing', () => {
      const original = `\uFEFF---\r\ntype: prd\r\ntitle: Plan\r\nstatus: drafting\r\nowner: Ana\r\n---\r\n# Plan\r\n\r\n## Problem\r\n\r\nCarts. TODO\r\n`;
      const root = workspace({ 'docs/plan.md': original });
      cli(root, 'lint', '--fix');
      const fixed = fs.readFileSync(path.join(root, 'docs', 'plan.md'), 'utf8');
      assert.ok(fixed.startsWith('\uFEFF---\r\n'));
      assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /[\r\n]/, 'CRLF only');
      assert.match(fixed, /^status: draft\r$/m);
      for (const line of original.replace('status: drafting', 'status: draft').split('\r\n')) assert.ok(fixed.includes(line), line);
      assert.match(fixed, /## Goals\r\n/);
    });

    it('leaves a document that ends inside an unclosed code fence as it is, instead of adding sections the fence swallows', () => {
      const original = `---\n${FIELDS}\n---\n# Plan\n\n## Problem\n\nCarts.\n\n\`\`\`\ncode\n`;
      const root = workspace({ 'docs/plan.md': original });
      const result = cli(root, 'lint', '--fix', '--format', 'json');
      assert.equal(fs.readFileSync(path.join(root, 'docs', 'plan.md'), 'utf8'), original);
      assert.equal(result.stderr, '', 'nothing was fixed');
      assert.equal(reports(result).filter((r) => r.rule === 'missing-section').length, 5);
    });
  });
});
