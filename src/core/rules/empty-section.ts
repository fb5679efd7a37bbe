import type { DocumentType } from '../config/document-types';
import type { ParsedDocument } from '../document';
import type { MatchedSection } from '../markdown/sections';
import { scalarText } from '../front-matter/field-values';
import { sectionContent } from '../markdown/section-content';
import type { Rule } from './rule';

/**
 * Whether a document is still at its type's first status (`draft` for the built-in types). A fresh
 * document from the template holds every section with its prompt: while it is a draft those prompts
 * are its to-do list (the status bar counts them), not a storm of warnings. Once it goes to review,
 * a section that still holds only its prompt is reported.
 */
export function isStillDrafting(doc: ParsedDocument, type: DocumentType): boolean {
  const first = type.fields['status']?.values?.[0];
  const status = scalarText(doc.frontMatter?.data['status'])?.trim();
  return first !== undefined && status === first;
}

/** How many of the type's required sections the document has with content of their own. */
export function requiredSectionsWritten(doc: ParsedDocument, type: DocumentType, matched: readonly MatchedSection[]): { written: number; required: number } {
  const written = new Set(matched.filter(({ section }) => !sectionContent(doc, section, type).empty).map((m) => m.specIndex));
  const required = type.sections.flatMap((spec, index) => (spec.required ? [index] : []));
  return { written: required.filter((index) => written.has(index)).length, required: required.length };
}

export const emptySection: Rule = {
  id: 'empty-section',
  description: 'A section must have content: whitespace, comments and the template guidance alone do not count (a draft may keep its untouched prompts).',
  defaultSeverity: 'warning',
  check({ doc, type, matched }) {
    if (!type) return [];
    const drafting = isStillDrafting(doc, type);
    return matched
      .filter(({ section }) => {
        const content = sectionContent(doc, section, type);
        // An untouched template prompt in a draft is a to-do; an emptied section is reported.
        return content.empty && !(drafting && content.guidance.length > 0);
      })
      .map(({ section, specIndex }) => {
        const spec = type.sections[specIndex]!;
        const advice = spec.required ? spec.guidance || 'write its content' : `${spec.guidance ? `${spec.guidance} ` : ''}Write it, or delete the section: it is optional`;
        return {
          rule: 'empty-section',
          message: `Section "${spec.title}" is empty: ${advice}`.replace(/([^.?!])$/, '$1.'),
          range: doc.lines.rangeOf(section.heading.start, section.heading.end),
        };
      });
  },
};
