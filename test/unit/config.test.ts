import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  CONDITION_KEYS,
  CONFIG_KEYS,
  defaultConfig,
  FIELD_KEYS,
  FIELD_KINDS,
  GROUPINGS,
  HORIZONS,
  parseConfig,
  ROADMAP_KEYS,
  STANDS_IN,
  SECTION_KEYS,
  TYPE_KEYS,
  type ConfigProblem,
  type ProductDocsConfig,
} from '../../src/core/config/config';
import { configTemplate } from '../../src/core/config/config-template';
import { CONFIG_DOCS_FILE, configDocs, SCHEMA_FILE, schemaJson } from '../../scripts/generate-config-artifacts';
import { SEVERITY_SETTINGS } from '../../src/core/findings';
import { RULE_IDS, RULES } from '../../src/core/rules';

const read = (text: string) => parseConfig(text, RULE_IDS);

const TOP_LEVEL_SETTINGS = [
  'include: ["docs/**/*.md", "rfcs/*.md"]',
  'exclude: [drafts/**]',
  'docsFolder: product/docs',
  'maxFileSizeKb: 256',
  'rules:',
  '  placeholder: error',
  '  section-order: "off"',
  '  empty-section: info',
  'roadmap:',
  '  groupBy: horizon',
  '  horizons:',
  '    now: [in-progress, in-review]',
  '    later: draft',
].join('\n');
const BUILT_IN_CHANGES = [
  'types:',
  '  prd:',
  '    label: Product spec',
  '    requireWhen:',
  '      - { field: status, values: [approved, shipped], require: [approvers] }',
  '    fields:',
  '      team: { required: true, values: [web, app], description: The owning team }',
  '      priority: { required: true }',
].join('\n');
const NEW_TYPE = [
  'types:',
  '  rfc:',
  '    label: RFC',
  '    description: Request for comments',
  '    files: ["rfcs/**/*.md"]',
  '    statuses: [draft, accepted, rejected]',
  '    roadmap: false',
  '    sections:',
  '      - Summary',
  '      - { title: Motivation, aliases: [Why], guidance: Why are we doing this? }',
  '      - title: Alternatives',
  '        required: false',
  '    fields:',
  '      ticket: { pattern: "[A-Z]+-[0-9]+" }',
  '      decided: { kind: date }',
  '      due: { kind: quarter }',
  '      reviewers: { kind: list }',
  '      public: { kind: boolean }',
].join('\n');

const EXTENDED_TYPE = 'types:\n  launch-prd:\n    extends: prd\n    sections: [Problem, Launch plan]\n';
const typeOf = (config: ProductDocsConfig, id: string) => config.types.find((t) => t.id === id);

