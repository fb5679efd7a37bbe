import type { ParsedDocument } from '../document';
import { scanHeadings } from '../markdown/headings';
import type { DocumentType } from '../config/document-types';
import type { MatchedSection } from '../markdown/sections';
import { renderSection } from '../templates';
import type { Range, TextEdit } from '../text';
import type { Rule, RuleFinding } from './rule';

/**
 * The edit that inserts a section at its template position: after the nearest preceding section
 * the document has (before any later section nested in it), else before the nearest following
 * one, else at the end. No edit when the end is inside an unclosed code fence, HTML block or
 * comment: a heading written there would not be one, and fixing again would add it again.
 */
export function insertSectionEdit(doc: ParsedDocument, type: DocumentType, matched: MatchedSection[], specIndex: number): { edit: TextEdit | undefined; anchor: Range } {
  const firstOf = (index: number) => matched.find((m) => m.specIndex === index);
  const lineStartOf = (offset: number) => doc.lines.lineStarts[doc.lines.positionAt(offset).line]!;
  let offset = doc.text.length;
  let anchor: MatchedSection | undefined;
  for (let i = specIndex - 1; i >= 0 && !anchor; i--) anchor = firstOf(i);
  if (anchor) {
    const { heading, contentEnd } = anchor.section;
    const laterInside = matched.find((m) => m.specIndex > specIndex && m.section.heading.start > heading.start && m.section.heading.start < contentEnd);
    offset = laterInside ? lineStartOf(laterInside.section.heading.start) : contentEnd;
  } else {
    for (let i = specIndex + 1; i < type.sections.length && !anchor; i++) anchor = firstOf(i);
    if (anchor) offset = lineStartOf(anchor.section.heading.start);
  }
  const depth = anchor?.section.heading.depth ?? matched[0]?.section.heading.depth ?? 2;
  const breaks = Math.min(2, lineBreaksBefore(doc.text, offset));
  // After a lone CR (old Mac line ends), an inserted LF would merge with it into one CRLF break.
  const mergesWithCr = breaks < 2 && doc.eol === '\n' && doc.text.charCodeAt(offset - 1) === 13;
  const prefix = doc.eol.repeat(2 - breaks + (mergesWithCr ? 1 : 0));
  let section = renderSection(type.sections[specIndex]!, depth, doc.eol);
  // At the end of the document one line break is enough: no trailing blank line.
  if (offset === doc.text.length) section = section.slice(0, section.length - doc.eol.length);
  const position = doc.lines.positionAt(offset);
  const anchorHeading = anchor?.section.heading ?? doc.headings.find((h) => h.depth === 1);
  const anchorRange = anchorHeading
    ? doc.lines.rangeOf(anchorHeading.start, anchorHeading.end)
    : doc.lines.rangeOf(0, doc.lines.lineEnd(0));
  const fits = offset < doc.text.length || headingFitsAtEnd(doc);
  return {
    edit: fits ? { range: { start: position, end: position }, newText: prefix + section } : undefined,
    anchor: anchorRange,
  };
}

const fitsAtEnd = new WeakMap<ParsedDocument, boolean>();

/** Whether a heading appended to the document would be a heading (one scan per document, and only when a section goes at the end). */
function headingFitsAtEnd(doc: ParsedDocument): boolean {
  let fits = fitsAtEnd.get(doc);
  if (fits === undefined) {
    const probeStart = doc.text.length + 2 * doc.eol.length;
    const headings = scanHeadings(`${doc.text}${doc.eol}${doc.eol}# probe${doc.eol}`, doc.frontMatter?.bodyStart ?? 0);
    fits = headings[headings.length - 1]?.start === probeStart;
    fitsAtEnd.set(doc, fits);
  }
  return fits;
}

/** How many line breaks (blank lines of spaces included) end the text before `offset`; the start of the text counts as two. */
function lineBreaksBefore(text: string, offset: number): number {
  if (offset === 0) return 2;
  let count = 0;
  let i = offset;
  while (i > 0 && count < 2) {
    const ch = text[i - 1];
    if (ch === ' ' || ch === '\t') i--;
    else if (ch === '\n') {
      i -= text[i - 2] === '\r' ? 2 : 1;
      count++;
    } else if (ch === '\r') {
      i--;
      count++;
    } else break;
  }
  // Only blanks back to the start: a blank line when a break ends them, else the insertion is mid-line.
  return i === 0 ? (count === 0 ? 1 : 2) : count;
}

export const missingSection: Rule = {
  id: 'missing-section',
  description: 'Every required section of the document type must be present (matched by heading text or an alias, at any level).',
  defaultSeverity: 'error',
  check({ doc, type, matched }) {
    if (!type) return [];
    const present = new Set(matched.map((m) => m.specIndex));
    const findings: RuleFinding[] = [];
    type.sections.forEach((spec, index) => {
      if (!spec.required || present.has(index)) return;
      const { edit, anchor } = insertSectionEdit(doc, type, matched, index);
      const previous = type.sections.filter((_, i) => i < index && present.has(i)).pop();
      const next = previous ? undefined : type.sections.find((_, i) => i > index && present.has(i));
      const place = previous ? `; expected after "${previous.title}"` : next ? `; expected before "${next.title}"` : '';
      findings.push({
        rule: 'missing-section',
        message: `Missing required section "${spec.title}"${spec.aliases.length ? ` (or ${spec.aliases.map((a) => `"${a}"`).join(', ')})` : ''}${place}.`,
        range: anchor,
        ...(edit ? { fix: { title: `Insert section "${spec.title}"`, edits: [edit] } } : {}),
      });
    });
    return findings;
  },
};
