import type { ParsedDocument, Section } from '../document';
import type { DocumentType } from '../config/document-types';
import type { Heading } from './headings';
import { endsInsideComment, stripComments } from './prose';
import { sectionIndexOf } from './sections';
import { normalizeLabel } from '../text';

/** A line of a section, as offsets in the document text: start of the line, end of its content. */
export interface LineSpan {
  start: number;
  end: number;
}

/**
 * What a section holds, from its prose lines: lines that are not blank, not a heading, not inside an
 * HTML comment. Its subsections count, except those that are themselves sections of the type (a
 * "Metrics" nested under "Goals" has its own content, checked on its own).
 */
export interface SectionContent {
  /** Nothing but whitespace, comments and template guidance: no prose line is anything else. */
  empty: boolean;
  /** The prose lines that are template guidance prompts, in document order. */
  guidance: readonly LineSpan[];
}

/** Lines longer than this are never a guidance prompt, however much blank space pads them. */
const MAX_GUIDANCE_LINE = 4096;

/** "> _What problem are we solving?_ " -> "what problem are we solving?" */
export function normalizeGuidance(line: string): string {
  return normalizeLabel(line.replace(/^\s*(?:>\s*)*/, '').replace(/^[_*]+|[_*]+\s*$/g, ''));
}

/**
 * The content of one of the type's sections. Computed once per document, type and section, and
 * shared: empty-section and placeholder both ask about every matched section on every lint.
 */
export function sectionContent(doc: ParsedDocument, section: Section, type: DocumentType): SectionContent {
  let facts = documentFacts.get(doc);
  if (!facts || facts.type !== type) documentFacts.set(doc, (facts = new DocumentFacts(doc, type)));
  let content = facts.contents.get(section);
  if (!content) facts.contents.set(section, (content = computeSectionContent(doc, section, facts)));
  return content;
}

/** What the sections of a document share, computed once per document (and type). */
class DocumentFacts {
  readonly contents = new Map<Section, SectionContent>();
  readonly matcher: GuidanceMatcher;
  /** The line of each of doc.headings, in the same order. */
  readonly headingLines: number[] = [];
  /**
   * Offsets of every `<!--`. Without one, no line is inside a comment, and a `-->` alone changes
   * nothing: only the lines with a `<!--` or inside a comment need the comment-aware path.
   */
  readonly opens: number[];

  constructor(
    doc: ParsedDocument,
    readonly type: DocumentType,
  ) {
    this.matcher = guidanceMatcher(type);
    const { lineStarts } = doc.lines;
    let line = 0;
    for (const heading of doc.headings) {
      // positionAt(start).line, walked: headings are in document order.
      const offset = Math.max(0, Math.min(heading.start, doc.text.length));
      while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
      this.headingLines.push(line);
    }
    this.opens = occurrences(doc.text, '<!--');
  }
}

const documentFacts = new WeakMap<ParsedDocument, DocumentFacts>();

function occurrences(text: string, marker: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) found.push(i);
  return found;
}

const NO_GUIDANCE: readonly LineSpan[] = Object.freeze([]);

