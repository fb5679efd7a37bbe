import { isMap, isScalar, type Node as YamlNode } from 'yaml';
import { readFlatYaml } from './flat-yaml';
import { explainYamlMistake } from './yaml-mistakes';
import { deepYamlNesting, duplicateKeys, explainYamlMessage, MAX_YAML_DEPTH, parseYamlData, selfReferencingAlias, withLoneCrAsLf } from './yaml-safety';

/** Where a top-level front-matter field sits, as offsets in the document text. */
export interface FieldLocation {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** A problem with the front matter itself, as offsets in the document text. */
export interface FrontMatterProblem {
  message: string;
  start: number;
  end: number;
}

export interface FrontMatter {
  /** Offset of the opening fence and of the end of the closing fence line. */
  start: number;
  end: number;
  /** The YAML source between the fences. */
  contentStart: number;
  contentEnd: number;
  /** Offset where the markdown body starts. */
  bodyStart: number;
  /** The language named after the opening fence (`yaml` when none). */
  language: string;
  closed: boolean;
  /** The fields, when the front matter is a YAML mapping; empty otherwise. */
  data: Record<string, unknown>;
  fields: Map<string, FieldLocation>;
  problems: FrontMatterProblem[];
}

/** Front matter larger than this is reported, not parsed: no real document needs more. */
export const MAX_FRONT_MATTER_LENGTH = 64 * 1024;
/** YAML aliases beyond this count are an alias bomb, not a document. */
const MAX_ALIAS_COUNT = 100;

const OPENING_FENCE = /^(---|\+\+\+)[ \t]*([A-Za-z0-9_-]*)[ \t]*(\r\n|\r|\n|$)/;

/**
 * Reads the front matter at the start of `text` (already without BOM). YAML is parsed as data with
 * the core schema: no tags construct objects and nothing is ever evaluated.
 */
export function parseFrontMatter(text: string): FrontMatter | undefined {
  const first = text.charCodeAt(0);
  if (first !== 0x2d && first !== 0x2b) return undefined; // most READMEs: no regular expression run
  const opening = OPENING_FENCE.exec(text);
  if (!opening) return undefined;
  const fence = opening[1]!;
  const language = opening[2] || (fence === '+++' ? 'toml' : 'yaml');
  // A bare `---` line followed by nothing is a thematic break, not front matter.
  if (opening[3] === '') return undefined;
  const contentStart = opening[0].length;
  const closing = findClosingFence(text, contentStart, fence);
  // One object shape for every front matter, closed or not.
  const frontMatter: FrontMatter = {
    start: 0,
    end: closing ? closing.lineEnd : fence.length,
    contentStart,
    contentEnd: closing ? closing.start : text.length,
    bodyStart: closing ? closing.next : contentStart,
    language,
    closed: closing !== undefined,
    data: {},
    fields: new Map(),
    problems: [],
  };
  if (!closing) {
    frontMatter.problems.push({ message: `Front matter is not closed: add a line "${fence}" after the last field.`, start: 0, end: fence.length });
    return frontMatter;
  }
  if (!isYamlLanguage(language)) {
    frontMatter.problems.push({
      message: `Front matter in "${language}" is not supported and was not read: only YAML front matter is (code in front matter is never run).`,
      start: 0,
      end: opening[0].trimEnd().length,
    });
    return frontMatter;
  }
  readYaml(text, frontMatter);
  return frontMatter;
}

/** `---`, `---yaml` and `---yml` (any case) fence YAML; anything else is another language. */
export function isYamlLanguage(language: string): boolean {
  return /^ya?ml$/i.test(language);
}

interface ClosingFence {
  start: number;
  lineEnd: number;
  next: number;
}

function findClosingFence(text: string, from: number, fence: string): ClosingFence | undefined {
  const closing = findClosingFenceLf(text, from, fence);
  // Without a CR before it, LF is the only line break there and the LF-only search is exact; a CR
  // (CRLF, or a lone CR that breaks a line by itself) sends it to the search that knows every break.
  if (closing && text.lastIndexOf('\r', closing.next) < from) return closing;
  return findClosingFenceAnyBreak(text, from, fence);
}

/** The closing fence, taking only LF as a line break. */
function findClosingFenceLf(text: string, from: number, fence: string): ClosingFence | undefined {
  for (let lineStart = from; ; ) {
    const lf = text.indexOf('\n', lineStart);
    const lineEnd = lf < 0 ? text.length : lf;
    if (isClosingFence(text, lineStart, lineEnd, fence)) return { start: lineStart, lineEnd, next: lf < 0 ? lineEnd : lf + 1 };
    if (lf < 0) return undefined;
    lineStart = lf + 1;
  }
}

function findClosingFenceAnyBreak(text: string, from: number, fence: string): ClosingFence | undefined {
  // Line breaks found natively and lines compared in place: a 50 MB front matter is scanned, not copied.
  const lineBreak = /\r\n|\r|\n/g;
  lineBreak.lastIndex = from;
  for (let lineStart = from; ; ) {
    const m = lineBreak.exec(text);
    const lineEnd = m ? m.index : text.length;
    if (isClosingFence(text, lineStart, lineEnd, fence)) return { start: lineStart, lineEnd, next: m ? lineEnd + m[0].length : lineEnd };
    if (!m) return undefined;
    lineStart = lineEnd + m[0].length;
  }
}

/** `---` or `...` (or `+++` after `+++`), then only white space, on the line text[lineStart, lineEnd). */
function isClosingFence(text: string, lineStart: number, lineEnd: number, fence: string): boolean {
  const c = text.charCodeAt(lineStart);
  if (c !== fence.charCodeAt(0) && !(fence === '---' && c === 0x2e)) return false;
  if (text.charCodeAt(lineStart + 1) !== c || text.charCodeAt(lineStart + 2) !== c) return false;
  for (let i = lineStart + 3; i < lineEnd; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) return /^\s*$/.test(text.slice(i, lineEnd)); // rare: other white space, or text
  }
  return true;
}

