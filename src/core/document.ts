import { parseFrontMatter, type FrontMatter } from './front-matter';
import { scanHeadings, type Heading } from './markdown/headings';
import { LineIndex, detectEol, normalizeLabel } from './text';

/** A heading and the content under it, up to the next heading of the same or a higher level. */
export interface Section {
  heading: Heading;
  /** The heading's text normalised for matching: numbering, trailing colon, case and spacing removed. */
  name: string;
  /** Offset after the heading line, and end of the section's content. */
  contentStart: number;
  contentEnd: number;
}

/** A markdown text parsed once: everything the rules, the roadmap and the fixes need. */
export interface ParsedDocument {
  /** The text without its BOM; all offsets and positions refer to it. */
  text: string;
  hasBom: boolean;
  eol: '\n' | '\r\n';
  lines: LineIndex;
  frontMatter: FrontMatter | undefined;
  headings: Heading[];
  sections: Section[];
}

/** Parses a markdown document: front matter and sections, never throwing on any input. */
export function parseDocument(source: string): ParsedDocument {
  const hasBom = source.charCodeAt(0) === 0xfeff;
  const text = hasBom ? source.slice(1) : source;
  const frontMatter = parseFrontMatter(text);
  const headings = scanHeadings(text, frontMatter?.bodyStart ?? 0);
  return { text, hasBom, eol: detectEol(text), lines: new LineIndex(text), frontMatter, headings, sections: toSections(text, headings) };
}

function toSections(text: string, headings: Heading[]): Section[] {
  return headings.map((heading, i) => {
    let next = i + 1;
    while (next < headings.length && headings[next]!.depth > heading.depth) next++;
    const contentEnd = next < headings.length ? headings[next]!.start : text.length;
    return { heading, name: normalizeHeading(heading.text), contentStart: Math.min(heading.end, contentEnd), contentEnd };
  });
}

/** "2.3 Success Metrics:" and "A) success   metrics" both become "success metrics". */
export function normalizeHeading(text: string): string {
  return normalizeLabel(text.replace(/^\s*(?:(?:\d+[.)]?)+|[A-Za-z][.)]|[IVXLCivxlc]+[.)])\s+/, '').replace(/\s*:\s*$/, ''));
}
