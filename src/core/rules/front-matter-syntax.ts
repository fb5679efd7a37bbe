import type { Rule } from './rule';

/** YAML errors, unsupported front-matter languages, and front matter that is not a mapping. */
export const frontMatterSyntax: Rule = {
  id: 'front-matter-syntax',
  description: 'Front matter must be valid YAML: a mapping of fields between "---" lines.',
  defaultSeverity: 'error',
  check({ doc }) {
    return (doc.frontMatter?.problems ?? []).map((problem) => ({
      rule: 'front-matter-syntax',
      message: problem.message,
      range: doc.lines.rangeOf(problem.start, Math.max(problem.end, problem.start)),
    }));
  },
};