function readYaml(text: string, frontMatter: FrontMatter): void {
  const { contentStart, contentEnd, problems } = frontMatter;
  if (contentEnd - contentStart > MAX_FRONT_MATTER_LENGTH) {
    problems.push({ message: `Front matter is larger than ${MAX_FRONT_MATTER_LENGTH / 1024} KB and was not read.`, start: 0, end: 3 });
    return;
  }
  const source = withLoneCrAsLf(text.slice(contentStart, contentEnd));
  // Flat `key: value` front matter (nearly all of it) is read without the yaml library, identically.
  const flat = readFlatYaml(source, contentStart);
  if (flat) {
    frontMatter.data = flat.data;
    frontMatter.fields = flat.fields;
    return;
  }
  const tooDeep = deepYamlNesting(source);
  if (tooDeep) {
    problems.push({ message: `Front matter nests deeper than ${MAX_YAML_DEPTH} levels and was not read.`, start: contentStart + tooDeep.start, end: contentStart + tooDeep.end });
    return;
  }
  try {
    const doc = parseYamlData(source, { prettyErrors: false, strict: true, stringKeys: true });
    // The first error is the mistake; the parser's later errors follow from it.
    const [firstError] = doc.errors;
    if (firstError) {
      const mistake = explainYamlMistake(firstError, source, 'front matter', lineCount(text, contentStart));
      problems.push(problemAt(mistake.message, [mistake.start, mistake.end], contentStart, contentEnd));
    }
    for (const warning of doc.warnings) problems.push(problemAt(explainYamlMessage(warning.message, warning.pos, source, 'front matter'), warning.pos, contentStart, contentEnd));
    for (const duplicate of duplicateKeys(doc)) {
      const message = `Map keys must be unique: "${duplicate.key}" is already set above; keep one of them.`;
      problems.push(problemAt(message, [duplicate.start, duplicate.end], contentStart, contentEnd));
    }
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return;
    if (!isMap(contents)) {
      const range = (contents as YamlNode).range ?? [0, source.length];
      problems.push({
        message: 'Front matter must be a mapping of fields ("key: value" lines), not a list or a single value.',
        start: contentStart + range[0],
        end: contentStart + range[1],
      });
      return;
    }
    const cycle = selfReferencingAlias(doc);
    if (cycle) {
      problems.push(problemAt('An alias refers to the list or mapping it is part of, so its value would contain itself: front matter was not read.', [cycle.start, cycle.end], contentStart, contentEnd));
      return;
    }
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
    if (data && typeof data === 'object' && !Array.isArray(data)) frontMatter.data = data as Record<string, unknown>;
    for (const pair of contents.items) {
      const key = pair.key as YamlNode | null;
      if (!key || !isScalar(key) || !key.range) continue;
      const value = pair.value as YamlNode | null;
      const keyStart = contentStart + key.range[0];
      const keyEnd = contentStart + key.range[1];
      const valueRange = value?.range;
      frontMatter.fields.set(String(key.value), {
        keyStart,
        keyEnd,
        valueStart: valueRange ? contentStart + valueRange[0] : keyEnd + 1,
        valueEnd: valueRange ? contentStart + valueRange[1] : keyEnd + 1,
      });
    }
  } catch (error) {
    // toJS throws on alias bombs; deep nesting can exhaust the stack. Both are findings, not crashes.
    const reason = error instanceof RangeError ? 'it is nested too deeply' : error instanceof Error ? error.message : String(error);
    frontMatter.data = {};
    frontMatter.fields.clear();
    problems.push({ message: `Front matter could not be read: ${reason}.`, start: contentStart, end: Math.min(contentEnd, contentStart + 3) });
  }
}

/** How many line breaks come before `offset`: the 0-based line it is on. */
function lineCount(text: string, offset: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function problemAt(message: string, pos: [number, number], contentStart: number, contentEnd: number): FrontMatterProblem {
  const start = Math.min(contentStart + pos[0], contentEnd);
  const end = Math.max(start, Math.min(contentStart + pos[1], contentEnd));
  return { message, start, end };
}
