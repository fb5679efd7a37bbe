/**
 * The fast paths of the engine (issue 4) against the straightforward code they replaced, kept here as
 * the reference: a section's content lines (every line normalised and looked up as a possible
 * guidance prompt) and the placeholder rule's prose scan (code blocks cut out and code spans masked
 * on every document, not only where a cheap test says a marker may be). The rules empty-section and
 * placeholder must find exactly what the reference finds, on the rule fixtures, on generated product
 * documents like the benchmark's, and on generated documents full of near-miss prompts, comments
 * and odd whitespace.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { defaultConfig } from '../../src/core/config/config';
import { completeDocument, normalizeHeading, parseDocument, parseDocumentHeader, type ParsedDocument, type Section } from '../../src/core/document';
import { builtInTypes, type DocumentType } from '../../src/core/config/document-types';
import { scalarText } from '../../src/core/front-matter/field-values';
import { emptySection } from '../../src/core/rules/empty-section';
import { placeholder } from '../../src/core/rules/placeholder';
import type { RuleContext, RuleFinding } from '../../src/core/rules/rule';
import { normalizeGuidance, sectionContent } from '../../src/core/markdown/section-content';
import { matchSections, sectionIndexOf } from '../../src/core/markdown/sections';
import { LineIndex, normalizeLabel } from '../../src/core/text';
import { analyze } from '../../src/core/workspace/workspace-index';
import { scanHeadings } from '../../src/core/markdown/headings';
import { generateDocuments } from '../../scripts/bench/generate';
import { markdownDocument, productDocument } from './hostile-arbitraries';
// Helpers that are not fast paths are shared; the reference keeps only the per-line passes that were
// replaced. proseRanges and maskCodeSpans say what prose is (code blocks from the block scanner,
// which headings.test.ts checks against remark; code spans): a definition, not a shortcut.
import { endsInsideComment, maskCodeSpans, proseRanges, stripComments } from '../../src/core/markdown/prose';

const TYPES = builtInTypes();
const CONFIG = defaultConfig();

// ---------------------------------------------------------------------------------------------
// The reference: the code before the fast paths, unchanged but for names.

interface ReferenceLine {
  start: number;
  end: number;
  text: string;
  isGuidance: boolean;
}

function referenceContentLines(doc: ParsedDocument, section: Section, type: DocumentType): ReferenceLine[] {
  const guidance = new Set(type.sections.filter((s) => s.guidance).map((s) => normalizeGuidance(s.guidance)));
  const ownSections = doc.sections.filter((s) => s.heading.start > section.heading.start && s.heading.start < section.contentEnd && sectionIndexOf(type, s.name) !== undefined);
  const inOwnSection = (offset: number) => ownSections.some((s) => offset >= s.heading.start && offset < s.contentEnd);
  const headingStarts = new Set(doc.headings.filter((h) => h.start >= section.contentStart && h.start < section.contentEnd).map((h) => doc.lines.positionAt(h.start).line));
  const lines: ReferenceLine[] = [];
  const first = doc.lines.positionAt(section.contentStart).line + (section.contentStart > doc.lines.lineStarts[doc.lines.positionAt(section.contentStart).line]! ? 1 : 0);
  const last = doc.lines.positionAt(Math.max(section.contentStart, section.contentEnd - 1)).line;
  let inComment = false;
  for (let line = first; line <= last && line < doc.lines.lineCount; line++) {
    const start = doc.lines.lineStarts[line]!;
    if (start >= section.contentEnd) break;
    const raw = doc.lines.lineText(line);
    const text = stripComments(raw, inComment);
    inComment = endsInsideComment(raw, inComment);
    if (inOwnSection(start) || inOwnSection(start + raw.length)) continue;
    if (headingStarts.has(line) || (/^ {0,3}(?:=+|-+)\s*$/.test(raw) && headingStarts.has(line - 1))) continue;
    if (!text.trim()) continue;
    const isGuidance = text.length <= 4096 && guidance.has(normalizeGuidance(text));
    lines.push({ start, end: doc.lines.lineEnd(line), text, isGuidance });
  }
  return lines;
}

const PLACEHOLDER = /\b(?:TODO|TBD|TBC|FIXME|TKTK)\b|\{\{\s*[\w-]+\s*\}\}|\?\?\?/g;

function referencePlaceholder({ doc, type, matched }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const fm = doc.frontMatter;
  for (const [name, location] of fm?.fields ?? []) {
    const text = scalarText(fm!.data[name]);
    if (text !== undefined && new RegExp(`^(?:${PLACEHOLDER.source})$`).test(text.trim())) {
      findings.push({ rule: 'placeholder', message: `Field "${name}" is still a placeholder ("${text.trim()}"): fill it in.`, range: doc.lines.rangeOf(location.valueStart, location.valueEnd) });
    }
  }
  for (const range of proseRanges(doc.text, fm?.bodyStart ?? 0)) {
    const slice = maskCodeSpans(doc.text.slice(range.start, range.end));
    for (const m of slice.matchAll(PLACEHOLDER)) {
      const start = range.start + m.index;
      findings.push({ rule: 'placeholder', message: `Unexpected placeholder "${m[0]}": replace it with the content it stands for.`, range: doc.lines.rangeOf(start, start + m[0].length) });
    }
  }
  if (type) {
    for (const { section, specIndex } of matched) {
      const lines = referenceContentLines(doc, section, type);
      if (lines.every((line) => line.isGuidance)) continue;
      for (const line of lines.filter((l) => l.isGuidance)) {
        findings.push({ rule: 'placeholder', message: `Template guidance left in section "${type.sections[specIndex]!.title}": delete the prompt now that the section has content.`, range: doc.lines.rangeOf(line.start, line.end) });
      }
    }
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function referenceNormalizeHeading(text: string): string {
  return normalizeLabel(text.replace(/^\s*(?:(?:\d+[.)]?)+|[A-Za-z][.)]|[IVXLCivxlc]+[.)])\s+/, '').replace(/\s*:\s*$/, ''));
}

// ---------------------------------------------------------------------------------------------
// The comparison

function contextFor(doc: ParsedDocument, type: DocumentType | undefined): RuleContext {
  return { doc, config: CONFIG, type, typedBy: type && 'front-matter', unknownTypeName: undefined, matched: type ? matchSections(doc, type) : [], path: 'docs/x.md', owner: undefined };
}

/** Every section's content under every built-in type, and both rules, as the reference says. */
function assertSameAsReference(text: string): void {
  for (const type of [...TYPES, undefined]) {
    // A fresh parse per type: what the fast path caches per document must not leak between types.
    const doc = parseDocument(text);
    if (type) {
      for (const section of doc.sections) {
        const reference = referenceContentLines(doc, section, type);
        const fast = sectionContent(doc, section, type);
        assert.equal(fast.empty, reference.every((l) => l.isGuidance), `empty, section "${section.name}" as ${type.id} of ${JSON.stringify(text.slice(0, 400))}`);
        assert.deepEqual(
          fast.guidance,
          reference.filter((l) => l.isGuidance).map(({ start, end }) => ({ start, end })),
          `guidance lines, section "${section.name}" as ${type.id} of ${JSON.stringify(text.slice(0, 400))}`,
        );
      }
    }
    const context = contextFor(doc, type);
    assert.deepEqual(placeholder.check(context), referencePlaceholder(context), `placeholder as ${type?.id} of ${JSON.stringify(text.slice(0, 400))}`);
    // In a draft, a section holding nothing but prompts (at least one) is a to-do, not a finding.
    const drafting = type !== undefined && doc.frontMatter?.data['status'] === type.fields['status']?.values?.[0];
    const emptyReference = type
      ? context.matched
          .filter(({ section }) => {
            const lines = referenceContentLines(doc, section, type);
            return lines.every((l) => l.isGuidance) && !(drafting && lines.length > 0);
          })
          .map(({ section }) => doc.lines.rangeOf(section.heading.start, section.heading.end))
      : [];
    assert.deepEqual(emptySection.check(contextFor(parseDocument(text), type)).map((f) => f.range), emptyReference, `empty-section as ${type?.id}`);
  }
}

