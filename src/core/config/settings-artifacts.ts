/**
 * What is derived from the settings table: the JSON Schema of `.product-docs.yaml`, the settings
 * tables of docs/config.md and the body of the file `init` writes. scripts/generate-config-artifacts.ts
 * writes the first two; a unit test regenerates them in memory and fails when the committed ones are stale.
 */
import { stringify } from 'yaml';
import { CONFIG_SHAPE, SETTING_SHAPES, type MappingShape, type RecordShape, type Setting, type Shape } from './settings';

/** What the schema and the template need to know of a lint rule. */
export interface RuleSummary {
  id: string;
  description: string;
  defaultSeverity: string;
}

type Schema = Record<string, unknown>;

/** A value as it is written in YAML, on one line: `docs`, `["**\/*.md"]`, `[draft, in-review]`. */
export function yamlInline(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim();
}

/** The JSON Schema (draft-07) of `.product-docs.yaml`. */
export function configSchema(rules: readonly RuleSummary[]): Schema {
  const definitions: Record<string, Schema> = {};
  const body = shapeSchema(CONFIG_SHAPE, { rules, definitions }) as Schema;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/productdocs/product-docs/schemas/product-docs.schema.json',
    title: 'Product Docs configuration (.product-docs.yaml)',
    description: 'Every setting is optional; what is not set keeps its default. See docs/config.md.',
    ...body,
    definitions,
  };
}

interface SchemaContext {
  rules: readonly RuleSummary[];
  definitions: Record<string, Schema>;
}

const TEXTS: Schema = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

function withDefault(description: string, setting: Setting): string {
  // A record's defaults (the horizons) are described key by key.
  const plainObject = typeof setting.default === 'object' && !Array.isArray(setting.default);
  if (setting.default !== undefined && !plainObject) return `${description} Default: ${yamlInline(setting.default)}.`;
  return setting.defaultText ? `${description} Default: ${setting.defaultText.replace(/`/g, '')}.` : description;
}

function settingSchema(setting: Setting, context: SchemaContext): Schema {
  const schema: Schema = { ...shapeSchema(setting.shape, context), description: withDefault(setting.description, setting) };
  if (setting.default !== undefined && typeof setting.default !== 'object') schema['default'] = setting.default;
  if (setting.examples) schema['examples'] = setting.examples;
  return schema;
}

function hoisted(name: string | undefined, schema: Schema, context: SchemaContext): Schema {
  if (!name) return schema;
  context.definitions[name] = schema;
  return { $ref: `#/definitions/${name}` };
}

function shapeSchema(shape: Shape, context: SchemaContext): Schema {
  switch (shape.kind) {
    case 'text':
      return { type: 'string', ...(shape.nonEmpty && { minLength: 1 }), ...(shape.format && { format: shape.format }) };
    case 'positive-number':
      return { type: 'number', exclusiveMinimum: 0 };
    case 'boolean':
      return { type: 'boolean' };
    case 'texts':
      return structuredClone(TEXTS);
    case 'choice':
      return hoisted(shape.definition, { enum: [...shape.values] }, context);
    case 'mapping':
      return mappingSchema(shape, context);
    case 'record':
      return recordSchema(shape, context);
    case 'list': {
      const list: Schema = { type: 'array', items: shapeSchema(shape.item, context) };
      return shape.single ? { anyOf: [{ type: 'string' }, list] } : list;
    }
  }
}

function mappingSchema(shape: MappingShape, context: SchemaContext): Schema {
  const properties = Object.fromEntries(shape.settings.map((s) => [s.key, settingSchema(s, context)]));
  const object: Schema = { type: 'object', ...(shape.required && { required: [...shape.required] }), additionalProperties: false, properties };
  if (shape.nameKey) {
    const name = shape.settings.find((s) => s.key === shape.nameKey)!;
    return hoisted(shape.definition, { description: shape.description, anyOf: [{ type: 'string', minLength: 1, description: `Just the ${name.key}: ${name.description}` }, object] }, context);
  }
  return hoisted(shape.definition, shape.description ? { ...object, description: shape.description } : object, context);
}

function recordSchema(shape: RecordShape, context: SchemaContext): Schema {
  const value = shapeSchema(shape.value, context);
  if ('any' in shape.keys) return { type: 'object', additionalProperties: value };
  if ('pattern' in shape.keys) return { type: 'object', propertyNames: { pattern: shape.keys.pattern.source }, additionalProperties: value };
  const keys = 'rules' in shape.keys ? context.rules.map((r) => ({ key: r.id, description: `${r.description} Default: ${r.defaultSeverity}.` })) : shape.keys.values.map((key) => ({ key, description: (shape.keys as { describe: (k: string) => string }).describe(key) }));
  return {
    type: 'object',
    propertyNames: { enum: keys.map((k) => k.key) },
    additionalProperties: false,
    properties: Object.fromEntries(keys.map((k) => [k.key, { ...value, description: k.description }])),
  };
}

