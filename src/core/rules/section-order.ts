import type { Rule, RuleFinding } from './rule';

export const sectionOrder: Rule = {
  id: 'section-order',
  description: "Sections should follow the template's order, so every reader finds them where they expect.",
  defaultSeverity: 'warning',
  check({ doc, type, matched }) {
    if (!type) return [];
    const findings: RuleFinding[] = [];
    const seen = new Set<number>();
    let latest: number | undefined;
    for (const { section, specIndex } of matched) {
      if (seen.has(specIndex)) continue; // duplicate-section reports repeats
      seen.add(specIndex);
      if (latest !== undefined && specIndex < latest) {
        findings.push({
          rule: 'section-order',
          message: `Unexpected order: section "${type.sections[specIndex]!.title}" should come before "${type.sections[latest]!.title}".`,
          range: doc.lines.rangeOf(section.heading.start, section.heading.end),
        });
      } else latest = specIndex;
    }
    return findings;
  },
};
