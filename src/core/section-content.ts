import type { ParsedDocument, Section } from './document';
import type { DocumentType } from './document-types';
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

/** The lines of a section (subsections included) that carry prose. */
export function contentLines(doc: ParsedDocument, section: Section, type: DocumentType): ContentLine[] {
  const guidance = guidanceSet(type);
  const headingStarts = new Set(doc.headings.filter((h) => h.start >= section.contentStart && h.start < section.contentEnd).map((h) => doc.lines.positionAt(h.start).line));
  const lines: ContentLine[] = [];
  const first = doc.lines.positionAt(section.contentStart).line + (section.contentStart > doc.lines.lineStarts[doc.lines.positionAt(section.contentStart).line]! ? 1 : 0);
  const last = doc.lines.positionAt(Math.max(section.contentStart, section.contentEnd - 1)).line;
  let inComment = false;
  for (let line = first; line <= last && line < doc.lines.lineCount; line++) {
    const start = doc.lines.lineStarts[line]!;
    if (start >= section.contentEnd) break;
    let text = doc.lines.lineText(line);
    if (headingStarts.has(line) || /^ {0,3}(?:=+|-+)\s*$/.test(text) && lines.length > 0 && headingStarts.has(line - 1)) continue;
    text = stripComments(text, inComment);
    inComment = endsInsideComment(doc.lines.lineText(line), inComment);
    if (!text.trim()) continue;
    lines.push({ start, end: doc.lines.lineEnd(line), text, isGuidance: guidance.has(normalizeGuidance(text)) });
  }
  return lines;
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
