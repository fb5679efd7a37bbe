import type { Finding } from './findings';
import { LineIndex, type TextEdit } from './text';

/** Applies non-overlapping edits (positions in `text`) and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const located = edits
    .map((edit, order) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText, order }))
    .sort((a, b) => a.start - b.start || a.order - b.order);
  let result = '';
  let cursor = 0;
  for (const edit of located) {
    if (edit.start < cursor) continue; // overlaps an earlier edit: left for the next round
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/**
 * Applies every available fix, one finding at a time and re-linting in between, so that fixes
 * touching the same place compose (several fields added to a document without front matter make
 * one block, not several). `lintText` lints a text the way the caller does. Stops when nothing
 * fixable is left or a round changes nothing.
 */
export function fixAll(text: string, lintText: (text: string) => Finding[], maxRounds = 100): string {
  let current = text;
  const seen = new Set<string>([current]);
  for (let round = 0; round < maxRounds; round++) {
    const fixable = lintText(current).find((finding) => finding.fix);
    if (!fixable?.fix) break;
    const next = applyEdits(current, fixable.fix.edits);
    if (seen.has(next)) break; // no progress, or a cycle: stop rather than loop
    seen.add(next);
    current = next;
  }
  return current;
}

/** One edit that turns `before` into `after`: the changed middle, between their common prefix and suffix. */
export function replacementEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const lines = new LineIndex(before);
  return { range: lines.rangeOf(prefix, before.length - suffix), newText: after.slice(prefix, after.length - suffix) };
}
