import type { RoadmapItem } from './items';

/** The fields a roadmap can be filtered on: free text, or one field's exact value. */
export const ITEM_FILTER_FIELDS = ['text', 'status', 'owner', 'theme'] as const;
export type ItemFilterField = (typeof ITEM_FILTER_FIELDS)[number];

/** The filters in force, at most one per field; an item is shown when it matches all of them. */
export type ItemFilter = Partial<Record<ItemFilterField, string>>;

/** Whether the item passes every filter: text (title, owner, theme, id, file, status, quarter contain it, any case) AND each exact field. */
export function matchesItemFilter(item: RoadmapItem, filter: ItemFilter): boolean {
  for (const field of ITEM_FILTER_FIELDS) {
    const wanted = filter[field];
    if (wanted === undefined) continue;
    if (field === 'text') {
      const needle = wanted.toLowerCase();
      if (![item.title, item.owner, item.theme, item.id, item.file, item.status, item.quarter].some((v) => v?.toLowerCase().includes(needle))) return false;
    } else if ((item[field] ?? '') !== wanted) return false;
  }
  return true;
}

/** The filter with `field` set to `value`, or removed when `value` is undefined; the others stay. */
export function withItemFilter(filter: ItemFilter, field: ItemFilterField, value: string | undefined): ItemFilter {
  const next: ItemFilter = { ...filter };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next;
}

/** The fields in force, in a fixed order. */
export function activeItemFilters(filter: ItemFilter): [ItemFilterField, string][] {
  return ITEM_FILTER_FIELDS.flatMap((field) => (filter[field] === undefined ? [] : [[field, filter[field]] as [ItemFilterField, string]]));
}

/** "status: approved · owner: Maya · text: \"loyal\"" (free text quoted, so its spaces show); '' when none. */
export function describeItemFilter(filter: ItemFilter): string {
  return activeItemFilters(filter)
    .map(([field, value]) => `${field}: ${field === 'text' ? `"${value}"` : value}`)
    .join(' · ');
}
