import { isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
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
import { SEVERITY_SETTINGS, type SeveritySetting } from '../findings';
import { backtrackingRisk } from './pattern-safety';
import { closestMatch } from '../text';
import { deepYamlNesting, duplicateKeys, explainYamlMessage, MAX_YAML_DEPTH, parseYamlData, withLoneCrAsLf } from '../front-matter/yaml-safety';

export const CONFIG_FILE_NAME = '.product-docs.yaml';
export const HORIZONS = ['now', 'next', 'later', 'done'] as const;
export type Horizon = (typeof HORIZONS)[number];
export const GROUPINGS = ['status', 'quarter', 'horizon', 'owner', 'theme', 'type'] as const;
export type Grouping = (typeof GROUPINGS)[number];
/** The kinds a field's value can be checked as. */
export const FIELD_KINDS: readonly FieldKind[] = ['string', 'date', 'quarter', 'list', 'boolean'];
/** The top-level keys of `.product-docs.yaml`; the JSON Schema and the docs list the same. */
export const CONFIG_KEYS = ['include', 'exclude', 'docsFolder', 'maxFileSizeKb', 'rules', 'types', 'roadmap'] as const;
/** The keys of `roadmap:`. */
export const ROADMAP_KEYS = ['groupBy', 'horizons'] as const;
/** The keys of one entry under `types:`. */
export const TYPE_KEYS = ['label', 'description', 'extends', 'sections', 'fields', 'requireWhen', 'files', 'roadmap', 'statuses'] as const;
/** The keys of one `sections` entry written as a mapping. */
export const SECTION_KEYS = ['title', 'aliases', 'required', 'guidance'] as const;
/** The keys of one entry under a type's `fields:`. */
export const FIELD_KEYS = ['description', 'required', 'kind', 'values', 'pattern'] as const;
/** The keys of one `requireWhen` entry. */
export const CONDITION_KEYS = ['field', 'values', 'require'] as const;

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
  const tooDeep = deepYamlNesting(text);
  if (tooDeep) return { config, problems: [{ message: `The config is nested too deeply to be a config (more than ${MAX_YAML_DEPTH} levels). The defaults are used until it is fixed.`, ...tooDeep }] };
  let doc;
  try {
    doc = parseYamlData(withLoneCrAsLf(text), { prettyErrors: false, stringKeys: true });
  } catch (error) {
    return { config, problems: [{ message: `The config could not be read: ${String(error)}`, start: 0, end: 0 }] };
  }
  const duplicates = duplicateKeys(doc).map((d) => ({ message: `Map keys must be unique: "${d.key}" is already set above; keep one of them.`, pos: [d.start, d.end] as const }));
  if (doc.errors.length > 0 || duplicates.length > 0) {
    for (const error of [...doc.errors, ...duplicates]) {
      // The parser may point one past the end (at the missing "]"): kept inside the text.
      const [start, end] = error.pos.map((offset) => Math.min(offset, text.length)) as [number, number];
      problems.push({ message: `${explainYamlMessage(error.message, error.pos, text, 'the config')} The defaults are used until it is fixed.`, start, end });
    }
    return { config, problems };
  }
  // Tags are reported and ignored; the value under them is read as the plain data it is.
  for (const warning of doc.warnings) problems.push({ message: explainYamlMessage(warning.message, warning.pos, text, 'the config'), start: warning.pos[0], end: warning.pos[1] });
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, problems };
  if (!isMap(root)) {
    problems.push({ message: 'The config must be a mapping of settings (for example "rules:" and "types:").', ...span(root) });
    return { config, problems };
  }
  const reader = new ConfigReader(problems);
  for (const pair of root.items) {
    const key = keyName(pair);
    switch (key) {
      case 'include':
      case 'exclude': {
        const globs = reader.stringList(pair, key);
        if (globs) config[key] = key === 'exclude' ? [...DEFAULT_EXCLUDES, ...globs] : globs;
        break;
      }
      case 'docsFolder': {
        const folder = reader.string(pair, key);
        if (folder !== undefined) config.docsFolder = folder;
        break;
      }
      case 'maxFileSizeKb': {
        const size = reader.number(pair, key);
        if (size !== undefined) config.maxFileSize = size * 1024;
        break;
      }
      case 'rules':
        readRules(reader, pair, ruleIds, config);
        break;
      case 'types':
        readTypes(reader, pair, config);
        break;
      case 'roadmap':
        readRoadmap(reader, pair, config);
        break;
      default:
        reader.unknownKey(pair, CONFIG_KEYS, 'setting');
    }
  }
  return { config, problems };
}


