/**
 * Every setting of `.product-docs.yaml`, declared once: its shape, default, allowed values and
 * description. The validator in config.ts, the JSON Schema, the settings tables of docs/config.md
 * and the file `init` writes are all derived from this table (see settings-artifacts.ts). Adding a
 * setting is one entry here plus the code in config.ts that uses its value.
 */
import { BUILT_IN_STATUSES, HORIZONS, type FieldKind, type Horizon } from './document-types';
import { backtrackingRisk } from './pattern-safety';

/** The kinds a field's value can be checked as. */
export const FIELD_KINDS: readonly FieldKind[] = ['string', 'date', 'quarter', 'list', 'boolean'];
/** The ways the roadmap can be grouped. */
export const GROUPINGS = ['status', 'quarter', 'horizon', 'owner', 'theme', 'type'] as const;
export type Grouping = (typeof GROUPINGS)[number];
/** Where a status can be placed: a horizon, or none (shown under "Other"). */
export const STATUS_HORIZONS: readonly (Horizon | 'none')[] = [...HORIZONS, 'none'];

/** The shape of a setting's value: what the validator accepts, the schema allows and the docs say. */
export type Shape =
  | { kind: 'text'; nonEmpty?: boolean; format?: 'regex' }
  | { kind: 'positive-number' }
  | { kind: 'boolean' }
  /** One text, or a list of texts. */
  | { kind: 'texts' }
  /** One of `values`; `noun` words the message ("has severity …") where "is …" reads badly. */
  | { kind: 'choice'; values: readonly string[]; noun?: string; definition?: string }
  | MappingShape
  | RecordShape
  | ListShape;

/** A mapping with a fixed set of keys. */
export interface MappingShape {
  kind: 'mapping';
  /** What an unknown key is called in messages: `Unknown ${what} "x"`. */
  what: string;
  settings: readonly Setting[];
  /** Keys without which the entry is reported and skipped. */
  required?: readonly string[];
  /** The message when required keys are missing. */
  missing?: (where: string, missing: readonly string[]) => string;
  /** Written as a plain scalar, the entry is `{ [nameKey]: scalar }` (a section title, a status name). */
  nameKey?: string;
  /** How a key of the entry is named in messages, given the entry's where and its name (when it has one). */
  childWhere?: (where: string, key: string, name: string | undefined) => string;
  /** Hoisted into the schema's definitions under this name. */
  definition?: string;
  description?: string;
}

/** A mapping whose keys are ids (types, fields, rules, horizons), each with a value of one shape. */
export interface RecordShape {
  kind: 'record';
  what: string;
  /** The allowed keys: fixed values, or the registered rule ids (given to the validator). */
  keys: { values: readonly string[]; describe: (key: string) => string } | { rules: true } | { pattern: RegExp; message: (key: string) => string } | { any: true };
  value: Shape;
  childWhere?: (where: string, key: string) => string;
}

/** A list of entries of one shape. */
export interface ListShape {
  kind: 'list';
  item: Shape;
  /** The message when the value is not a list. */
  message: (where: string) => string;
  /** A single scalar counts as a list of one. */
  single?: boolean;
  /** Any problem inside drops the whole list, so the previous value stands (half a list misleads). */
  allOrNothing?: boolean;
}

/** One key of a mapping: its shape, default and description. */
export interface Setting {
  key: string;
  shape: Shape;
  /** One or two sentences: the schema's description, the docs' "Value" column, init's comment. */
  description: string;
  /** The default as the user would write it; absent when "not set" is the default. */
  default?: unknown;
  /** What the default column says when `default` cannot (e.g. "each rule's default"). */
  defaultText?: string;
  examples?: unknown[];
  /** A check the shape cannot say (pattern safety): the problem, worded to follow the setting's name. */
  check?: (value: string) => string | undefined;
}

const sectionChildWhere = (where: string, key: string, title: string | undefined): string =>
  key === 'title' ? `${where} title` : `${where.slice(0, where.lastIndexOf('.'))} section "${title}" ${key}`;

