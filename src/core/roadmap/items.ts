import type { ParsedDocument } from '../document';
import type { ProductDocsConfig } from '../config/config';
import { commonFields, type DocumentType } from '../config/document-types';
import { statusMeaning } from '../config/status-meaning';
import { isValidIsoDate, scalarText } from '../front-matter/field-values';

/** One roadmap entry: a product document with a status. */
export interface RoadmapItem {
  /** Workspace-relative path with `/`. */
  file: string;
  title: string;
  type: string;
  status: string;
  quarter?: string;
  target?: string;
  owner?: string;
  priority?: string;
  theme?: string;
  id?: string;
  dependsOn: string[];
  /** The values of the fields the type declares beyond the common ones (a config's `team:`), when the document has any. */
  fields?: Record<string, CustomFieldValue>;
}

/** A custom field's value: a list for a `list` field, else its text. */
export type CustomFieldValue = string | string[];

/** The fields every type has: the item carries those it shows by name, the rest are custom. */
const COMMON_FIELDS = new Set(Object.keys(commonFields([])));

/** The custom fields of a type (not among the common ones), in the order the type declares them. */
export function customFieldNames(type: DocumentType): string[] {
  return Object.keys(type.fields).filter((name) => !COMMON_FIELDS.has(name));
}

/** An item with the number of lint findings in its document, for the views that show it. */
export interface LintedItem extends RoadmapItem {
  problems: number;
}

/** The roadmap item of a product document, or undefined when it is not on the roadmap. */
export function roadmapItem(doc: ParsedDocument, type: DocumentType, file: string): RoadmapItem | undefined {
  const data = doc.frontMatter?.data ?? {};
  const status = text(data['status']);
  const onRoadmap = data['roadmap'] === undefined || data['roadmap'] === null ? type.roadmap : data['roadmap'] !== false;
  if (!status || !onRoadmap) return undefined;
  const title = text(data['title']) ?? doc.headings.find((h) => h.depth === 1)?.text ?? file.replace(/^.*\//, '').replace(/\.md$/i, '');
  const item: RoadmapItem = { file, title, type: type.id, status, dependsOn: list(data['depends-on']) };
  for (const field of ['quarter', 'target', 'owner', 'priority', 'theme', 'id'] as const) {
    const value = text(data[field]);
    if (value !== undefined) item[field] = value;
  }
  const fields: Record<string, CustomFieldValue> = {};
  for (const name of customFieldNames(type)) {
    const value = type.fields[name]!.kind === 'list' ? list(data[name]) : text(data[name]);
    if (value !== undefined && value.length > 0) fields[name] = value;
  }
  if (Object.keys(fields).length > 0) item.fields = fields;
  return item;
}

/** The target date has passed and the status is not terminal (shipped, cancelled…: see statusMeaning). `today` is YYYY-MM-DD. */
export function isOverdue(item: RoadmapItem, today: string, config: ProductDocsConfig): boolean {
  return item.target !== undefined && isValidIsoDate(item.target) && item.target < today && !statusMeaning(config, item.type, item.status).terminal;
}

function text(value: unknown): string | undefined {
  const t = scalarText(value)?.trim();
  return t ? t : undefined;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((v): v is string => v !== undefined);
  const single = text(value);
  return single ? [single] : [];
}
