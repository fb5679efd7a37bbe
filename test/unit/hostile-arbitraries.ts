/**
 * fast-check generators shared by the fuzz and fix-property tests: markdown-ish documents built
 * from the lines product documents (and broken ones) are made of, and YAML-ish front matter.
 */
import fc from 'fast-check';
import { builtInTypes } from '../../src/core/config/document-types';
import type { Finding } from '../../src/core/findings';
import type { ParsedDocument } from '../../src/core/document';
import type { Range } from '../../src/core/text';

const TYPES = builtInTypes();
const SECTION_NAMES = [...new Set(TYPES.flatMap((t) => t.sections.flatMap((s) => [s.title, ...s.aliases])))];
const GUIDANCE = TYPES.flatMap((t) => t.sections.map((s) => s.guidance)).filter(Boolean);

/** Heading text as people write it: section names with numbering, case, colons, spacing. */
const sectionName = fc.oneof(
  fc.constantFrom(...SECTION_NAMES),
  fc.constantFrom(...SECTION_NAMES).map((n) => n.toUpperCase()),
  fc.tuple(fc.constantFrom('1. ', '2.3 ', 'A) ', 'iv. '), fc.constantFrom(...SECTION_NAMES), fc.constantFrom('', ':', ' :')).map(([a, b, c]) => a + b + c),
  fc.string({ maxLength: 12 }),
);

const heading = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 7 }), sectionName).map(([depth, name]) => `${'#'.repeat(depth)} ${name}`),
  fc.tuple(fc.constantFrom('', ' ', '   ', '    '), fc.integer({ min: 1, max: 3 }), sectionName, fc.constantFrom('', ' #', ' ##  ')).map(([indent, depth, name, close]) => `${indent}${'#'.repeat(depth)} ${name}${close}`),
  fc.constantFrom('===', '---', '- - -', '***', '#', '#hashtag', '> ## Goals', '- ## Goals'),
);

const fence = fc.constantFrom('```', '~~~', '````', '```yaml', '```md', '~~~ js', '    ```', '` `` `', '```\t');

/** Lines of front matter, valid and not. */
export const yamlLine = fc.oneof(
  fc.constantFrom(
    'type: prd',
    'type: prfaq',
    'type: lessons-learned',
    'type: prd-doc',
    'type: PRD',
    'type:',
    'title: Checkout',
    'title: "Unclosed',
    "title: 'a: b'",
    'title: #',
    'status: draft',
    'status: drafting',
    'status: Shipped',
    'status: [draft]',
    'status:',
    'owner: Ana',
    'owner:',
    'owner: # TBD',
    'owner: TODO',
    'owner: ~',
    "title: ''",
    'quarter: Q3 2026',
    'quarter: 2026-Q3',
    'target: 2026/1/5',
    'target: 2026-02-30',
    'created: 2026-01-01',
    'updated: 2026-01-01T10:00:00Z',
    'priority: p1',
    'priority: P0',
    'depends-on: a',
    'depends-on: [a, {b: c}]',
    'approvers:',
    '  - Ana',
    '- item',
    '  nested: x',
    '\tkey: v',
    'a: &a [1, 2]',
    'b: *a',
    'c: *missing',
    'roadmap: false',
    'roadmap: maybe',
    'f: !!js/function "function () { globalThis.pwned = true }"',
    'g: !foo bar',
    'h: !!binary aGVsbG8=',
    'key: |',
    '  block text',
    '? complex',
    ': value',
    '{a: 1',
    '[',
    '"',
    'x: {{title}}',
    '%YAML 1.1',
    '...',
  ),
  fc.tuple(fc.constantFrom('type', 'title', 'status', 'owner', 'quarter', 'target', 'priority', 'id', 'x'), fc.string({ maxLength: 10 })).map(([k, v]) => `${k}: ${v}`),
  fc.string({ maxLength: 16 }),
);

