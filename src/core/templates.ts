import type { DocumentType, SectionSpec } from './config/document-types';
import { yamlScalar } from './front-matter/front-matter-edits';

export interface TemplateValues {
  title: string;
  owner: string;
  /** Today, as YYYY-MM-DD. */
  date: string;
}

/** "Checkout: one-click v2!" -> "checkout-one-click-v2". */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'untitled';
}

/** The guidance line as the template writes it; lint recognises it as "not written yet". */
export function guidanceLine(spec: SectionSpec): string {
  return spec.guidance ? `_${spec.guidance}_` : '';
}

/** One section as a template writes it: heading, blank line, guidance. */
export function renderSection(spec: SectionSpec, depth: number, eol: string): string {
  const guidance = guidanceLine(spec);
  return `${'#'.repeat(depth)} ${spec.title}${eol}${eol}${guidance ? `${guidance}${eol}${eol}` : ''}`;
}

/** A new document of a type: front matter filled in, then every section with its guidance. */
export function renderDocument(type: DocumentType, values: TemplateValues, eol = '\n'): string {
  const statuses = type.fields['status']?.values;
  const frontMatter = [
    '---',
    `type: ${type.id}`,
    `title: ${yamlScalar(values.title)}`,
    `status: ${statuses?.[0] ?? 'draft'}`,
    `owner: ${values.owner ? yamlScalar(values.owner) : ''}`,
    `created: ${values.date}`,
    '---',
  ].join(eol);
  const sections = type.sections.map((spec) => renderSection(spec, 2, eol)).join('');
  return `${frontMatter}${eol}${eol}# ${values.title}${eol}${eol}${sections}`.replace(/(\r?\n)+$/, eol);
}

/**
 * Fills a workspace template (`.product-docs/templates/<type>.md`). In front matter the values are
 * written as YAML, quoted or escaped as their place needs, so a title with a colon or quote stays
 * valid YAML; in the body they are written as they are.
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  const replacements: Record<string, string> = { title: values.title, owner: values.owner, date: values.date, slug: slugify(values.title) };
  const substitute = (text: string, write: (value: string) => string) => text.replace(VARIABLE, (_, name: string) => write(replacements[name]!));
  const fmEnd = frontMatterEnd(template);
  const yaml = template.slice(0, fmEnd).replace(/[^\r\n]+/g, (line) => (VARIABLE_TEST.test(line) ? fillYamlLine(line, substitute) : line));
  return yaml + substitute(template.slice(fmEnd), (value) => value);
}

const VARIABLE = /\{\{\s*(title|owner|date|slug)\s*\}\}/g;
const VARIABLE_TEST = /\{\{\s*(?:title|owner|date|slug)\s*\}\}/;

/** One front-matter line: `key: value`, `- item` or a bare value, with an optional comment. */
function fillYamlLine(line: string, substitute: (text: string, write: (value: string) => string) => string): string {
  const [, prefix = '', rest = ''] = /^([ \t]*(?:-[ \t]+)?(?:[^\s:#"'][^:#]*:[ \t]+)?)(.*)$/.exec(line)!;
  // A comment can follow a plain or flow value; inside quotes a "#" is text.
  const [, value = '', comment = ''] = /^["']/.test(rest) ? [rest, rest, ''] : /^(.*?)([ \t]+#.*)?$/.exec(rest)!;
  let filled: string;
  if (/^".*"$/.test(value)) filled = substitute(value, (v) => JSON.stringify(v).slice(1, -1));
  else if (/^'.*'$/.test(value)) filled = substitute(value, (v) => v.replace(/'/g, "''"));
  else if (/^[[{]/.test(value)) filled = substitute(value, (v) => (/[,[\]{}]/.test(v) ? JSON.stringify(v) : yamlScalar(v)));
  else {
    const plain = substitute(value, (v) => v);
    filled = plain === '' ? '""' : yamlScalar(plain);
  }
  return `${prefix}${filled}${comment}`;
}

function frontMatterEnd(text: string): number {
  const m = /^---[^\r\n]*\r?\n(?:[\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? m[0].length : 0;
}

/** Where a workspace keeps its own template for a type: path segments under the workspace root. */
export function workspaceTemplatePath(typeId: string): string[] {
  return ['.product-docs', 'templates', `${typeId}.md`];
}

/** A new document: the workspace's own template filled in when it has one, else the built-in template. */
export function renderNewDocument(type: DocumentType, values: TemplateValues, workspaceTemplate: string | undefined): string {
  return workspaceTemplate === undefined ? renderDocument(type, values) : fillTemplate(workspaceTemplate, values);
}