const GUIDANCE = [...new Set(TYPES.flatMap((t) => t.sections.map((s) => s.guidance)).filter(Boolean))];
const SECTION_TITLES = [...new Set(TYPES.flatMap((t) => t.sections.map((s) => s.title)))];
const SPACES = [' ', '  ', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', '\u180e', '\u200b', '\u0085'];

/** A guidance prompt as people leave it, or nearly: case, spacing, quote and emphasis marks, look-alike letters, comments. */
const promptLine = fc
  .tuple(
    fc.constantFrom(...GUIDANCE),
    fc.constantFrom('', '', '> ', '>> ', ' > > ', '>', '_', '*', '**', '__', '> _', '_ _', '* ', '  ', '\t', '\u00a0', '<!-- x --> ', '<!--', '-->'),
    fc.constantFrom('', '', '_', '*', ' _', '_ ', '**  ', '.', '?', ' ', '\u2003', ' <!-- x -->', '<!--', ' -->', '_*'),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SPACES, 'K', '\u212a', 'İ', 'i', 'é', 'A', '_', '*', '>', '-', '😀', '\ud800')), { maxLength: 2 }),
    fc.constantFrom('as is', 'upper', 'lower', 'spaced'),
  )
  .map(([prompt, prefix, suffix, edits, casing]) => {
    let line = casing === 'upper' ? prompt.toUpperCase() : casing === 'lower' ? prompt.toLowerCase() : casing === 'spaced' ? prompt.replace(/ /g, '   ') : prompt;
    for (const [at, ch] of edits) {
      const i = at % (line.length + 1);
      line = line.slice(0, i) + ch + line.slice(i);
    }
    return prefix + line + suffix;
  });

