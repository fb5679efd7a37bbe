import type { Rule, RuleFinding } from './rule';

export const duplicateSection: Rule = {
  id: 'duplicate-section',
  description: 'Each section of the type appears once; a second one splits the content readers look for.',
  defaultSeverity: 'warning',
  check({ doc, type, matched }) {
    if (!type) return [];
    const firstLine = new Map<number, number>();
    const findings: RuleFinding[] = [];
    for (const { section, specIndex } of matched) {
      const line = doc.lines.positionAt(section.heading.start).line;
      const first = firstLine.get(specIndex);
      if (first === undefined) firstLine.set(specIndex, line);
      else
        findings.push({
          rule: 'duplicate-section',
          message: `Section "${type.sections[specIndex]!.title}" already appears at line ${first + 1}: merge the two.`,
          range: doc.lines.rangeOf(section.heading.start, section.heading.end),
        });
    }
    return findings;
  },
};
