import type { DocumentType, SectionSpec } from './document-types';
import { yamlScalar } from './edits';

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
 * written as YAML scalars, so a title with a colon or quote stays valid YAML.
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  const replacements: Record<string, string> = { title: values.title, owner: values.owner, date: values.date, slug: slugify(values.title) };
  const fmEnd = frontMatterEnd(template);
  const fill = (text: string, inYaml: boolean): string =>
    text.replace(/(:[ \t]*)?\{\{\s*(title|owner|date|slug)\s*\}\}([ \t]*(?=\r?\n|$))?/g, (match, colon: string | undefined, name: string, trailing: string | undefined) => {
      const value = replacements[name]!;
      const wholeValue = inYaml && colon !== undefined && trailing !== undefined;
      return wholeValue ? `${colon}${yamlScalar(value)}${trailing}` : match.replace(/\{\{\s*\w+\s*\}\}/, value);
    });
  return fill(template.slice(0, fmEnd), true) + fill(template.slice(fmEnd), false);
}

function frontMatterEnd(text: string): number {
  const m = /^---[^\n]*\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? m[0].length : 0;
}
