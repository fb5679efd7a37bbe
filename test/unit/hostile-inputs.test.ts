/**
 * Hostile documents and configs at the core: nothing in them is ever run, every problem is a
 * finding with a position found in bounded time, the rest of the document is still linted, and
 * positions stay exact whatever the line endings. docs/reliability.md lists these cases.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { defaultConfig, parseConfig, type ProductDocsConfig } from '../../src/core/config/config';
import { parseDocument, type ParsedDocument } from '../../src/core/document';
import type { Finding } from '../../src/core/findings';
import { MAX_FRONT_MATTER_LENGTH } from '../../src/core/front-matter/front-matter';
import { lint } from '../../src/core/lint';
import { scanHeadings } from '../../src/core/markdown/headings';
import { RULE_IDS } from '../../src/core/rules';
import { analyze } from '../../src/core/workspace/workspace-index';
import { assertFindingsInside } from './hostile-arbitraries';

const REPO = join(__dirname, '..', '..');
/** Product documents are typed by path too, so a front matter that cannot be read still gets linted. */
const { config: CONFIG } = parseConfig('types:\n  prd:\n    files: ["prds/**"]\n', RULE_IDS);
const PATH = 'prds/plan.md';
/** The body every hostile front matter sits on: it has "Problem" and lacks "Goals". */
const BODY = '\n# Plan\n\n## Problem\n\nShoppers abandon carts.\n';
const FIELDS = 'type: prd\ntitle: Plan\nstatus: draft\nowner: Ana\n';

/**
 * Guard for "never hangs": each document must be done within this. Measured with a wall clock in
 * a test whose own timeout is longer, so a regression fails with a number instead of stalling.
 */
const BOUND_MS = 1000;

interface Linted {
  doc: ParsedDocument;
  findings: Finding[];
  ms: number;
}

function lintTimed(text: string, config: ProductDocsConfig = CONFIG, path = PATH): Linted {
  const start = performance.now();
  const doc = parseDocument(text);
  const findings = lint(doc, { config, path, owner: 'Ana' });
  return { doc, findings, ms: performance.now() - start };
}

/** The document text a finding's range covers. */
function textAt(doc: ParsedDocument, finding: Finding): string {
  return doc.text.slice(doc.lines.offsetAt(finding.range.start), doc.lines.offsetAt(finding.range.end));
}

/**
 * A hostile front matter gives a front-matter-syntax finding saying `says`, inside the front
 * matter, in bounded time, and the body is still linted (the missing "Goals" is reported).
 */
function assertHostileFrontMatter(text: string, says: RegExp): Linted {
  const linted = lintTimed(text);
  const { doc, findings, ms } = linted;
  assert.ok(ms < BOUND_MS, `took ${ms.toFixed(0)} ms`);
  assertFindingsInside(doc, findings);
  const syntax = findings.filter((f) => f.rule === 'front-matter-syntax');
  assert.ok(syntax.some((f) => says.test(f.message)), `expected a front-matter-syntax finding matching ${says}, got ${JSON.stringify(syntax.map((f) => f.message))}`);
  const fmEndLine = doc.lines.positionAt(doc.frontMatter!.end).line;
  for (const f of syntax) assert.ok(f.range.start.line <= fmEndLine, `the finding is in the front matter (line ${f.range.start.line})`);
  assert.ok(findings.some((f) => f.rule === 'missing-section' && f.message.includes('"Goals"')), 'the rest of the document is still linted');
  return linted;
}

const frontMatter = (yaml: string) => `---\n${yaml}\n---${BODY}`;
/** 9,000 distinct keys in under 64 KB (60 KB): comparing every key with every other would take seconds. */
const MANY_KEYS = Array.from({ length: 7500 }, (_, i) => `k${i.toString(36)}: 1`).join('\n');

