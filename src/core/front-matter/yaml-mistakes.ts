// The YAML mistakes people make in front matter and configs, said in their words at the line that
// is wrong. The `yaml` parser reports where it noticed the problem, often a line later and in
// parser terms ("Nested mappings are not allowed in compact mappings"); its first error is the one
// that matters, as the rest follow from it.

/** What the parser said: its error code, message and offsets into `source`. */
export interface YamlParserError {
  code: string;
  message: string;
  pos: readonly [number, number];
}

/** A mistake explained: the message and the offsets (into the same source) of what to change. */
export interface ExplainedMistake {
  message: string;
  start: number;
  end: number;
}

interface SourceLine {
  start: number;
  end: number;
  text: string;
}

/**
 * Explains the parser's first error in `source` ("front matter" or "the config" is `what`);
 * `firstLine` is the 0-based line of the file `source` starts at, for the line numbers messages name.
 */
export function explainYamlMistake(error: YamlParserError, source: string, what: string, firstLine = 0): ExplainedMistake {
  const lines = splitLines(source);
  const lineNumber = (index: number) => firstLine + index + 1;
  const at = lineAt(lines, error.pos[0]);
  const line = lines[at]!;
  const field = fieldOf(line.text);
  const valueSpan = (l: SourceLine) => {
    const colon = l.text.indexOf(':');
    const first = colon < 0 ? 0 : colon + 1 + (l.text.slice(colon + 1).length - l.text.slice(colon + 1).trimStart().length);
    return { start: l.start + first, end: l.end };
  };
  const parserWords = error.message.split('\n')[0]!.trim().replace(/ at line \d+, column \d+:?$/, '').replace(/\.?$/, '.');
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      if (field && /:\s/.test(valueOf(line.text))) {
        const value = valueOf(line.text).trim();
        return { message: `The value of "${field}" contains ": ", which YAML reads as a field inside a field: put the value in quotes, ${field}: "${value.replace(/"/g, '\\"')}".`, ...valueSpan(line) };
      }
      const next = nextContentLine(lines, at);
      if (next !== undefined && indentOf(lines[next]!.text) > indentOf(line.text)) {
        const nextField = fieldOf(lines[next]!.text);
        return { message: `Line ${lineNumber(next)} is indented, so YAML reads it as part of ${field ? `"${field}"` : 'the line'} above: remove the spaces before ${nextField ? `"${nextField}"` : 'it'}.`, start: lines[next]!.start, end: lines[next]!.end };
      }
      break;
    }
    case 'MISSING_CHAR': {
      const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
      if (quote) {
        const opened = lines.findIndex((l) => valueOf(l.text).trimStart().startsWith(quote) && !closesQuote(valueOf(l.text).trim(), quote));
        const where = lines[opened >= 0 ? opened : at]!;
        const name = fieldOf(where.text);
        return { message: `The quote that opens ${name ? `the value of "${name}"` : 'this value'} is never closed: end the value with ${quote}.`, ...valueSpan(where) };
      }
      if (/followed by map values/.test(error.message)) {
        return { message: `Line ${lineNumber(at)} is not a "key: value" line: add ": " after the field name, or remove the line.`, start: line.start, end: line.end };
      }
      break;
    }
    case 'BAD_INDENT': {
      const bracket = /Flow (sequence|map) in block collection/.exec(error.message)?.[1];
      if (bracket) {
        const [open, close] = bracket === 'sequence' ? ['[', ']'] : ['{', '}'];
        const opened = lines.findIndex((l) => valueOf(l.text).trimStart().startsWith(open) && !valueOf(l.text).includes(close));
        const where = lines[opened >= 0 ? opened : at]!;
        const name = fieldOf(where.text);
        const hint = open === '{' ? ` (braces make a mapping in YAML; for a list write [a, b], for text put it in quotes)` : '';
        return { message: `The ${open === '[' ? 'list' : 'mapping'} that "${open}" opens${name ? ` in "${name}"` : ''} is never closed: end it with "${close}" on the same line${hint}.`, ...valueSpan(where) };
      }
      if (/same column/.test(error.message)) {
        return { message: `Line ${lineNumber(at)} is indented differently from the lines around it: line up the items of one list or mapping.`, start: line.start, end: line.end };
      }
      break;
    }
    case 'TAB_AS_INDENT':
      return { message: `Line ${lineNumber(at)} is indented with a tab: YAML indents with spaces only.`, start: line.start, end: line.end };
    case 'BAD_SCALAR_START': {
      const char = /reserved character (.)/.exec(error.message)?.[1] ?? source[error.pos[0]] ?? '';
      const value = valueOf(line.text).trim();
      return { message: `${field ? `The value of "${field}"` : 'This value'} starts with "${char}", which YAML reserves: put it in quotes${field ? `, ${field}: "${value.replace(/"/g, '\\"')}"` : ''}.`, ...valueSpan(line) };
    }
    case 'UNEXPECTED_TOKEN':
      if (/block-seq-ind on same line/.test(error.message)) {
        return { message: `A list item cannot follow ${field ? `"${field}:"` : 'a key'} on the same line: put each "- item" on its own line below it, or write the list as [a, b].`, ...valueSpan(line) };
      }
      if (/scalar at node end/.test(error.message)) {
        return { message: `${field ? `The value of "${field}"` : 'This value'} goes on after its closing quote or bracket: put the whole value in double quotes.`, ...valueSpan(line) };
      }
      break;
  }
  return { message: `${what === 'the config' ? 'The config' : 'Front matter'} is not valid YAML at line ${lineNumber(at)}: ${parserWords}`, start: error.pos[0], end: Math.max(error.pos[0], error.pos[1]) };
}

function splitLines(source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  for (let start = 0; start <= source.length; ) {
    const newline = source.indexOf('\n', start);
    const end = newline < 0 ? source.length : newline;
    lines.push({ start, end: source[end - 1] === '\r' ? end - 1 : end, text: source.slice(start, source[end - 1] === '\r' ? end - 1 : end) });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

function lineAt(lines: readonly SourceLine[], offset: number): number {
  let index = 0;
  while (index + 1 < lines.length && lines[index + 1]!.start <= offset) index++;
  return index;
}

/** The field a `key: value` line sets, if it is one. */
function fieldOf(text: string): string | undefined {
  return /^\s*(?:-\s+)?([^\s:#"'][^:#]*?)\s*:(?:\s|$)/.exec(text)?.[1];
}

function valueOf(text: string): string {
  const field = /^\s*(?:-\s+)?[^\s:#"'][^:#]*?\s*:(?:\s|$)/.exec(text);
  return field ? text.slice(field[0].length) : text;
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

function nextContentLine(lines: readonly SourceLine[], after: number): number | undefined {
  for (let i = after + 1; i < lines.length; i++) if (lines[i]!.text.trim() && !lines[i]!.text.trim().startsWith('#')) return i;
  return undefined;
}

function closesQuote(value: string, quote: string): boolean {
  return value.length > 1 && value.endsWith(quote);
}
