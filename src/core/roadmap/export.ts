import type { Grouping, ProductDocsConfig } from '../config/config';
import { isValidIsoDate } from '../front-matter/field-values';
import { statusMeaning } from '../config/status-meaning';
import { groupItems } from './grouping';
import { customFieldNames, isOverdue, type LintedItem, type RoadmapItem } from './items';

export const EXPORT_FORMATS = ['markdown', 'csv', 'mermaid'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const COLUMNS = ['title', 'type', 'status', 'quarter', 'target', 'owner', 'priority', 'theme', 'id', 'file'] as const;

/** Items as JSON-ready objects: every field, custom ones under `fields`, with `overdue` computed for `today`. */
export function itemsAsJson(items: readonly LintedItem[], today: string, config: ProductDocsConfig): object[] {
  return items.map((item) => ({
    file: item.file,
    title: item.title,
    type: item.type,
    status: item.status,
    quarter: item.quarter ?? null,
    target: item.target ?? null,
    owner: item.owner ?? null,
    priority: item.priority ?? null,
    theme: item.theme ?? null,
    id: item.id ?? null,
    dependsOn: item.dependsOn,
    problems: item.problems,
    overdue: isOverdue(item, today, config),
    fields: item.fields ?? {},
  }));
}

/** A Markdown table per group. */
export function roadmapAsMarkdown(items: readonly RoadmapItem[], by: Grouping, config: ProductDocsConfig, today: string): string {
  const lines = ['# Roadmap', ''];
  for (const group of groupItems(items, by, config)) {
    lines.push(`## ${group.label} (${group.items.length})`, '', '| Title | Status | Quarter | Target | Owner | Priority | Theme |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const item of group.items) {
      const title = `[${cell(item.title).replace(/[[\]]/g, '\\$&')}](${encodeURI(item.file).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})${isOverdue(item, today, config) ? ' (overdue)' : ''}`;
      lines.push(`| ${[title, item.status, item.quarter, item.target, item.owner, item.priority, item.theme].map((v) => (v === title ? v : cell(v ?? ''))).join(' | ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** RFC 4180 CSV with a header row; after the common columns, one per custom field of the config's types. */
export function roadmapAsCsv(items: readonly LintedItem[], today: string, config: ProductDocsConfig): string {
  const custom = [...new Set(config.types.flatMap(customFieldNames))];
  const rows = [[...COLUMNS, 'depends-on', 'problems', 'overdue', ...custom].map(csvField).join(',')];
  for (const item of items) {
    const fields = custom.map((name) => [item.fields?.[name] ?? ''].flat().join(' '));
    rows.push([...COLUMNS.map((c) => item[c] ?? ''), item.dependsOn.join(' '), String(item.problems), String(isOverdue(item, today, config)), ...fields].map(csvField).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/**
 * A Mermaid gantt chart of the dated items: a bar from the start of the quarter to the target date
 * (or the end of the quarter); an item with only a target date is a milestone on that day. A bar
 * is `done` in the done horizon, `active` in the now horizon and, given `today`, `crit` when overdue.
 */
export function roadmapAsMermaid(items: readonly RoadmapItem[], by: Grouping, config: ProductDocsConfig, today?: string): string {
  const lines = ['gantt', '  title Roadmap', '  dateFormat YYYY-MM-DD'];
  for (const group of groupItems(items.filter((i) => dateRange(i)), by, config)) {
    lines.push(`  section ${mermaidText(group.label)}`);
    for (const item of group.items) {
      const [start, end] = dateRange(item)!;
      const { horizon } = statusMeaning(config, item.type, item.status);
      const overdue = today !== undefined && isOverdue(item, today, config);
      const tag = horizon === 'done' ? 'done, ' : overdue ? 'crit, ' : horizon === 'now' ? 'active, ' : '';
      lines.push(start === end ? `  ${mermaidText(item.title)} :milestone, ${tag}${start}, 0d` : `  ${mermaidText(item.title)} :${tag}${start}, ${end}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The Mermaid chart as a markdown document (a heading and a mermaid fence), which a markdown preview draws. */
export function roadmapAsMermaidMarkdown(items: readonly RoadmapItem[], by: Grouping, config: ProductDocsConfig, today?: string): string {
  return `# Roadmap\n\n\`\`\`mermaid\n${roadmapAsMermaid(items, by, config, today)}\`\`\`\n`;
}

/** Start and end of an item on a timeline, from its quarter and target date. */
function dateRange(item: RoadmapItem): [string, string] | undefined {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(item.quarter ?? '');
  const quarterStart = quarter ? `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01` : undefined;
  const quarterEnd = quarter ? `${quarter[1]}-${['03-31', '06-30', '09-30', '12-31'][Number(quarter[2]) - 1]}` : undefined;
  const target = item.target && isValidIsoDate(item.target) ? item.target : undefined;
  const end = target ?? quarterEnd;
  const start = quarterStart && end && quarterStart <= end ? quarterStart : end;
  return start && end ? [start, end] : undefined;
}

function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value; // spreadsheet formula injection
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function mermaidText(value: string): string {
  return value.replace(/[:#;\s]+/g, ' ').trim() || 'untitled';
}
