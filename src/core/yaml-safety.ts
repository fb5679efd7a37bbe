// Guards that run before any YAML from a workspace reaches the parser.

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
