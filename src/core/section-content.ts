import type { ParsedDocument, Section } from './document';
import type { DocumentType } from './document-types';
import { sectionIndexOf } from './sections';
import { normalizeLabel } from './text';

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
  guidance: LineSpan[];
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
  let byType = contentCache.get(doc);
  if (!byType) contentCache.set(doc, (byType = new Map()));
  let bySection = byType.get(type);
  if (!bySection) byType.set(type, (bySection = new Map()));
  let content = bySection.get(section);
  if (!content) bySection.set(section, (content = computeSectionContent(doc, section, type)));
  return content;
}

const contentCache = new WeakMap<ParsedDocument, Map<DocumentType, Map<Section, SectionContent>>>();

function computeSectionContent(doc: ParsedDocument, section: Section, type: DocumentType): SectionContent {
  const { text, lines } = doc;
  const matcher = guidanceMatcher(type);
  const lineStarts = lines.lineStarts;
  // Sections and headings are in document order: the ones inside this section follow it directly.
  // Nested sections of the type are merged into disjoint spans, walked with the lines: a section
  // holding thousands of its type's sections (each "## Goals" repeated) stays linear.
  const spans: LineSpan[] = [];
  for (let i = firstAtOrAfter(doc.sections, section.heading.start + 1, (s) => s.heading.start); i < doc.sections.length && doc.sections[i]!.heading.start < section.contentEnd; i++) {
    const s = doc.sections[i]!;
    if (sectionIndexOf(type, s.name) === undefined) continue;
    const last = spans[spans.length - 1];
    if (last && s.heading.start <= last.end) last.end = Math.max(last.end, s.contentEnd);
    else spans.push({ start: s.heading.start, end: s.contentEnd });
  }
  let span = 0;
  /** Offsets asked about only increase, so the span pointer only moves forward. */
  const inOwnSection = (offset: number) => {
    while (span < spans.length && spans[span]!.end <= offset) span++;
    return span < spans.length && spans[span]!.start <= offset;
  };
  const headingLines = new Set<number>();
  for (let i = firstAtOrAfter(doc.headings, section.contentStart, (h) => h.start); i < doc.headings.length && doc.headings[i]!.start < section.contentEnd; i++) {
    headingLines.add(lines.positionAt(doc.headings[i]!.start).line);
  }
  const markers = commentMarkers(doc);
  const startLine = lines.positionAt(section.contentStart).line;
  const first = startLine + (section.contentStart > lineStarts[startLine]! ? 1 : 0);
  const last = lines.positionAt(Math.max(section.contentStart, section.contentEnd - 1)).line;
  let open = markers ? firstAtOrAfter(markers.opens, lineStarts[Math.min(first, lines.lineCount - 1)]!, (p) => p) : 0;
  let close = markers ? firstAtOrAfter(markers.closes, lineStarts[Math.min(first, lines.lineCount - 1)]!, (p) => p) : 0;
  let empty = true;
  const guidance: LineSpan[] = [];
  let inComment = false;
  for (let line = first; line <= last && line < lines.lineCount; line++) {
    const start = lineStarts[line]!;
    if (start >= section.contentEnd) break;
    const end = lines.lineEnd(line);
    // Only lines with a comment marker, or inside a comment, need the comment-aware slow path.
    let stripped: string | undefined;
    if (markers) {
      while (open < markers.opens.length && markers.opens[open]! < start) open++;
      while (close < markers.closes.length && markers.closes[close]! < start) close++;
      const hasMarker = (open < markers.opens.length && markers.opens[open]! + 4 <= end) || (close < markers.closes.length && markers.closes[close]! + 3 <= end);
      if (inComment || hasMarker) {
        const raw = text.slice(start, end);
        stripped = stripComments(raw, inComment);
        inComment = endsInsideComment(raw, inComment);
      }
    }
    if (inOwnSection(start) || inOwnSection(end)) continue;
    if (headingLines.has(line) || (headingLines.has(line - 1) && SETEXT_UNDERLINE.test(text.slice(start, end)))) continue;
    let isGuidance: boolean;
    if (stripped !== undefined) {
      if (!stripped.trim()) continue;
      isGuidance = stripped.length <= MAX_GUIDANCE_LINE && matcher.set.has(normalizeGuidance(stripped));
    } else {
      if (isBlank(text, start, end)) continue;
      isGuidance = end - start <= MAX_GUIDANCE_LINE && matchesGuidance(matcher, text, start, end);
    }
    if (isGuidance) guidance.push({ start, end });
    else empty = false;
  }
  return { empty, guidance };
}

