/**
 * scanHeadings against remark-parse, the parser it stands in for: every CommonMark spec example,
 * the same after a front-matter block, generated documents (fast-check), and named behaviours.
 * remark's top-level headings are the reference: depth, position offsets and mdast-util-to-string
 * text. No spec example is excluded, text included. Two deliberate differences, each tested below:
 * a byte order mark does not shift offsets (remark counts from after it), and the rest of an
 * emphasis opener right before a NUL keeps its true length (remark repeats the whole run).
 *
 * scanCodeBlocks, the same scan reporting code blocks, is checked against remark's `code` nodes the
 * same ways.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Root } from 'mdast';
import MarkdownIt from 'markdown-it';
import { flattenTokens, MAX_PARSED_HEADING } from '../../src/core/markdown/heading-text';
import { scanCodeBlocks, scanHeadings, type Heading } from '../../src/core/markdown/headings';

// remark and its helpers are ESM-only; Node 20 (and tsx) load them through require.
const { unified } = require('unified') as typeof import('unified');
const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
const { toString } = require('mdast-util-to-string') as typeof import('mdast-util-to-string');
const { tests: SPEC } = require('commonmark-spec') as { tests: { markdown: string; number: number; section: string }[] };
/* eslint-enable @typescript-eslint/no-require-imports */

const processor = unified().use(remarkParse);

/** markdown-it as VS Code's preview has it (default rules, raw HTML on): the oracle for heading text. */
const markdownIt = new MarkdownIt('default', { html: true });

/**
 * A heading as both markdown-it and scanHeadings can say it: depth, text, and the lines it spans
 * (a setext heading after definitions starts at them for remark and us, after them for markdown-it).
 */
interface HeadingLine {
  depth: number;
  text: string;
  firstLine: number;
  lastLine: number;
}

const depthTextAndLastLine = (headings: HeadingLine[]) => headings.map((h) => ({ depth: h.depth, text: h.text, lastLine: h.lastLine }));

const lineOf = (markdown: string, offset: number): number => (markdown.slice(0, offset).match(/\r\n?|\n/g) ?? []).length;

/** markdown-it's own top-level headings from a full parse: heading_open, its inline token, heading_close. */
function markdownItHeadings(markdown: string): HeadingLine[] {
  const tokens = markdownIt.parse(markdown, {});
  const headings: HeadingLine[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.type !== 'heading_open' || open.level !== 0) continue;
    assert.equal(tokens[i + 1]!.type, 'inline');
    assert.equal(tokens[i + 2]!.type, 'heading_close');
    headings.push({ depth: Number(open.tag.slice(1)), text: flattenTokens(tokens[i + 1]!.children ?? []), firstLine: open.map![0], lastLine: open.map![1] - 1 });
  }
  return headings;
}

/** scanHeadings' headings, with the line each ends on counted as markdown-it counts lines. */
function scannedHeadingLines(markdown: string): HeadingLine[] {
  return scanHeadings(markdown).map((heading) => ({
    depth: heading.depth,
    text: heading.text,
    firstLine: lineOf(markdown, heading.start),
    lastLine: lineOf(markdown, heading.end),
  }));
}

/** remark's top-level headings, as scanHeadings reports them, offsets shifted by `offset`. */
function remarkHeadings(markdown: string, offset = 0): Heading[] {
  const tree = processor.parse(markdown) as Root;
  const headings: Heading[] = [];
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    headings.push({
      depth: node.depth,
      // markdown-it, whose heading text we report, reads every line ending as \n; remark keeps
      // a setext heading's CRLF and CR as written. That is the only difference in text.
      text: toString(node).replace(/\r\n?/g, '\n'),
      start: node.position!.start.offset! + offset,
      end: node.position!.end.offset! + offset,
    });
  }
  return headings;
}