describe('parseConfig with a good config', () => {
  it('gives the defaults for an empty file or one with only comments', () => {
    for (const text of ['', '# nothing yet\n', '---\n', '~\n']) assert.deepEqual(read(text), { config: defaultConfig(), problems: [] }, JSON.stringify(text));
  });

  it('reads every top-level setting', () => {
    const { config, problems } = read(TOP_LEVEL_SETTINGS);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.include, ['docs/**/*.md', 'rfcs/*.md']);
    assert.deepEqual(config.exclude, ['**/node_modules/**', '**/.git/**', 'drafts/**'], 'node_modules and .git stay excluded');
    assert.equal(config.docsFolder, 'product/docs');
    assert.equal(config.maxFileSize, 256 * 1024);
    assert.deepEqual(config.severities, { placeholder: 'error', 'section-order': 'off', 'empty-section': 'info' });
    assert.equal(config.roadmap.groupBy, 'horizon');
    assert.deepEqual(config.roadmap.horizons, { now: ['in-progress', 'in-review'], next: ['approved'], later: ['draft'], done: ['shipped'] });
  });

  it('changes a built-in type in place and keeps what it does not mention', () => {
    const { config, problems } = read(BUILT_IN_CHANGES);
    assert.deepEqual(problems, []);
    const prd = typeOf(config, 'prd')!;
    const builtIn = typeOf(defaultConfig(), 'prd')!;
    assert.equal(prd.label, 'Product spec');
    assert.deepEqual(prd.sections, builtIn.sections);
    assert.deepEqual(prd.conditions, [{ field: 'status', values: ['approved', 'shipped'], require: ['approvers'] }]);
    assert.deepEqual(prd.fields['team'], { description: 'The owning team', kind: 'string', required: true, values: ['web', 'app'] });
    assert.deepEqual(prd.fields['priority'], { ...builtIn.fields['priority']!, required: true }, 'a field setting changes only what it names');
    assert.deepEqual(config.types.map((t) => t.id), ['prd', 'prfaq', 'lessons-learned']);
  });

  it('adds a type of its own: sections as titles or entries, fields of every kind, files, statuses, roadmap', () => {
    const { config, problems } = read(NEW_TYPE);
    assert.deepEqual(problems, []);
    const rfc = typeOf(config, 'rfc')!;
    assert.equal(rfc.label, 'RFC');
    assert.equal(rfc.description, 'Request for comments');
    assert.deepEqual(rfc.files, ['rfcs/**/*.md']);
    assert.equal(rfc.roadmap, false);
    assert.deepEqual(rfc.fields['status']!.values, ['draft', 'accepted', 'rejected']);
    assert.deepEqual(rfc.sections, [
      { title: 'Summary', aliases: [], required: true, guidance: '' },
      { title: 'Motivation', aliases: ['Why'], required: true, guidance: 'Why are we doing this?' },
      { title: 'Alternatives', aliases: [], required: false, guidance: '' },
    ]);
    assert.equal(rfc.fields['ticket']!.pattern, '[A-Z]+-[0-9]+');
    assert.deepEqual(['decided', 'due', 'reviewers', 'public'].map((f) => rfc.fields[f]!.kind), ['date', 'quarter', 'list', 'boolean']);
    for (const common of ['type', 'title', 'status', 'owner']) assert.equal(rfc.fields[common]!.required, true, `${common} is required for every type`);
  });

  it('lets a new type extend another and copies it, leaving the original alone', () => {
    const { config, problems } = read(EXTENDED_TYPE);
    assert.deepEqual(problems, []);
    assert.deepEqual(typeOf(config, 'launch-prd')!.sections.map((s) => s.title), ['Problem', 'Launch plan']);
    assert.deepEqual(typeOf(config, 'launch-prd')!.fields, typeOf(config, 'prd')!.fields);
    assert.deepEqual(typeOf(config, 'prd'), typeOf(defaultConfig(), 'prd'));
  });
});

interface BadCase {
  name: string;
  text: string;
  /** The text the problem points at, and the text it is searched after when it occurs twice. */
  at: string;
  after?: string;
  /** Parts of the message: what is wrong and what is allowed. */
  says: string[];
  /** The setting that must have fallen back to its default... */
  fallsBack: (config: ProductDocsConfig) => unknown;
  /** ...which is this, when the setting is not in the defaults (a new type or field keeps its other settings). */
  fallbackValue?: unknown;
}