const SECTION_SETTINGS: readonly Setting[] = [
  { key: 'title', shape: { kind: 'text', nonEmpty: true }, description: 'The heading text.' },
  { key: 'aliases', shape: { kind: 'texts' }, description: 'Other headings accepted for this section.', default: [] },
  { key: 'required', shape: { kind: 'boolean' }, description: 'Whether missing-section reports it when absent; an optional section still has its place in the order.', default: true },
  { key: 'guidance', shape: { kind: 'text' }, description: 'The one-line prompt new documents get under the heading; lint reads it as "not written yet".', default: '' },
];

const SECTION: MappingShape = {
  kind: 'mapping',
  what: 'section setting',
  settings: SECTION_SETTINGS,
  required: ['title'],
  missing: (where) => `Each section in ${where.replace(/ entry$/, '')} needs a "title".`,
  nameKey: 'title',
  childWhere: (where, key, title) => sectionChildWhere(where.replace(/ entry$/, ''), key, title),
  definition: 'section',
  description: 'A section title, or a section with aliases, required flag and guidance.',
};

const ADDED_SECTION: MappingShape = {
  ...SECTION,
  settings: [...SECTION_SETTINGS, { key: 'after', shape: { kind: 'text', nonEmpty: true }, description: 'The title of the section this one goes after; without it, it goes last.' }],
  definition: 'addedSection',
  description: 'A section title, or a section with aliases, required flag, guidance and the section it goes after.',
};

const FIELD: MappingShape = {
  kind: 'mapping',
  what: 'field setting',
  definition: 'field',
  settings: [
    { key: 'description', shape: { kind: 'text' }, description: 'What the field is for (shown in completions).', default: '' },
    { key: 'required', shape: { kind: 'boolean' }, description: 'Whether missing-field reports it when absent or empty.', default: false, defaultText: '`false` for a new field' },
    { key: 'kind', shape: { kind: 'choice', values: FIELD_KINDS }, description: 'How the value is checked: date is YYYY-MM-DD, quarter is YYYY-Qn.', default: 'string' },
    { key: 'values', shape: { kind: 'texts' }, description: 'The allowed values.' },
    {
      key: 'pattern',
      shape: { kind: 'text', format: 'regex' },
      description: 'A regular expression the whole value must match. Patterns that can backtrack for a very long time are refused.',
      check: patternProblem,
    },
  ],
};

const CONDITION: MappingShape = {
  kind: 'mapping',
  what: 'requireWhen setting',
  definition: 'condition',
  required: ['field', 'values', 'require'],
  missing: (where, missing) => `Each ${where.replace(/ entry$/, '')} entry needs "field", "values" and "require"; this one has no ${missing.map((k) => `"${k}"`).join(', ')}.`,
  childWhere: (where, key) => `${where.replace(/ entry$/, '')}.${key}`,
  settings: [
    { key: 'field', shape: { kind: 'text' }, description: 'The field to look at, e.g. status.' },
    { key: 'values', shape: { kind: 'texts' }, description: 'When the field has one of these values…' },
    { key: 'require', shape: { kind: 'texts' }, description: '…these fields are required.' },
  ],
};

