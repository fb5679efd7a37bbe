import { checkFieldValue, isEmptyValue } from '../front-matter/field-values';
import { setFieldEdit, yamlScalar } from '../front-matter/front-matter-edits';
import type { Rule, RuleFinding } from './rule';

export const invalidField: Rule = {
  id: 'invalid-field',
  description: 'Front-matter values must be allowed: statuses, priorities, ISO dates, YYYY-Qn quarters, lists, patterns.',
  defaultSeverity: 'error',
  check({ doc, type }) {
    const fm = doc.frontMatter;
    // Front matter that does not parse cleanly is reported by front-matter-syntax; its values are not reliable.
    if (!type || !fm || fm.problems.length > 0) return [];
    const findings: RuleFinding[] = [];
    for (const [name, location] of fm.fields) {
      const spec = type.fields[name];
      const value = fm.data[name];
      if (!spec || isEmptyValue(value) || name === 'type') continue;
      const problem = checkFieldValue(name, value, spec);
      if (!problem) continue;
      const suggestion = problem.suggestion;
      const edit = suggestion === undefined ? undefined : setFieldEdit(doc, name, suggestion.startsWith('[') ? suggestion : yamlScalar(suggestion));
      findings.push({
        rule: 'invalid-field',
        message: problem.message,
        range: doc.lines.rangeOf(location.valueStart, location.valueEnd),
        ...(edit ? { fix: { title: `Change ${name} to ${suggestion}`, edits: [edit] } } : {}),
      });
    }
    return findings;
  },
};