function readRules(reader: ConfigReader, place: Place, ruleIds: readonly string[], config: ProductDocsConfig): void {
  const map = reader.map(place, 'rules');
  if (!map) return;
  for (const pair of map.items) {
    const id = keyName(pair);
    if (!ruleIds.includes(id)) {
      reader.unknownKey(pair, ruleIds, 'rule');
      continue;
    }
    const value = pair.value as YamlNode | null;
    const setting = isScalar(value) && value.value !== null ? String(value.value) : undefined;
    if (setting && (SEVERITY_SETTINGS as readonly string[]).includes(setting)) config.severities[id] = setting as SeveritySetting;
    else {
      const suggestion = setting === undefined ? undefined : closestMatch(setting, SEVERITY_SETTINGS);
      const given = setting === undefined ? 'no severity' : `severity ${JSON.stringify(setting)}`;
      reader.problem(pair, `Rule "${id}" has ${given}; expected one of ${SEVERITY_SETTINGS.join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`);
    }
  }
}

function readRoadmap(reader: ConfigReader, place: Place, config: ProductDocsConfig): void {
  const map = reader.map(place, 'roadmap');
  if (!map) return;
  for (const pair of map.items) {
    const key = keyName(pair);
    if (key === 'groupBy') {
      const grouping = reader.oneOf(pair, 'roadmap.groupBy', GROUPINGS);
      if (grouping) config.roadmap.groupBy = grouping;
    } else if (key === 'horizons') {
      const horizons = reader.map(pair, 'roadmap.horizons');
      for (const horizonPair of horizons?.items ?? []) {
        const horizon = keyName(horizonPair);
        if (!(HORIZONS as readonly string[]).includes(horizon)) {
          reader.unknownKey(horizonPair, HORIZONS, 'horizon');
          continue;
        }
        const statuses = reader.stringList(horizonPair, `roadmap.horizons.${horizon}`);
        if (statuses) config.roadmap.horizons[horizon as Horizon] = statuses;
      }
    } else reader.unknownKey(pair, ROADMAP_KEYS, 'roadmap setting');
  }
}

function readTypes(reader: ConfigReader, place: Place, config: ProductDocsConfig): void {
  const map = reader.map(place, 'types');
  if (!map) return;
  for (const pair of map.items) {
    const id = keyName(pair);
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(id)) {
      reader.problem(pair.key as YamlNode, `Type id "${id}" must be letters, digits and dashes.`);
      continue;
    }
    const body = reader.map(pair, `types.${id}`);
    if (!body) continue;
    const existing = config.types.find((t) => t.id === id);
    const extendsPair = findPair(body, 'extends');
    const parentId = extendsPair ? reader.string(extendsPair, `types.${id}.extends`) : undefined;
    const parent = parentId ? config.types.find((t) => t.id === parentId) : undefined;
    if (parentId && !parent) reader.problem(extendsPair, `Type "${id}" extends unknown type "${parentId}"; known: ${config.types.map((t) => t.id).join(', ')}.`);
    else if (parentId && existing) reader.problem(extendsPair, `Type "${id}" already exists, so "extends" is ignored: change it in place, or give the new type another id.`);
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
    switch (key) {
      case 'extends':
        break;
      case 'label':
      case 'description': {
        const text = reader.string(pair, `${where}.${key}`);
        if (text !== undefined) type[key] = text;
        break;
      }
      case 'roadmap': {
        const flag = reader.boolean(pair, `${where}.roadmap`);
        if (flag !== undefined) type.roadmap = flag;
        break;
      }
      case 'files': {
        const globs = reader.stringList(pair, `${where}.files`);
        if (globs) type.files = globs;
        break;
      }
      case 'statuses': {
        const statuses = reader.stringList(pair, `${where}.statuses`);
        if (statuses && type.fields['status']) type.fields['status'] = { ...type.fields['status'], values: statuses };
        break;
      }
      case 'sections': {
        const sections = readSections(reader, pair, where);
        if (sections) type.sections = sections;
        break;
      }
      case 'fields':
        readFields(reader, pair, type);
        break;
      case 'requireWhen':
        readConditions(reader, pair, type);
        break;
      default:
        reader.unknownKey(pair, TYPE_KEYS, 'type setting');
    }
  }
}

