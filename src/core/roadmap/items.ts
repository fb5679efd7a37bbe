import type { ParsedDocument } from '../document';
import type { DocumentType } from '../config/document-types';
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
  return item;
}

/** Not shipped or cancelled, and the target date has passed. `today` is YYYY-MM-DD. */
export function isOverdue(item: RoadmapItem, today: string): boolean {
  return item.target !== undefined && isValidIsoDate(item.target) && item.target < today && item.status !== 'shipped' && item.status !== 'cancelled';
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
