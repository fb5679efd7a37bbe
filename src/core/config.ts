import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import {
  builtInTypes,
  cloneType,
  commonFields,
  DELIVERY_STATUSES,
  type DocumentType,
  type FieldKind,
  type FieldSpec,
  type SectionSpec,
} from './document-types';
import { SEVERITY_SETTINGS, type SeveritySetting } from './findings';
import { closestMatch } from './text';

export const CONFIG_FILE_NAME = '.product-docs.yaml';
export const HORIZONS = ['now', 'next', 'later', 'done'] as const;
export type Horizon = (typeof HORIZONS)[number];
export const GROUPINGS = ['status', 'quarter', 'horizon', 'owner', 'theme', 'type'] as const;
export type Grouping = (typeof GROUPINGS)[number];
const FIELD_KINDS: readonly FieldKind[] = ['string', 'date', 'quarter', 'list', 'boolean'];

export interface RoadmapSettings {
  /** Which statuses fall in each horizon. */
  horizons: Record<Horizon, string[]>;
  groupBy: Grouping;
}

/** The effective configuration: the defaults with the workspace's `.product-docs.yaml` applied. */
export interface ProductDocsConfig {
  types: DocumentType[];
  /** Severity per rule id; rules not listed use their default. */
  severities: Record<string, SeveritySetting>;
  include: string[];
  exclude: string[];
  roadmap: RoadmapSettings;
  /** Files larger than this are skipped with a notice. */
  maxFileSize: number;
  /** Where new documents go, relative to the workspace root. */
  docsFolder: string;
}

/** A problem in the config file, as offsets into it. */
export interface ConfigProblem {
  message: string;
  start: number;
  end: number;
}

export interface LoadedConfig {
  config: ProductDocsConfig;
  problems: ConfigProblem[];
}

export const DEFAULT_EXCLUDES = ['**/node_modules/**', '**/.git/**'];

export function defaultConfig(): ProductDocsConfig {
  return {
    types: builtInTypes(),
    severities: {},
    include: ['**/*.md'],
    exclude: [...DEFAULT_EXCLUDES],
    roadmap: {
      horizons: { now: ['in-progress'], next: ['approved'], later: ['draft', 'in-review'], done: ['shipped'] },
      groupBy: 'status',
    },
    maxFileSize: 1024 * 1024,
    docsFolder: 'docs',
  };
}

/**
 * Reads a `.product-docs.yaml` text. Every problem is reported with its place and what is allowed;
 * the entries that are wrong are ignored, so the defaults stand in for them. Never throws.
 */
export function parseConfig(text: string, ruleIds: readonly string[]): LoadedConfig {
  const config = defaultConfig();
  const problems: ConfigProblem[] = [];
  let doc;
  try {
    doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false, stringKeys: true });
  } catch (error) {
    return { config, problems: [{ message: `The config could not be read: ${String(error)}`, start: 0, end: 0 }] };
  }
  if (doc.errors.length > 0) {
    for (const error of doc.errors) problems.push({ message: `${error.message.split('\n')[0]} The defaults are used until it is fixed.`, start: error.pos[0], end: error.pos[1] });
    return { config, problems };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, problems };
  if (!isMap(root)) {
    problems.push({ message: 'The config must be a mapping of settings (for example "rules:" and "types:").', ...span(root) });
    return { config, problems };
  }
  const reader = new ConfigReader(problems);
  for (const pair of root.items) {
    const key = keyName(pair);
    const value = pair.value as YamlNode | null;
    switch (key) {
      case 'include':
      case 'exclude': {
        const globs = reader.stringList(value, key);
        if (globs) config[key] = key === 'exclude' ? [...DEFAULT_EXCLUDES, ...globs] : globs;
        break;
      }
      case 'docsFolder': {
        const folder = reader.string(value, key);
        if (folder !== undefined) config.docsFolder = folder;
        break;
      }
      case 'maxFileSizeKb': {
        const size = reader.number(value, key);
        if (size !== undefined) config.maxFileSize = size * 1024;
        break;
      }
      case 'rules':
        readRules(reader, value, ruleIds, config);
        break;
      case 'types':
        readTypes(reader, value, config);
        break;
      case 'roadmap':
        readRoadmap(reader, value, config);
        break;
      default:
        reader.unknownKey(pair, ['include', 'exclude', 'docsFolder', 'maxFileSizeKb', 'rules', 'types', 'roadmap'], 'setting');
    }
  }
  return { config, problems };
}

