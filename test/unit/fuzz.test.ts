/**
 * Property-based tests (fast-check): parsing, lint, the roadmap and the workspace index never throw
 * on any text, and every position they hand out lies inside the document. Seeds are random on each
 * run; a failure prints the seed and the shrunk counterexample to reproduce it with.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { classify } from '../../src/core/config/classify-document';
import { defaultConfig, parseConfig, type ProductDocsConfig } from '../../src/core/config/config';
import { parseDocument } from '../../src/core/document';
import { parseFrontMatter } from '../../src/core/front-matter/front-matter';
import { lint } from '../../src/core/lint';
import { roadmapItem } from '../../src/core/roadmap/items';
import { RULE_IDS } from '../../src/core/rules';
import { matchSections } from '../../src/core/markdown/sections';
import { analyze, WorkspaceIndex } from '../../src/core/workspace/workspace-index';
import { assertFindingsInside, assertRangeInside, frontMatterBlock, markdownDocument, productDocument, yamlLine } from './hostile-arbitraries';

/** Every rule at a severity that reports, and every type also matched by path, so files without front matter are linted too. */
const EVERY_RULE_ON = parseConfig(
  `rules:\n${RULE_IDS.map((id) => `  ${id}: warning`).join('\n')}\ntypes:\n  prd:\n    files: ["prds/**"]\n`,
  RULE_IDS,
);
const CONFIGS: { name: string; config: ProductDocsConfig; path: string }[] = [
  { name: 'defaults', config: defaultConfig(), path: 'docs/x.md' },
  { name: 'every rule on, typed by path', config: EVERY_RULE_ON.config, path: 'prds/x.md' },
];

/** Arbitrary strings of every kind: ASCII, full Unicode (surrogates included), and markdown-ish. */
const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.array(fc.constantFrom('\uD800', '\uDC00', '\u0000', '\r', '\n', '\r\n', '\uFEFF', '-', '#', '`', ' ', 'a', ':', '---\n', '\t'), { maxLength: 60 }).map((parts) => parts.join('')),
  markdownDocument,
);

/** Runs per property; raise it (FUZZ_RUNS=20000) to hunt, the default keeps the file around a second. */
const NUM_RUNS = Number(process.env["FUZZ_RUNS"]) || 300;

describe('fuzzing: core never throws and every range lies inside the document', function () {
  this.timeout(60_000);

  before(() => assert.deepEqual(EVERY_RULE_ON.problems, [], 'the fuzzing config is valid'));

  it('parseDocument: front matter problems, field locations, headings and sections stay inside the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const doc = parseDocument(text);
        const length = doc.text.length;
        const fm = doc.frontMatter;
        if (fm) {
          assert.ok(0 <= fm.contentStart && fm.contentStart <= fm.contentEnd && fm.contentEnd <= length && fm.bodyStart <= length);
          for (const p of fm.problems) assert.ok(0 <= p.start && p.start <= p.end && p.end <= length, JSON.stringify(p));
          for (const [name, l] of fm.fields) assert.ok(fm.contentStart <= l.keyStart && l.keyStart <= l.keyEnd && l.keyEnd <= l.valueEnd && l.valueEnd <= fm.contentEnd + 1, name);
        }
        for (const s of doc.sections) assert.ok(0 <= s.heading.start && s.heading.start <= s.contentStart && s.contentStart <= s.contentEnd && s.contentEnd <= length);
        assert.equal(doc.lines.lineStarts.length, doc.text.split(/\r\n|\r|\n/).length, 'one line per CR, LF or CRLF');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  for (const { name, config, path } of CONFIGS) {
    it(`lint (${name}): never throws; every finding and every fix edit lies inside the document`, () => {
      fc.assert(
        fc.property(fc.oneof(anyText, productDocument), (text) => {
          const doc = parseDocument(text);
          const findings = lint(doc, { config, path, owner: 'Ana' });
          assertFindingsInside(doc, findings);
          for (const f of findings) assert.ok(RULE_IDS.includes(f.rule) && f.message.length > 0, f.rule);
        }),
        { numRuns: NUM_RUNS },
      );
    });
  }

  it('analyze, roadmapItem and the section matcher never throw, and roadmap items carry text values only', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, productDocument), (text) => {
        const { config, path } = CONFIGS[1]!;
        const analysis = analyze(text, path, config);
        assertFindingsInside(analysis.doc, analysis.findings);
        const classification = classify(analysis.doc, path, config);
        for (const type of config.types) {
          const item = roadmapItem(analysis.doc, type, path);
          if (item) for (const value of Object.values(item)) assert.ok(['string', 'number'].includes(typeof value) || Array.isArray(value), JSON.stringify(item));
          for (const m of matchSections(analysis.doc, type)) assertRangeInside(analysis.doc, analysis.doc.lines.rangeOf(m.section.contentStart, m.section.contentEnd), 'section');
        }
        assert.equal(analysis.isProductDocument, classification.kind !== 'other');
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('WorkspaceIndex.update never throws and keeps one entry per key, across edits of the same file', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a.md', 'b.md', 'prds/c.md'), fc.oneof(anyText, productDocument)), { maxLength: 8 }), (updates) => {
        const index = new WorkspaceIndex(CONFIGS[1]!.config);
        for (const [key, text] of updates) {
          index.update(key, text);
          assert.equal(index.update(key, text), false, 'the same text again changes nothing');
          assertFindingsInside(parseDocument(text), index.findings(key)!);
        }
        assert.equal(index.size, new Set(updates.map(([key]) => key)).size);
      }),
      { numRuns: 100 },
    );
  });

  it('arbitrary YAML-ish front matter: data is plain (no functions, no class instances), problems inside the block', () => {
    const plain = (value: unknown, depth = 0): boolean => {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
      if (value instanceof Date) return true; // the core schema reads unquoted ISO dates as such; the rules accept them
      if (Array.isArray(value)) return value.every((v) => plain(v, depth + 1));
      if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value as object).every((v) => plain(v, depth + 1));
      return false;
    };
    fc.assert(
      fc.property(fc.oneof(frontMatterBlock, fc.array(yamlLine, { maxLength: 20 }).map((ls) => `---\n${ls.join('\n')}\n---\n`)), fc.string({ maxLength: 30 }), (block, body) => {
        const text = block + body;
        const fm = parseFrontMatter(text);
        if (!fm) return;
        assert.ok(plain(fm.data), JSON.stringify(fm.data));
        for (const p of fm.problems) assert.ok(p.start <= p.end && p.end <= text.length && p.message.endsWith('.'), JSON.stringify(p));
        if (!/^ya?ml$/i.test(fm.language)) assert.deepEqual(fm.data, {}, 'only YAML is read');
      }),
      { numRuns: NUM_RUNS },
    );
    assert.equal((globalThis as { pwned?: unknown }).pwned, undefined, 'no function in front matter ever ran');
  });
});
