// A reader for the front matter almost every product document has, several times faster than the
// `yaml` library: flat `key: value` lines. Anything else is declined and left to `yaml`.
import type { FieldLocation } from './front-matter';

/** What the `yaml` path gives for a flat front matter: the same data and the same field locations. */
export interface FlatYaml {
  data: Record<string, unknown>;
  fields: Map<string, FieldLocation>;
}

/**
 * Reads `source` (the YAML between the fences, starting at offset `offset` of the document) when it
 * is a flat mapping that the `yaml` library (YAML 1.2, core schema) reads without any error or
 * warning, and returns exactly what that reading gives. The subset: `key: value` lines at column 0
 * with a plain, single- or double-quoted scalar, a one-line flow list (`[a, "b"]`), nothing (null),
 * or a block list of such scalars on the lines right under the key; comments at column 0; blank
 * lines; LF or CRLF. Returns undefined for anything else (anchors, tags, multi-line scalars, nested
 * maps, flow maps, tabs, duplicate keys, escapes other than \" and \\, control characters, ...),
 * so that the `yaml` library reads it and reports what is wrong: when unsure, decline.
 */
export function readFlatYaml(text: string, offset: number): FlatYaml | undefined {
  if (!plainText(text)) return undefined;
  // The values are slices of the source, and a slice keeps what it was cut from alive: cut them
  // from a copy of the few hundred characters of front matter, not from the whole document, which
  // would otherwise stay in memory as long as the roadmap item holding its title.
  const source = flatCopy(text);
  const data: Record<string, unknown> = {};
  const fields = new Map<string, FieldLocation>();
  const n = source.length;
  let pos = 0;
  while (pos < n) {
    const lineEnd = endOfLine(source, pos);
    const next = afterBreak(source, lineEnd);
    if (next < 0) return undefined;
    const c = source.charCodeAt(pos);
    if (c === HASH || isBlankBetween(source, pos, lineEnd)) {
      pos = next;
      continue;
    }
    if (!isKeyStart(c)) return undefined;
    const keyStart = pos;
    let colon = pos + 1;
    while (colon < lineEnd && isKeyChar(source.charCodeAt(colon))) colon++;
    if (source.charCodeAt(colon) !== COLON || colon - pos > MAX_KEY_LENGTH) return undefined;
    const key = source.slice(pos, colon);
    if ((SPECIAL_KEY_START.has(c) && SPECIAL_KEY.test(key)) || fields.has(key)) return undefined;
    let valueStart = colon + 1;
    if (valueStart < lineEnd && source.charCodeAt(valueStart) !== SPACE) return undefined;
    while (valueStart < lineEnd && source.charCodeAt(valueStart) === SPACE) valueStart++;
    let value: unknown;
    let valueEnd: number;
    if (valueStart === lineEnd || source.charCodeAt(valueStart) === HASH) {
      const list = next < n ? readBlockList(source, next) : undefined;
      if (list === undefined) {
        value = null;
        valueEnd = valueStart;
        pos = next;
      } else {
        // A comment between the key and its list moves where yaml says the list starts: leave it to yaml.
        if (list === DECLINE || valueStart !== lineEnd) return undefined;
        value = list.items;
        valueStart = list.start;
        valueEnd = list.end;
        pos = list.end;
      }
    } else {
      const scalar = readValue(source, valueStart, lineEnd, true);
      if (!scalar) return undefined;
      value = scalar.value;
      valueEnd = scalar.end;
      pos = next;
    }
    data[key] = value;
    fields.set(key, { keyStart: offset + keyStart, keyEnd: offset + colon, valueStart: offset + valueStart, valueEnd: offset + valueEnd });
  }
  return fields.size > 0 ? { data, fields } : undefined;
}

/** A string with the same characters that shares no memory with `text`. */
function flatCopy(text: string): string {
  return `${text} `.slice(0, -1);
}

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const MAX_KEY_LENGTH = 128;
/** Keys the core schema would not read as plain text: left to yaml. */
const SPECIAL_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const SPECIAL_KEY_START = new Set([...'nNtTfF'].map((ch) => ch.charCodeAt(0)));
/** A sentinel: the lines under a key look like a list but are not one this reader takes. */
const DECLINE = Symbol('decline');

/**
 * Only printable text the reader has no doubt about: no tabs or other control characters, no lone
 * CR, no surrogates (nor emoji, then), no BOM, no Unicode line separators.
 */