const proseLine = fc.oneof(
  fc.constantFrom('Some text.', 'TODO', 'Who owns this? TBD', '`TODO` in code', '{{title}}', '???', '<!-- a comment -->', '<!--', '-->', '> quoted', '- item', '1. item', '    indented code', '', ' ', '\t', '---', '...', '+++', '<div>', '</div>', '<pre>', '<script>', '<?php', '<![CDATA[', '[ref]: /url', '\u0000', '\uD800', '\uFEFF', 'é', '😀'),
  fc.constantFrom(...GUIDANCE),
  fc.constantFrom(...GUIDANCE).map((g) => `> _${g}_`),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

/** One line of a markdown-ish body. */
export const bodyLine = fc.oneof({ weight: 3, arbitrary: heading }, { weight: 1, arbitrary: fence }, { weight: 4, arbitrary: proseLine }, { weight: 1, arbitrary: yamlLine });

const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r\n', '\r');

/** Lines joined by random (often mixed) line endings, maybe with a final one. */
function joinLines(lines: string[], eols: string[], finalEol: boolean): string {
  let text = '';
  lines.forEach((line, i) => {
    text += line;
    if (i < lines.length - 1 || finalEol) text += eols[i % eols.length] ?? '\n';
  });
  return text;
}

const lines = (line: fc.Arbitrary<string>, maxLength: number) =>
  fc.tuple(fc.array(line, { maxLength }), fc.array(eol, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([ls, eols, final]) => ({ ls, eols, final }));

/** An opening fence, YAML-ish lines, and maybe a closing fence. */
export const frontMatterBlock = fc
  .tuple(
    fc.constantFrom('---', '---', '---', '---yaml', '--- ', '---js', '+++', '---\t'),
    lines(yamlLine, 12),
    fc.constantFrom('---', '---', '---', '...', '+++', '', '--- '),
  )
  .map(([open, { ls, eols }, close]) => joinLines([open, ...ls, ...(close ? [close] : [])], eols, true));

/** A markdown-ish document: maybe a BOM, maybe front matter, then body lines; mixed line endings. */
export const markdownDocument = fc
  .tuple(fc.boolean(), fc.option(frontMatterBlock, { freq: 4 }), lines(bodyLine, 40))
  .map(([bom, fm, { ls, eols, final }]) => (bom ? '\uFEFF' : '') + (fm ?? '') + joinLines(ls, eols, final));

/** A product document that starts from a valid front matter and has some sections, to reach the fixes. */
export const productDocument = fc
  .tuple(
    fc.boolean(),
    fc.constantFrom('prd', 'prfaq', 'lessons-learned'),
    fc.subarray(['title: Plan', 'status: drafting', 'status: draft', 'owner: Ana', 'owner:', 'quarter: q3 2026', 'target: 2026/3/5', 'priority: p2', 'depends-on: b', 'approvers: Ana'], { minLength: 0 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    lines(bodyLine, 30),
  )
  .map(([bom, type, fields, eolText, { ls, eols, final }]) => (bom ? '\uFEFF' : '') + ['---', `type: ${type}`, ...fields, '---', ''].join(eolText) + joinLines(ls, eols, final));

/** Asserts that a range lies inside the document: ordered, on existing lines, within their length. */
export function assertRangeInside(doc: ParsedDocument, range: Range, what: string): void {
  const { start, end } = range;
  const fail = (why: string) => {
    throw new Error(`${what}: ${why}: ${JSON.stringify(range)} in a document of ${doc.lines.lineCount} lines`);
  };
  for (const p of [start, end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) fail('not a position');
    if (p.line >= doc.lines.lineCount) fail('line past the end');
    if (p.character > doc.lines.lineLength(p.line)) fail(`character past the end of line ${p.line} (length ${doc.lines.lineLength(p.line)})`);
  }
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) fail('start after end');
}

/** Every finding's range, and every range its fix edits, lie inside the document. */
export function assertFindingsInside(doc: ParsedDocument, findings: readonly Finding[]): void {
  for (const finding of findings) {
    assertRangeInside(doc, finding.range, `${finding.rule} "${finding.message}"`);
    for (const edit of finding.fix?.edits ?? []) assertRangeInside(doc, edit.range, `fix of ${finding.rule} "${finding.message}"`);
  }
}
