import type { ParsedDocument, Section } from './document';
import type { DocumentType } from './document-types';
import { sectionIndexOf } from './sections';
import { normalizeLabel } from './text';

/** A line of a section's own prose: not blank, not a heading, not inside an HTML comment. */
export interface ContentLine {
  start: number;
  end: number;
  text: string;
  /** The line is a template guidance prompt. */
  isGuidance: boolean;
}

const guidanceSets = new WeakMap<DocumentType, Set<string>>();

/** Normalised guidance of all of a type's sections: a prompt moved under another heading is still a prompt. */
function guidanceSet(type: DocumentType): Set<string> {
  let set = guidanceSets.get(type);
  if (!set) {
    set = new Set(type.sections.filter((s) => s.guidance).map((s) => normalizeGuidance(s.guidance)));
    guidanceSets.set(type, set);
  }
  return set;
}

/** "> _What problem are we solving?_ " -> "what problem are we solving?" */
export function normalizeGuidance(line: string): string {
  return normalizeLabel(line.replace(/^\s*(?:>\s*)*/, '').replace(/^[_*]+|[_*]+\s*$/g, ''));
}

/**
 * The lines of a section that carry prose: its subsections count, except those that are themselves
 * sections of the type (a "Metrics" nested under "Goals" has its own content, checked on its own).
 */
export function contentLines(doc: ParsedDocument, section: Section, type: DocumentType): ContentLine[] {
  const guidance = guidanceSet(type);
  // Sections and headings are in document order: the ones inside this section follow it directly.
  const ownSections: Section[] = [];
  for (let i = firstAtOrAfter(doc.sections, section.heading.start + 1, (s) => s.heading.start); i < doc.sections.length && doc.sections[i]!.heading.start < section.contentEnd; i++) {
    if (sectionIndexOf(type, doc.sections[i]!.name) !== undefined) ownSections.push(doc.sections[i]!);
  }
  const inOwnSection = (offset: number) => ownSections.some((s) => offset >= s.heading.start && offset < s.contentEnd);
  const headingStarts = new Set<number>();
  for (let i = firstAtOrAfter(doc.headings, section.contentStart, (h) => h.start); i < doc.headings.length && doc.headings[i]!.start < section.contentEnd; i++) {
    headingStarts.add(doc.lines.positionAt(doc.headings[i]!.start).line);
  }
  const lines: ContentLine[] = [];
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
    if (headingStarts.has(line) || /^ {0,3}(?:=+|-+)\s*$/.test(raw) && headingStarts.has(line - 1)) continue;
    if (!text.trim()) continue;
    lines.push({ start, end: doc.lines.lineEnd(line), text, isGuidance: guidance.has(normalizeGuidance(text)) });
  }
  return lines;
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
