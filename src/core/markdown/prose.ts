// Where prose is, for rules that look for words in it: outside code blocks and code spans. HTML
// comments count as prose (a TODO in one is a note that the document is not done, and is reported);
// the comment helpers below serve section content, where a line of only comments holds nothing.
import { scanCodeBlocks } from './headings';

/**
 * Blanks out inline code spans (keeping offsets): `TODO` in backticks names the marker, it is not
 * one. A span is a run of backticks closed by the next run of the same length in the same paragraph;
 * found in one pass, so a long paragraph of unmatched backticks stays linear.
 */
export function maskCodeSpans(text: string): string {
  const runs: { start: number; end: number; key: string }[] = [];
  const token = /`+|(?:\r?\n|\r)[ \t]*(?=\r?\n|\r)/g;
  let paragraph = 0;
  for (const m of text.matchAll(token)) {
    if (m[0][0] === '`') runs.push({ start: m.index, end: m.index + m[0].length, key: `${paragraph}:${m[0].length}` });
    else paragraph++;
  }
  const nextSame: (number | undefined)[] = [];
  const seen = new Map<string, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    nextSame[i] = seen.get(runs[i]!.key);
    seen.set(runs[i]!.key, i);
  }
  let result = '';
  let copied = 0;
  for (let i = 0; i < runs.length; i++) {
    const close = nextSame[i];
    if (close === undefined) continue;
    const { start } = runs[i]!;
    const { end } = runs[close]!;
    result += text.slice(copied, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    copied = end;
    i = close;
  }
  return result + text.slice(copied);
}

/**
 * The body outside code blocks (fenced or indented, in lists and block quotes too), where TODO may
 * be legitimate code. The block scanner says where code is, so prose here is what the preview shows
 * as prose (HTML blocks and comments included).
 */
export function proseRanges(text: string, from: number): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let proseStart = from;
  for (const block of scanCodeBlocks(text, from)) {
    ranges.push({ start: proseStart, end: block.start });
    proseStart = block.end;
  }
  ranges.push({ start: proseStart, end: text.length });
  return ranges;
}

/** A line without its HTML comments; `inComment` says whether the line starts inside one. */
export function stripComments(line: string, inComment: boolean): string {
  let result = '';
  let rest = line;
  let open = inComment;
  while (rest) {
    if (open) {
      const close = rest.indexOf('-->');
      if (close < 0) return result;
      rest = rest.slice(close + 3);
      open = false;
    } else {
      const start = rest.indexOf('<!--');
      if (start < 0) return result + rest;
      result += rest.slice(0, start);
      rest = rest.slice(start + 4);
      open = true;
    }
  }
  return result;
}

/** Whether an HTML comment is still open at the end of the line. */
export function endsInsideComment(line: string, inComment: boolean): boolean {
  let open = inComment;
  let index = 0;
  for (;;) {
    const next = open ? line.indexOf('-->', index) : line.indexOf('<!--', index);
    if (next < 0) return open;
    index = next + (open ? 3 : 4);
    open = !open;
  }
}