function readSections(reader: ConfigReader, place: Pair, where: string): SectionSpec[] | undefined {
  const node = place.value as YamlNode | null;
  if (!isSeq(node)) {
    reader.problem(place, `${where}.sections must be a list of section titles or { title, aliases, required, guidance } entries.`);
    return undefined;
  }
  const sections: SectionSpec[] = [];
  const problemsBefore = reader.count;
  for (const item of node.items as (YamlNode | null)[]) {
    if (isScalar(item) && typeof item.value === 'string' && item.value.trim()) {
      sections.push({ title: item.value.trim(), aliases: [], required: true, guidance: '' });
      continue;
    }
    const map = reader.map(item, `${where}.sections entry`);
    if (!map) continue;
    const titlePair = findPair(map, 'title');
    if (!titlePair) {
      reader.problem(item, `Each section in ${where}.sections needs a "title".`);
      continue;
    }
    const title = reader.string(titlePair, `${where}.sections title`)?.trim();
    if (!title) continue;
    const section: SectionSpec = { title, aliases: [], required: true, guidance: '' };
    for (const pair of map.items) {
      const key = keyName(pair);
      if (key === 'aliases') section.aliases = reader.stringList(pair, `${where} section "${title}" aliases`) ?? [];
      else if (key === 'required') section.required = reader.boolean(pair, `${where} section "${title}" required`) ?? true;
      else if (key === 'guidance') section.guidance = reader.string(pair, `${where} section "${title}" guidance`) ?? '';
      else if (key !== 'title') reader.unknownKey(pair, SECTION_KEYS, 'section setting');
    }
    sections.push(section);
  }
  // Half a list of sections would lint for sections nobody asked for: keep the previous ones instead.
  return reader.count === problemsBefore ? sections : undefined;
}

function readFields(reader: ConfigReader, place: Pair, type: DocumentType): void {
  const map = reader.map(place, `types.${type.id}.fields`);
  for (const pair of map?.items ?? []) {
    const name = keyName(pair);
    const where = `types.${type.id}.fields.${name}`;
    const body = reader.map(pair, where);
    if (!body) continue;
    const field: FieldSpec = type.fields[name] ? { ...type.fields[name]! } : { description: '', kind: 'string', required: false };
    for (const fieldPair of body.items) {
      const key = keyName(fieldPair);
      if (key === 'description') field.description = reader.string(fieldPair, `${where}.description`) ?? field.description;
      else if (key === 'required') field.required = reader.boolean(fieldPair, `${where}.required`) ?? field.required;
      else if (key === 'kind') field.kind = reader.oneOf(fieldPair, `${where}.kind`, FIELD_KINDS) ?? field.kind;
      else if (key === 'values') {
        const values = reader.stringList(fieldPair, `${where}.values`);
        if (values) field.values = values;
      } else if (key === 'pattern') {
        const pattern = reader.string(fieldPair, `${where}.pattern`);
        const problem = pattern === undefined ? undefined : patternProblem(pattern);
        if (problem) reader.problem(fieldPair, `${where}.pattern ${problem}`);
        else if (pattern !== undefined) field.pattern = pattern;
      } else reader.unknownKey(fieldPair, FIELD_KEYS, 'field setting');
    }
    type.fields[name] = field;
  }
}