function plainText(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) continue;
    if (code === 0x0a) continue;
    if (code === 0x0d) {
      if (source.charCodeAt(i + 1) !== 0x0a) return false;
      continue;
    }
    if (code < 0xa0 || (code >= 0xd800 && code <= 0xdfff) || code === 0xfeff || code === 0x2028 || code === 0x2029 || code >= 0xfffe) return false;
  }
  return true;
}

function endOfLine(source: string, from: number): number {
  let i = from;
  while (i < source.length) {
    const code = source.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) break;
    i++;
  }
  return i;
}

/** The offset after the line break at `lineEnd`; -1 for a lone CR. */
function afterBreak(source: string, lineEnd: number): number {
  if (lineEnd >= source.length) return source.length;
  if (source.charCodeAt(lineEnd) === 0x0a) return lineEnd + 1;
  return source.charCodeAt(lineEnd + 1) === 0x0a ? lineEnd + 2 : -1;
}

function isBlankBetween(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (source.charCodeAt(i) !== SPACE) return false;
  return true;
}

function isKeyStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isKeyChar(code: number): boolean {
  return isKeyStart(code) || (code >= 0x30 && code <= 0x39) || code === DASH || code === 0x5f;
}

/**
 * The block list starting on the line at `from`, when that line is a `- ` item: every following
 * line at the same indent that is an item, each holding one scalar. undefined when the line is not
 * an item; DECLINE when it is one but the list is not simple.
 */
function readBlockList(source: string, from: number): { items: unknown[]; start: number; end: number } | typeof DECLINE | undefined {
  let indent = from;
  while (indent < source.length && source.charCodeAt(indent) === SPACE) indent++;
  if (source.charCodeAt(indent) !== DASH) return undefined;
  const width = indent - from;
  const items: unknown[] = [];
  let pos = from;
  let end = from;
  while (pos < source.length) {
    const lineEnd = endOfLine(source, pos);
    let dash = pos;
    while (dash < lineEnd && source.charCodeAt(dash) === SPACE) dash++;
    if (source.charCodeAt(dash) !== DASH || dash === lineEnd) break;
    // An item at another indent, "-" alone or "-x": not this reader's list.
    if (dash - pos !== width || source.charCodeAt(dash + 1) !== SPACE) return DECLINE;
    let start = dash + 2;
    while (start < lineEnd && source.charCodeAt(start) === SPACE) start++;
    if (start === lineEnd || source.charCodeAt(start) === HASH) return DECLINE;
    const scalar = readValue(source, start, lineEnd, false);
    if (!scalar) return DECLINE;
    items.push(scalar.value);
    end = afterBreak(source, lineEnd);
    if (end < 0) return DECLINE;
    pos = end;
  }
  if (items.length === 0) return DECLINE;
  return { items, start: from + width, end };
}

/**
 * The scalar (or, when `flowList`, a one-line flow list) at source[from, lineEnd), followed only by
 * spaces and a comment. `end` is where yaml says the value ends: after the closing quote or bracket,
 * or after the last character of a plain scalar.
 */
function readValue(source: string, from: number, lineEnd: number, flowList: boolean): { value: unknown; end: number } | undefined {
  const c = source.charCodeAt(from);
  let parsed: { value: unknown; end: number } | undefined;
  if (c === 0x22 || c === 0x27) parsed = readQuoted(source, from, lineEnd);
  else if (c === 0x5b) parsed = flowList ? readFlowList(source, from, lineEnd) : undefined;
  else {
    const end = plainEnd(source, from, lineEnd);
    if (end === undefined) return undefined;
    return { value: resolvePlain(source.slice(from, end)), end };
  }
  if (!parsed) return undefined;
  return restIsComment(source, parsed.end, lineEnd) ? parsed : undefined;
}

/** Nothing, spaces, or spaces and a comment from `from` to the end of the line. */
function restIsComment(source: string, from: number, lineEnd: number): boolean {
  if (from === lineEnd) return true;
  if (source.charCodeAt(from) !== SPACE) return false;
  let i = from;
  while (i < lineEnd && source.charCodeAt(i) === SPACE) i++;
  return i === lineEnd || source.charCodeAt(i) === HASH;
}

/**
 * The end of a plain scalar in block context starting at `from` (before a ` #` comment, without
 * trailing spaces), or undefined when it is not one this reader takes: it starts with an indicator
 * or holds `: ` (a nested mapping).
 */