function readRules(reader: ConfigReader, node: YamlNode | null, ruleIds: readonly string[], config: ProductDocsConfig): void {
  const map = reader.map(node, 'rules');
  if (!map) return;
  for (const pair of map.items) {
    const id = keyName(pair);
    if (!ruleIds.includes(id)) {
      reader.unknownKey(pair, ruleIds, 'rule');
      continue;
    }
    const value = pair.value as YamlNode | null;
    const setting = isScalar(value) ? String(value.value) : undefined;
    if (setting && (SEVERITY_SETTINGS as readonly string[]).includes(setting)) config.severities[id] = setting as SeveritySetting;
    else reader.problem(value ?? (pair.key as YamlNode), `Rule "${id}" has severity ${JSON.stringify(setting ?? null)}; expected one of ${SEVERITY_SETTINGS.join(', ')}.`);
  }
}

function readRoadmap(reader: ConfigReader, node: YamlNode | null, config: ProductDocsConfig): void {
  const map = reader.map(node, 'roadmap');
  if (!map) return;
  for (const pair of map.items) {
    const key = keyName(pair);
    const value = pair.value as YamlNode | null;
    if (key === 'groupBy') {
      const grouping = reader.oneOf(value, 'roadmap.groupBy', GROUPINGS);
      if (grouping) config.roadmap.groupBy = grouping;
    } else if (key === 'horizons') {
      const horizons = reader.map(value, 'roadmap.horizons');
      for (const horizonPair of horizons?.items ?? []) {
        const horizon = keyName(horizonPair);
        if (!(HORIZONS as readonly string[]).includes(horizon)) {
          reader.unknownKey(horizonPair, HORIZONS, 'horizon');
          continue;
        }
        const statuses = reader.stringList(horizonPair.value as YamlNode | null, `roadmap.horizons.${horizon}`);
        if (statuses) config.roadmap.horizons[horizon as Horizon] = statuses;
      }
    } else reader.unknownKey(pair, ['groupBy', 'horizons'], 'roadmap setting');
  }
}

const TYPE_KEYS = ['label', 'description', 'extends', 'sections', 'fields', 'requireWhen', 'files', 'roadmap', 'statuses'];

function readTypes(reader: ConfigReader, node: YamlNode | null, config: ProductDocsConfig): void {
  const map = reader.map(node, 'types');
  if (!map) return;
  for (const pair of map.items) {
    const id = keyName(pair);
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(id)) {
      reader.problem(pair.key as YamlNode, `Type id "${id}" must be letters, digits and dashes.`);
      continue;
    }
    const body = reader.map(pair.value as YamlNode | null, `types.${id}`);
    if (!body) continue;
    const existing = config.types.find((t) => t.id === id);
    const extendsNode = findValue(body, 'extends');
    const parentId = extendsNode ? reader.string(extendsNode, `types.${id}.extends`) : undefined;
    const parent = parentId ? config.types.find((t) => t.id === parentId) : undefined;
    if (parentId && !parent) reader.problem(extendsNode, `Type "${id}" extends unknown type "${parentId}"; known: ${config.types.map((t) => t.id).join(', ')}.`);
    const type: DocumentType = existing
      ? existing
      : parent
        ? { ...cloneType(parent), id, label: id }
        : { id, label: id, description: '', sections: [], fields: commonFields(DELIVERY_STATUSES), conditions: [], files: [], roadmap: true };
    readTypeBody(reader, body, type);
    if (!existing) config.types.push(type);
  }
}