function readConditions(reader: ConfigReader, place: Pair, type: DocumentType): void {
  const where = `types.${type.id}.requireWhen`;
  const node = place.value as YamlNode | null;
  if (!isSeq(node)) {
    reader.problem(place, `${where} must be a list of { field, values, require } entries, e.g. { field: status, values: [approved], require: [approvers] }.`);
    return;
  }
  for (const item of node.items as (YamlNode | null)[]) {
    const map = reader.map(item, `${where} entry`);
    if (!map) continue;
    const missing = CONDITION_KEYS.filter((key) => !findPair(map, key));
    if (missing.length > 0) {
      reader.problem(item, `Each ${where} entry needs "field", "values" and "require"; this one has no ${missing.map((k) => `"${k}"`).join(', ')}.`);
      continue;
    }
    for (const pair of map.items) if (!(CONDITION_KEYS as readonly string[]).includes(keyName(pair))) reader.unknownKey(pair, CONDITION_KEYS, 'requireWhen setting');
    const field = reader.string(findPair(map, 'field')!, `${where}.field`);
    const values = reader.stringList(findPair(map, 'values')!, `${where}.values`);
    const require = reader.stringList(findPair(map, 'require')!, `${where}.require`);
    if (field && values && require) type.conditions.push({ field, values, require });
  }
}

/** Patterns come from the workspace: refuse ones that are invalid or could backtrack for ever. */
function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}.`;
  }
  return backtrackingRisk(pattern);
}

function keyName(pair: Pair): string {
  const key = pair.key as YamlNode | null;
  return isScalar(key) ? String(key.value) : '';
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyName(p) === key);
}

/** What a problem points at: a node, or a `key: value` pair (its value, or its key when the value is empty). */
type Place = YamlNode | Pair | null | undefined;

function valueOf(place: Place): YamlNode | null {
  return isPair(place) ? (place.value as YamlNode | null) : (place ?? null);
}

function span(place: Place): { start: number; end: number } {
  if (isPair(place)) {
    const valueRange = (place.value as YamlNode | null)?.range;
    if (valueRange && valueRange[1] > valueRange[0]) return { start: valueRange[0], end: valueRange[1] };
    return span(place.key as YamlNode | null);
  }
  const range = place?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

/** Reads typed values out of YAML nodes, recording a problem (with place) for each wrong one. */
class ConfigReader {
  constructor(private readonly problems: ConfigProblem[]) {}

  /** How many problems have been reported so far. */
  get count(): number {
    return this.problems.length;
  }

  problem(place: Place, message: string): void {
    this.problems.push({ message, ...span(place) });
  }

  unknownKey(pair: Pair, allowed: readonly string[], what: string): void {
    const name = keyName(pair);
    const suggestion = closestMatch(name, allowed);
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
    this.problem(pair.key as YamlNode, `Unknown ${what} "${name}".${hint} Allowed: ${allowed.join(', ')}.`);
  }

  map(place: Place, where: string): YAMLMap | undefined {
    const node = valueOf(place);
    if (isMap(node)) return node;
    this.problem(place, `${where} must be a mapping ("key: value" lines).`);
    return undefined;
  }

  string(place: Place, where: string): string | undefined {
    const node = valueOf(place);
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
    this.problem(place, `${where} must be a text value.`);
    return undefined;
  }

  number(place: Place, where: string): number | undefined {
    const node = valueOf(place);
    if (isScalar(node) && typeof node.value === 'number' && node.value > 0) return node.value;
    this.problem(place, `${where} must be a positive number.`);
    return undefined;
  }

  boolean(place: Place, where: string): boolean | undefined {
    const node = valueOf(place);
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.problem(place, `${where} must be true or false.`);
    return undefined;
  }

  oneOf<T extends string>(place: Place, where: string, allowed: readonly T[]): T | undefined {
    const node = valueOf(place);
    const value = isScalar(node) && node.value !== null ? String(node.value) : undefined;
    if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
    const suggestion = value === undefined ? undefined : closestMatch(value, allowed);
    this.problem(place, `${where} is ${value === undefined ? 'empty' : JSON.stringify(value)}; expected one of ${allowed.join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`);
    return undefined;
  }

  stringList(place: Place, where: string): string[] | undefined {
    const node = valueOf(place);
    if (isScalar(node) && typeof node.value === 'string') return [node.value];
    if (isSeq(node) && node.items.every((item) => isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number'))) {
      return node.items.map((item) => String((item as { value: unknown }).value));
    }
    this.problem(place, `${where} must be a list of text values.`);
    return undefined;
  }
}