function plainEnd(source: string, from: number, lineEnd: number): number | undefined {
  const c = source.charCodeAt(from);
  if (INDICATORS.has(c)) {
    // "-1", "-.5": a sign, not a list item.
    if (c !== DASH) return undefined;
    const d = source.charCodeAt(from + 1);
    if (!((d >= 0x30 && d <= 0x39) || d === 0x2e)) return undefined;
  }
  let end = from;
  for (let i = from; i < lineEnd; i++) {
    const code = source.charCodeAt(i);
    if (code === SPACE) continue;
    if (code === HASH && source.charCodeAt(i - 1) === SPACE) break;
    if (code === COLON && (i + 1 === lineEnd || source.charCodeAt(i + 1) === SPACE)) return undefined;
    end = i + 1;
  }
  return end;
}

/** c-indicator characters: a plain scalar cannot start with them. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((ch) => ch.charCodeAt(0)));

function readQuoted(source: string, from: number, lineEnd: number): { value: string; end: number } | undefined {
  const quote = source.charCodeAt(from);
  let value = '';
  let copied = from + 1;
  for (let i = from + 1; i < lineEnd; i++) {
    const code = source.charCodeAt(i);
    if (quote === 0x27) {
      if (code !== 0x27) continue;
      if (source.charCodeAt(i + 1) === 0x27 && i + 1 < lineEnd) {
        value += source.slice(copied, i + 1);
        copied = i + 2;
        i++;
        continue;
      }
      return { value: value + source.slice(copied, i), end: i + 1 };
    }
    if (code === 0x5c) {
      const escaped = source.charCodeAt(i + 1);
      if ((escaped !== 0x22 && escaped !== 0x5c) || i + 1 >= lineEnd) return undefined;
      value += source.slice(copied, i);
      copied = i + 1;
      i++;
      continue;
    }
    if (code === 0x22) return { value: value + source.slice(copied, i), end: i + 1 };
  }
  return undefined; // not closed on this line
}

/** `[a, "b", 3]` on one line; no nesting, no empty items, no trailing comma. */
function readFlowList(source: string, from: number, lineEnd: number): { value: unknown[]; end: number } | undefined {
  const items: unknown[] = [];
  let i = from + 1;
  const skipSpaces = () => {
    while (i < lineEnd && source.charCodeAt(i) === SPACE) i++;
  };
  skipSpaces();
  if (source.charCodeAt(i) === 0x5d && i < lineEnd) return { value: items, end: i + 1 };
  for (;;) {
    skipSpaces();
    if (i >= lineEnd) return undefined;
    const c = source.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      const quoted = readQuoted(source, i, lineEnd);
      if (!quoted) return undefined;
      items.push(quoted.value);
      i = quoted.end;
    } else {
      if (INDICATORS.has(c)) return undefined;
      const start = i;
      let end = i;
      while (i < lineEnd) {
        const code = source.charCodeAt(i);
        if (code === 0x2c || code === 0x5d) break;
        if (FLOW_PLAIN_STOP.has(code)) return undefined;
        if (code !== SPACE) end = i + 1;
        i++;
      }
      items.push(resolvePlain(source.slice(start, end)));
    }
    skipSpaces();
    if (i >= lineEnd) return undefined;
    const sep = source.charCodeAt(i);
    i++;
    if (sep === 0x5d) return { value: items, end: i };
    if (sep !== 0x2c) return undefined;
  }
}

/** Characters that make a plain item of a flow list something this reader does not take. */
const FLOW_PLAIN_STOP = new Set([...':#[]{}"\''].map((ch) => ch.charCodeAt(0)));

/** A plain scalar as the YAML 1.2 core schema reads it (the tests of `yaml`'s core tags, in its order). */
function resolvePlain(text: string): unknown {
  if (text.length <= 4 && /^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  const c = text.charCodeAt(0);
  if (c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46) return /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text) ? c === 0x74 || c === 0x54 : text;
  // Every number below starts with a digit, a sign or a dot, and has a sign only at its start or
  // after an exponent's e: a date (2026-03-31) or a quarter (2026-Q1) is text at once.
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === DASH || c === 0x2e)) return text;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code === DASH || code === 0x2b) && (text.charCodeAt(i - 1) | 0x20) !== 0x65) return text;
  }
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) {
    if (text.slice(-3).toLowerCase() === 'nan') return NaN;
    return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return parseFloat(text);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text);
  return text;
}
