import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import { deepYamlNesting, MAX_YAML_DEPTH } from './yaml-safety';

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
  const opening = OPENING_FENCE.exec(text);
  if (!opening) return undefined;
  const fence = opening[1]!;
  const language = opening[2] || (fence === '+++' ? 'toml' : 'yaml');
  // A bare `---` line followed by nothing is a thematic break, not front matter.
  if (opening[3] === '') return undefined;
  const contentStart = opening[0].length;
  const closing = findClosingFence(text, contentStart, fence);
  const problems: FrontMatterProblem[] = [];
  const base = {
    start: 0,
    contentStart,
    language,
    data: {} as Record<string, unknown>,
    fields: new Map<string, FieldLocation>(),
    problems,
  };
  if (!closing) {
    problems.push({ message: `Front matter is not closed: add a line "${fence}" after the last field.`, start: 0, end: fence.length });
    return { ...base, end: fence.length, contentEnd: text.length, bodyStart: contentStart, closed: false };
  }
  const frontMatter: FrontMatter = {
    ...base,
    end: closing.lineEnd,
    contentEnd: closing.start,
    bodyStart: closing.next,
    closed: true,
  };
  if (language !== 'yaml' && language !== 'yml') {
    problems.push({
      message: `Front matter in "${language}" is not supported and was not read: only YAML front matter is (code in front matter is never run).`,
      start: 0,
      end: opening[0].trimEnd().length,
    });
    return frontMatter;
  }
  readYaml(text, frontMatter);
  return frontMatter;
}

function findClosingFence(text: string, from: number, fence: string): { start: number; lineEnd: number; next: number } | undefined {
  const closers = fence === '---' ? ['---', '...'] : [fence];
  let lineStart = from;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    const line = text.slice(lineStart, lineEnd).trimEnd();
    let next = lineEnd;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10) next++;
    if (closers.includes(line)) return { start: lineStart, lineEnd, next };
    if (next === lineEnd) return undefined;
    lineStart = next;
  }
  return undefined;
}

function readYaml(text: string, frontMatter: FrontMatter): void {
  const { contentStart, contentEnd, problems } = frontMatter;
  if (contentEnd - contentStart > MAX_FRONT_MATTER_LENGTH) {
    problems.push({ message: `Front matter is larger than ${MAX_FRONT_MATTER_LENGTH / 1024} KB and was not read.`, start: 0, end: 3 });
    return;
  }
  const source = text.slice(contentStart, contentEnd);
  const tooDeep = deepYamlNesting(source);
  if (tooDeep) {
    problems.push({ message: `Front matter nests deeper than ${MAX_YAML_DEPTH} levels and was not read.`, start: contentStart + tooDeep.start, end: contentStart + tooDeep.end });
    return;
  }
  try {
    const doc = parseDocument(source, { schema: 'core', uniqueKeys: true, prettyErrors: false, strict: true, stringKeys: true });
    for (const error of doc.errors) problems.push(problemAt(error.message, error.pos, contentStart, contentEnd));
    for (const warning of doc.warnings) problems.push(problemAt(warning.message, warning.pos, contentStart, contentEnd));
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

function problemAt(message: string, pos: [number, number], contentStart: number, contentEnd: number): FrontMatterProblem {
  const start = Math.min(contentStart + pos[0], contentEnd);
  const end = Math.max(start, Math.min(contentStart + pos[1], contentEnd));
  return { message: firstLine(message), start, end };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0]!.trim();
  return line.endsWith('.') || line.endsWith(':') ? line.replace(/:$/, '.') : `${line}.`;
}
