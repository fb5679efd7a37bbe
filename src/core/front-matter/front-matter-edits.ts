import type { ParsedDocument } from '../document';
import { isYamlLanguage } from './front-matter';
import type { TextEdit } from '../text';

const PLAIN_SCALAR = /^[A-Za-z0-9_][A-Za-z0-9_ .,'()/&+@-]*$/;
const YAML_KEYWORD = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;

/** A value written as YAML: plain when it reads back as the same string, double-quoted otherwise. */
export function yamlScalar(value: string): string {
  const looksLikeNumber = /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i.test(value) || /^0x[0-9a-f]+$|^0o[0-7]+$/i.test(value);
  return PLAIN_SCALAR.test(value) && !YAML_KEYWORD.test(value) && !looksLikeNumber && value === value.trim() && !/ #|: /.test(value)
    ? value
    : JSON.stringify(value);
}

/**
 * Sets a top-level front-matter field: replaces its value when present, adds a line before the
 * closing fence when not, and adds a front-matter block when the document has none. Returns
 * undefined when the front matter is unclosed or not YAML, or the value spans several lines (an
 * edit there could lose text).
 */
export function setFieldEdit(doc: ParsedDocument, name: string, valueText: string): TextEdit | undefined {
  const fm = doc.frontMatter;
  if (!fm) {
    const position = { line: 0, character: 0 };
    return { range: { start: position, end: position }, newText: `---${doc.eol}${name}: ${valueText}${doc.eol}---${doc.eol}${doc.eol}` };
  }
  if (!fm.closed || !isYamlLanguage(fm.language)) return undefined;
  const location = fm.fields.get(name);
  if (location && location.valueStart >= location.keyEnd && location.valueEnd > location.valueStart) {
    const range = doc.lines.rangeOf(location.valueStart, location.valueEnd);
    // A value over several lines (a block scalar, a folded plain text) is the user's prose: not replaced wholesale.
    return range.start.line === range.end.line ? { range, newText: valueText } : undefined;
  }
  if (location) {
    // `name:` with no value: write the value after the colon, keeping the key and any comment.
    const lineEnd = doc.lines.lineEnd(doc.lines.positionAt(location.keyEnd).line);
    const colon = /^[ \t]*:[ \t]*/.exec(doc.text.slice(location.keyEnd, lineEnd));
    const end = location.keyEnd + (colon ? colon[0].length : 0);
    const comment = end < lineEnd ? ' ' : '';
    return { range: doc.lines.rangeOf(location.keyEnd, end), newText: `: ${valueText}${comment}` };
  }
  const closing = doc.lines.positionAt(fm.contentEnd);
  return { range: { start: closing, end: closing }, newText: `${name}: ${valueText}${doc.eol}` };
}