const STATUS: MappingShape = {
  kind: 'mapping',
  what: 'status setting',
  definition: 'status',
  description: 'A status name, or a status with its label and where it sits on the roadmap.',
  required: ['name'],
  missing: (where) => `Each status in ${where.replace(/ entry$/, '')} needs a "name".`,
  nameKey: 'name',
  childWhere: (where, key, name) => (key === 'name' ? `${where.replace(/ entry$/, '')} name` : `${where.replace(/\.statuses entry$/, '')} status "${name}" ${key}`),
  settings: [
    { key: 'name', shape: { kind: 'text', nonEmpty: true }, description: 'The value written as `status:` in documents.' },
    { key: 'label', shape: { kind: 'text', nonEmpty: true }, description: 'The name shown in roadmap groups, e.g. "In review".', defaultText: 'the name, capitalised' },
    { key: 'horizon', shape: { kind: 'choice', values: STATUS_HORIZONS }, description: 'The roadmap horizon of the status; none shows it under Other.', defaultText: 'as `roadmap.horizons` says' },
    { key: 'terminal', shape: { kind: 'boolean' }, description: 'Whether the work is over in this status, so it is never overdue.', defaultText: '`true` in the done horizon or for names like rejected, cancelled, published' },
    { key: 'icon', shape: { kind: 'text', nonEmpty: true }, description: 'A VS Code codicon id, e.g. pass-filled.', defaultText: 'a neutral circle' },
    { key: 'colour', shape: { kind: 'text', nonEmpty: true }, description: 'A VS Code theme colour id, e.g. charts.green.', defaultText: 'descriptionForeground' },
  ],
};

const TYPE: MappingShape = {
  kind: 'mapping',
  what: 'type setting',
  definition: 'type',
  description: 'A document type. For a built-in id, only what is set changes; a new id starts from the common fields (or from the type it extends) with no sections.',
  settings: [
    { key: 'label', shape: { kind: 'text' }, description: 'The name shown to people, e.g. RFC.' },
    { key: 'description', shape: { kind: 'text' }, description: 'One line saying what the type is for.' },
    { key: 'extends', shape: { kind: 'text' }, description: 'A new type starts as a copy of this one (a built-in id or one defined above).', examples: ['prd', 'prfaq', 'lessons-learned'] },
    {
      key: 'sections',
      shape: { kind: 'list', item: SECTION, allOrNothing: true, message: (where) => `${where} must be a list of section titles or { title, aliases, required, guidance } entries.` },
      description: "The sections, in template order. Replaces the type's sections; to keep them and add more, use addSections.",
    },
    {
      key: 'addSections',
      shape: { kind: 'list', item: ADDED_SECTION, allOrNothing: true, message: (where) => `${where} must be a list of section titles or { title, aliases, required, guidance, after } entries.` },
      description: "Sections added to the type's sections: last, or after the section named in after.",
    },
    { key: 'fields', shape: { kind: 'record', what: 'field', keys: { any: true }, value: FIELD }, description: 'Front-matter fields to add or change, by name.' },
    {
      key: 'requireWhen',
      shape: {
        kind: 'list',
        item: CONDITION,
        message: (where) => `${where} must be a list of { field, values, require } entries, e.g. { field: status, values: [approved], require: [approvers] }.`,
      },
      description: 'Fields that become required when another field has one of some values.',
    },
    { key: 'files', shape: { kind: 'texts' }, description: 'Globs of files that are of this type even without "type:" in their front matter.', examples: [['rfcs/**/*.md']] },
    { key: 'roadmap', shape: { kind: 'boolean' }, description: 'Whether documents of this type appear on the roadmap (a document can say roadmap: false).', defaultText: '`true` (`false` for lessons-learned)' },
    {
      key: 'statuses',
      shape: { kind: 'list', item: STATUS, single: true, allOrNothing: true, message: (where) => `${where} must be a list of status names or { name, label, horizon, terminal, icon, colour } entries.` },
      description: 'The allowed values of "status", in order; the first is the status of a new document. An entry can place its status: { name: accepted, horizon: done, terminal: true }.',
      examples: [['draft', 'in-review', 'accepted', 'rejected']],
    },
  ],
};

const HORIZON_LABELS: Record<Horizon, string> = { now: 'Now', next: 'Next', later: 'Later', done: 'Done' };

/** The default statuses of each horizon, read from BUILT_IN_STATUSES. */
function defaultHorizons(): Record<Horizon, string[]> {
  const entries = Object.entries(BUILT_IN_STATUSES);
  return Object.fromEntries(HORIZONS.map((h) => [h, entries.filter(([, meaning]) => meaning.horizon === h).map(([name]) => name)])) as Record<Horizon, string[]>;
}