/**
 * A code block as remark and scanCodeBlocks can both say it: the offsets of its first
 * non-whitespace character and of its last character that is neither whitespace nor `>`. The start
 * and end offsets themselves differ only in characters that hold no words: remark ends a fence left
 * open at the end of the document after its trailing line endings (or, when the last line is only a
 * quote prefix like `> ` without a line ending, before that line), ends an indented block after a
 * trailing line of spaces, and starts indented code in a tab that a container prefix half used at a
 * different column.
 */
type CodeSpan = [firstCharacter: number, lastCharacter: number];

function characterSpan(text: string, start: number, end: number): CodeSpan {
  let first = start;
  while (first < end && /\s/.test(text[first]!)) first++;
  let last = end;
  while (last > first && /[\s>]/.test(text[last - 1]!)) last--;
  return [first, last - 1];
}

/** remark's `code` nodes at any depth (fenced and indented), offsets shifted by `offset`. */
function remarkCodeBlocks(markdown: string, offset = 0): CodeSpan[] {
  const spans: CodeSpan[] = [];
  const visit = (node: Root | Root['children'][number]): void => {
    if (node.type === 'code') {
      const [first, last] = characterSpan(markdown, node.position!.start.offset!, node.position!.end.offset!);
      spans.push([first + offset, last + offset]);
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(processor.parse(markdown) as Root);
  return spans;
}

function scannedCodeBlocks(text: string, from = 0): CodeSpan[] {
  return scanCodeBlocks(text, from).map((block) => characterSpan(text, block.start, block.end));
}

/** Asserts both scanCodeBlocks and remark find exactly the code blocks `expected`, as their text from first to last non-whitespace character. */
function expectCodeBlocks(markdown: string, expected: string[]): void {
  const spanned = (spans: CodeSpan[]) => spans.map(([start, last]) => markdown.slice(start, last + 1));
  assert.deepEqual(spanned(remarkCodeBlocks(markdown)), expected, 'remark agrees with the expectation');
  assert.deepEqual(spanned(scannedCodeBlocks(markdown)), expected);
  // The whole last line belongs to the block: nothing after `end` on it.
  for (const block of scanCodeBlocks(markdown)) assert.ok(block.end === markdown.length || /[\r\n]/.test(markdown[block.end]!), `block ends at a line end: ${JSON.stringify(markdown.slice(block.start, block.end))}`);
}

/** Asserts both scanHeadings and remark find exactly `expected` (so each expectation is checked). */
function expectHeadings(markdown: string, expected: [depth: number, text: string, start: number, end: number][]): void {
  const want = expected.map(([depth, text, start, end]) => ({ depth, text, start, end }));
  assert.deepEqual(remarkHeadings(markdown), want, 'remark agrees with the expectation');
  assert.deepEqual(scanHeadings(markdown), want);
}

const FRONT_MATTER = '---\ntitle: x\nstatus: draft\n---\n';

/**
 * The differential tests both scans share: on every CommonMark spec example (alone, and after a
 * front-matter block, scanning from the body) and on generated documents, `ours` must give what
 * `remark` gives. `what` names the results in the test titles.
 */
function matchesRemark<T>(what: string, ours: (text: string, from?: number) => T, remark: (markdown: string, offset?: number) => T, runs: number, hasEnough: () => void): void {
  describe('matches remark on every CommonMark spec example', () => {
    it(`finds the same ${what} in all ${SPEC.length} examples`, () => {
      const mismatches = SPEC.filter((example) => {
        try {
          return !isDeepStrictEqual(ours(example.markdown), remark(example.markdown));
        } catch {
          return true;
        }
      }).map((example) => example.number);
      assert.deepEqual(mismatches, [], `spec examples that differ from remark: ${mismatches.join(', ')}`);
      hasEnough();
    });

    it(`finds the same ${what} after a front-matter block, scanning from the body start`, () => {
      const mismatches = SPEC.filter((example) => !isDeepStrictEqual(ours(FRONT_MATTER + example.markdown, FRONT_MATTER.length), remark(example.markdown, FRONT_MATTER.length))).map((example) => example.number);
      assert.deepEqual(mismatches, [], `spec examples that differ after front matter: ${mismatches.join(', ')}`);
    });
  });

  describe('matches remark on generated documents', function () {
    this.timeout(30_000);

    it('agrees on documents of random markdown-ish lines (containers, fences, HTML, setext, tabs, CRLF)', () => {
      fc.assert(
        fc.property(markdownLines, fc.boolean(), (markdown, withFrontMatter) => {
          const prefix = withFrontMatter ? FRONT_MATTER : '';
          assert.deepEqual(ours(prefix + markdown, prefix.length), remark(markdown, prefix.length));
        }),
        { numRuns: runs },
      );
    });

    it('agrees on nested documents (lists and quotes holding headings, fences, code and paragraphs)', () => {
      fc.assert(
        fc.property(nestedDocument, (markdown) => {
          assert.deepEqual(ours(markdown), remark(markdown));
        }),
        { numRuns: runs },
      );
    });
  });
}

describe('scanHeadings', () => {
  matchesRemark('top-level headings (depth, offsets, text)', scanHeadings, remarkHeadings, 400, () => {
    // The comparison means something: 34 examples have top-level headings (the rest must have none).
    assert.ok(SPEC.filter((example) => remarkHeadings(example.markdown).length > 0).length >= 30);
  });

  describe('heading text matches markdown-it (what VS Code shows)', () => {
    it(`gives markdown-it's heading text (from its full parse) in all ${SPEC.length} spec examples`, () => {
      const mismatches = SPEC.filter((example) => !isDeepStrictEqual(depthTextAndLastLine(scannedHeadingLines(example.markdown)), depthTextAndLastLine(markdownItHeadings(example.markdown)))).map((example) => example.number);
      assert.deepEqual(mismatches, [], `spec examples whose headings differ from markdown-it's: ${mismatches.join(', ')}`);
      // The comparison means something: the same 34 examples have top-level headings.
      assert.ok(SPEC.filter((example) => markdownItHeadings(example.markdown).length > 0).length >= 30);
    });

    it('gives markdown-it\'s text for every heading both find in generated documents', function () {
      this.timeout(30_000);
      // The block structure follows micromark, which differs from markdown-it in rare corners
      // (laziness, interrupted indented code, a list item of only a definition), so only headings
      // both see on the same lines are compared.
      fc.assert(
        fc.property(fc.oneof(markdownLines, nestedDocument), (markdown) => {
          const theirs = new Map(markdownItHeadings(markdown).map((heading) => [heading.lastLine, heading]));
          for (const ours of scannedHeadingLines(markdown)) {
            const same = theirs.get(ours.lastLine);
            if (same !== undefined && same.depth === ours.depth && same.firstLine === ours.firstLine) assert.equal(ours.text, same.text, JSON.stringify(markdown));
          }
        }),
        { numRuns: 600 },
      );
    });

    it('reads strikethrough as markdown-it\'s default rules do (remark, without GFM, keeps the tildes)', () => {
      assert.deepEqual(scanHeadings('# ~~Old~~ plan').map((h) => h.text), ['Old plan']);
      assert.deepEqual(markdownItHeadings('# ~~Old~~ plan').map((h) => h.text), ['Old plan']);
    });

    it('reads a setext heading\'s CRLF and CR line endings as \\n, as markdown-it does', () => {
      assert.deepEqual(scanHeadings('One\r\ntwo\rthree\r\n===').map((h) => h.text), ['One\ntwo\nthree']);
      assert.deepEqual(markdownItHeadings('One\r\ntwo\rthree\r\n===').map((h) => h.text), ['One\ntwo\nthree']);
    });

    it('resolves a reference link only against a definition, with markdown-it\'s label matching', () => {
      expectHeadings('# [Launch  Plan] and [x][LAUNCH plan] but [nope]\n\n[launch plan]: /p', [[1, 'Launch  Plan and x but [nope]', 0, 48]]);
    });

    it(`reads a heading longer than ${MAX_PARSED_HEADING} characters as written, without parsing it`, () => {
      const long = '*a* '.repeat(MAX_PARSED_HEADING / 4) + 'end';
      assert.deepEqual(scanHeadings(`# ${long}`).map((h) => h.text), [long]);
      const limit = '*a*' + ' '.repeat(MAX_PARSED_HEADING - 4) + 'b';
      assert.deepEqual(scanHeadings(`# ${limit}`).map((h) => h.text), [markdownItHeadings(`# ${limit}`)[0]!.text]);
      assert.equal(markdownItHeadings(`# ${limit}`)[0]!.text.startsWith('a '), true);
    });

    it('leaves plain headings to the cheap path with the same text markdown-it gives', () => {
      for (const text of ['# Plain words, digits 42 and (parentheses)!', '#   spaced\t  #', 'Plain\n===', '# caf\u00e9 \u00a0']) {
        assert.deepEqual(scannedHeadingLines(text), markdownItHeadings(text), JSON.stringify(text));
        assert.equal(scanHeadings(text).length, 1);
      }
    });
  });

  describe('block structure', () => {
    it('reports ATX headings with their depth, closing sequence removed', () => {
      expectHeadings('# One\n## Two ##\n###### Six\n####### seven', [
        [1, 'One', 0, 5],
        [2, 'Two', 6, 15],
        [6, 'Six', 16, 26],
      ]);
    });

    it('ends an ATX heading at the end of its line, trailing whitespace included', () => {
      expectHeadings('  # Title #  \nbody', [[1, 'Title', 2, 13]]);
    });

    it('does not treat a # line inside a fenced block as a heading', () => {
      expectHeadings('```md\n# not a heading\n```\n# Heading', [[1, 'Heading', 26, 35]]);
      expectHeadings('~~~\n# no\n~~~~\n# yes', [[1, 'yes', 14, 19]]);
    });

    it('closes a fence only with a run at least as long as the opening one', () => {
      expectHeadings('````\n```\n# still code\n````\n# after', [[1, 'after', 27, 34]]);
    });

    it('keeps an unclosed fence open to the end of the document', () => {
      expectHeadings('# Before\n```\n# inside\n\n# still inside', [[1, 'Before', 0, 8]]);
    });

    it('does not open a backtick fence whose info string has a backtick', () => {
      expectHeadings('``` a`b\n# heading', [[1, 'heading', 8, 17]]);
    });

    it('does not treat an indented # line as a heading (indented code), but a tab after # is fine', () => {
      expectHeadings('    # code\n\t# code\n#\tHeading', [[1, 'Heading', 19, 28]]);
    });

    it('turns a paragraph followed by === or --- into a setext heading spanning both', () => {
      expectHeadings('Title\n=====\n\nSub *title*\nsecond line\n---', [
        [1, 'Title', 0, 11],
        [2, 'Sub title\nsecond line', 13, 40],
      ]);
    });

    it('reads --- after a blank line as a thematic break, not a heading', () => {
      expectHeadings('Text\n\n---\n', []);
    });

    it('does not make a setext heading of a paragraph of only link reference definitions', () => {
      expectHeadings('[a]: /url\n===\n', []);
      expectHeadings('[a]: /url\n---\n', []);
    });

    it('starts a setext heading at the definitions that open its paragraph, as remark does', () => {
      expectHeadings('[a]: /url\nTitle\n===', [[1, 'Title', 0, 19]]);
    });

    it('does not report headings inside list items or block quotes', () => {
      expectHeadings('- # in a list\n\n> # in a quote\n\n1. Item\n   ===\n\n# Top', [[1, 'Top', 47, 52]]);
    });

    it('reports a heading that ends a list or quote without being indented into it', () => {
      expectHeadings('- item\n# After list\n> quote\n# After quote', [
        [1, 'After list', 7, 19],
        [1, 'After quote', 28, 41],
      ]);
    });

    it('continues a list item across a blank line when the next line is indented', () => {
      expectHeadings('- item\n\n  # inside\n\n# outside', [[1, 'outside', 20, 29]]);
    });

    it('lets a list item start with at most one blank line', () => {
      expectHeadings('-\n  # inside\n-\n\n  # outside the empty item', [[1, 'outside the empty item', 18, 42]]);
    });

    it('treats a lazy line after a quoted paragraph as part of it, never as an underline', () => {
      expectHeadings('> quote\ncontinued\n===\n', []);
    });

    it('lets an HTML block swallow headings until a blank line (kind 6) or its end marker (kinds 1-5)', () => {
      expectHeadings('<div>\n# no\n\n# yes\n<!-- a\n# no\n-->\n# yes too', [
        [1, 'yes', 12, 17],
        [1, 'yes too', 34, 43],
      ]);
    });

    it('does not let a custom tag (kind 7 HTML) interrupt a paragraph', () => {
      expectHeadings('Text\n<custom-tag>\n===', [[1, 'Text\n<custom-tag>', 0, 21]]);
    });

    it('expands tabs to tab stops of 4 when measuring indentation', () => {
      expectHeadings('>\t# in a quote\n-\t\tcode in a list\n \t# code', []);
    });

    it('follows micromark where it differs from the reference parser: indented code counts as interrupted', () => {
      // After indented code an empty item cannot start a list, so `-` stays paragraph text.
      expectHeadings('    code\n-\nText\n===', [[1, '-\nText', 9, 19]]);
      // The same holds for an ordered item not starting at 1...
      expectHeadings('    code\n2) x\n---', [[2, '2) x', 9, 17]]);
      // ...unless the code started on a lazy line, which micromark ends right there.
      expectHeadings('>\n    code\n2) x\n---', []);
    });

    it('keeps a lazy custom-tag line in the quote it interrupts, so it does not swallow what follows', () => {
      expectHeadings('> quote\n<custom>\n# After', [[1, 'After', 17, 24]]);
      // A block-level tag (kind 6) does leave the quote and runs to the next blank line.
      expectHeadings('> quote\n<div>\n# Swallowed\n\n# After', [[1, 'After', 27, 34]]);
    });
  });

  describe('offsets', () => {
    it('gives exact offsets with CRLF line endings', () => {
      expectHeadings('# One\r\n\r\nTwo\r\n---\r\n## Three\r\n', [
        [1, 'One', 0, 5],
        [2, 'Two', 9, 17],
        [2, 'Three', 19, 27],
      ]);
    });

    it('gives exact offsets with CR-only line endings', () => {
      expectHeadings('# One\rTwo\r===\r', [
        [1, 'One', 0, 5],
        [1, 'Two', 6, 13],
      ]);
    });

    it('starts at `from` and ignores what comes before, keeping offsets absolute', () => {
      const text = '```\nunclosed fence before the body\n# Body';
      const from = text.indexOf('# Body');
      assert.deepEqual(scanHeadings(text, from), [{ depth: 1, text: 'Body', start: from, end: text.length }]);
      assert.deepEqual(scanHeadings(FRONT_MATTER + '# A', FRONT_MATTER.length), [{ depth: 1, text: 'A', start: FRONT_MATTER.length, end: FRONT_MATTER.length + 3 }]);
    });

    it('skips a byte order mark but keeps source offsets (remark counts from after the mark)', () => {
      assert.deepEqual(remarkHeadings('\uFEFF# A', 1), [{ depth: 1, text: 'A', start: 1, end: 4 }]);
      assert.deepEqual(scanHeadings('\uFEFF# A'), [{ depth: 1, text: 'A', start: 1, end: 4 }]);
    });
  });

  describe('heading text', () => {
    it('removes emphasis, strong and code span markers', () => {
      expectHeadings('# *Fast* **launch** of `v2` and __more__', [[1, 'Fast launch of v2 and more', 0, 40]]);
    });

    it('keeps link text and image alt, dropping destinations', () => {
      expectHeadings('# [Roadmap](https://x.y "t") and ![the *logo*](logo.png)', [[1, 'Roadmap and the logo', 0, 56]]);
    });

    it('resolves reference links against definitions anywhere in the document', () => {
      expectHeadings('# See [Spec] and [it][spec] but not [other]\n\n> [SPEC]: /spec', [[1, 'See Spec and it but not [other]', 0, 43]]);
    });

    it('resolves backslash escapes and character references', () => {
      expectHeadings('# Q\\&A &amp; R&amp;D &copy; &#35;1 &#x41; &bogus;', [[1, 'Q&A & R&D © #1 A &bogus;', 0, 49]]);
    });

    it('keeps autolinks and inline HTML as written', () => {
      expectHeadings('# Mail <a@b.co> or <https://x.y> in <b>bold</b>', [[1, 'Mail a@b.co or https://x.y in <b>bold</b>', 0, 47]]);
    });

    it('drops hard breaks and keeps soft line breaks of a setext heading', () => {
      expectHeadings('One  \ntwo\\\nthree\nfour\n===', [[1, 'Onetwothree\nfour', 0, 25]]);
    });

    it('keeps unmatched delimiters and brackets literally', () => {
      expectHeadings('# 2 * 3 = [6 and a_b_c', [[1, '2 * 3 = [6 and a_b_c', 0, 22]]);
    });

    it('keeps what is left of an emphasis opener before a NUL (remark repeats the whole run)', () => {
      // A micromark serialization bug: an opener run that ends where a NUL (read as U+FFFD)
      // starts is printed whole after emphasis used part of it; remark's own text node there
      // spans offsets 2-5 yet holds four characters. We keep the CommonMark result instead.
      assert.equal(remarkHeadings('# ;***\0*')[0]!.text, ';***\uFFFD');
      assert.equal(scanHeadings('# ;***\0*')[0]!.text, ';**\uFFFD');
    });
  });

  describe('robustness', () => {
    it('never throws on NUL bytes, lone surrogates or odd line endings, and agrees with remark on them', () => {
      for (const text of ['\0', '# a\0b', '\uD800# x', '# \uDC00\uD800', '\r\r\n\n\r', 'a\r\n=\r', '\uFEFF', '']) {
        assert.deepEqual(scanHeadings(text), remarkHeadings(text), JSON.stringify(text));
      }
    });

    it('returns nothing for `from` at or past the end, and tolerates odd values', () => {
      assert.deepEqual(scanHeadings('# a', 3), []);
      assert.deepEqual(scanHeadings('# a', 99), []);
      assert.deepEqual(scanHeadings('# a', -5), [{ depth: 1, text: 'a', start: 0, end: 3 }]);
      assert.deepEqual(scanHeadings('# a', Number.NaN), [{ depth: 1, text: 'a', start: 0, end: 3 }]);
    });

    it('stays linear on adversarial inputs (each well under a second)', () => {
      const n = 100_000;
      const inputs: Record<string, string> = {
        'backticks': '`'.repeat(n),
        'backtick runs in a heading': '# ' + Array.from({ length: 3000 }, (_, i) => '`'.repeat(1 + (i % 60)) + 'a').join(' '),
        'block quote markers': '>'.repeat(n),
        'nested list markers on one line': '- '.repeat(n / 2) + 'x',
        'deeply nested list lines': Array.from({ length: 1500 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n'),
        'a 1 MB line': 'a'.repeat(1_000_000),
        'a 1 MB heading': '# ' + 'word '.repeat(200_000),
        'emphasis openers and closers': '# ' + '*a_ '.repeat(n / 8) + '_b* '.repeat(n / 8),
        'brackets': '# ' + '['.repeat(n / 2) + ']'.repeat(n / 2),
        'headings of brackets just within the parse limit': Array.from({ length: 10 }, () => '# ' + '!['.repeat(1200) + ']'.repeat(2400)).join('\n'),
        'unclosed links and titles': '# ' + '[a](b "'.repeat(n / 7),
        'unclosed HTML comments and attributes': '# ' + '<!--<a b="'.repeat(n / 10),
        'entity-like text': '# ' + '&bogus;&#x;&'.repeat(n / 12),
        'tabs': '\t'.repeat(n) + 'x',
        'definition-like paragraphs': Array.from({ length: 20_000 }, () => '[x] y').join('\n\n'),
      };
      for (const [name, text] of Object.entries(inputs)) {
        const start = performance.now();
        scanHeadings(text);
        const elapsed = performance.now() - start;
        assert.ok(elapsed < 1000, `${name}: ${elapsed.toFixed(0)} ms`);
      }
    });
  });
});

describe('scanCodeBlocks', () => {
  matchesRemark('code blocks (first and last character)', scannedCodeBlocks, remarkCodeBlocks, 600, () => {
    // The comparison means something: 77 examples have code blocks (19 in lists or quotes).
    assert.ok(SPEC.filter((example) => remarkCodeBlocks(example.markdown).length > 0).length > 70);
  });

  describe('code blocks', () => {
    it('spans a fence from its opening to its closing line, info string included', () => {
      expectCodeBlocks('Text\n\n```js TODO\nx = 1\n```\nmore', ['```js TODO\nx = 1\n```']);
    });

    it('spans indented code to its last non-blank line, blank lines inside included', () => {
      expectCodeBlocks('Text\n\n    one\n\n    two\n\n\nafter', ['one\n\n    two']);
      expectCodeBlocks('\tcode\n', ['code']);
    });

    it('reads an indented line after a paragraph line as more paragraph, not code', () => {
      expectCodeBlocks('The date is\n    TBD\n', []);
    });

    it('finds fences in list items, on the marker line or below it, and in block quotes', () => {
      expectCodeBlocks('- ```\n  a\n  ```\n- b', ['```\n  a\n  ```']);
      expectCodeBlocks('- item\n\n  ~~~\n  a\n  ~~~', ['~~~\n  a\n  ~~~']);
      expectCodeBlocks('> ```\n> a\n> ```', ['```\n> a\n> ```']);
      expectCodeBlocks('- a\n    - b\n\n      ```\n      c\n      ```', ['```\n      c\n      ```']);
    });

    it('finds indented code in list items (item indent plus four) and block quotes', () => {
      expectCodeBlocks('- a\n\n      code\n', ['code']);
      expectCodeBlocks('>     code\n>     more\n> text', ['code\n>     more']);
    });

    it('ends a fence left open with its container: a list item, a block quote, a lazy line', () => {
      expectCodeBlocks('- ```\n  a\n\nafter', ['```\n  a']);
      expectCodeBlocks('> ```\n> a\n\nafter', ['```\n> a']);
      expectCodeBlocks('> ```\n> a\nafter', ['```\n> a']);
    });

    it('keeps a fence left open at the top level open to the end of the document', () => {
      expectCodeBlocks('```\na\n\n# not a heading\n', ['```\na\n\n# not a heading']);
    });

    it('closes a fence only with the same marker, at least as long, indented less than four', () => {
      expectCodeBlocks('````\n```\n~~~~\n    ````\n````\nafter', ['````\n```\n~~~~\n    ````\n````']);
    });

    it('does not open a fence in an HTML block, or a backtick fence whose info string has a backtick', () => {
      expectCodeBlocks('<div>\n```\n</div>\n\nafter', []);
      expectCodeBlocks('``` a`b\nafter', []);
    });

    it('reports a one-line indented block on a lazy line after a quoted fence, as micromark does', () => {
      expectCodeBlocks('> ```\n    code\n', ['```', 'code']);
    });

    it('gives exact offsets with CRLF and CR line endings, from the body start', () => {
      const text = `${FRONT_MATTER}\`\`\`\r\nTODO\r\n\`\`\`\r\n\r\n    x\r`;
      assert.deepEqual(scanCodeBlocks(text, FRONT_MATTER.length), [
        { start: FRONT_MATTER.length, end: FRONT_MATTER.length + 14 },
        { start: FRONT_MATTER.length + 18, end: FRONT_MATTER.length + 23 },
      ]);
      assert.deepEqual(scanCodeBlocks('```\nbefore the body\n```\nbody', 24), []);
    });

    it('stays linear on adversarial inputs (each well under a second)', () => {
      const inputs: Record<string, string> = {
        'fence openers': '```\n~~~\n'.repeat(50_000),
        'short code blocks': '    x\n# y\n'.repeat(50_000),
        'quoted fences': '> ```\n'.repeat(50_000),
        'nested list fences': Array.from({ length: 1500 }, (_, i) => ' '.repeat(i * 2) + '- ```').join('\n'),
      };
      for (const [name, text] of Object.entries(inputs)) {
        const start = performance.now();
        scanCodeBlocks(text);
        const elapsed = performance.now() - start;
        assert.ok(elapsed < 1000, `${name}: ${elapsed.toFixed(0)} ms`);
      }
    });
  });
});

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

/** Lines mixing container prefixes, indentation and block starts, joined by any line ending. */
const markdownLines = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 3, arbitrary: fc.constant('') },
        { weight: 2, arbitrary: fc.constantFrom(' ', '  ', '   ', '    ', '\t', ' \t', '> ', '>', '> > ', '- ', '* ', '+ ', '1. ', '2) ', '-', '1.', '  - ', '>\t', '-\t', '- > ', '> - ', '      ') },
      ),
      fc.constantFrom(
        '# Heading', '# Heading', '## Two ##', 'Setext text', 'Setext text', '===', '---', '###### six', '####### seven', '#', '#5', 'Text', 'more *text* and `code`', '[ref]: /url', '[ref]: /url "title"',
        '[ref]:', '"title"', '[ref] and [Ref][]', '===', '---', '- - -', '***', '--', '=', '```', '```js', '~~~', '````', '``` `x', '<div>', '</div>',
        '<custom-tag>', '<x a="b">', '<!-- c', '-->', '<?p', '?>', '<![CDATA[', ']]>', '<!DOC', '<script>', '</script>', '', '', ' ', '\t', 'a  ',
        'b\\', '&amp; &ngE; <b>x</b>', '_u_ *a*b', '\\# escaped', '# a \\#', '#\tx', '\u0000',
      ),
      fc.constantFrom('\n', '\n', '\n', '\r\n', '\r'),
    ),
    { minLength: 1, maxLength: 14 },
  )
  .map((lines) => lines.map(([prefix, body, eol]) => prefix + body + eol).join(''));

