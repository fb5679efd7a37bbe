/**
 * The document types: their sections, front-matter fields and statuses. This is the single source
 * of truth that templates, snippets, lint rules, quick fixes, completions and docs all read.
 */

export interface SectionSpec {
  title: string;
  /** Other headings accepted for this section. */
  aliases: string[];
  required: boolean;
  /** One-line prompt the template writes under the heading; lint recognises it as unfilled. */
  guidance: string;
}

export type FieldKind = 'string' | 'date' | 'quarter' | 'list' | 'boolean';

export interface FieldSpec {
  description: string;
  kind: FieldKind;
  required: boolean;
  /** Allowed values, when the field is an enumeration. */
  values?: string[];
  /** A regular expression the value must match (anchored). */
  pattern?: string;
}

/** When the document's `field` has one of `values`, the fields in `require` become required. */
export interface FieldCondition {
  field: string;
  values: string[];
  require: string[];
}

/** The roadmap horizons, in the order the roadmap shows them. */
export const HORIZONS = ['now', 'next', 'later', 'done'] as const;
export type Horizon = (typeof HORIZONS)[number];

/** What a status means: how it is shown, where it sits on the roadmap, whether the work is over. */
export interface StatusMeaning {
  label: string;
  /** The roadmap horizon; undefined for none (shown under "Other"). */
  horizon: Horizon | undefined;
  /** Work in a terminal status is over (shipped, cancelled, published…), so it is never overdue. */
  terminal: boolean;
  /** A VS Code codicon id. */
  icon: string;
  /** A VS Code theme colour id. */
  colour: string;
}

/** What a type says about one of its statuses; what it leaves out is worked out (see statusMeaning). */
export type StatusDeclaration = Partial<Omit<StatusMeaning, 'horizon'>> & { horizon?: Horizon | 'none' };

export interface DocumentType {
  id: string;
  label: string;
  description: string;
  sections: SectionSpec[];
  fields: Record<string, FieldSpec>;
  conditions: FieldCondition[];
  /** Globs (relative to the workspace root) whose files are of this type even without `type:`. */
  files: string[];
  /** Whether documents of this type appear on the roadmap by default. */
  roadmap: boolean;
  /**
   * What the config declares about the type's statuses (the names are `fields.status.values`); a
   * status not declared here means what BUILT_IN_STATUSES or statusMeaning's defaults say.
   */
  statuses: Record<string, StatusDeclaration>;
}

/** Statuses of roadmap documents (PRDs, PR/FAQs). */
export const DELIVERY_STATUSES = ['draft', 'in-review', 'approved', 'in-progress', 'shipped', 'cancelled'];
export const REVIEW_STATUSES = ['draft', 'in-review', 'published'];
export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'];

/**
 * The built-in statuses and what each means, whichever type lists them. The default
 * `roadmap.horizons` are read from here, so a horizon is written once; a workspace's
 * `roadmap.horizons` (and a type's own status entries) then place statuses differently.
 */
export const BUILT_IN_STATUSES: Readonly<Record<string, StatusMeaning>> = {
  draft: { label: 'Draft', horizon: 'later', terminal: false, icon: 'circle-large-outline', colour: 'descriptionForeground' },
  'in-review': { label: 'In review', horizon: 'later', terminal: false, icon: 'eye', colour: 'charts.yellow' },
  approved: { label: 'Approved', horizon: 'next', terminal: false, icon: 'pass', colour: 'charts.blue' },
  'in-progress': { label: 'In progress', horizon: 'now', terminal: false, icon: 'play-circle', colour: 'charts.orange' },
  shipped: { label: 'Shipped', horizon: 'done', terminal: true, icon: 'pass-filled', colour: 'charts.green' },
  cancelled: { label: 'Cancelled', horizon: undefined, terminal: true, icon: 'circle-slash', colour: 'disabledForeground' },
  published: { label: 'Published', horizon: undefined, terminal: true, icon: 'book', colour: 'charts.green' },
};

function section(title: string, guidance: string, aliases: string[] = [], required = true): SectionSpec {
  return { title, aliases, required, guidance };
}