function readTypeBody(reader: ConfigReader, body: YAMLMap, type: DocumentType): void {
  const where = `types.${type.id}`;
  for (const pair of body.items) {
    const key = keyName(pair);
    const value = pair.value as YamlNode | null;
    switch (key) {
      case 'extends':
        break;
      case 'label':
      case 'description': {
        const text = reader.string(value, `${where}.${key}`);
        if (text !== undefined) type[key] = text;
        break;
      }
      case 'roadmap': {
        const flag = reader.boolean(value, `${where}.roadmap`);
        if (flag !== undefined) type.roadmap = flag;
        break;
      }
      case 'files': {
        const globs = reader.stringList(value, `${where}.files`);
        if (globs) type.files = globs;
        break;
      }
      case 'statuses': {
        const statuses = reader.stringList(value, `${where}.statuses`);
        if (statuses && type.fields['status']) type.fields['status'] = { ...type.fields['status'], values: statuses };
        break;
      }
      case 'sections': {
        const sections = readSections(reader, value, where);
        if (sections) type.sections = sections;
        break;
      }
      case 'fields':
        readFields(reader, value, type);
        break;
      case 'requireWhen':
        readConditions(reader, value, type);
        break;
      default:
        reader.unknownKey(pair, TYPE_KEYS, 'type setting');
    }
  }
}

function readSections(reader: ConfigReader, node: YamlNode | null, where: string): SectionSpec[] | undefined {
  if (!isSeq(node)) {
    reader.problem(node, `${where}.sections must be a list of section titles or { title, aliases, required, guidance } entries.`);
    return undefined;
  }
  const sections: SectionSpec[] = [];
  for (const item of node.items as (YamlNode | null)[]) {
    if (isScalar(item) && typeof item.value === 'string' && item.value.trim()) {
      sections.push({ title: item.value.trim(), aliases: [], required: true, guidance: '' });
      continue;
    }
    const map = reader.map(item, `${where}.sections entry`);
    if (!map) continue;
    const title = reader.string(findValue(map, 'title'), `${where}.sections title`);
    if (!title) {
      reader.problem(item, `Each section in ${where}.sections needs a "title".`);
      continue;
    }
    const section: SectionSpec = { title, aliases: [], required: true, guidance: '' };
    for (const pair of map.items) {
      const key = keyName(pair);
      const value = pair.value as YamlNode | null;
      if (key === 'aliases') section.aliases = reader.stringList(value, `${where} section "${title}" aliases`) ?? [];
      else if (key === 'required') section.required = reader.boolean(value, `${where} section "${title}" required`) ?? true;
      else if (key === 'guidance') section.guidance = reader.string(value, `${where} section "${title}" guidance`) ?? '';
      else if (key !== 'title') reader.unknownKey(pair, ['title', 'aliases', 'required', 'guidance'], 'section setting');
    }
    sections.push(section);
  }
  return sections;
}

function readFields(reader: ConfigReader, node: YamlNode | null, type: DocumentType): void {
  const map = reader.map(node, `types.${type.id}.fields`);
  for (const pair of map?.items ?? []) {
    const name = keyName(pair);
    const where = `types.${type.id}.fields.${name}`;
    const body = reader.map(pair.value as YamlNode | null, where);
    if (!body) continue;
    const field: FieldSpec = type.fields[name] ? { ...type.fields[name]! } : { description: '', kind: 'string', required: false };
    for (const fieldPair of body.items) {
      const key = keyName(fieldPair);
      const value = fieldPair.value as YamlNode | null;
      if (key === 'description') field.description = reader.string(value, `${where}.description`) ?? field.description;
      else if (key === 'required') field.required = reader.boolean(value, `${where}.required`) ?? field.required;
      else if (key === 'kind') field.kind = reader.oneOf(value, `${where}.kind`, FIELD_KINDS) ?? field.kind;
      else if (key === 'values') {
        const values = reader.stringList(value, `${where}.values`);
        if (values) field.values = values;
      } else if (key === 'pattern') {
        const pattern = reader.string(value, `${where}.pattern`);
        const problem = pattern === undefined ? undefined : patternProblem(pattern);
        if (problem) reader.problem(value, `${where}.pattern ${problem}`);
        else if (pattern !== undefined) field.pattern = pattern;
      } else reader.unknownKey(fieldPair, ['description', 'required', 'kind', 'values', 'pattern'], 'field setting');
    }
    type.fields[name] = field;
  }
}