const defaults = defaultConfig();
const badCases: BadCase[] = [
  {
    name: 'an unknown top-level key',
    text: 'docsFolder: notes\nrule:\n  placeholder: error\n',
    at: 'rule',
    says: ['Unknown setting "rule"', 'Did you mean "rules"?', 'Allowed: include, exclude, docsFolder, maxFileSizeKb, rules, types, roadmap.'],
    fallsBack: (c) => c.severities,
  },
  {
    name: 'an unknown rule',
    text: 'rules:\n  missing-sections: "off"\n',
    at: 'missing-sections',
    says: ['Unknown rule "missing-sections"', 'Did you mean "missing-section"?', `Allowed: ${RULE_IDS.join(', ')}.`],
    fallsBack: (c) => c.severities,
  },
  {
    name: 'a misspelt severity',
    text: 'rules:\n  placeholder: errr\n',
    at: 'errr',
    says: ['Rule "placeholder" has severity "errr"', 'expected one of off, info, warning, error.', 'Did you mean "error"?'],
    fallsBack: (c) => c.severities,
  },
  {
    name: 'a rule with no severity',
    text: 'rules:\n  placeholder:\n',
    at: 'placeholder',
    says: ['Rule "placeholder" has no severity', 'expected one of off, info, warning, error.'],
    fallsBack: (c) => c.severities,
  },
  {
    name: 'rules that are not a mapping',
    text: 'rules: [placeholder]\n',
    at: '[placeholder]',
    says: ['rules must be a mapping'],
    fallsBack: (c) => c.severities,
  },
  {
    name: 'an empty docsFolder',
    text: 'docsFolder:\n',
    at: 'docsFolder',
    says: ['docsFolder must be a text value.'],
    fallsBack: (c) => c.docsFolder,
  },
  {
    name: 'a negative maxFileSizeKb',
    text: 'maxFileSizeKb: -5\n',
    at: '-5',
    says: ['maxFileSizeKb must be a positive number.'],
    fallsBack: (c) => c.maxFileSize,
  },
  {
    name: 'include that is not a list of globs',
    text: 'include: { docs: true }\n',
    at: '{ docs: true }',
    says: ['include must be a list of text values.'],
    fallsBack: (c) => c.include,
  },
  {
    name: 'an unknown grouping',
    text: 'roadmap:\n  groupBy: team\n',
    at: 'team',
    says: ['roadmap.groupBy is "team"', 'expected one of status, quarter, horizon, owner, theme, type.'],
    fallsBack: (c) => c.roadmap.groupBy,
  },
  {
    name: 'a near-miss grouping',
    text: 'roadmap:\n  groupBy: horizons\n',
    at: 'horizons',
    says: ['Did you mean "horizon"?'],
    fallsBack: (c) => c.roadmap.groupBy,
  },
  {
    name: 'an unknown horizon',
    text: 'roadmap:\n  horizons:\n    soon: [draft]\n',
    at: 'soon',
    says: ['Unknown horizon "soon"', 'Allowed: now, next, later, done.'],
    fallsBack: (c) => c.roadmap.horizons,
  },
  {
    name: 'an unknown roadmap setting',
    text: 'roadmap:\n  group: owner\n',
    at: 'group',
    says: ['Unknown roadmap setting "group"', 'Allowed: groupBy, horizons.'],
    fallsBack: (c) => c.roadmap,
  },
  {
    name: 'a type id with spaces',
    text: 'types:\n  "design doc": { sections: [Summary] }\n',
    at: '"design doc"',
    says: ['Type id "design doc" must be letters, digits and dashes.'],
    fallsBack: (c) => c.types,
  },
  {
    name: 'a type extending an unknown type',
    text: 'types:\n  rfc:\n    extends: prdd\n',
    at: 'prdd',
    says: ['Type "rfc" extends unknown type "prdd"', 'known: prd, prfaq, lessons-learned.'],
    fallsBack: (c) => c.types.find((t) => t.id === 'rfc')?.sections,
    fallbackValue: [],
  },
  {
    name: 'an unknown type setting',
    text: 'types:\n  prd:\n    section: [Problem]\n',
    at: 'section',
    says: ['Unknown type setting "section"', 'Did you mean "sections"?', 'Allowed: label, description, extends, sections, addSections, fields, requireWhen, files, roadmap, statuses.'],
    fallsBack: (c) => c.types,
  },
  {
    name: 'sections that are not a list',
    text: 'types:\n  prd:\n    sections: Problem, Goals\n',
    at: 'Problem, Goals',
    says: ['types.prd.sections must be a list of section titles or { title, aliases, required, guidance } entries.'],
    fallsBack: (c) => c.types,
  },
  {
    name: 'a section entry without a title',
    text: 'types:\n  prd:\n    sections:\n      - { aliases: [Why] }\n',
    at: '{ aliases: [Why] }',
    says: ['Each section in types.prd.sections needs a "title".'],
    fallsBack: (c) => c.types.find((t) => t.id === 'prd')!.sections.length,
  },
  {
    name: 'an unknown section setting',
    text: 'types:\n  prd:\n    sections:\n      - { title: Problem, optional: true }\n',
    at: 'optional',
    says: ['Unknown section setting "optional"', 'Allowed: title, aliases, required, guidance.'],
    fallsBack: (c) => c.types.find((t) => t.id === 'prd')!.sections,
  },
  {
    name: 'a section "required" that is not a boolean',
    text: 'types:\n  prd:\n    sections:\n      - { title: Problem, required: sometimes }\n',
    at: 'sometimes',
    says: ['types.prd section "Problem" required must be true or false.'],
    fallsBack: (c) => c.types.find((t) => t.id === 'prd')!.sections[0]!.required,
  },
  {
    name: 'an unknown field kind',
    text: 'types:\n  prd:\n    fields:\n      launch: { kind: datetime }\n',
    at: 'datetime',
    says: ['types.prd.fields.launch.kind is "datetime"', 'expected one of string, date, quarter, list, boolean.'],
    fallsBack: (c) => c.types.find((t) => t.id === 'prd')!.fields['launch']?.kind,
    fallbackValue: 'string',
  },
  {
    name: 'an invalid pattern',
    text: 'types:\n  prd:\n    fields:\n      ticket: { pattern: "[A-Z" }\n',
    at: '"[A-Z"',
    says: ['types.prd.fields.ticket.pattern is not a valid regular expression'],
    fallsBack: (c) => c.types.find((t) => t.id === 'prd')!.fields['ticket']?.pattern,
  },
  {
    name: 'a pattern that could backtrack for ever',
    text: 'types:\n  prd:\n    fields:\n      ticket: { pattern: "(a+)+b" }\n',
    at: '"(a+)+b"',
    says: ['nested repetition', 'simplify it'],
    fallsBack: (c) => c.types.find((t) => t.id === 'prd')!.fields['ticket']?.pattern,
  },
  {
    name: 'an unknown field setting',
    text: 'types:\n  prd:\n    fields:\n      team: { requried: true }\n',
    at: 'requried',
    says: ['Unknown field setting "requried"', 'Did you mean "required"?', 'Allowed: description, required, kind, values, pattern.'],
    fallsBack: (c) => c.types.find((t) => t.id === 'prd')!.fields['team']?.required,
    fallbackValue: false,
  },
  {
    name: 'a field that is not a mapping',
    text: 'types:\n  prd:\n    fields:\n      team: required\n',
    at: 'required',
    after: 'team',
    says: ['types.prd.fields.team must be a mapping'],
    fallsBack: (c) => c.types.find((t) => t.id === 'prd')!.fields['team'],
  },
  {
    name: 'requireWhen that is not a list',
    text: 'types:\n  prd:\n    requireWhen: approvers\n',
    at: 'approvers',
    says: ['types.prd.requireWhen must be a list of { field, values, require } entries', 'e.g. { field: status, values: [approved], require: [approvers] }'],
    fallsBack: (c) => c.types.find((t) => t.id === 'prd')!.conditions,
  },
  {
    name: 'a requireWhen entry missing its keys',
    text: 'types:\n  prd:\n    requireWhen:\n      - { field: status }\n',
    at: '{ field: status }',
    says: ['Each types.prd.requireWhen entry needs "field", "values" and "require"; this one has no "values", "require".'],
    fallsBack: (c) => c.types.find((t) => t.id === 'prd')!.conditions,
  },
  {
    name: 'a type roadmap flag that is not a boolean',
    text: 'types:\n  lessons-learned:\n    roadmap: yes\n',
    at: 'yes',
    says: ['types.lessons-learned.roadmap must be true or false.'],
    fallsBack: (c) => c.types.find((t) => t.id === 'lessons-learned')!.roadmap,
  },
];

