import { RULES } from '../rules';
import { templateSettings } from './settings-artifacts';

/** The commented `.product-docs.yaml` that `init` writes: every default, written out from the settings table. */
export function configTemplate(): string {
  return [
    '# Product Docs configuration. Every setting is optional; these are the defaults.',
    '',
    ...templateSettings(RULES),
    // An example, not defaults: written by hand, and checked by a test to parse with no problems.
    '# Change a built-in type (prd, prfaq, lessons-learned) or add your own. For example:',
    '# types:',
    '#   prd:',
    '#     requireWhen:',
    '#       - { field: status, values: [approved, shipped], require: [approvers] }',
    '#     fields:',
    '#       team: { required: true, description: The owning team }',
    '#     addSections:   # keeps the PRD sections ("sections:" would replace them)',
    '#       - { title: Launch plan, after: Milestones, required: false }',
    '#   rfc:',
    '#     label: RFC',
    '#     files: ["rfcs/**/*.md"]   # files here are RFCs even without "type: rfc"',
    '#     statuses: [draft, in-review, { name: accepted, horizon: done }, rejected]',
    '#     sections:',
    '#       - Summary',
    '#       - { title: Motivation, aliases: [Why], guidance: Why are we doing this? }',
    '#       - { title: Alternatives, required: false }',
    '',
  ].join('\n');
}