function readConditions(reader: ConfigReader, node: YamlNode | null, type: DocumentType): void {
  const where = `types.${type.id}.requireWhen`;
  if (!isSeq(node)) {
    reader.problem(node, `${where} must be a list of { field, values, require } entries, e.g. { field: status, values: [approved], require: [approvers] }.`);
    return;
  }
  for (const item of node.items as (YamlNode | null)[]) {
    const map = reader.map(item, `${where} entry`);
    if (!map) continue;
    const field = reader.string(findValue(map, 'field'), `${where}.field`);
    const values = reader.stringList(findValue(map, 'values'), `${where}.values`);
    const require = reader.stringList(findValue(map, 'require'), `${where}.require`);
    if (field && values && require) type.conditions.push({ field, values, require });
    else reader.problem(item, `Each ${where} entry needs "field", "values" and "require".`);
  }
}

/** Patterns come from the workspace: refuse ones that are invalid or could backtrack for ever. */
function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}.`;
  }
  if (/\([^)]*[+*][^)]*\)\s*[+*{]/.test(pattern) || /\\[1-9]/.test(pattern)) {
    return 'has a nested repetition or a back-reference, which can take exponential time; simplify it.';
  }
  return undefined;
}

function keyName(pair: Pair): string {
  const key = pair.key as YamlNode | null;
  return isScalar(key) ? String(key.value) : '';
}

function findValue(map: YAMLMap, key: string): YamlNode | null {
  const pair = map.items.find((p) => keyName(p) === key);
  return (pair?.value as YamlNode | null | undefined) ?? null;
}

function span(node: YamlNode | null | undefined): { start: number; end: number } {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/** Reads typed values out of YAML nodes, recording a problem (with place) for each wrong one. */
class ConfigReader {
  constructor(private readonly problems: ConfigProblem[]) {}

  problem(node: YamlNode | null | undefined, message: string): void {
    this.problems.push({ message, ...span(node) });
  }

  unknownKey(pair: Pair, allowed: readonly string[], what: string): void {
    const name = keyName(pair);
    const suggestion = closestMatch(name, allowed);
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
    this.problem(pair.key as YamlNode, `Unknown ${what} "${name}".${hint} Allowed: ${allowed.join(', ')}.`);
  }

  map(node: YamlNode | null, where: string): YAMLMap | undefined {
    if (isMap(node)) return node;
    this.problem(node, `${where} must be a mapping ("key: value" lines).`);
    return undefined;
  }

  string(node: YamlNode | null, where: string): string | undefined {
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
    this.problem(node, `${where} must be a text value.`);
    return undefined;
  }

  number(node: YamlNode | null, where: string): number | undefined {
    if (isScalar(node) && typeof node.value === 'number' && node.value > 0) return node.value;
    this.problem(node, `${where} must be a positive number.`);
    return undefined;
  }

  boolean(node: YamlNode | null, where: string): boolean | undefined {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.problem(node, `${where} must be true or false.`);
    return undefined;
  }

  oneOf<T extends string>(node: YamlNode | null, where: string, allowed: readonly T[]): T | undefined {
    const value = isScalar(node) ? String(node.value) : undefined;
    if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
    this.problem(node, `${where} is ${JSON.stringify(value ?? null)}; expected one of ${allowed.join(', ')}.`);
    return undefined;
  }

  stringList(node: YamlNode | null, where: string): string[] | undefined {
    if (isScalar(node) && typeof node.value === 'string') return [node.value];
    if (isSeq(node) && node.items.every((item) => isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number'))) {
      return node.items.map((item) => String((item as { value: unknown }).value));
    }
    this.problem(node, `${where} must be a list of text values.`);
    return undefined;
  }
}