describe('parseConfig with a bad config', () => {
  for (const bad of badCases) {
    it(`reports ${bad.name} where it is, says what is allowed, and uses the default`, () => {
      const { config, problems } = read(bad.text);
      assert.equal(problems.length, 1, `problems: ${JSON.stringify(problems, null, 2)}`);
      const problem = problems[0]!;
      const start = bad.text.indexOf(bad.at, bad.after ? bad.text.indexOf(bad.after) + bad.after.length : 0);
      assert.deepEqual(
        { at: bad.text.slice(problem.start, problem.end), start: problem.start },
        { at: bad.at, start },
        `the problem points at ${JSON.stringify(bad.text.slice(problem.start, problem.end))}`,
      );
      for (const part of bad.says) assert.ok(problem.message.includes(part), `${JSON.stringify(problem.message)} does not say ${JSON.stringify(part)}`);
      assert.deepEqual(bad.fallsBack(config), 'fallbackValue' in bad ? bad.fallbackValue : bad.fallsBack(defaults));
    });
  }

  it('reports every problem of a config with many, and keeps its good settings', () => {
    const text = 'docsFolder: notes\nrules:\n  placeholder: errr\n  empty-section: info\nroadmap:\n  groupBy: team\n';
    const { config, problems } = read(text);
    assert.deepEqual(problems.map((p) => text.slice(p.start, p.end)), ['errr', 'team']);
    assert.equal(config.docsFolder, 'notes');
    assert.deepEqual(config.severities, { 'empty-section': 'info' });
  });

  it('reports a YAML syntax error at its place and uses the defaults for everything', () => {
    const text = 'docsFolder: notes\nrules:\n  placeholder: [error\n';
    const { config, problems } = read(text);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /The defaults are used until it is fixed\.$/);
    assert.ok(problems[0]!.start >= text.indexOf('[error'), `at offset ${problems[0]!.start}`);
    assert.deepEqual(config, defaults);
  });

  it('reports a duplicate key', () => {
    const text = 'docsFolder: a\ndocsFolder: b\n';
    const { problems } = read(text);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.start, text.lastIndexOf('docsFolder'));
  });

  it('reports a config that is a list or a single value', () => {
    for (const text of ['- rules\n- types\n', 'just text\n']) {
      const { config, problems } = read(text);
      assert.deepEqual(problems.map((p: ConfigProblem) => [p.start, p.message]), [[0, 'The config must be a mapping of settings (for example "rules:" and "types:"). The defaults are used until it is fixed.']]);
      assert.deepEqual(config, defaults);
    }
  });

  it('never throws, whatever the text', () => {
    for (const text of ['&a [*a]', 'a: &x\n  b: *x\nc: *x', '\u0000\u0001', 'types:\n  prd:\n    fields:\n      x: { pattern: "(" }\n', ': : :', 'rules: {', '"unclosed']) {
      assert.doesNotThrow(() => read(text), JSON.stringify(text.slice(0, 20)));
    }
  });

  // Parsing such YAML overflows the parser's stack, and a second overflow can abort Node itself.
  it('refuses YAML nested too deeply before parsing it, pointing at where it gets too deep', () => {
    const deep: [string, string][] = [
      ['flow brackets', `rules: ${'['.repeat(5000)}`],
      ['flow braces', `types: ${'{a: '.repeat(5000)}`],
      ['compact list items', `include:\n${'- '.repeat(5000)}x`],
      ['indentation', Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')],
    ];
    for (const [name, text] of deep) {
      const { config, problems } = read(text);
      assert.equal(problems.length, 1, name);
      assert.match(problems[0]!.message, /nested too deeply/, name);
      assert.ok(problems[0]!.start > 0 && problems[0]!.start < text.length, `${name}: at ${problems[0]!.start}`);
      assert.deepEqual(config, defaults, name);
    }
  });

  it('reads brackets inside quotes and comments as text, not nesting', () => {
    const text = `docsFolder: "${'['.repeat(100)}"\n# ${'{'.repeat(100)}\ninclude: ['${'['.repeat(100)}']\n`;
    const { config, problems } = read(text);
    assert.deepEqual(problems, []);
    assert.equal(config.docsFolder, '['.repeat(100));
  });
});