const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)\s*$/;

/** Where every `<!--` and `-->` of a document is; undefined when it has none. Computed once per document. */
function commentMarkers(doc: ParsedDocument): { opens: number[]; closes: number[] } | undefined {
  if (markerCache.has(doc)) return markerCache.get(doc);
  const find = (marker: string) => {
    const found: number[] = [];
    for (let i = doc.text.indexOf(marker); i >= 0; i = doc.text.indexOf(marker, i + 1)) found.push(i);
    return found;
  };
  const opens = find('<!--');
  const closes = find('-->');
  const markers = opens.length + closes.length > 0 ? { opens, closes } : undefined;
  markerCache.set(doc, markers);
  return markers;
}

const markerCache = new WeakMap<ParsedDocument, { opens: number[]; closes: number[] } | undefined>();

/** A type's normalised guidance prompts, and the same grouped by first character for a quick reject. */
interface GuidanceMatcher {
  set: Set<string>;
  byFirst: Map<number, string[]>;
}

const matchers = new WeakMap<DocumentType, GuidanceMatcher>();

/** Normalised guidance of all of a type's sections: a prompt moved under another heading is still a prompt. */
function guidanceMatcher(type: DocumentType): GuidanceMatcher {
  let matcher = matchers.get(type);
  if (!matcher) {
    const set = new Set(type.sections.filter((s) => s.guidance).map((s) => normalizeGuidance(s.guidance)));
    const byFirst = new Map<number, string[]>();
    for (const prompt of set) {
      const code = prompt.charCodeAt(0);
      byFirst.set(code, [...(byFirst.get(code) ?? []), prompt]);
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
  // [_*]+\s*$, not overlapping the leading run
  let to = end;
  while (to > leadEnd && isWhitespace(text.charCodeAt(to - 1))) to--;
  let markStart = to;
  while (markStart > leadEnd && isEmphasisMark(text.charCodeAt(markStart - 1))) markStart--;
  if (markStart === to) to = end; // no trailing run: nothing removed
  else to = markStart;
  // trim
  while (from < to && isWhitespace(text.charCodeAt(from))) from++;
  while (to > from && isWhitespace(text.charCodeAt(to - 1))) to--;
  if (from === to) return matcher.set.has('');
  const first = text.charCodeAt(from);
  // A normalised line can start with a mark again ("_ _x" -> "_x"): rare enough for the slow path.
  if (first >= 0x80 || isEmphasisMark(first)) return matcher.set.has(normalizeGuidance(text.slice(start, end)));
  const candidates = matcher.byFirst.get(lowerAscii(first));
  if (!candidates) return false;
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

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhitespace(text.charCodeAt(i))) return false;
  return true;
}

/** Index of the first item whose offset is at or after `offset`, in a list sorted by offset. */
function firstAtOrAfter<T>(items: readonly T[], offset: number, offsetOf: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsetOf(items[mid]!) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function stripComments(line: string, inComment: boolean): string {
  let result = '';
  let rest = line;
  let open = inComment;
  while (rest) {
    if (open) {
      const close = rest.indexOf('-->');
      if (close < 0) return result;
      rest = rest.slice(close + 3);
      open = false;
    } else {
      const start = rest.indexOf('<!--');
      if (start < 0) return result + rest;
      result += rest.slice(0, start);
      rest = rest.slice(start + 4);
      open = true;
    }
  }
  return result;
}

function endsInsideComment(line: string, inComment: boolean): boolean {
  let open = inComment;
  let index = 0;
  for (;;) {
    const next = open ? line.indexOf('-->', index) : line.indexOf('<!--', index);
    if (next < 0) return open;
    index = next + (open ? 3 : 4);
    open = !open;
  }
}
