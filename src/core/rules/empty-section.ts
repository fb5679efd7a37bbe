import { sectionContent } from '../markdown/section-content';
import type { Rule } from './rule';

export const emptySection: Rule = {
  id: 'empty-section',
  description: 'A section must have content: whitespace, comments and the template guidance alone do not count.',
  defaultSeverity: 'warning',
  check({ doc, type, matched }) {
    if (!type) return [];
    return matched
      .filter(({ section }) => sectionContent(doc, section, type).empty)
      .map(({ section, specIndex }) => ({
        rule: 'empty-section',
        message: `Section "${type.sections[specIndex]!.title}" is empty: ${type.sections[specIndex]!.guidance || 'write its content'}`.replace(/([^.?!])$/, '$1.'),
        range: doc.lines.rangeOf(section.heading.start, section.heading.end),
      }));
  },
};
