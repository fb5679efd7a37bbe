import type { RuleContext } from './rule';
import type { Rule, RuleFinding } from './rule';
import { isBlank } from '../field-values';
import { setFieldEdit, yamlScalar } from '../edits';

/** Fields a document of this type must have, counting `requireWhen` conditions. */
export function requiredFields({ type, doc }: RuleContext): string[] {
  if (!type) return [];
  const data = doc.frontMatter?.data ?? {};
  const required = Object.entries(type.fields).filter(([, spec]) => spec.required).map(([name]) => name);
  for (const condition of type.conditions) {
    const value = data[condition.field];
    if (typeof value === 'string' && condition.values.includes(value)) required.push(...condition.require.filter((f) => !required.includes(f)));
  }
  return required;
}

/** The value a quick fix writes for a missing field: the first allowed one, the type id, or blank. */
function defaultValue(context: RuleContext, name: string): string {
  const { type, doc } = context;
  if (name === 'type' && type) return type.id;
  if (name === 'title') {
    const title = doc.headings.find((h) => h.depth === 1)?.text ?? context.path?.replace(/^.*\//, '').replace(/\.md$/i, '').replace(/[-_]+/g, ' ');
    if (title) return yamlScalar(title);
  }
  const spec = type?.fields[name];
  if (spec?.kind === 'list') return '[]';
  return spec?.values?.[0] ?? '';
}

export const missingField: Rule = {
  id: 'missing-field',
  description: 'Required front-matter fields (type, title, status, owner, and any the config adds) must be present and not empty.',
  defaultSeverity: 'error',
  check(context) {
    const { doc, type } = context;
    if (!type) return [];
    const fm = doc.frontMatter;
    if (fm && (!fm.closed || fm.problems.length > 0 && fm.fields.size === 0)) return []; // front-matter-syntax says why
    const data = fm?.data ?? {};
    const anchor = fm ? doc.lines.rangeOf(0, 3) : doc.lines.rangeOf(0, doc.lines.lineEnd(0));
    const findings: RuleFinding[] = [];
    for (const name of requiredFields(context)) {
      if (!isBlank(data[name])) continue;
      const present = fm?.fields.get(name);
      const value = defaultValue(context, name);
      const edit = setFieldEdit(doc, name, value);
      const conditional = !type.fields[name]?.required;
      findings.push({
        rule: 'missing-field',
        message: present
          ? `Field "${name}" is empty; give it a value${type.fields[name]?.values ? ` (one of: ${type.fields[name]!.values!.join(', ')})` : ''}.`
          : `Missing front-matter field "${name}"${conditional ? ` (required when ${describeConditions(context, name)})` : ''}: add "${name}:" to the front matter.`,
        range: present ? doc.lines.rangeOf(present.keyStart, present.keyEnd) : anchor,
        ...(edit && (value !== '' || !present) ? { fix: { title: `Add "${`${name}: ${value}`.trim()}" to the front matter`, edits: [edit] } } : {}),
      });
    }
    return findings;
  },
};

function describeConditions({ type }: RuleContext, field: string): string {
  return (type?.conditions ?? [])
    .filter((c) => c.require.includes(field))
    .map((c) => `${c.field} is ${c.values.join(' or ')}`)
    .join('; ');
}