describe('configTemplate (what init writes)', () => {
  it('parses with no problems into exactly the defaults', () => {
    const { config, problems } = read(configTemplate());
    assert.deepEqual(problems, []);
    assert.deepEqual({ ...config, severities: {} }, defaultConfig());
    assert.deepEqual(config.severities, Object.fromEntries(RULES.map((rule) => [rule.id, rule.defaultSeverity])), 'every rule written with its default');
  });

  it('has a commented example whose types parse with no problems', () => {
    const example = configTemplate()
      .split('\n')
      .filter((line) => line.startsWith('# types:') || line.startsWith('#   '))
      .map((line) => line.slice(2))
      .join('\n');
    assert.ok(example.startsWith('types:'), example);
    const { config, problems } = read(example);
    assert.deepEqual(problems, []);
    assert.ok(config.types.some((t) => t.id === 'rfc'));
  });
});

/** The subset of JSON Schema draft-07 the config schema uses, enough to check documents against it. */
type Schema = { [key: string]: unknown };
function schemaErrors(schema: Schema, value: unknown, root: Schema, path = '$'): string[] {
  if (typeof schema['$ref'] === 'string') {
    const definitions = root['definitions'] as Record<string, Schema>;
    return schemaErrors(definitions[(schema['$ref'] as string).replace('#/definitions/', '')]!, value, root, path);
  }
  const errors: string[] = [];
  if (Array.isArray(schema['anyOf'])) {
    const options = (schema['anyOf'] as Schema[]).map((option) => schemaErrors(option, value, root, path));
    if (options.every((e) => e.length > 0)) errors.push(`${path}: matches none of anyOf (${options.map((e) => e[0]).join(' / ')})`);
  }
  if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  const type = schema['type'];
  const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (type !== undefined && type !== actual) return [...errors, `${path}: expected ${String(type)}, got ${actual}`];
  if (typeof value === 'string' && typeof schema['minLength'] === 'number' && value.length < schema['minLength']) errors.push(`${path}: too short`);
  if (typeof value === 'number' && typeof schema['exclusiveMinimum'] === 'number' && value <= schema['exclusiveMinimum']) errors.push(`${path}: too small`);
  if (Array.isArray(value) && schema['items']) value.forEach((item, i) => errors.push(...schemaErrors(schema['items'] as Schema, item, root, `${path}[${i}]`)));
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of (schema['required'] as string[] | undefined) ?? []) if (!(key in object)) errors.push(`${path}: missing ${key}`);
    const properties = (schema['properties'] as Record<string, Schema> | undefined) ?? {};
    for (const [key, child] of Object.entries(object)) {
      const names = schema['propertyNames'] as Schema | undefined;
      if (names) errors.push(...schemaErrors(names, key, root, `${path} key ${key}`));
      if (typeof names?.['pattern'] === 'string' && !new RegExp(names['pattern']).test(key)) errors.push(`${path}: key ${key} does not match the pattern`);
      if (key in properties) errors.push(...schemaErrors(properties[key]!, child, root, `${path}.${key}`));
      else if (schema['additionalProperties'] === false) errors.push(`${path}: unexpected key ${key}`);
      else if (typeof schema['additionalProperties'] === 'object') errors.push(...schemaErrors(schema['additionalProperties'] as Schema, child, root, `${path}.${key}`));
    }
  }
  return errors;
}