const ROADMAP: MappingShape = {
  kind: 'mapping',
  what: 'roadmap setting',
  settings: [
    { key: 'groupBy', shape: { kind: 'choice', values: GROUPINGS }, description: 'How the roadmap is grouped by default.', default: 'status' },
    {
      key: 'horizons',
      shape: {
        kind: 'record',
        what: 'horizon',
        keys: { values: HORIZONS, describe: (h) => `Statuses shown under ${HORIZON_LABELS[h as Horizon]}.` },
        value: { kind: 'texts' },
      },
      description: 'Which statuses fall in each horizon, for every type; a status in none is shown under Other.',
      default: defaultHorizons(),
    },
  ],
};

/** The whole file. */
export const CONFIG_SHAPE: MappingShape = {
  kind: 'mapping',
  what: 'setting',
  settings: [
    { key: 'include', shape: { kind: 'texts' }, description: 'Globs (relative to the folder of this file) of the markdown files that are looked at.', default: ['**/*.md'], examples: [['docs/**/*.md']] },
    { key: 'exclude', shape: { kind: 'texts' }, description: 'Globs of files to skip, in addition to node_modules and .git.', default: [], examples: [['drafts/**']] },
    { key: 'docsFolder', shape: { kind: 'text' }, description: 'Where new documents are created, relative to the folder of this file.', default: 'docs' },
    { key: 'maxFileSizeKb', shape: { kind: 'positive-number' }, description: 'Markdown files larger than this many KB are skipped with a notice.', default: 1024 },
    {
      key: 'rules',
      shape: { kind: 'record', what: 'rule', keys: { rules: true }, value: { kind: 'choice', values: ['off', 'info', 'warning', 'error'], noun: 'severity', definition: 'severity' }, childWhere: (_where, id) => `Rule "${id}"` },
      description: 'Severity per rule id: off, info, warning or error. Rules not listed keep their default.',
      defaultText: "each rule's default",
    },
    {
      key: 'types',
      shape: {
        kind: 'record',
        what: 'type',
        keys: { pattern: /^[A-Za-z0-9][A-Za-z0-9-]*$/, message: (id) => `Type id "${id}" must be letters, digits and dashes.` },
        value: TYPE,
      },
      description: 'Changes to the built-in types (prd, prfaq, lessons-learned) and types of your own, by id.',
    },
    { key: 'roadmap', shape: ROADMAP, description: 'Roadmap settings.' },
  ],
};

/** The settings of a mapping shape, by key. */
export function settingOf(shape: MappingShape, key: string): Setting {
  const setting = shape.settings.find((s) => s.key === key);
  if (!setting) throw new Error(`no setting ${key}`); // a programming error: keys are literals in config.ts
  return setting;
}

/** The nested shapes, for code that reads or documents one level. */
export const SETTING_SHAPES = { file: CONFIG_SHAPE, roadmap: ROADMAP, type: TYPE, section: SECTION, addedSection: ADDED_SECTION, field: FIELD, condition: CONDITION, status: STATUS } as const;

const keysOf = (shape: MappingShape) => shape.settings.map((s) => s.key);
/** The top-level keys of `.product-docs.yaml`. */
export const CONFIG_KEYS = keysOf(CONFIG_SHAPE);
/** The keys of `roadmap:`. */
export const ROADMAP_KEYS = keysOf(ROADMAP);
/** The keys of one entry under `types:`. */
export const TYPE_KEYS = keysOf(TYPE);
/** The keys of one `sections` entry written as a mapping. */
export const SECTION_KEYS = keysOf(SECTION);
/** The keys of one entry under a type's `fields:`. */
export const FIELD_KEYS = keysOf(FIELD);
/** The keys of one `requireWhen` entry. */
export const CONDITION_KEYS = keysOf(CONDITION);
/** The keys of one `statuses` entry written as a mapping. */
export const STATUS_KEYS = keysOf(STATUS);

/** Patterns come from the workspace: refuse ones that are invalid or could backtrack for ever. */
function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}.`;
  }
  return backtrackingRisk(pattern);
}