function computeSectionContent(doc: ParsedDocument, section: Section, facts: DocumentFacts): SectionContent {
  const { text, lines, sections, headings } = doc;
  const { lineStarts } = lines;
  const lineCount = lineStarts.length;
  const { matcher, headingLines, opens } = facts;
  const { contentStart, contentEnd } = section;
  // The type's sections nested in this one, merged into disjoint [start, end) spans (flat pairs),
  // walked with the lines: a section holding thousands of them (each "## Goals" repeated) stays linear.
  let spans = NO_SPANS;
  for (let i = firstSectionAtOrAfter(sections, section.heading.start + 1); i < sections.length && sections[i]!.heading.start < contentEnd; i++) {
    const s = sections[i]!;
    if (sectionIndexOf(facts.type, s.name) === undefined) continue;
    if (spans === NO_SPANS) spans = [s.heading.start, s.contentEnd];
    else if (s.heading.start <= spans[spans.length - 1]!) spans[spans.length - 1] = Math.max(spans[spans.length - 1]!, s.contentEnd);
    else spans.push(s.heading.start, s.contentEnd);
  }
  let span = 0;
  // The headings inside the section, [heading, headingsEnd) of doc.headings, by line: not content.
  let heading = firstHeadingAtOrAfter(headings, contentStart);
  let headingsEnd = heading;
  while (headingsEnd < headings.length && headings[headingsEnd]!.start < contentEnd) headingsEnd++;
  // The first line starting at or after contentStart. (The last is the one before contentEnd.)
  const startLine = lines.positionAt(contentStart).line;
  const first = startLine + (contentStart > lineStarts[startLine]! ? 1 : 0);
  while (heading < headingsEnd && headingLines[heading]! < first - 1) heading++;
  let previousIsHeading = heading < headingsEnd && headingLines[heading] === first - 1;
  const commented = opens.length > 0;
  let open = 0;
  let inComment = false;
  let empty = true;
  let guidance = NO_GUIDANCE as LineSpan[];
  for (let line = first; line < lineCount; line++) {
    const start = lineStarts[line]!;
    if (start >= contentEnd) break;
    // LineIndex.lineEnd, inline: the end of the line's content, before its break.
    let end = line + 1 < lineCount ? lineStarts[line + 1]! : text.length;
    if (end > start && line + 1 < lineCount) {
      end--;
      if (text.charCodeAt(end) === 10 && end > start && text.charCodeAt(end - 1) === 13) end--;
    }
    while (heading < headingsEnd && headingLines[heading]! < line) heading++;
    const isHeading = heading < headingsEnd && headingLines[heading] === line;
    const underHeading = previousIsHeading;
    previousIsHeading = isHeading;
    // Only a line with a comment marker, or inside a comment, needs the comment-aware slow path.
    let stripped: string | undefined;
    if (commented) {
      while (open < opens.length && opens[open]! < start) open++;
      if (inComment || (open < opens.length && opens[open]! + 4 <= end)) {
        const raw = text.slice(start, end);
        stripped = stripComments(raw, inComment);
        inComment = endsInsideComment(raw, inComment);
      }
    }
    // In a nested section of the type, by the line's start or its end (offsets only increase).
    while (span < spans.length && spans[span + 1]! <= start) span += 2;
    if (span < spans.length && spans[span]! <= start) continue;
    while (span < spans.length && spans[span + 1]! <= end) span += 2;
    if (span < spans.length && spans[span]! <= end) continue;
    if (isHeading || (underHeading && SETEXT_UNDERLINE.test(text.slice(start, end)))) continue;
    let isGuidance: boolean;
    if (stripped !== undefined) {
      if (!stripped.trim()) continue;
      isGuidance = stripped.length <= MAX_GUIDANCE_LINE && matcher.set.has(normalizeGuidance(stripped));
    } else {
      if (isWhitespaceOnly(text, start, end)) continue;
      isGuidance = end - start <= MAX_GUIDANCE_LINE && matchesGuidance(matcher, text, start, end);
    }
    if (!isGuidance) empty = false;
    else if (guidance === NO_GUIDANCE) guidance = [{ start, end }];
    else guidance.push({ start, end });
  }
  return { empty, guidance };
}

const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)\s*$/;

const NO_SPANS: number[] = [];