describe('the JSON Schema of the config file', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'product-docs.schema.json'), 'utf8')) as Schema;
  const at = (...path: string[]) => path.reduce<Schema>((node, key) => (node[key] as Schema), schema);
  const keys = (node: Schema) => Object.keys(node['properties'] as object);
  const validate = (value: unknown) => schemaErrors(schema, value, schema);

  it('is a draft-07 schema', () => {
    assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
  });

  it('has exactly the keys parseConfig reads, at every level', () => {
    assert.deepEqual(keys(schema), [...CONFIG_KEYS]);
    assert.deepEqual(keys(at('properties', 'roadmap')), [...ROADMAP_KEYS]);
    assert.deepEqual(keys(at('definitions', 'type')), [...TYPE_KEYS]);
    assert.deepEqual(keys((at('definitions', 'section', 'anyOf') as unknown as Schema[])[1]!), [...SECTION_KEYS]);
    assert.deepEqual(keys(at('definitions', 'field')), [...FIELD_KEYS]);
    assert.deepEqual(keys(at('definitions', 'condition')), [...CONDITION_KEYS]);
  });

  it('lists exactly the rule ids, severities, groupings, horizons and field kinds', () => {
    assert.deepEqual(at('properties', 'rules', 'propertyNames', 'enum'), [...RULE_IDS]);
    assert.deepEqual(keys(at('properties', 'rules')), [...RULE_IDS]);
    assert.deepEqual(at('definitions', 'severity', 'enum'), [...SEVERITY_SETTINGS]);
    assert.deepEqual(at('properties', 'roadmap', 'properties', 'groupBy', 'enum'), [...GROUPINGS]);
    assert.deepEqual(at('properties', 'roadmap', 'properties', 'horizons', 'propertyNames', 'enum'), [...HORIZONS]);
    assert.deepEqual(keys(at('properties', 'roadmap', 'properties', 'horizons')), [...HORIZONS]);
    assert.deepEqual(at('definitions', 'field', 'properties', 'kind', 'enum'), [...FIELD_KINDS]);
  });

  it('describes every property', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as Schema)['properties'] as Record<string, Schema> | undefined;
      for (const [key, child] of Object.entries(properties ?? {})) if (typeof child['description'] !== 'string') undescribed.push(`${path}.${key}`);
      for (const [key, child] of Object.entries(node)) walk(child, `${path}.${key}`);
    };
    walk(schema, '$');
    assert.deepEqual(undescribed, []);
  });

  it('accepts the good configs parseConfig reads with no problems', () => {
    for (const text of [TOP_LEVEL_SETTINGS, BUILT_IN_CHANGES, NEW_TYPE, EXTENDED_TYPE]) {
      assert.deepEqual(read(text).problems, []);
      assert.deepEqual(validate(parseYaml(text)), [], text);
    }
  });

  it('accepts what init writes, its commented example and the example workspace config', () => {
    const template = configTemplate();
    const example = template.split('\n').filter((line) => line.startsWith('# types:') || line.startsWith('#   ')).map((line) => line.slice(2)).join('\n');
    assert.deepEqual(validate(parseYaml(template)), []);
    assert.deepEqual(validate(parseYaml(example)), []);
    assert.deepEqual(validate(parseYaml(readFileSync(join(__dirname, '..', '..', 'examples', '.product-docs.yaml'), 'utf8'))), []);
  });

  // What only parseConfig can see: what a type extends must exist, and a pattern must be safe to run.
  const beyondTheSchema = ['a type extending an unknown type', 'a pattern that could backtrack for ever', 'an invalid pattern'];
  for (const bad of badCases.filter((b) => !beyondTheSchema.includes(b.name))) {
    it(`rejects ${bad.name}, as parseConfig does`, () => {
      assert.notDeepEqual(validate(parseYaml(bad.text)), []);
    });
  }
});