/** The settings tables of docs/config.md, by the name in their marker comments. */
export function settingsTables(): Record<string, string> {
  return {
    'top-level': settingsTable(CONFIG_SHAPE.settings),
    roadmap: settingsTable(SETTING_SHAPES.roadmap.settings),
    type: settingsTable(SETTING_SHAPES.type.settings),
    section: settingsTable(SETTING_SHAPES.addedSection.settings),
    status: settingsTable(SETTING_SHAPES.status.settings),
    field: settingsTable(SETTING_SHAPES.field.settings),
    requireWhen: settingsTable(SETTING_SHAPES.condition.settings),
  };
}

function settingsTable(settings: readonly Setting[]): string {
  const rows = ['| Key | Value | Default |', '| --- | --- | --- |'];
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  for (const setting of settings) {
    const { shape } = setting;
    if (shape.kind === 'record' && 'values' in shape.keys) {
      const describe = shape.keys.describe;
      const defaults = (setting.default ?? {}) as Record<string, unknown>;
      rows.push(`| \`${setting.key}\` | ${cell(setting.description)} | |`);
      for (const key of shape.keys.values) rows.push(`| \`${setting.key}.${key}\` | ${cell(`${describe(key)} ${valueHint(shape.value)}`.trim())} | ${defaults[key] === undefined ? '' : `\`${yamlInline(defaults[key])}\``} |`);
      continue;
    }
    const value = `${setting.description} ${valueHint(shape)}`.trim();
    const fallback = setting.default !== undefined ? `\`${yamlInline(setting.default)}\`` : (setting.defaultText ?? '');
    rows.push(`| \`${setting.key}\` | ${cell(value)} | ${cell(fallback)} |`);
  }
  return rows.join('\n');
}

function valueHint(shape: Shape): string {
  switch (shape.kind) {
    case 'texts':
      return '(a list, or one text)';
    case 'boolean':
      return '(`true` or `false`)';
    case 'positive-number':
      return '(a positive number)';
    case 'choice':
      return `(${shape.values.map((v) => `\`${v}\``).join(', ')})`;
    default:
      return '';
  }
}

const MARKER = /<!-- settings:([\w-]+) -->\n[\s\S]*?<!-- \/settings:\1 -->/g;

/** The docs text with every generated table (between `<!-- settings:name -->` and `<!-- /settings:name -->`) written afresh. */
export function withSettingsTables(doc: string): string {
  const tables = settingsTables();
  return doc.replace(MARKER, (whole, name: string) => (tables[name] === undefined ? whole : `<!-- settings:${name} -->\n${tables[name]}\n<!-- /settings:${name} -->`));
}

/**
 * The settings part of the file `init` writes: each setting that has a default, with its
 * description as a comment, nested settings indented.
 */
export function templateSettings(rules: readonly RuleSummary[]): string[] {
  return mappingLines(CONFIG_SHAPE, rules, '');
}

function mappingLines(shape: MappingShape, rules: readonly RuleSummary[], indent: string): string[] {
  const lines: string[] = [];
  for (const setting of shape.settings) {
    const { shape: inner } = setting;
    const comment = `${indent}# ${setting.description}${inner.kind === 'choice' ? ` One of: ${inner.values.join(', ')}.` : ''}`;
    if (inner.kind === 'record' && 'rules' in inner.keys) {
      lines.push(comment, `${indent}${setting.key}:`, ...rules.map((rule) => `${indent}  ${rule.id}: ${rule.defaultSeverity}`));
    } else if (inner.kind === 'record' && 'values' in inner.keys && setting.default !== undefined) {
      const defaults = setting.default as Record<string, unknown>;
      lines.push(comment, `${indent}${setting.key}:`, ...inner.keys.values.map((key) => `${indent}  ${key}: ${yamlInline(defaults[key])}`));
    } else if (inner.kind === 'mapping') {
      lines.push(`${indent}# ${setting.description}`, `${indent}${setting.key}:`, ...mappingLines(inner, rules, `${indent}  `));
    } else if (setting.default !== undefined) {
      lines.push(comment, `${indent}${setting.key}: ${yamlInline(setting.default)}`);
    } else continue;
    if (!indent) lines.push('');
  }
  return lines;
}