/** Fields every type has; `status` values are set per type. */
export function commonFields(statuses: string[]): Record<string, FieldSpec> {
  return {
    type: { description: 'The document type.', kind: 'string', required: true },
    title: { description: 'The document title, as shown on the roadmap.', kind: 'string', required: true },
    status: { description: 'Where the document is in its life.', kind: 'string', required: true, values: statuses },
    owner: { description: 'The person accountable for the document.', kind: 'string', required: true },
    quarter: { description: 'The quarter the work is planned for, as YYYY-Qn.', kind: 'quarter', required: false },
    target: { description: 'The target date, as YYYY-MM-DD.', kind: 'date', required: false },
    created: { description: 'The date the document was created, as YYYY-MM-DD.', kind: 'date', required: false },
    updated: { description: 'The date the document was last updated, as YYYY-MM-DD.', kind: 'date', required: false },
    priority: { description: 'The priority, P0 (highest) to P3.', kind: 'string', required: false, values: PRIORITIES },
    theme: { description: 'The roadmap theme or investment area.', kind: 'string', required: false },
    id: { description: 'A stable identifier other documents can depend on.', kind: 'string', required: false },
    'depends-on': { description: 'Ids of the documents this one depends on.', kind: 'list', required: false },
    approvers: { description: 'The people who approve the document.', kind: 'list', required: false },
    roadmap: { description: 'Set to false to keep the document off the roadmap.', kind: 'boolean', required: false },
  };
}

const PRD: DocumentType = {
  id: 'prd',
  label: 'PRD',
  description: 'Product requirements document',
  sections: [
    section('Problem', 'What problem are we solving, for whom, and how do we know it matters?', ['Problem statement']),
    section('Background', 'What context does a reader need: prior work, research, data?', [], false),
    section('Goals', 'What outcomes will this achieve? Make each one measurable.'),
    section('Non-goals', 'What is explicitly out of scope, and why?', ['Out of scope']),
    section('User stories', 'As a <user>, I want <capability> so that <benefit>.', [], false),
    section('Requirements', 'What must the product do? Number each requirement and give its priority.'),
    section('Success metrics', 'How will we measure success? Give each metric a baseline and a target.', ['Metrics', 'Success criteria', 'KPIs']),
    section('Milestones', 'Which milestones, in what order, by when?', [], false),
    section('Risks', 'What could go wrong, and how will we mitigate it?', [], false),
    section('Open questions', 'What is still undecided, and who will decide it by when?'),
    section('Appendix', 'Supporting material: data, mockups, links.', [], false),
  ],
  fields: commonFields(DELIVERY_STATUSES),
  conditions: [],
  files: [],
  roadmap: true,
  statuses: {},
};

const PRFAQ: DocumentType = {
  id: 'prfaq',
  label: 'PR/FAQ',
  description: 'Working-backwards press release and FAQ',
  sections: [
    section('Press release', 'Announce the launch to customers: headline, the problem, the solution, a customer quote, how to get started.'),
    section('External FAQ', 'Questions customers will ask, with answers.', ['Customer FAQ']),
    section('Internal FAQ', 'Questions stakeholders will ask: cost, risks, dependencies, why now.', ['Stakeholder FAQ']),
  ],
  fields: commonFields(DELIVERY_STATUSES),
  conditions: [],
  files: [],
  roadmap: true,
  statuses: {},
};

const LESSONS_LEARNED: DocumentType = {
  id: 'lessons-learned',
  label: 'Lessons learned',
  description: 'Lessons-learned review of a launch or incident',
  sections: [
    section('Summary', 'What happened, in two or three sentences?'),
    section('Impact', 'Who was affected, how much, for how long?'),
    section('Timeline', 'Key events with dates, from the first sign to resolution.'),
    section('Root cause', 'Why did it happen? Ask why until you reach a cause you can fix.'),
    section('What went well', 'What should we keep doing?', [], false),
    section('What went wrong', 'What should we stop or change?', [], false),
    section('Action items', 'Each action with an owner and a due date.'),
    section('Lessons learned', 'What will we do differently next time?'),
  ],
  fields: commonFields(REVIEW_STATUSES),
  conditions: [],
  files: [],
  roadmap: false,
  statuses: {},
};

/** The built-in types, in the order pickers show them. */
export function builtInTypes(): DocumentType[] {
  return [PRD, PRFAQ, LESSONS_LEARNED].map(cloneType);
}

export function cloneType(type: DocumentType): DocumentType {
  return {
    ...type,
    sections: type.sections.map((s) => ({ ...s, aliases: [...s.aliases] })),
    fields: Object.fromEntries(
      Object.entries(type.fields).map(([k, f]) => [k, { ...f, ...(f.values ? { values: [...f.values] } : {}) }]),
    ),
    conditions: type.conditions.map((c) => ({ ...c, values: [...c.values], require: [...c.require] })),
    files: [...type.files],
    statuses: Object.fromEntries(Object.entries(type.statuses).map(([name, declaration]) => [name, { ...declaration }])),
  };
}

/** All the headings a section answers to, as written (callers normalise them to match). */
export function sectionNames(spec: SectionSpec): string[] {
  return [spec.title, ...spec.aliases];
}
