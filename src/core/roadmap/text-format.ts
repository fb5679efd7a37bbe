import type { Grouping, ProductDocsConfig } from '../config/config';
import { groupItems } from './grouping';
import { isOverdue, type LintedItem } from './items';

/** The roadmap as plain text for a terminal: a heading per group, two lines per item. */
export function roadmapAsText(items: LintedItem[], groupBy: Grouping, today: string, config: ProductDocsConfig): string {
  if (items.length === 0) return 'No roadmap items: no product document with a "status" was found.\n';
  const lines: string[] = [];
  for (const group of groupItems(items, groupBy, config)) {
    lines.push(`${group.label} (${group.items.length})`);
    for (const item of group.items) {
      const details = [item.priority, item.quarter, item.target && `target ${item.target}`, item.owner && `@${item.owner}`, groupBy !== 'status' && item.status].filter(Boolean).join(' · ');
      const marks = [isOverdue(item, today, config) ? 'OVERDUE' : '', item.problems ? `${item.problems} problem${item.problems === 1 ? '' : 's'}` : ''].filter(Boolean);
      lines.push(`  ${item.title}${details ? `  ${details}` : ''}${marks.length ? `  [${marks.join(', ')}]` : ''}`, `    ${item.file}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
