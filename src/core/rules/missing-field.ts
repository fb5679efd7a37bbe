import type { RuleContext } from './rule';
import type { Rule, RuleFinding } from './rule';
import { isEmptyValue } from '../front-matter/field-values';
import { setFieldEdit, yamlScalar } from '../front-matter/front-matter-edits';

/** Fields a document of this type must have, counting `requireWhen` conditions. */
export function requiredFields({ type, doc, typedBy }: RuleContext): string[] {
  if (!type) return [];
  const data = doc.frontMatter?.data ?? {};
  // A document that a `files` glob types needs no `type:` to say what it is.
  const required = Object.entries(type.fields)
    .filter(([name, spec]) => spec.required && !(name === 'type' && typedBy === 'files'))
    .map(([name]) => name);
  for (const condition of type.conditions) {
    const value = data[condition.field];
    if (typeof value === 'string' && condition.values.includes(value)) required.push(...condition.require.filter((f) => !required.includes(f)));
  }
  return required;
}

/**
 * The value a quick fix writes for a missing field, as YAML: the type id, the title from the first
 * heading or the file name, the user's name for `owner`, or the first allowed value. Undefined when
 * no value is known: a fix that wrote an empty value would not resolve the finding.
 */
function defaultValue(context: RuleContext, name: string): string | undefined {
  const { type, doc } = context;
  if (name === 'type' && type) return type.id;
  if (name === 'title') {
    const title = doc.headings.find((h) => h.depth === 1)?.text.trim() || context.path?.replace(/^.*\//, '').replace(/\.md$/i, '').replace(/[-_]+/g, ' ').trim();
    if (title) return yamlScalar(title);
  }
  if (name === 'owner' && context.owner) return yamlScalar(context.owner);
  const first = type?.fields[name]?.kind === 'list' ? undefined : type?.fields[name]?.values?.[0];
  return first === undefined ? undefined : yamlScalar(first);
}

export const missingField: Rule = {
  id: 'missing-field',
  description: 'Required front-matter fields (type, title, status, owner, and any the config adds) must be present and not empty.',
  defaultSeverity: 'error',
  check(context) {
    const { doc, type } = context;
    if (!type) return [];
    const fm = doc.frontMatter;
    // Front matter that does not parse cleanly is reported by front-matter-syntax; its fields are not reliable.
    if (fm && (!fm.closed || fm.problems.length > 0)) return [];
    const data = fm?.data ?? {};
    const anchor = fm ? doc.lines.rangeOf(0, 3) : doc.lines.rangeOf(0, doc.lines.lineEnd(0));
    const findings: RuleFinding[] = [];
    for (const name of requiredFields(context)) {
      if (!isEmptyValue(data[name])) continue;
      const present = fm?.fields.get(name);
      const value = defaultValue(context, name);
      const edit = value === undefined ? undefined : setFieldEdit(doc, name, value);
      const conditional = !type.fields[name]?.required;
      const allowed = type.fields[name]?.values;
      findings.push({
        rule: 'missing-field',
        message: present
          ? `Field "${name}" is empty; give it a value${allowed ? ` (one of: ${allowed.join(', ')})` : ''}.`
          : `Missing front-matter field "${name}"${conditional ? ` (required when ${describeConditions(context, name)})` : ''}: add "${name}:" to the front matter.`,
        range: present ? doc.lines.rangeOf(present.keyStart, present.keyEnd) : anchor,
        ...(edit ? { fix: { title: `${present ? 'Set' : 'Add'} "${name}: ${value}"${present ? '' : ' to the front matter'}`, edits: [edit] } } : {}),
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
