// A heading's text, as markdown-it (VS Code's preview and outline) reads its inline content.
import MarkdownIt from 'markdown-it';

type Token = ReturnType<MarkdownIt['parseInline']>[number];

/**
 * The link reference definitions of a document, keyed by markdown-it's normalized label, in the
 * shape markdown-it keeps in `env.references`. Only the labels matter for heading text.
 */
export type LinkReferences = Record<string, { href: string; title: string }>;

/** An empty reference table (no prototype, so no label can meet an inherited key). */
export function emptyLinkReferences(): LinkReferences {
  return Object.create(null) as LinkReferences;
}

/** Records a definition's label (as written between its brackets); the first definition wins. */
export function addLinkReference(references: LinkReferences, label: string): void {
  const key = inlineParser().utils.normalizeReference(label);
  if (key !== '' && references[key] === undefined) references[key] = { href: '', title: '' };
}

/**
 * The plain text of a heading's raw inline content (between its markers, or its setext lines):
 * markdown-it's inline tokens flattened as mdast-util-to-string flattens a tree, so emphasis and
 * link syntax go, code, link text and image alt stay, escapes and entities are decoded, a hard
 * break reads as nothing and a soft break as "\n". `references` are the document's definitions, if any.
 */
export function headingText(content: string, references: LinkReferences | undefined): string {
  // markdown-it's block rules trim the content before its inline rules see it.
  const trimmed = trimSpacesAndLineEndings(content);
  // Most headings are plain words: no character that can start inline syntax, or that
  // markdown-it's normalization changes (line endings, NUL), so they skip the parser.
  if (trimmed.length > MAX_PARSED_HEADING || !INLINE_SYNTAX.test(trimmed)) return trimmed;
  // Without definitions markdown-it is given none, so it never looks a label up (a costly
  // normalization of every bracketed text in a heading full of brackets).
  // A line's trailing whitespace with a tab in it is no hard break; markdown-it strips only spaces
  // before a line ending, remark (and the spec) strips tabs too.
  const source = trimmed.includes('\t') ? trimmed.replace(/[ \t]*\t[ \t]*(?=\n)/g, '') : trimmed;
  const tokens = inlineParser().parseInline(source, references === undefined ? {} : { references });
  return flattenTokens(tokens[0]?.children ?? []);
}

/** Heading text of markdown-it inline tokens (an `inline` token's children), as headingText gives it. */
export function flattenTokens(tokens: readonly Token[]): string {
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
      case 'html_inline':
        text += token.content;
        break;
      case 'softbreak':
        text += '\n';
        break;
      case 'image':
        // Alt text, which markdown-it keeps parsed as the image's children.
        text += flattenTokens(token.children ?? []);
        break;
      // Everything else (hard breaks, the open and close tokens of emphasis, strikethrough and
      // links) shows no text of its own.
    }
  }
  return text;
}

/**
 * Longer heading content is read as written. No section name is that long, and markdown-it, linear
 * but slow on bracket-heavy text (a 100,000-character heading of `[` and `]` takes it about half a
 * second), would otherwise let one hostile heading stall a keystroke's lint.
 */
export const MAX_PARSED_HEADING = 5_000;

/**
 * What may start inline syntax in markdown-it's default rules (emphasis, strikethrough, code,
 * links, images, autolinks, HTML, escapes, entities, breaks) or be changed by its normalization.
 */
const INLINE_SYNTAX = /[\0\n\r&*<[\\\]_`~]/;

/** markdown-it trims heading content of spaces, tabs and line endings only (not Unicode spaces). */
function trimSpacesAndLineEndings(content: string): string {
  let start = 0;
  let end = content.length;
  while (start < end && isTrimmable(content.charCodeAt(start))) start++;
  while (end > start && isTrimmable(content.charCodeAt(end - 1))) end--;
  return start === 0 && end === content.length ? content : content.slice(start, end);
}

function isTrimmable(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

let parser: MarkdownIt | undefined;

/**
 * markdown-it configured as VS Code's preview configures it for what changes heading text: the
 * default rules (CommonMark plus tables and strikethrough) with raw HTML on. Its linkify option is
 * left off: it only turns bare URLs into links whose text is the URL. Made on first use, so a
 * document whose headings are all plain words never builds it.
 */
function inlineParser(): MarkdownIt {
  parser ??= new MarkdownIt('default', { html: true });
  return parser;
}