describe('hostile input', function () {
  // The wall-clock bound above is the real assertion; this only stops a hang from stalling the run.
  this.timeout(10_000);

  describe('no code execution', () => {
    const marker = join(tmpdir(), `product-docs-pwned-${process.pid}`);
    const PWNED = '__productDocsPwned';
    const code = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); globalThis.${PWNED} = true; module.exports = { type: 'prd', title: 'x' }`;
    after(() => rmSync(marker, { force: true }));

    const languages: [string, string][] = [
      ['---js', code],
      ['---javascript', code],
      ['---coffee', `require('fs').writeFileSync ${JSON.stringify(marker)}, 'ran'\nglobalThis.${PWNED} = true`],
      ['---JS', code],
      ['--- js', code],
      ['+++', `type = "prd"\ntitle = "x"\n# ${code}`],
    ];
    for (const [fence, content] of languages) {
      it(`front matter fenced "${fence}" is reported as unsupported and never evaluated`, () => {
        const close = fence === '+++' ? '+++' : '---';
        const { doc, findings } = lintTimed(`${fence}\n${content}\n${close}${BODY}`);
        const syntax = findings.find((f) => f.rule === 'front-matter-syntax');
        assert.ok(syntax, 'a front-matter-syntax finding');
        assert.match(syntax.message, /is not supported and was not read: only YAML front matter is \(code in front matter is never run\)\.$/);
        assert.deepEqual(syntax.range, { start: { line: 0, character: 0 }, end: { line: 0, character: fence.trimEnd().length } });
        assert.deepEqual(doc.frontMatter!.data, {}, 'nothing is read from it');
        assert.ok(!findings.some((f) => f.rule === 'missing-field' || f.rule === 'invalid-field'), 'its fields are not guessed at');
        assert.ok(findings.some((f) => f.rule === 'missing-section'), 'the body is still linted');
        assert.equal(existsSync(marker), false, 'the code did not write its file');
        assert.equal((globalThis as Record<string, unknown>)[PWNED], undefined, 'the code did not set its global');
      });
    }

    const tags = ['!!js/function "function () { globalThis.__productDocsPwned = true }"', '!!js/regexp /(a+)+$/', '!!js/undefined ""', '!!python/object:os.system ls', '!foo bar', '!<tag:yaml.org,2002:js/function> f'];
    for (const tagged of tags) {
      const tag = tagged.split(' ')[0]!;
      it(`the YAML tag ${tag} is not honoured: the value stays plain text and a finding names the tag`, () => {
        const { doc, findings } = lintTimed(frontMatter(`${FIELDS}hook: ${tagged}`));
        assert.equal(typeof doc.frontMatter!.data['hook'], 'string');
        const syntax = findings.filter((f) => f.rule === 'front-matter-syntax');
        assert.equal(syntax.length, 1);
        assert.equal(syntax[0]!.message, `YAML tag "${tag}" is not supported and was ignored: front matter is plain data (text, numbers, true/false, lists and mappings).`);
        assert.equal(textAt(doc, syntax[0]!), tag, 'the range is the tag');
        assert.equal((globalThis as Record<string, unknown>)[PWNED], undefined);
      });
    }

    it('the YAML 1.1 extras !!binary, !!set, !!omap, !!pairs and !!timestamp build no objects, and a %YAML 1.1 directive changes nothing', () => {
      const fm = parseDocument(frontMatter(`${FIELDS}b: !!binary aGVsbG8=\ns: !!set {a, b}\no: !!omap [a: 1]\np: !!pairs [a: 1]\nt: !!timestamp 2026-01-01`)).frontMatter!;
      assert.deepEqual(
        { b: fm.data['b'], s: fm.data['s'], o: fm.data['o'], p: fm.data['p'], t: fm.data['t'] },
        { b: 'aGVsbG8=', s: { a: null, b: null }, o: [{ a: 1 }], p: [{ a: 1 }], t: '2026-01-01' },
      );
      assert.deepEqual(fm.problems.map((p) => /YAML tag "(.*?)"/.exec(p.message)?.[1]), ['!!binary', '!!set', '!!omap', '!!pairs', '!!timestamp']);
      const yaml11 = parseConfig('%YAML 1.1\n---\ndocsFolder: &d notes\nroadmap: {<<: {groupBy: owner}}\n', RULE_IDS);
      assert.equal(yaml11.config.roadmap.groupBy, 'status', 'no merge keys');
      assert.match(yaml11.problems[0]!.message, /Unknown roadmap setting "<<"/);
    });

    it('__proto__ and constructor keys are plain fields: nothing is polluted', () => {
      const { doc } = lintTimed(frontMatter(`${FIELDS}__proto__: {polluted: yes}\nconstructor: {prototype: {polluted: yes}}`));
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      assert.equal(Object.getPrototypeOf(doc.frontMatter!.data), Object.prototype);
      assert.deepEqual(Object.keys(doc.frontMatter!.data).slice(-2), ['__proto__', 'constructor']);
    });

    it('the config file is data only: tags are reported and ignored, their values read as plain text', () => {
      const { config, problems } = parseConfig(`docsFolder: !!js/function "function () { globalThis.${PWNED} = true }"\nrules: !foo\n  placeholder: "off"\n`, RULE_IDS);
      assert.deepEqual(problems.map((p) => p.message), [
        'YAML tag "!!js/function" is not supported and was ignored: the config is plain data (text, numbers, true/false, lists and mappings).',
        'YAML tag "!foo" is not supported and was ignored: the config is plain data (text, numbers, true/false, lists and mappings).',
      ]);
      assert.equal(config.docsFolder, `function () { globalThis.${PWNED} = true }`);
      assert.equal(config.severities['placeholder'], 'off');
      assert.equal((globalThis as Record<string, unknown>)[PWNED], undefined);
    });

    it('the project depends on no YAML loader that can run code: not gray-matter, not js-yaml', () => {
      const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies?: object; devDependencies?: object };
      for (const name of ['gray-matter', 'js-yaml', 'front-matter', 'yaml-front-matter']) {
        assert.ok(!(name in (pkg.dependencies ?? {})) && !(name in (pkg.devDependencies ?? {})), name);
      }
      assert.deepEqual(Object.keys(pkg.dependencies ?? {}), ['markdown-it', 'yaml'], 'the runtime dependencies are the yaml parser and markdown-it (heading text)');
      const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
      for (const file of sources(join(REPO, 'src'))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/from '([^']+)'/g)) {
          assert.ok(/^(?:\.|node:|yaml$|markdown-it$|vscode$)/.test(m[1]!) || (m[1] === '../../package.json'), `${relative(REPO, file)} imports ${m[1]}`);
        }
        assert.doesNotMatch(text, /\beval\s*\(|new Function\s*\(|\bnode:vm\b/, relative(REPO, file));
      }
    });

    it('Restricted Mode support is honest: the extension starts no process and the core touches no Node module', () => {
      const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { capabilities: { untrustedWorkspaces: { supported: unknown; description: string } } };
      assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
      assert.match(pkg.capabilities.untrustedWorkspaces.description, /nothing from the workspace is executed/);
      const importsOf = (folder: string) =>
        readdirSync(join(REPO, 'src', folder), { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.ts'))
          .flatMap((f) => [...readFileSync(join(REPO, 'src', folder, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => `${f}: ${m[1]}`));
      assert.deepEqual(importsOf('vscode').filter((i) => /child_process|node:vm|worker_threads/.test(i)), []);
      assert.deepEqual(importsOf('core').filter((i) => /: node:/.test(i)), [], 'core is pure');
      // The CLI's one process: git's user.name for `new`, never anything a document names.
      assert.deepEqual(importsOf('cli').filter((i) => /child_process/.test(i)), ['index.ts: node:child_process']);
      assert.equal((readFileSync(join(REPO, 'src', 'cli', 'index.ts'), 'utf8').match(/spawnSync\(/g) ?? []).length, 1);
      assert.match(readFileSync(join(REPO, 'src', 'cli', 'index.ts'), 'utf8'), /spawnSync\('git', \['config', 'user\.name'\]/);
    });

    it('the bundles contain no third-party code but the yaml parser and markdown-it (with its own dependencies), and no eval', async function () {
      this.timeout(30_000);
      const result = await build({
        entryPoints: { cli: join(REPO, 'src/cli/index.ts'), extension: join(REPO, 'src/vscode/extension.ts') },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        external: ['vscode'],
        write: false,
        metafile: true,
        outdir: join(tmpdir(), 'product-docs-bundle-check'),
        logLevel: 'silent',
      });
      const packages = new Set(Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules/')).map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)![1]));
      const markdownIt = JSON.parse(readFileSync(join(REPO, 'node_modules', 'markdown-it', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      // argparse serves only markdown-it's command-line tool, never the library.
      const allowed = ['yaml', 'markdown-it', ...Object.keys(markdownIt.dependencies).filter((name) => name !== 'argparse')];
      assert.deepEqual([...packages].filter((name) => !allowed.includes(name!)), []);
      assert.ok(packages.has('yaml') && packages.has('markdown-it'));
      for (const output of result.outputFiles) assert.doesNotMatch(output.text, /\beval\s*\(|new Function\s*\(/, output.path);
    });
  });

  describe('hostile YAML: a finding with a position, in bounded time, and the rest still linted', () => {
    const laughs = (open: string, close: string, levels: number, width: number) => {
      let yaml = `l0: &l0 ${open}${Array(width).fill('lol').join(', ')}${close}\n`;
      for (let i = 1; i < levels; i++) yaml += `l${i}: &l${i} ${open}${Array(width).fill(`*l${i - 1}`).join(', ')}${close}\n`;
      return yaml.replace(/\{((?:\*l\d+|lol)(?:, )?)+\}/g, (m) => `{${m.slice(1, -1).split(', ').map((v, i) => `k${i}: ${v}`).join(', ')}}`);
    };
    const aliasBombs: [string, string][] = [
      ['billion laughs in lists (9 levels of 9)', laughs('[', ']', 9, 9)],
      ['billion laughs in mappings', laughs('{', '}', 9, 9)],
      ['doubling aliases, 40 levels', Array.from({ length: 40 }, (_, i) => (i === 0 ? 'a0: &a0 [x, x]' : `a${i}: &a${i} [*a${i - 1}, *a${i - 1}]`)).join('\n')],
      ['one wide anchor aliased 500 times', `big: &big [${Array(2000).fill('x').join(', ')}]\nrefs: [${Array(500).fill('*big').join(', ')}]`],
      ['thousands of aliases', `a: &a {x: 1}\n${Array.from({ length: 4000 }, (_, i) => `k${i}: *a`).join('\n')}`],
    ];
    for (const [name, yaml] of aliasBombs) {
      it(`alias bomb: ${name}`, () => {
        const { doc } = assertHostileFrontMatter(frontMatter(`${FIELDS}${yaml}`), /Excessive alias count/);
        assert.deepEqual(doc.frontMatter!.data, {}, 'nothing is expanded');
      });
    }

    it('an alias inside the list it names (a value containing itself)', () => {
      const { doc, findings } = assertHostileFrontMatter(frontMatter(`${FIELDS}depends-on: &d [a, *d]`), /An alias refers to the list or mapping it is part of/);
      assert.equal(textAt(doc, findings.find((f) => f.rule === 'front-matter-syntax')!), '*d');
    });

    const deep: [string, string, RegExp][] = [
      ['flow lists "[[[[" 10,000 deep, unclosed', `x: ${'['.repeat(10_000)}`, /nests deeper than 64 levels/],
      ['flow lists 10,000 deep, closed', `x: ${'['.repeat(10_000)}${']'.repeat(10_000)}`, /nests deeper than 64 levels/],
      ['flow mappings "{a: {a:" 10,000 deep', `x: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`, /nests deeper than 64 levels/],
      ['block lists "- - - -" 10,000 deep', `x:\n${'- '.repeat(10_000)}y`, /nests deeper than 64 levels/],
      ['block lists one per line, 2,000 deep', `x:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n')}y`, /larger than 64 KB|nests deeper/],
      ['indented mappings 300 deep (within 64 KB)', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), /nests deeper than 64 levels/],
      ['complex keys "? ? ? ?" 10,000 deep', `${'? '.repeat(10_000)}x`, /nests deeper than 64 levels/],
    ];
    for (const [name, yaml, says] of deep) it(`deep nesting: ${name}`, () => assertHostileFrontMatter(frontMatter(`${FIELDS}${yaml}`), says));

    it('deep nesting: indented mappings 10,000 deep (50 MB) are refused by size, not parsed', function () {
      this.timeout(30_000);
      const yaml = Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
      assertHostileFrontMatter(frontMatter(`${FIELDS}${yaml}`), /larger than 64 KB and was not read/);
    });

    it('a 1 MB value is refused by size; a 60 KB value and 7,500 keys are read, in bounded time', () => {
      assertHostileFrontMatter(frontMatter(`${FIELDS}theme: ${'x'.repeat(1024 * 1024)}`), /larger than 64 KB and was not read/);
      const big = lintTimed(frontMatter(`${FIELDS}theme: ${'x'.repeat(60_000)}`));
      assert.ok(big.ms < BOUND_MS, `${big.ms} ms`);
      assert.equal((big.doc.frontMatter!.data['theme'] as string).length, 60_000);
      assert.ok(MANY_KEYS.length < MAX_FRONT_MATTER_LENGTH);
      const many = lintTimed(frontMatter(`${FIELDS}${MANY_KEYS}`));
      assert.ok(many.ms < BOUND_MS, `7,500 keys took ${many.ms.toFixed(0)} ms`);
      assert.deepEqual(many.doc.frontMatter!.problems, []);
      assert.equal(Object.keys(many.doc.frontMatter!.data).length, 7504);
    });

    it('duplicate keys, at the top and nested, each at the repeated key, also among thousands of keys', () => {
      const { doc, findings } = assertHostileFrontMatter(frontMatter(`${FIELDS}status: shipped\nmeta: {a: 1, a: 2}`), /Map keys must be unique/);
      const syntax = findings.filter((f) => f.rule === 'front-matter-syntax');
      assert.deepEqual(syntax.map((f) => [f.message, f.range.start.line, textAt(doc, f)]), [
        ['Map keys must be unique: "status" is already set above; keep one of them.', 5, 'status'],
        ['Map keys must be unique: "a" is already set above; keep one of them.', 6, 'a'],
      ]);
      assertHostileFrontMatter(frontMatter(`${FIELDS}${MANY_KEYS}\nk${(7499).toString(36)}: again`), /"k5sb" is already set above/);
    });

    it('front matter that is a list or a single value', () => {
      for (const yaml of ['- type: prd\n- title: Plan', 'just some text', '42', '"quoted"']) {
        const { doc, findings } = assertHostileFrontMatter(frontMatter(yaml), /must be a mapping of fields/);
        assert.equal(textAt(doc, findings.find((f) => f.rule === 'front-matter-syntax')!).trimEnd(), yaml, 'the range is the whole value');
      }
    });

    it('an unterminated front matter: reported at the opening fence, and the headings after it still count', () => {
      const { findings } = assertHostileFrontMatter(`---\n${FIELDS}${BODY}`, /Front matter is not closed: add a line "---" after the last field\./);
      assert.deepEqual(findings.find((f) => f.rule === 'front-matter-syntax')!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
      assert.match(findings.find((f) => f.rule === 'missing-section')!.message, /expected after "Problem"/, '"## Problem" was found');
    });

    it('tabs used for indentation', () => {
      const { doc, findings } = assertHostileFrontMatter(frontMatter(`${FIELDS}approvers:\n\t- Ana`), /[Tt]ab/);
      assert.equal(findings.find((f) => f.rule === 'front-matter-syntax')!.range.start.line, 6);
      assert.equal(doc.lines.lineText(6), '\t- Ana');
    });

    it('YAML that does not parse, with the rest of the document still linted', () => {
      for (const yaml of ['title: "unclosed', 'a: [1, 2', 'key: value: other', '%TAG ! tag:x,2000:', '*undefined-alias', ': : :', '\u0000\u0001']) {
        const { findings } = lintTimed(frontMatter(`type: prd\n${yaml}`));
        assert.ok(findings.some((f) => f.rule === 'front-matter-syntax'), yaml);
        assert.ok(findings.some((f) => f.rule === 'missing-section'), yaml);
      }
    });

    it('"---" inside fenced code blocks in the body is neither front matter nor a section break', () => {
      const body = '\n# Plan\n\n## Problem\n\nText.\n\n```yaml\n---\ntype: prfaq\n---\n## Goals\n```\n\n~~~\n---\n~~~\n\n## Non-goals\n\nNone.\n';
      const { doc, findings } = lintTimed(frontMatter(FIELDS.trimEnd()) .replace(BODY, body));
      assert.equal(doc.frontMatter!.data['type'], 'prd');
      assert.ok(!findings.some((f) => f.rule === 'front-matter-syntax'));
      assert.deepEqual(doc.sections.map((s) => s.name), ['plan', 'problem', 'non-goals'], '"## Goals" in the code block is not a heading');
      assert.ok(findings.some((f) => f.rule === 'missing-section' && f.message.includes('"Goals"')));
      const startsWithCode = lintTimed('```\n---\ntype: prd\n---\n```\n# Plan\n');
      assert.equal(startsWithCode.doc.frontMatter, undefined, 'a document starting with a code block has no front matter');
    });

    it('a lone "---", with or without a line break, and "..." as the closing fence', () => {
      for (const text of ['---', '---\n', '---\r\n', '---\r', '--- \n', '---\n---', '---\n...']) {
        const { doc, findings, ms } = lintTimed(text);
        assert.ok(ms < BOUND_MS);
        assertFindingsInside(doc, findings);
      }
      assert.equal(parseDocument('---').frontMatter, undefined, 'a bare "---" is a thematic break');
      const dots = parseDocument(`---\n${FIELDS}...\n# Plan\n`);
      assert.deepEqual([dots.frontMatter!.closed, dots.frontMatter!.data['title'], dots.frontMatter!.problems], [true, 'Plan', []]);
    });
  });

  describe('line endings and BOM: the same findings at the same positions, each range on its subject', () => {
    // Findings of many rules at once: an empty owner, an invalid status and quarter, a TODO, an empty,
    // a repeated and a misplaced section, a missing one.
    const LINES = [
      '---',
      'type: prd',
      'title: Plan',
      'status: drafting',
      'owner:',
      'quarter: Q3 2026',
      '---',
      '# Plan',
      '',
      '## Goals',
      '',
      'Halve abandonment. TODO confirm',
      '',
      '## Problem',
      '',
      'Carts.',
      '',
      '## Requirements',
      '',
      '## Goals',
      '',
      'Again.',
    ];
    const variants: [string, string][] = [
      ['CRLF', LINES.join('\r\n')],
      ['CR only', LINES.join('\r')],
      // Never a CR just before an LF: that pair is one CRLF line break, not two.
      ['mixed LF, CRLF and CR', LINES.map((l, i) => l + ['\r\n', '\n', '\r'][i % 3]).join('')],
      ['BOM and LF', `\uFEFF${LINES.join('\n')}`],
      ['BOM and CRLF', `\uFEFF${LINES.join('\r\n')}\r\n`],
    ];
    let reference: Linted;
    before(() => (reference = lintTimed(LINES.join('\n'), defaultConfig())));
    const summary = (findings: Finding[]) => findings.map((f) => ({ rule: f.rule, message: f.message, range: f.range, fixed: f.fix !== undefined }));

    it('the LF document has the findings this suite expects', () => {
      assert.deepEqual(
        [...new Set(reference.findings.map((f) => f.rule))].sort(),
        ['duplicate-section', 'empty-section', 'invalid-field', 'missing-field', 'missing-section', 'placeholder', 'section-order'],
      );
    });

    for (const [name, text] of variants) {
      it(`${name}: identical findings, and each range covers what its message names`, () => {
        const { doc, findings } = lintTimed(text, defaultConfig());
        assert.deepEqual(summary(findings), summary(reference.findings));
        assertFindingsInside(doc, findings);
        for (const f of findings) {
          const covered = textAt(doc, f);
          const quoted = /"([^"]+)"/.exec(f.message)?.[1] ?? '';
          switch (f.rule) {
            case 'invalid-field':
              assert.equal(covered, /^Unexpected \S+ "([^"]+)"/.exec(f.message)![1], f.message);
              break;
            case 'missing-field':
              assert.equal(covered, quoted, f.message);
              break;
            case 'placeholder':
              assert.equal(covered, quoted, f.message);
              break;
            case 'missing-section':
              assert.match(covered, /^#+ /, f.message);
              break;
            default:
              assert.equal(covered.toLowerCase(), `## ${quoted.toLowerCase()}`, f.message);
          }
        }
      });
    }

    it('fixes keep the document\'s line endings and its BOM', () => {
      for (const [name, text] of variants.filter(([n]) => n.includes('CRLF') && !n.includes('mixed'))) {
        const { doc, findings } = lintTimed(text, defaultConfig());
        for (const f of findings) for (const edit of f.fix?.edits ?? []) assert.doesNotMatch(edit.newText.replace(/\r\n/g, ''), /\n/, `${name}: ${f.rule} writes a bare LF`);
        assert.equal(doc.hasBom, name.startsWith('BOM'));
      }
    });
  });

  describe('hostile text: no throw, bounded time', () => {
    const cases: [string, () => string][] = [
      ['an empty file', () => ''],
      ['a whitespace-only file', () => ' \n\t\r\n  \r'],
      ['NUL bytes in the front matter and the body', () => `---\n${FIELDS}x: "\u0000"\n---\n# \u0000\n\n## Problem\u0000\n${'\u0000'.repeat(100_000)}`],
      ['lone surrogates in values and headings', () => `---\n${FIELDS}theme: "\uD800"\nid: \uDC00x\n---\n# \uDFFF\n\n## Problem \uD800\n\n\uD800\uD800 TODO \uDC00`],
      ['bytes that were not UTF-8, decoded to U+FFFD', () => new TextDecoder().decode(Buffer.concat([Buffer.from(`---\n${FIELDS}title: Caf`), Buffer.from([0xe9, 0xff, 0xfe, 0xc0, 0x80]), Buffer.from(`\n---${BODY}`)]))],
      ['a 5 MB single line', () => `---\n${FIELDS}---\n# Plan\n\n## Problem\n\n${'lorem ipsum '.repeat(5 * 1024 * 1024 / 12)}`],
      ['a 5 MB single line without any space', () => `---\n${FIELDS}---\n${'x'.repeat(5 * 1024 * 1024)}`],
      ['a million backticks', () => `---\n${FIELDS}---\n${'`'.repeat(1024 * 1024)}`],
      ['twenty thousand "## Goals" under one "# Problem"', () => `---\n${FIELDS}---\n# Problem\n${'## Goals\nText.\n'.repeat(20_000)}`],
      ['a 1 MB HTML comment that never closes', () => `---\n${FIELDS}---\n## Problem\n<!--\n${'text\n'.repeat(200_000)}`],
    ];
    for (const [name, make] of cases) {
      it(name, function () {
        this.timeout(20_000);
        const text = make();
        for (const [config, path] of [[CONFIG, PATH], [defaultConfig(), 'docs/x.md']] as const) {
          const start = performance.now();
          const analysis = analyze(text, path, config);
          const ms = performance.now() - start;
          assert.ok(ms < BOUND_MS, `${name} took ${ms.toFixed(0)} ms`);
          assertFindingsInside(analysis.doc, analysis.findings);
        }
      });
    }

    // The heading scanner once re-read the rest of the line at every nested list marker (quadratic).
    it('20,000 nested list markers "- - - -" on one line (and 200,000)', () => {
      for (const text of ['- '.repeat(20_000), '* '.repeat(20_000), '- '.repeat(200_000)]) {
        const start = performance.now();
        scanHeadings(`${text}# x`);
        assert.ok(performance.now() - start < BOUND_MS);
      }
    });
  });

  describe('a broken config: reported, the defaults stand in, lint still works', () => {
    const prd = `---\n${FIELDS}ticket: ABC-1\n---${BODY}`;
    const lintsWith = (config: ProductDocsConfig) => {
      const { findings, ms } = lintTimed(prd, config, 'docs/plan.md');
      assert.ok(ms < BOUND_MS);
      assert.ok(findings.some((f) => f.rule === 'missing-section'));
    };

    const broken: [string, string, RegExp][] = [
      ['a syntax error', 'rules:\n  placeholder: [error\n', /The defaults are used until it is fixed\.$/],
      ['tabs for indentation', 'rules:\n\tplaceholder: off\n', /[Tt]ab/],
      ['a wrong type at the top', 'rules: [placeholder]\nmaxFileSizeKb: big\ntypes: 3\ninclude: {a: 1}\n', /rules must be a mapping/],
      ['unknown keys', 'rulez:\n  placeholder: off\n', /Unknown setting "rulez". Did you mean "rules"\?/],
      ['a list instead of a mapping', '- rules\n', /must be a mapping of settings/],
      ['an alias bomb', `${laughsConfig()}\n`, /must be a text value|must be a mapping|Unknown setting/],
      ['nesting 10,000 deep', `rules: ${'['.repeat(10_000)}`, /nested too deeply/],
      ['duplicate keys', 'docsFolder: a\ndocsFolder: b\n', /Map keys must be unique: "docsFolder"/],
    ];
    for (const [name, text, says] of broken) {
      it(`${name}: a problem with a position, and lint works on the defaults`, () => {
        const start = performance.now();
        const { config, problems } = parseConfig(text, RULE_IDS);
        assert.ok(performance.now() - start < BOUND_MS);
        assert.ok(problems.some((p) => says.test(p.message)), JSON.stringify(problems.map((p) => p.message)));
        for (const p of problems) assert.ok(0 <= p.start && p.start <= p.end && p.end <= text.length, JSON.stringify(p));
        assert.deepEqual(config.types, defaultConfig().types);
        lintsWith(config);
      });
    }

    it('a config with CR-only line endings is read like any other', () => {
      const { config, problems } = parseConfig('rules:\r  placeholder: "off"\rdocsFolder: notes\r', RULE_IDS);
      assert.deepEqual(problems, []);
      assert.deepEqual([config.severities['placeholder'], config.docsFolder], ['off', 'notes']);
    });

    const redos = ['(a+)+$', '(.*a){20}', '(a|aa)+$', '((a+))+$', '(a|a)*$', '([a-z]+)*$', '(\\w+\\s?)+$', '(?:a+)+$', '.*.*.*.*.*x', '(a+)\\1'];
    for (const pattern of redos) {
      it(`a field pattern that can backtrack for ever, ${pattern}, is refused and never run`, () => {
        const text = `types:\n  prd:\n    fields:\n      ticket: { pattern: ${JSON.stringify(pattern)} }\n`;
        const { config, problems } = parseConfig(text, RULE_IDS);
        assert.equal(problems.length, 1);
        assert.match(problems[0]!.message, /^types\.prd\.fields\.ticket\.pattern has (?:a nested repetition|a back-reference|more than 3 unbounded repetitions).*simplify it/);
        assert.equal(text.slice(problems[0]!.start, problems[0]!.end), JSON.stringify(pattern));
        assert.equal(config.types.find((t) => t.id === 'prd')!.fields['ticket']?.pattern, undefined);
        const { ms } = lintTimed(`---\n${FIELDS}ticket: ${'a'.repeat(40)}!\n---${BODY}`, config, 'docs/plan.md');
        assert.ok(ms < BOUND_MS, `${ms} ms`);
      });
    }

    it('a near miss, a pattern that passes the check but backtracks polynomially, is bounded by the 500-character limit', () => {
      const pattern = '.*.*.*x';
      const { config, problems } = parseConfig(`types:\n  prd:\n    fields:\n      ticket: { pattern: "${pattern}" }\n`, RULE_IDS);
      assert.deepEqual(problems, [], 'three unbounded repetitions are allowed');
      const at500 = lintTimed(`---\n${FIELDS}ticket: ${'a'.repeat(500)}\n---${BODY}`, config, 'docs/plan.md');
      assert.ok(at500.ms < BOUND_MS, `500 characters: ${at500.ms.toFixed(0)} ms`);
      assert.ok(at500.findings.some((f) => f.rule === 'invalid-field' && f.message.includes('matching .*.*.*x')), 'checked');
      const longer = lintTimed(`---\n${FIELDS}ticket: ${'a'.repeat(50_000)}\n---${BODY}`, config, 'docs/plan.md');
      assert.ok(longer.ms < BOUND_MS, `50,000 characters: ${longer.ms.toFixed(0)} ms`);
      assert.ok(!longer.findings.some((f) => f.rule === 'invalid-field'), 'not matched at all');
    });
  });
});

describe('docs/reliability.md', () => {
  it('cites only tests that exist: every `file.test.ts` *title fragment* is in that file', () => {
    const doc = readFileSync(join(REPO, 'docs', 'reliability.md'), 'utf8');
    let cited = 0;
    for (const row of doc.split('\n').filter((line) => line.startsWith('| '))) {
      let file: string | undefined;
      // A cell may cite several fragments after one file name: "`a.test.ts` *x*, *y*".
      // Code spans are read whole, so the asterisks of a pattern like `(a+)*` are not emphasis.
      for (const m of row.matchAll(/`([^`]*)`|(?<!\*)\*([^*]+)\*(?!\*)/g)) {
        if (m[1] !== undefined) {
          // A bare name is a unit test; end-to-end tests are cited with their path.
          if (/^[\w-]+\.test\.ts$/.test(m[1])) file = join('test', 'unit', m[1]);
          else if (/^test\/e2e\/suite\/[\w-]+\.test\.ts$/.test(m[1])) file = m[1];
        } else if (file) {
          const source = readFileSync(join(REPO, file), 'utf8').replace(/\\'/g, "'");
          assert.ok(source.includes(m[2]!), `${file} has no test titled like "${m[2]}"`);
          cited++;
        }
      }
    }
    assert.ok(cited >= 60, `${cited} citations`);
  });
});

function laughsConfig(): string {
  let yaml = 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 9; i++) yaml += `l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`;
  return `${yaml}docsFolder: *l8\nrules: *l8`;
}