/** Index of the first section whose heading starts at or after `offset` (sections are in document order). */
function firstSectionAtOrAfter(sections: readonly Section[], offset: number): number {
  let low = 0;
  let high = sections.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sections[mid]!.heading.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first heading starting at or after `offset` (headings are in document order). */
function firstHeadingAtOrAfter(headings: readonly Heading[], offset: number): number {
  let low = 0;
  let high = headings.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (headings[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A type's normalised guidance prompts, and the same by first character (ASCII) for a quick reject. */
interface GuidanceMatcher {
  set: Set<string>;
  byFirst: (string[] | undefined)[];
}

const matchers = new WeakMap<DocumentType, GuidanceMatcher>();

/** Normalised guidance of all of a type's sections: a prompt moved under another heading is still a prompt. */
function guidanceMatcher(type: DocumentType): GuidanceMatcher {
  let matcher = matchers.get(type);
  if (!matcher) {
    const set = new Set(type.sections.filter((s) => s.guidance).map((s) => normalizeGuidance(s.guidance)));
    const byFirst: (string[] | undefined)[] = new Array(128).fill(undefined);
    for (const prompt of set) {
      const code = prompt.charCodeAt(0);
      if (code < 128) (byFirst[code] ??= []).push(prompt);
    }
    matcher = { set, byFirst };
    matchers.set(type, matcher);
  }
  return matcher;
}

/**
 * Whether text[start, end) is one of the prompts, as `set.has(normalizeGuidance(line))` says, without
 * building the normalised line: the prefix marks and blank space are skipped in place, and the line
 * is compared with the few prompts that begin with its first letter, stopping at the first
 * difference. A character whose lower case is not plain ASCII sends the line to normalizeGuidance.
 */
function matchesGuidance(matcher: GuidanceMatcher, text: string, start: number, end: number): boolean {
  // ^\s*(?:>\s*)*
  let from = start;
  while (from < end && (isWhitespace(text.charCodeAt(from)) || text.charCodeAt(from) === 0x3e)) from++;
  // ^[_*]+ of what is left
  while (from < end && isEmphasisMark(text.charCodeAt(from))) from++;
  const leadEnd = from;
  // trim (the start): a trailing [_*]+\s*$ never reaches back over a character that is neither.
  while (from < end && isWhitespace(text.charCodeAt(from))) from++;
  if (from === end) return matcher.set.has('');
  const first = text.charCodeAt(from);
  // A normalised line can start with a mark again ("_ _x" -> "_x"): rare enough for the slow path.
  if (first >= 0x80 || isEmphasisMark(first)) return matcher.set.has(normalizeGuidance(text.slice(start, end)));
  const candidates = matcher.byFirst[lowerAscii(first)];
  if (!candidates) return false;
  // [_*]+\s*$, not overlapping the leading run, then trim (the end)
  let to = end;
  while (to > leadEnd && isWhitespace(text.charCodeAt(to - 1))) to--;
  let markStart = to;
  while (markStart > leadEnd && isEmphasisMark(text.charCodeAt(markStart - 1))) markStart--;
  to = markStart === to ? end : markStart;
  while (to > from && isWhitespace(text.charCodeAt(to - 1))) to--;
  for (const prompt of candidates) {
    const verdict = comparePrompt(prompt, text, from, to);
    if (verdict === undefined) return matcher.set.has(normalizeGuidance(text.slice(start, end)));
    if (verdict) return true;
  }
  return false;
}

/** Whether text[from, to) (trimmed) collapses and lowercases to `prompt`; undefined when it cannot tell in ASCII. */
function comparePrompt(prompt: string, text: string, from: number, to: number): boolean | undefined {
  let j = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (isWhitespace(code)) {
      while (i + 1 < to && isWhitespace(text.charCodeAt(i + 1))) i++;
      if (prompt.charCodeAt(j) !== 0x20) return false;
    } else if (code >= 0x80) return undefined;
    else if (prompt.charCodeAt(j) !== lowerAscii(code)) return false;
    j++;
  }
  return j === prompt.length;
}

function lowerAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

function isEmphasisMark(code: number): boolean {
  return code === 0x5f || code === 0x2a;
}

/** JavaScript's `\s` (and what `trim` removes): the ECMAScript WhiteSpace and LineTerminator characters. */
function isWhitespace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function isWhitespaceOnly(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhitespace(text.charCodeAt(i))) return false;
  return true;
}
