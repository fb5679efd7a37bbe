import { isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import {
  builtInTypes,
  cloneType,
  commonFields,
  DELIVERY_STATUSES,
  type DocumentType,
  type FieldKind,
  type FieldSpec,
  type Horizon,
  type SectionSpec,
  type StatusDeclaration,
} from './document-types';
import { CONFIG_SHAPE, settingOf, SETTING_SHAPES, type Grouping, type MappingShape, type RecordShape, type Shape } from './settings';
import type { SeveritySetting } from '../findings';
import { closestMatch, normalizeLabel } from '../text';
import { deepYamlNesting, duplicateKeys, explainYamlMessage, MAX_YAML_DEPTH, parseYamlData, withLoneCrAsLf } from '../front-matter/yaml-safety';

export { HORIZONS, type Horizon } from './document-types';
export { CONDITION_KEYS, CONFIG_KEYS, FIELD_KEYS, FIELD_KINDS, GROUPINGS, ROADMAP_KEYS, SECTION_KEYS, STATUS_KEYS, TYPE_KEYS, type Grouping } from './settings';

export const CONFIG_FILE_NAME = '.product-docs.yaml';

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

/**
 * A problem in the config file, as offsets into it. The message is complete, including what stands
 * in until it is fixed: the CLI and the editor show it as it is.
 */
export interface ConfigProblem {
  message: string;
  start: number;
  end: number;
  /** A warning: the setting is applied, but probably not as meant. Without it, the problem is an error. */
  severity?: 'warning';
  /** The replacement a "Did you mean" proposes, for a quick fix: text to put at start..end. */
  suggestion?: { start: number; end: number; text: string };
}

export interface LoadedConfig {
  config: ProductDocsConfig;
  problems: ConfigProblem[];
}

/** What ends a problem's message: what stands in for the wrong entry until it is fixed. */
export const STANDS_IN = {
  /** A wrong value: the setting keeps its default. */
  default: 'The default is used until it is fixed.',
  /** An unknown key or an incomplete entry: it is left out. */
  ignored: 'It is ignored until it is fixed.',
  /** A file that cannot be read as a config at all. */
  defaults: 'The defaults are used until it is fixed.',
} as const;
type StandsIn = keyof typeof STANDS_IN | 'nothing';

export const DEFAULT_EXCLUDES = ['**/node_modules/**', '**/.git/**'];

const ROADMAP_SHAPE = SETTING_SHAPES.roadmap;
const defaultOf = <T>(shape: MappingShape, key: string): T => structuredClone(settingOf(shape, key).default) as T;

/** The configuration without a config file; the values come from the settings table. */
export function defaultConfig(): ProductDocsConfig {
  return {
    types: builtInTypes(),
    severities: {},
    include: defaultOf(CONFIG_SHAPE, 'include'),
    exclude: [...DEFAULT_EXCLUDES, ...defaultOf<string[]>(CONFIG_SHAPE, 'exclude')],
    roadmap: { horizons: defaultOf(ROADMAP_SHAPE, 'horizons'), groupBy: defaultOf(ROADMAP_SHAPE, 'groupBy') },
    maxFileSize: defaultOf<number>(CONFIG_SHAPE, 'maxFileSizeKb') * 1024,
    docsFolder: defaultOf(CONFIG_SHAPE, 'docsFolder'),
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
  if (tooDeep) return { config, problems: [{ message: `The config is nested too deeply to be a config (more than ${MAX_YAML_DEPTH} levels). ${STANDS_IN.defaults}`, ...tooDeep }] };
  let doc;
  try {
    doc = parseYamlData(withLoneCrAsLf(text), { prettyErrors: false, stringKeys: true });
  } catch (error) {
    return { config, problems: [{ message: `The config could not be read: ${String(error)}. ${STANDS_IN.defaults}`, start: 0, end: 0 }] };
  }
  const duplicates = duplicateKeys(doc).map((d) => ({ message: `Map keys must be unique: "${d.key}" is already set above; keep one of them.`, pos: [d.start, d.end] as const }));
  if (doc.errors.length > 0 || duplicates.length > 0) {
    for (const error of [...doc.errors, ...duplicates]) {
      // The parser may point one past the end (at the missing "]"): kept inside the text.
      const [start, end] = error.pos.map((offset) => Math.min(offset, text.length)) as [number, number];
      problems.push({ message: `${explainYamlMessage(error.message, error.pos, text, 'the config')} ${STANDS_IN.defaults}`, start, end });
    }
    return { config, problems };
  }
  // Tags are reported and ignored; the value under them is read as the plain data it is.
  for (const warning of doc.warnings) problems.push({ message: explainYamlMessage(warning.message, warning.pos, text, 'the config'), start: warning.pos[0], end: warning.pos[1] });
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, problems };
  if (!isMap(root)) {
    problems.push({ message: `The config must be a mapping of settings (for example "rules:" and "types:"). ${STANDS_IN.defaults}`, ...span(root) });
    return { config, problems };
  }
  const checker = new SettingsChecker(problems, ruleIds);
  const settings = checker.check(root, CONFIG_SHAPE, '') as CheckedMapping | undefined;
  if (settings) applySettings(settings, config, checker);
  // Checking reports as it walks, applying afterwards: put them back in the order of the file.
  problems.sort((a, b) => a.start - b.start);
  return { config, problems };
}

/** A checked mapping: its valid values by key, and the pair each came from, to point at. */
interface CheckedMapping {
  values: Record<string, unknown>;
  pairs: Record<string, Pair>;
}

/** A checked record: its valid entries, in the order of the file. */
type CheckedRecord = { key: string; value: unknown; pair: Pair }[];

function applySettings(settings: CheckedMapping, config: ProductDocsConfig, checker: SettingsChecker): void {
  const { values } = settings;
  if (values['include']) config.include = values['include'] as string[];
  if (values['exclude']) config.exclude = [...DEFAULT_EXCLUDES, ...(values['exclude'] as string[])];
  if (values['docsFolder'] !== undefined) config.docsFolder = values['docsFolder'] as string;
  if (values['maxFileSizeKb'] !== undefined) config.maxFileSize = (values['maxFileSizeKb'] as number) * 1024;
  for (const { key, value } of (values['rules'] as CheckedRecord | undefined) ?? []) config.severities[key] = value as SeveritySetting;
  const roadmap = values['roadmap'] as CheckedMapping | undefined;
  if (roadmap?.values['groupBy']) config.roadmap.groupBy = roadmap.values['groupBy'] as Grouping;
  for (const { key, value } of (roadmap?.values['horizons'] as CheckedRecord | undefined) ?? []) config.roadmap.horizons[key as Horizon] = value as string[];
  for (const { key, value } of (values['types'] as CheckedRecord | undefined) ?? []) applyType(key, value as CheckedMapping, config, checker);
}

const BUILT_IN_TYPES = builtInTypes();

function applyType(id: string, body: CheckedMapping, config: ProductDocsConfig, checker: SettingsChecker): void {
  const existing = config.types.find((t) => t.id === id);
  const parentId = body.values['extends'] as string | undefined;
  const extendsPair = body.pairs['extends'];
  const parent = parentId ? config.types.find((t) => t.id === parentId) : undefined;
  if (parentId && !parent) checker.problem(extendsPair, `Type "${id}" extends unknown type "${parentId}"; known: ${config.types.map((t) => t.id).join(', ')}.`, 'ignored');
  else if (parentId && existing) checker.problem(extendsPair, `Type "${id}" already exists, so "extends" is ignored: change it in place, or give the new type another id.`, 'nothing');
  const type: DocumentType = existing
    ? existing
    : parent
      ? { ...cloneType(parent), id, label: id }
      : { id, label: id, description: '', sections: [], fields: commonFields(DELIVERY_STATUSES), conditions: [], files: [], roadmap: true, statuses: {} };
  const where = `types.${id}`;
  for (const [key, value] of Object.entries(body.values)) {
    switch (key) {
      case 'label':
      case 'description':
        type[key] = value as string;
        break;
      case 'roadmap':
        type.roadmap = value as boolean;
        break;
      case 'files':
        type.files = value as string[];
        break;
      case 'statuses':
        applyStatuses(value as CheckedMapping[], type);
        break;
      case 'sections': {
        type.sections = (value as CheckedMapping[]).map(sectionOf);
        const builtIn = BUILT_IN_TYPES.find((t) => t.id === id);
        if (existing && builtIn && !type.sections.some((s) => builtIn.sections.some((b) => sameSection(s, b)))) {
          checker.warning(
            body.pairs['sections']!.key as YamlNode,
            `${where}.sections replaces all ${builtIn.sections.length} built-in ${builtIn.label} sections; to keep them and add sections, use addSections: instead.`,
          );
        }
        break;
      }
      case 'fields':
        for (const field of value as CheckedRecord) type.fields[field.key] = fieldOf((field.value as CheckedMapping).values, type.fields[field.key]);
        break;
      case 'requireWhen':
        for (const condition of value as CheckedMapping[]) type.conditions.push(condition.values as { field: string; values: string[]; require: string[] });
        break;
    }
  }
  // Added after whatever `sections:` says, wherever the two are written.
  if (body.values['addSections']) addSections(body.values['addSections'] as CheckedMapping[], type, where, checker);
  if (!existing) config.types.push(type);
}

const SECTION_DEFAULTS = SETTING_SHAPES.section;

function sectionOf(entry: CheckedMapping): SectionSpec {
  const v = entry.values;
  return {
    title: v['title'] as string,
    aliases: (v['aliases'] as string[] | undefined) ?? defaultOf(SECTION_DEFAULTS, 'aliases'),
    required: (v['required'] as boolean | undefined) ?? defaultOf(SECTION_DEFAULTS, 'required'),
    guidance: (v['guidance'] as string | undefined) ?? defaultOf(SECTION_DEFAULTS, 'guidance'),
  };
}

function sameSection(a: SectionSpec, b: SectionSpec): boolean {
  const names = new Set([a.title, ...a.aliases].map(normalizeLabel));
  return [b.title, ...b.aliases].some((name) => names.has(normalizeLabel(name)));
}

function addSections(entries: readonly CheckedMapping[], type: DocumentType, where: string, checker: SettingsChecker): void {
  /** The last section added after each anchor, so several added after one keep their order. */
  const lastAddedAfter = new Map<SectionSpec, SectionSpec>();
  for (const entry of entries) {
    const section = sectionOf(entry);
    if (type.sections.some((s) => sameSection(s, section))) {
      checker.problem(entry.pairs['title'] ?? entry.pairs['after'], `${where}.addSections: "${section.title}" is already a section of ${type.label}; change it under sections: instead.`, 'ignored');
      continue;
    }
    const after = entry.values['after'] as string | undefined;
    const anchor = after === undefined ? undefined : type.sections.find((s) => sameSection(s, { title: after, aliases: [], required: true, guidance: '' }));
    if (after !== undefined && !anchor) {
      const titles = type.sections.map((s) => s.title);
      const suggestion = closestMatch(after, titles);
      checker.problem(
        entry.pairs['after'],
        `${where}.addSections: "${section.title}" goes after "${after}", which is not a section of ${type.label}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Sections: ${titles.join(', ')}. It goes last until this is fixed.`,
        'nothing',
        suggestion,
      );
    }
    if (!anchor) {
      type.sections.push(section);
      continue;
    }
    const previous = lastAddedAfter.get(anchor) ?? anchor;
    type.sections.splice(type.sections.indexOf(previous) + 1, 0, section);
    lastAddedAfter.set(anchor, section);
  }
}

function applyStatuses(entries: readonly CheckedMapping[], type: DocumentType): void {
  const status = type.fields['status'];
  if (!status) return;
  type.fields['status'] = { ...status, values: entries.map((e) => e.values['name'] as string) };
  type.statuses = {};
  for (const entry of entries) {
    const { name, ...declaration } = entry.values as { name: string } & StatusDeclaration;
    if (Object.keys(declaration).length > 0) type.statuses[name] = declaration;
  }
}

const FIELD_DEFAULTS = SETTING_SHAPES.field;

/** A field spec with the settings given; what is not given stays as it was, or takes its default. */
function fieldOf(values: Record<string, unknown>, before: FieldSpec | undefined): FieldSpec {
  const field: FieldSpec = before
    ? { ...before }
    : { description: defaultOf(FIELD_DEFAULTS, 'description'), kind: defaultOf<FieldKind>(FIELD_DEFAULTS, 'kind'), required: defaultOf(FIELD_DEFAULTS, 'required') };
  if (values['description'] !== undefined) field.description = values['description'] as string;
  if (values['required'] !== undefined) field.required = values['required'] as boolean;
  if (values['kind'] !== undefined) field.kind = values['kind'] as FieldKind;
  if (values['values'] !== undefined) field.values = values['values'] as string[];
  if (values['pattern'] !== undefined) field.pattern = values['pattern'] as string;
  return field;
}

function keyName(pair: Pair): string {
  const key = pair.key as YamlNode | null;
  return isScalar(key) ? String(key.value) : '';
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

function yamlScalarText(node: YamlNode | null): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/**
 * Checks YAML nodes against the shapes of the settings table, recording a problem (with its place
 * and what is allowed) for each wrong entry and returning only what is valid.
 */
class SettingsChecker {
  constructor(
    private readonly problems: ConfigProblem[],
    private readonly ruleIds: readonly string[],
  ) {}

  /** Records a problem; returns undefined, the value a checker gives for what is wrong. */
  problem(place: Place, message: string, standsIn: StandsIn = 'default', suggestion?: string): undefined {
    const at = span(place);
    const problem: ConfigProblem = { message: standsIn === 'nothing' ? message : `${message} ${STANDS_IN[standsIn]}`, ...at };
    if (suggestion !== undefined) problem.suggestion = { ...at, text: suggestion };
    this.problems.push(problem);
    return undefined;
  }

  warning(place: Place, message: string): void {
    this.problems.push({ message, ...span(place), severity: 'warning' });
  }

  /** The valid value at `place`, or undefined (with a problem recorded) when there is none. */
  check(place: Place, shape: Shape, where: string): unknown {
    const node = valueOf(place);
    switch (shape.kind) {
      case 'text': {
        const text = yamlScalarText(node);
        if (text === undefined) return this.problem(place, `${where} must be a text value.`);
        if (!shape.nonEmpty) return text;
        return text.trim() ? text.trim() : this.problem(place, `${where} must not be empty.`);
      }
      case 'positive-number':
        if (isScalar(node) && typeof node.value === 'number' && node.value > 0) return node.value;
        return this.problem(place, `${where} must be a positive number.`);
      case 'boolean':
        if (isScalar(node) && typeof node.value === 'boolean') return node.value;
        return this.problem(place, `${where} must be true or false.`);
      case 'texts':
        if (isScalar(node) && typeof node.value === 'string') return [node.value];
        if (isSeq(node) && node.items.every((item) => yamlScalarText(item as YamlNode) !== undefined)) return node.items.map((item) => yamlScalarText(item as YamlNode)!);
        return this.problem(place, `${where} must be a list of text values.`);
      case 'choice': {
        const value = isScalar(node) && node.value !== null ? String(node.value) : undefined;
        if (value !== undefined && shape.values.includes(value)) return value;
        const suggestion = value === undefined ? undefined : closestMatch(value, shape.values);
        const given = shape.noun ? (value === undefined ? `has no ${shape.noun}` : `has ${shape.noun} ${JSON.stringify(value)}`) : `is ${value === undefined ? 'empty' : JSON.stringify(value)}`;
        return this.problem(place, `${where} ${given}; expected one of ${shape.values.join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, 'default', suggestion);
      }
      case 'mapping':
        return this.mapping(place, shape, where);
      case 'record':
        return this.record(place, shape, where);
      case 'list': {
        const items = shape.single && yamlScalarText(node) !== undefined ? [node] : isSeq(node) ? (node.items as (YamlNode | null)[]) : undefined;
        if (!items) return this.problem(place, shape.message(where));
        const before = this.problems.length;
        const checked = items.map((item) => this.check(item, shape.item, `${where} entry`)).filter((item) => item !== undefined);
        return shape.allOrNothing && this.problems.length > before ? undefined : checked;
      }
    }
  }

  private mapping(place: Place, shape: MappingShape, where: string): CheckedMapping | undefined {
    const node = valueOf(place);
    if (shape.nameKey && yamlScalarText(node)?.trim()) return { values: { [shape.nameKey]: yamlScalarText(node)!.trim() }, pairs: {} };
    if (!isMap(node)) return this.problem(place, `${where} must be a mapping ("key: value" lines).`);
    const keys = shape.settings.map((s) => s.key);
    const missing = (shape.required ?? []).filter((key) => !node.items.some((pair) => keyName(pair) === key));
    if (missing.length > 0) return this.problem(node, shape.missing!(where, missing), 'ignored');
    const checked: CheckedMapping = { values: {}, pairs: {} };
    // The name first: the messages of the other keys say which entry they are in.
    const ordered = shape.nameKey ? [...node.items].sort((a, b) => Number(keyName(b) === shape.nameKey) - Number(keyName(a) === shape.nameKey)) : node.items;
    for (const pair of ordered) {
      const key = keyName(pair);
      const setting = shape.settings.find((s) => s.key === key);
      if (!setting) {
        this.unknownKey(pair, keys, shape.what);
        continue;
      }
      const name = shape.nameKey ? (checked.values[shape.nameKey] as string | undefined) : undefined;
      const childWhere = shape.childWhere?.(where, key, name) ?? (where ? `${where}.${key}` : key);
      let value = this.check(pair, setting.shape, childWhere);
      const problem = typeof value === 'string' ? setting.check?.(value) : undefined;
      if (problem) value = this.problem(pair, `${childWhere} ${problem}`);
      if (value === undefined) {
        if (shape.required?.includes(key)) return undefined;
        continue;
      }
      checked.values[key] = value;
      checked.pairs[key] = pair;
    }
    // Back in the order of the file, for settings whose order matters.
    checked.values = Object.fromEntries(node.items.map(keyName).filter((key) => key in checked.values).map((key) => [key, checked.values[key]]));
    return checked;
  }

  private record(place: Place, shape: RecordShape, where: string): CheckedRecord | undefined {
    const node = valueOf(place);
    if (!isMap(node)) return this.problem(place, `${where} must be a mapping ("key: value" lines).`);
    const entries: CheckedRecord = [];
    for (const pair of node.items) {
      const key = keyName(pair);
      const allowed = 'values' in shape.keys ? shape.keys.values : 'rules' in shape.keys ? this.ruleIds : undefined;
      if (allowed && !allowed.includes(key)) {
        this.unknownKey(pair, allowed, shape.what);
        continue;
      }
      if ('pattern' in shape.keys && !shape.keys.pattern.test(key)) {
        this.problem(pair.key as YamlNode, shape.keys.message(key), 'ignored');
        continue;
      }
      const value = this.check(pair, shape.value, shape.childWhere?.(where, key) ?? `${where}.${key}`);
      if (value !== undefined) entries.push({ key, value, pair });
    }
    return entries;
  }

  private unknownKey(pair: Pair, allowed: readonly string[], what: string): void {
    const name = keyName(pair);
    const suggestion = closestMatch(name, allowed);
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
    this.problem(pair.key as YamlNode, `Unknown ${what} "${name}".${hint} Allowed: ${allowed.join(', ')}.`, 'ignored', suggestion);
  }
}
