import type { ParsedDocument } from '../document';
import type { DocumentType } from '../document-types';
import type { MatchedSection } from '../sections';
import { renderSection } from '../templates';
import type { Range, TextEdit } from '../text';
import type { Rule, RuleFinding } from './rule';

/**
 * The edit that inserts a section at its template position: after the nearest preceding section
 * the document has, else before the nearest following one, else at the end.
 */
export function insertSectionEdit(doc: ParsedDocument, type: DocumentType, matched: MatchedSection[], specIndex: number): { edit: TextEdit; anchor: Range } {
  const firstOf = (index: number) => matched.find((m) => m.specIndex === index);
  let offset = doc.text.length;
  let anchor: MatchedSection | undefined;
  for (let i = specIndex - 1; i >= 0 && !anchor; i--) anchor = firstOf(i);
  if (anchor) offset = anchor.section.contentEnd;
  else {
    for (let i = specIndex + 1; i < type.sections.length && !anchor; i++) anchor = firstOf(i);
    if (anchor) offset = doc.lines.lineStarts[doc.lines.positionAt(anchor.section.heading.start).line]!;
  }
  const depth = anchor?.section.heading.depth ?? matched[0]?.section.heading.depth ?? 2;
  const before = doc.text.slice(Math.max(0, offset - 4), offset);
  const lineBreaksBefore = offset === 0 ? 2 : /(\r\n|\r|\n)(\r\n|\r|\n)$/.test(before) ? 2 : /(\r\n|\r|\n)$/.test(before) ? 1 : 0;
  const prefix = doc.eol.repeat(2 - lineBreaksBefore);
  const position = doc.lines.positionAt(offset);
  const anchorHeading = anchor?.section.heading ?? doc.headings.find((h) => h.depth === 1);
  const anchorRange = anchorHeading
    ? doc.lines.rangeOf(anchorHeading.start, anchorHeading.end)
    : doc.lines.rangeOf(0, doc.lines.lineEnd(0));
  return {
    edit: { range: { start: position, end: position }, newText: prefix + renderSection(type.sections[specIndex]!, depth, doc.eol) },
    anchor: anchorRange,
  };
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
      findings.push({
        rule: 'missing-section',
        message: `Missing required section "${spec.title}"${spec.aliases.length ? ` (or ${spec.aliases.map((a) => `"${a}"`).join(', ')})` : ''}${previous ? `; expected after "${previous.title}"` : ''}.`,
        range: anchor,
        fix: { title: `Insert section "${spec.title}"`, edits: [edit] },
      });
    });
    return findings;
  },
};
