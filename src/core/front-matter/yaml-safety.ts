// Guards that run before any YAML from a workspace reaches the parser, and the options it is parsed with.
import { isAlias, isScalar, parseDocument, visit, type Document, type DocumentOptions, type ParseOptions, type Node as YamlNode } from 'yaml';

/**
 * Deeper YAML than this is neither a config nor front matter. The `yaml` parser recurses per level:
 * far deeper input overflows its stack, after which Node can abort outright (seen: "RegExpCompiler
 * Allocation failed"), so depth is checked before parsing, never caught after.
 */
export const MAX_YAML_DEPTH = 64;

/**
 * Where a YAML text nests deeper than MAX_YAML_DEPTH, found with a linear scan before parsing: flow
 * brackets, compact "- " / "? " indicators on one line, and indentation (two spaces a level).
 * Over-estimates (brackets in plain scalars count), which only matters for texts no config has.
 */
export function deepYamlNesting(text: string): { start: number; end: number } | undefined {
  let flow = 0;
  let quote = '';
  let lineStart = 0;
  let compact = 0;
  let atIndent = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') {
      lineStart = i + 1;
      compact = 0;
      atIndent = true;
      if (quote === "'" || quote === '"') continue;
      quote = '';
      continue;
    }
    if (atIndent && ch === ' ') {
      if ((i - lineStart) / 2 > MAX_YAML_DEPTH) return { start: lineStart, end: i + 1 };
      continue;
    }
    if (quote === '#') continue;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if ((ch === '-' || ch === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t') && (atIndent || /[ \t]/.test(text[i - 1] ?? ''))) {
      if (++compact > MAX_YAML_DEPTH) return { start: i, end: i + 1 };
      continue;
    }
    atIndent = false;
    if ((ch === '"' || ch === "'") && /[\s[{,:]/.test(text[i - 1] ?? ' ')) quote = ch;
    else if (ch === '#' && /\s/.test(text[i - 1] ?? ' ')) quote = '#';
    else if (ch === '[' || ch === '{') {
      if (++flow > MAX_YAML_DEPTH) return { start: i, end: i + 1 };
    } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
  }
  return undefined;
}

/**
 * The options every YAML text from a workspace is parsed with: the YAML 1.2 core schema as plain
 * data. The YAML 1.1 extras (`!!binary`, `!!set`, `!!omap`, `!!pairs`, `!!timestamp`, `<<` merge
 * keys) are off, so a tag never builds anything but text, numbers, booleans, lists and mappings;
 * other tags (`!!js/function`, `!!python/object`, `!foo`) are reported and ignored. Duplicate keys
 * are found by `duplicateKeys`, in linear time: the parser's own check compares every key with
 * every other, which takes seconds on a front matter of a few thousand keys. `logLevel: 'silent'`:
 * the parser never writes to the console (a mapping used as a key made it print a Node warning).
 */
export const SAFE_YAML_OPTIONS = { schema: 'core', resolveKnownTags: false, merge: false, uniqueKeys: false, version: '1.2', logLevel: 'silent' } as const;

/**
 * Parses a YAML text as data, with SAFE_YAML_OPTIONS. `yaml` reports each syntax error as an Error,
 * and V8 captures a stack trace for every Error made: nobody reads these, and capturing them cost
 * more than parsing a broken front matter, so none is captured while it parses.
 */
export function parseYamlData(text: string, options: ParseOptions & DocumentOptions): Document.Parsed {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocument(text, { ...SAFE_YAML_OPTIONS, ...options });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The text with every lone CR (classic Mac line ends) turned into LF. The YAML parser reads only
 * LF and CRLF as line breaks; offsets are unchanged, one character for one.
 */
export function withLoneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** A key written twice in the same mapping (the second one), as offsets in the parsed text. */
export interface DuplicateKey {
  key: string;
  start: number;
  end: number;
}

/** Every key that repeats an earlier key of the same mapping, at any depth, in one pass. */
export function duplicateKeys(doc: Document.Parsed): DuplicateKey[] {
  const duplicates: DuplicateKey[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key as YamlNode | null;
        const id = key === null ? '\0null' : isScalar(key) ? String(key.value) : `\0${String(key)}`;
        if (!seen.has(id)) seen.add(id);
        else if (key?.range) duplicates.push({ key: isScalar(key) ? String(key.value) : String(key), start: key.range[0], end: key.range[1] });
      }
    },
  });
  return duplicates;
}

/**
 * A parser warning or error in words for people; an unsupported tag names the tag as written
 * (`source` is the text the position refers to). `what` is "front matter" or "the config".
 */
export function explainYamlMessage(message: string, pos: readonly [number, number], source: string, what: string): string {
  const line = message.split('\n')[0]!.trim().replace(/ at line \d+, column \d+:?$/, '');
  if (line.startsWith('Unresolved tag')) {
    const tag = source.slice(pos[0], pos[1]).trim() || line.replace(/^Unresolved tag:\s*/, '');
    return `YAML tag "${tag}" is not supported and was ignored: ${what} is plain data (text, numbers, true/false, lists and mappings).`;
  }
  return line.endsWith('.') ? line : `${line.replace(/:$/, '')}.`;
}

/**
 * The first alias that names a list or mapping it is itself inside (`a: &a [*a]`): read as data it
 * would be a value that contains itself, which no front matter means. One pass, in document order.
 */
export function selfReferencingAlias(doc: Document.Parsed): { start: number; end: number } | undefined {
  const anchors = new Map<string, unknown>();
  let found: { start: number; end: number } | undefined;
  visit(doc, (_, node, path) => {
    if (isAlias(node)) {
      if (path.includes(anchors.get(node.source) as YamlNode) && node.range) {
        found = { start: node.range[0], end: node.range[1] };
        return visit.BREAK;
      }
    } else if (node && typeof node === 'object' && 'anchor' in node && typeof node.anchor === 'string') anchors.set(node.anchor, node);
    return undefined;
  });
  return found;
}