describe('docs/config.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'config.md'), 'utf8');
  const yamlBlocks = [...doc.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

  it('names every key parseConfig reads, every grouping, horizon and field kind', () => {
    const names = [...CONFIG_KEYS, ...ROADMAP_KEYS, ...TYPE_KEYS, ...SECTION_KEYS, ...FIELD_KEYS, ...CONDITION_KEYS, ...GROUPINGS, ...FIELD_KINDS, ...HORIZONS.map((h) => `horizons.${h}`)];
    assert.deepEqual(names.filter((name) => !doc.includes(`\`${name}\``)), []);
  });

  it('has examples that parse with no problems', () => {
    assert.ok(yamlBlocks.length >= 3);
    for (const block of yamlBlocks) assert.deepEqual(read(block).problems, [], block);
  });
});

describe('the generated config artifacts', () => {
  it('schemas/product-docs.schema.json is what scripts/generate-config-artifacts.ts writes from the settings table', () => {
    assert.ok(
      readFileSync(SCHEMA_FILE, 'utf8') === schemaJson(),
      'schemas/product-docs.schema.json is stale: the settings table changed since it was generated. Run `npm run generate` and commit the result.',
    );
  });

  it('the settings tables of docs/config.md are what the script writes from the settings table', () => {
    const committed = readFileSync(CONFIG_DOCS_FILE, 'utf8');
    assert.ok(committed === configDocs(committed), 'docs/config.md is stale: the settings table changed since its tables were generated. Run `npm run generate` and commit the result.');
    assert.equal([...committed.matchAll(/<!-- settings:([\w-]+) -->/g)].length, 7, 'every table has its markers');
  });
});

describe('config problem messages', () => {
  it('say once what stands in until the problem is fixed, so the CLI and the editor add nothing', () => {
    const text = 'docsFolder: [a]\nrule:\n  x: y\ntypes:\n  prd:\n    requireWhen:\n      - { field: status }\n';
    const { problems } = read(text);
    assert.deepEqual(
      problems.map((p) => p.message.slice(p.message.lastIndexOf('.', p.message.length - 2) + 2)),
      [STANDS_IN.default, STANDS_IN.ignored, STANDS_IN.ignored],
    );
    for (const p of problems) assert.equal(p.message.match(/until it is fixed/g)?.length, 1, p.message);
  });

  it('carry the replacement a "Did you mean" proposes, at the text it replaces', () => {
    const text = 'rule:\n  placeholder: error\nroadmap:\n  groupBy: horizons\n';
    const { problems } = read(text);
    assert.deepEqual(
      problems.map((p) => p.suggestion && { at: text.slice(p.suggestion.start, p.suggestion.end), text: p.suggestion.text }),
      [
        { at: 'rule', text: 'rules' },
        { at: 'horizons', text: 'horizon' },
      ],
    );
    assert.equal(read('docsFolder: [a]\n').problems[0]!.suggestion, undefined, 'no suggestion without a "Did you mean"');
  });
});

