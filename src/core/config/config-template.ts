import { defaultConfig } from './config';
import { RULES } from '../rules';

/** The commented `.product-docs.yaml` that `init` writes: every default, written out. */
export function configTemplate(): string {
  const defaults = defaultConfig();
  const horizons = Object.entries(defaults.roadmap.horizons).map(([h, statuses]) => `    ${h}: [${statuses.join(', ')}]`);
  return [
    '# Product Docs configuration. Every setting is optional; these are the defaults.',
    '',
    '# Which markdown files are looked at (globs relative to this folder).',
    `include: [${defaults.include.map((g) => JSON.stringify(g)).join(', ')}]`,
    '# Excluded as well as node_modules and .git.',
    'exclude: []',
    '',
    '# Where "new document" puts files.',
    `docsFolder: ${defaults.docsFolder}`,
    '# Larger files are skipped with a notice.',
    `maxFileSizeKb: ${defaults.maxFileSize / 1024}`,
    '',
    '# Severity per rule: off, info, warning or error.',
    'rules:',
    ...RULES.map((rule) => `  ${rule.id}: ${rule.defaultSeverity}`),
    '',
    'roadmap:',
    `  groupBy: ${defaults.roadmap.groupBy} # status, quarter, horizon, owner, theme or type`,
    '  horizons:',
    ...horizons,
    '',
    '# Change a built-in type (prd, prfaq, lessons-learned) or add your own. For example:',
    '# types:',
    '#   prd:',
    '#     requireWhen:',
    '#       - { field: status, values: [approved, shipped], require: [approvers] }',
    '#     fields:',
    '#       team: { required: true, description: The owning team }',
    '#   rfc:',
    '#     label: RFC',
    '#     files: ["rfcs/**/*.md"]   # files here are RFCs even without "type: rfc"',
    '#     statuses: [draft, in-review, accepted, rejected]',
    '#     sections:',
    '#       - Summary',
    '#       - { title: Motivation, aliases: [Why], guidance: Why are we doing this? }',
    '#       - { title: Alternatives, required: false }',
    '',
  ].join('\n');
}
