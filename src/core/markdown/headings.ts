/** A heading that is a direct child of the document (not inside a list or block quote). */
export interface Heading {
  /** 1 to 6. */
  depth: number;
  /** Plain text of the heading's content: inline markup removed, escapes and entities resolved. */
  text: string;
  /** Offsets of the heading block in the scanned text, as remark's position.start/end.offset. */
  start: number;
  end: number;
}

/**
 * Finds the top-level ATX and setext headings of a markdown text with a block-level scan
 * (fences, indented code, HTML blocks, containers), without a full parse. `from` is the offset at
 * which the markdown body starts (after front matter); it must be at a line start.
 */
export function scanHeadings(text: string, from = 0): Heading[] {
  // Interim scanner: ATX headings outside fenced code. Replaced by a CommonMark block scanner.
  const headings: Heading[] = [];
  const lineBreak = /\r\n|\r|\n/g;
  let fence: string | undefined;
  let offset = from;
  while (offset <= text.length) {
    lineBreak.lastIndex = offset;
    const m = lineBreak.exec(text);
    const end = m ? m.index : text.length;
    const line = text.slice(offset, end);
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && /^ {0,3}[`~]+\s*$/.test(line)) fence = undefined;
    } else if (fenceMatch) {
      fence = fenceMatch[1];
    } else {
      const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
      if (atx) headings.push({ depth: atx[1]!.length, text: (atx[2] ?? '').trim(), start: offset + line.indexOf('#'), end: offset + line.trimEnd().length });
    }
    if (!m) break;
    offset = m.index + m[0].length;
  }
  return headings;
}