describe('addSections', () => {
  const prdOf = (text: string) => read(text).config.types.find((t) => t.id === 'prd')!;
  const builtInTitles = defaults.types.find((t) => t.id === 'prd')!.sections.map((s) => s.title);

  it('appends sections after the type\'s own, keeping them', () => {
    const { config, problems } = read('types:\n  prd:\n    addSections: [Launch plan, { title: Support, required: false }]\n');
    assert.deepEqual(problems, []);
    const prd = config.types.find((t) => t.id === 'prd')!;
    assert.deepEqual(prd.sections.map((s) => s.title), [...builtInTitles, 'Launch plan', 'Support']);
    assert.equal(prd.sections.at(-1)!.required, false);
  });

  it('puts a section with "after" right after that section (or an alias of it), several in their order', () => {
    const prd = prdOf('types:\n  prd:\n    addSections:\n      - { title: Launch plan, after: milestones }\n      - { title: Rollback, after: Milestones }\n      - { title: Pricing, after: Metrics }\n');
    const titles = prd.sections.map((s) => s.title);
    assert.deepEqual(titles.slice(titles.indexOf('Milestones'), titles.indexOf('Milestones') + 3), ['Milestones', 'Launch plan', 'Rollback']);
    assert.equal(titles[titles.indexOf('Success metrics') + 1], 'Pricing');
  });

  it('adds to the sections a sections: list sets, wherever it is written', () => {
    assert.deepEqual(prdOf('types:\n  prd:\n    addSections: [C]\n    sections: [Problem, B]\n').sections.map((s) => s.title), ['Problem', 'B', 'C']);
  });

  it('reports an "after" that names no section, and puts the section last', () => {
    const text = 'types:\n  prd:\n    addSections:\n      - { title: Launch plan, after: Milestone }\n';
    const { config, problems } = read(text);
    assert.equal(problems.length, 1);
    assert.equal(text.slice(problems[0]!.start, problems[0]!.end), 'Milestone');
    assert.match(problems[0]!.message, /"Launch plan" goes after "Milestone", which is not a section of PRD\. Did you mean "Milestones"\?/);
    assert.equal(config.types.find((t) => t.id === 'prd')!.sections.at(-1)!.title, 'Launch plan');
  });

  it('reports a section that is already there and leaves the sections as they are', () => {
    const { config, problems } = read('types:\n  prd:\n    addSections: [goals]\n');
    assert.match(problems[0]!.message, /"goals" is already a section of PRD; change it under sections: instead\./);
    assert.deepEqual(config.types.find((t) => t.id === 'prd')!.sections.map((s) => s.title), builtInTitles);
  });

  it('is rejected whole when an entry is wrong, like sections:', () => {
    const { config, problems } = read('types:\n  prd:\n    addSections: [Launch plan, { after: Goals }]\n');
    assert.equal(problems.length, 1);
    assert.deepEqual(config.types.find((t) => t.id === 'prd')!.sections.map((s) => s.title), builtInTitles);
  });
});

describe('a sections: override of a built-in type', () => {
  it('warns when it drops every built-in section, pointing at sections:', () => {
    const text = 'types:\n  prd:\n    sections: [Launch plan]\n';
    const { config, problems } = read(text);
    assert.deepEqual(problems.map((p) => [text.slice(p.start, p.end), p.severity, p.message]), [
      ['sections', 'warning', 'types.prd.sections replaces all 11 built-in PRD sections; to keep them and add sections, use addSections: instead.'],
    ]);
    assert.deepEqual(config.types.find((t) => t.id === 'prd')!.sections.map((s) => s.title), ['Launch plan'], 'the override still applies');
  });

  it('does not warn when it keeps one of them (by title or alias), or for a type of your own', () => {
    assert.deepEqual(read('types:\n  prd:\n    sections: [Problem statement, Launch plan]\n').problems, []);
    assert.deepEqual(read('types:\n  rfc:\n    sections: [Summary]\n').problems, []);
    assert.deepEqual(read(EXTENDED_TYPE).problems, []);
  });
});

describe('status entries under types.<id>.statuses', () => {
  it('may be names or mappings that place the status; the names are the allowed values', () => {
    const text = 'types:\n  rfc:\n    statuses:\n      - draft\n      - { name: accepted, horizon: done, terminal: true, label: Accepted!, icon: check, colour: charts.green }\n      - { name: parked, horizon: none }\n';
    const { config, problems } = read(text);
    assert.deepEqual(problems, []);
    const rfc = config.types.find((t) => t.id === 'rfc')!;
    assert.deepEqual(rfc.fields['status']!.values, ['draft', 'accepted', 'parked']);
    assert.deepEqual(rfc.statuses, { accepted: { horizon: 'done', terminal: true, label: 'Accepted!', icon: 'check', colour: 'charts.green' }, parked: { horizon: 'none' } });
  });

  it('reports a wrong horizon with what is allowed, naming the status, and keeps the previous statuses', () => {
    const text = 'types:\n  prd:\n    statuses: [draft, { name: accepted, horizon: soon }]\n';
    const { config, problems } = read(text);
    assert.equal(problems.length, 1);
    assert.equal(text.slice(problems[0]!.start, problems[0]!.end), 'soon');
    assert.match(problems[0]!.message, /^types\.prd status "accepted" horizon is "soon"; expected one of now, next, later, done, none\./);
    assert.deepEqual(config.types.find((t) => t.id === 'prd')!.fields['status'], defaults.types.find((t) => t.id === 'prd')!.fields['status']);
  });

  it('reports an entry without a name', () => {
    const text = 'types:\n  prd:\n    statuses: [{ horizon: done }]\n';
    assert.match(read(text).problems[0]!.message, /^Each status in types\.prd\.statuses needs a "name"\./);
  });
});
