// Field patterns come from a workspace config and run on every document: screened before use.

/** More unbounded repetitions than this (`.*.*.*.*x`) take polynomial time of a high degree. */
export const MAX_UNBOUNDED_REPETITIONS = 3;

interface Group {
  /** The group holds a repetition or an alternative, so repeating it can backtrack exponentially. */
  ambiguous: boolean;
}

/**
 * Why a regular expression could take exponential or high-polynomial time on a short value, or
 * undefined when it cannot: a back-reference; a repeated group that itself repeats or has
 * alternatives (`(a+)+`, `((a+))+`, `(a|aa)+`, `(\d+\.)*`, `(.*a){20}`); more than MAX_UNBOUNDED_REPETITIONS
 * unbounded repetitions. Conservative: a few safe patterns are refused too, never the reverse for
 * these shapes. Linear in the pattern's length.
 */
export function backtrackingRisk(pattern: string): string | undefined {
  const groups: Group[] = [{ ambiguous: false }];
  let unbounded = 0;
  /** What the last atom was, for the quantifier that may follow it. */
  let lastGroup: Group | undefined;
  let hasAtom = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const current = groups[groups.length - 1]!;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) return 'has a back-reference, which can take exponential time; simplify it.';
      i++;
      lastGroup = undefined;
      hasAtom = true;
    } else if (ch === '[') {
      // A character class is one atom: skip to its unescaped closing bracket.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j;
      lastGroup = undefined;
      hasAtom = true;
    } else if (ch === '(') {
      groups.push({ ambiguous: false });
      if (pattern[i + 1] === '?') {
        // (?:  (?=  (?!  (?<=  (?<!  (?<name>
        const named = pattern[i + 2] === '<' && pattern[i + 3] !== '=' && pattern[i + 3] !== '!';
        if (named) {
          const close = pattern.indexOf('>', i);
          i = close < 0 ? pattern.length : close;
        } else i += pattern[i + 2] === '<' ? 3 : 2;
      }
      hasAtom = false;
    } else if (ch === ')') {
      const closed = groups.length > 1 ? groups.pop()! : { ambiguous: false };
      if (closed.ambiguous) groups[groups.length - 1]!.ambiguous = true;
      lastGroup = closed;
      hasAtom = true;
    } else if (ch === '|') {
      current.ambiguous = true;
      lastGroup = undefined;
      hasAtom = false;
    } else if (ch === '*' || ch === '+' || ch === '?' || (ch === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)))) {
      if (!hasAtom) continue; // a literal, or an invalid pattern that RegExp itself refuses
      let min = ch === '+' ? 1 : 0;
      let max = ch === '?' ? 1 : Infinity;
      if (ch === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(pattern.slice(i))!;
        min = Number(m[1]);
        max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
        i += m[0].length - 1;
      }
      if (pattern[i + 1] === '?') i++; // lazy: same backtracking
      if (max === Infinity) unbounded++;
      // Even a fixed count multiplies: (.*a){20} is .*a twenty times over.
      if (lastGroup?.ambiguous && max > 1) {
        return 'has a nested repetition (a repeated group that itself repeats or has alternatives, like (a+)+, (a|aa)+ or (.*a){20}), which can take exponential time; simplify it, e.g. with a character class such as [a-z0-9.]+.';
      }
      if (max > min) current.ambiguous = true;
      if (unbounded > MAX_UNBOUNDED_REPETITIONS) {
        return `has more than ${MAX_UNBOUNDED_REPETITIONS} unbounded repetitions (*, + or {n,}), which can take a very long time on long values; simplify it.`;
      }
      lastGroup = undefined;
      hasAtom = false;
    } else {
      lastGroup = undefined;
      hasAtom = true;
    }
  }
  return undefined;
}