/** Blocks nested in list items and quotes, with correct or slightly wrong continuation indents. */
const nestedDocument: fc.Arbitrary<string> = fc
  .letrec<{ blocks: string[] }>((tie) => ({
    blocks: fc
      .array(
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(['# Heading *one*'], ['## Two'], ['Para [ref]', 'graph'], ['Setext', '==='], ['Setext 2', '---'], [''], ['***']) },
          { weight: 2, arbitrary: fc.constantFrom(['```', '# in fence', '```'], ['~~~', '# open fence'], ['    # indented code'], ['<div>', '# in html', ''], ['[ref]: /u', '==='], ['<!--', '# c', '-->']) },
          {
            weight: 2,
            arbitrary: fc
              .tuple(fc.constantFrom('- ', '* ', '1. ', '2) ', '-\t', '-    '), fc.constantFrom('  ', '   ', ' ', '\t', ''), tie('blocks'))
              .map(([marker, indent, inner]) => inner.map((line, i) => (i === 0 ? marker : line === '' ? '' : indent) + line)),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.constantFrom('> ', '>', '>\t'), fc.boolean(), tie('blocks'))
              .map(([marker, lazy, inner]) => inner.map((line, i) => (lazy && i > 0 ? '' : marker) + line)),
          },
        ),
        { maxLength: 4, depthIdentifier: 'nested' },
      )
      .map((blocks) => blocks.flat()),
  }))
  .blocks.chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));
