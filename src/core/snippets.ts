import type { DocumentType } from './config/document-types';
import { normalizeGuidance } from './markdown/section-content';
import { guidanceLine } from './templates';

/** A VS Code snippet definition, as in a contributed snippets JSON file. */
export interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

/** Text that means itself inside a snippet body. */
function literal(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

/**
 * A skeleton snippet for a type: front matter with tab stops for title and owner, then every section
 * with its guidance selected, so Tab walks through what is left to write.
 */
export function documentSnippet(type: DocumentType): Snippet {
  const status = type.fields['status']?.values?.[0] ?? 'draft';
  const body = [
    '---',
    `type: ${literal(type.id)}`,
    'title: ${1:Title}',
    `status: ${literal(status)}`,
    'owner: ${2:owner}',
    'created: $CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE',
    '---',
    '',
    '# ${1}',
    '',
  ];
  let stop = 3;
  for (const spec of type.sections) {
    body.push(`## ${literal(spec.title)}`, '', `\${${stop++}:${literal(guidanceLine(spec) || 'Write this section.')}}`, '');
  }
  body.push('$0');
  return { prefix: type.id, description: `New ${type.label}: ${type.description}`, body };
}

/** Small snippets for the things people add again and again. */
const PARTS: Record<string, Snippet> = {
  'FAQ question': {
    prefix: 'faq',
    description: 'A PR/FAQ question with its answer',
    body: ['### ${1:What question will customers ask?}', '', '${2:The answer, in plain words.}', '$0'],
  },
  'Action item': {
    prefix: 'action',
    description: 'A lessons-learned action item with an owner and a due date',
    body: ['- [ ] ${1:What will be done} (owner: ${2:name}, due: ${3:$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE})$0'],
  },
  'Success metric': {
    prefix: 'metric',
    description: 'A success metric with its baseline, target and date',
    body: ['- **${1:Metric}**: from ${2:baseline} to ${3:target} by ${4:$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE}, measured by ${5:data source}$0'],
  },
};

/** All snippets: one skeleton per type, then the small ones. */
export function buildSnippets(types: readonly DocumentType[]): Record<string, Snippet> {
  const snippets: Record<string, Snippet> = {};
  for (const type of types) snippets[`${type.label} document`] = documentSnippet(type);
  return { ...snippets, ...PARTS };
}

/**
 * A rendered document (built-in or workspace template) as a snippet: its text unchanged, with each
 * guidance line a tab stop, so the cursor lands on the first thing to write and Tab walks on.
 */
export function documentAsSnippet(text: string, type: DocumentType): string {
  const guidance = new Set(type.sections.filter((s) => s.guidance).map((s) => normalizeGuidance(s.guidance)));
  let stop = 1;
  const lines = text.split(/(\r\n|\r|\n)/);
  const body = lines.map((part, i) => (i % 2 === 1 ? part : guidance.has(normalizeGuidance(part)) && part.trim() ? `\${${stop++}:${literal(part)}}` : literal(part))).join('');
  return `${body}$0`;
}
