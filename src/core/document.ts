import { parseFrontMatter, type FrontMatter } from './front-matter/front-matter';
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
  return completeDocument(parseDocumentHeader(source));
}

/**
 * The same document, with its lines, headings and sections computed on first use: enough to
 * classify a file from its front matter, and a file that is not a product document never pays for
 * the rest. Never throws.
 */
export function parseDocumentHeader(source: string): ParsedDocument {
  const hasBom = source.charCodeAt(0) === 0xfeff;
  const text = hasBom ? source.slice(1) : source;
  return new DocumentHeader(text, hasBom, detectEol(text), parseFrontMatter(text));
}

/** A ParsedDocument whose lines, headings and sections are computed when first asked for. */
class DocumentHeader implements ParsedDocument {
  #lines: LineIndex | undefined;
  #headings: Heading[] | undefined;
  #sections: Section[] | undefined;

  constructor(
    readonly text: string,
    readonly hasBom: boolean,
    readonly eol: '\n' | '\r\n',
    readonly frontMatter: FrontMatter | undefined,
  ) {}

  get lines(): LineIndex {
    return (this.#lines ??= new LineIndex(this.text));
  }

  get headings(): Heading[] {
    return (this.#headings ??= scanHeadings(this.text, this.frontMatter?.bodyStart ?? 0));
  }

  get sections(): Section[] {
    return (this.#sections ??= toSections(this.text, this.headings));
  }
}

/** A document (from parseDocumentHeader) with everything computed, as plain fields. */
export function completeDocument(doc: ParsedDocument): ParsedDocument {
  return { text: doc.text, hasBom: doc.hasBom, eol: doc.eol, lines: doc.lines, frontMatter: doc.frontMatter, headings: doc.headings, sections: doc.sections };
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
  return isPlainHeading(text) ? text.toLowerCase() : normalizeLabel(text.replace(/^\s*(?:(?:\d+[.)]?)+|[A-Za-z][.)]|[IVXLCivxlc]+[.)])\s+/, '').replace(/\s*:\s*$/, ''));
}

/**
 * Whether normalising `text` only lowercases it (most headings: "Success metrics"): it starts with
 * a word not followed by `.` or `)` (no numbering to remove), has no colon, and is printable ASCII
 * with single spaces inside (nothing to trim or collapse).
 */
function isPlainHeading(text: string): boolean {
  let i = 0;
  while (i < text.length && isAsciiLetter(text.charCodeAt(i))) i++;
  if (i === 0) return false;
  const after = text.charCodeAt(i);
  if (after === 0x2e || after === 0x29) return false;
  for (let j = i; j < text.length; j++) {
    const code = text.charCodeAt(j);
    if (code === 0x20) {
      if (text.charCodeAt(j - 1) === 0x20 || j === text.length - 1) return false;
    } else if (code < 0x21 || code > 0x7e || code === 0x3a) return false;
  }
  return true;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}