const guidanceDocLine = fc.oneof(
  { weight: 4, arbitrary: promptLine },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('#', '##', '###', '####'), fc.constantFrom(...SECTION_TITLES, 'Notes', 'Details')).map(([h, t]) => `${h} ${t}`) },
  { weight: 1, arbitrary: fc.constantFrom('===', '---', '  ==', 'Title line', '') },
  { weight: 2, arbitrary: fc.constantFrom('', '   ', 'Real content.', 'We will ship it. TODO', '<!-- a comment -->', '<!-- open', 'close -->', '<!-->', '```', '~~~', '`code`', '    indented', '> quote', '- item', '\t', '\u00a0') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

const guidanceDocument = fc
  .tuple(fc.constantFrom('prd', 'prfaq', 'lessons-learned'), fc.array(guidanceDocLine, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([type, lines, eol, final]) => `---${eol}type: ${type}${eol}---${eol}${lines.join(eol)}${final ? eol : ''}`);

describe('fast paths of the engine find what the straightforward code finds', () => {
  it('on every rule fixture', () => {
    const dir = join(__dirname, 'fixtures', 'rules');
    const files: string[] = [];
    const visit = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isDirectory()) visit(join(folder, entry.name));
        else if (entry.name.endsWith('.md')) files.push(join(folder, entry.name));
      }
    };
    visit(dir);
    assert.ok(files.length > 20);
    for (const file of files) assertSameAsReference(readFileSync(file, 'utf8'));
  });

  it('on markers that only appear once code spans are masked, and markers in code', () => {
    for (const body of [
      'Fill in {{ name`x` }} later.', '{{ a`b`}}', '`TODO` and ``TBD``', '```\nTODO\n```\nTBD', 'xTODO TODOx _TODO_ TODO.', '~~~\n???\n~~~',
      // Code blocks start after a container prefix and end at a line end, so cutting them out never
      // makes a marker of the text around them.
      '    TODO\nTBD', '- ```\n  TODO\n  ```\nTBD', '>```\n>TODO\n>```TBD', '1.     {{x}}\n{{y}}', 'a\n    TODO', '-\tTODO```\n\tx', '> ```\n???\n> ???',
    ]) {
      assertSameAsReference(`---\ntype: prd\n---\n# Problem\n\n${body}\n`);
    }
    const doc = parseDocument('---\ntype: prd\n---\n# Problem\n\nFill in {{ name`x` }} later.\n');
    assert.equal(placeholder.check(contextFor(doc, TYPES[0])).length, 1, 'masking the span makes "{{ name    }}" a marker');
  });

  it('on generated product documents like the benchmark corpus (half of them with problems)', function () {
    this.timeout(60_000);
    const texts = generateDocuments(150, 4);
    let guidanceFound = 0;
    for (const text of texts) {
      assertSameAsReference(text);
      const doc = parseDocument(text);
      const type = TYPES.find((t) => doc.frontMatter?.data['type'] === t.id);
      if (type) guidanceFound += matchSections(doc, type).filter(({ section }) => sectionContent(doc, section, type).guidance.length > 0).length;
    }
    assert.ok(guidanceFound > 0, 'some generated documents have guidance left in, so the guidance path is exercised');
  });

  it('on generated documents full of near-miss prompts, comments and odd whitespace', () => {
    fc.assert(fc.property(guidanceDocument, (text) => assertSameAsReference(text)), { numRuns: 1500 });
  });

  it('normalises heading names as the straightforward code does', () => {
    const word = fc.constantFrom(...SECTION_TITLES, 'A', 'b', 'iv', 'IV', 'x', 'MIX', 'Non-goals', 'FAQ', 'e.g.', '2.3', '1)', 'a)', 'C:', 'K\u212a', 'İ', '\u00e9t\u00e9');
    const gap = fc.constantFrom(' ', ' ', '  ', '\t', '\u00a0', '', '.', ')', ':', ' : ', '. ', ') ');
    const headingText = fc.tuple(fc.constantFrom('', ' ', '\t', '1. ', 'A) ', 'iv. ', 'II) '), fc.array(fc.tuple(word, gap), { maxLength: 4 }), fc.constantFrom('', ':', ' :', ' ', '\u3000')).map(([lead, parts, end]) => lead + parts.map(([w, g]) => w + g).join('') + end);
    fc.assert(fc.property(fc.oneof(headingText, fc.string({ maxLength: 16 })), (text) => assert.equal(normalizeHeading(text), referenceNormalizeHeading(text), JSON.stringify(text))), { numRuns: 20_000 });
  });

  it('a document read header first is the same document, whatever is asked for first', () => {
    fc.assert(
      fc.property(fc.oneof(productDocument, markdownDocument), fc.constantFrom('lines', 'headings', 'sections'), (text, first) => {
        const header = parseDocumentHeader(text);
        void header[first];
        const full = parseDocument(text);
        assert.deepStrictEqual(completeDocument(header), full);
        assert.deepStrictEqual(header.headings, scanHeadings(full.text, full.frontMatter?.bodyStart ?? 0));
        assert.deepStrictEqual(header.lines.lineStarts, new LineIndex(full.text).lineStarts);
        // A file that is not a product document is analysed from its header; its headings are there when asked.
        const { doc, isProductDocument } = analyze(text, 'notes/x.md', CONFIG);
        if (!isProductDocument) assert.deepStrictEqual(doc.sections, full.sections);
      }),
      { numRuns: 500 },
    );
  });

  it('on hostile generated documents', () => {
    fc.assert(fc.property(fc.oneof(productDocument, markdownDocument), (text) => assertSameAsReference(text)), { numRuns: 600 });
  });
});
