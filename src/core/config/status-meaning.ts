import type { ProductDocsConfig } from './config';
import { BUILT_IN_STATUSES, HORIZONS, type StatusMeaning } from './document-types';

/** Words that, in a status name, say the work is over. */
const ENDING_WORDS = new Set([
  'rejected', 'withdrawn', 'superseded', 'declined', 'cancelled', 'canceled', 'published', 'shipped', 'released',
  'launched', 'done', 'closed', 'completed', 'complete', 'abandoned', 'archived', 'obsolete', 'deprecated', 'dropped', 'resolved',
]);

/**
 * What a status of a type means: the type's own declaration first, then the built-in meaning of
 * that status name, then `roadmap.horizons`, then defaults (terminal when done or named like an
 * ending; a neutral icon). The overdue check, the grouping, the exports and the editor all read it.
 */
export function statusMeaning(config: ProductDocsConfig, typeId: string, status: string): StatusMeaning {
  const declared = config.types.find((t) => t.id === typeId)?.statuses[status] ?? {};
  const builtIn = BUILT_IN_STATUSES[status];
  // The workspace's horizons place built-in statuses too (their defaults are read from BUILT_IN_STATUSES).
  const horizon = declared.horizon !== undefined ? (declared.horizon === 'none' ? undefined : declared.horizon) : HORIZONS.find((h) => config.roadmap.horizons[h].includes(status));
  const terminal = declared.terminal ?? (horizon === 'done' || (builtIn?.terminal ?? status.toLowerCase().split(/[-_\s]+/).some((word) => ENDING_WORDS.has(word))));
  const look = builtIn ?? (horizon === 'done' ? { icon: 'pass-filled', colour: 'charts.green' } : terminal ? { icon: 'circle-slash', colour: 'disabledForeground' } : { icon: 'circle-outline', colour: 'descriptionForeground' });
  return {
    label: declared.label ?? builtIn?.label ?? statusLabel(status),
    horizon,
    terminal,
    icon: declared.icon ?? look.icon,
    colour: declared.colour ?? look.colour,
  };
}

/** `in-review` as people write it: "In review". */
function statusLabel(status: string): string {
  const words = status.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : status;
}
