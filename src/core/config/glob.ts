/** Compiles a glob (`*`, `**`, `?`, `[abc]`, `{a,b}`) over `/`-separated relative paths to a RegExp. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  let braceDepth = 0;
  const source = glob.replace(/^\.\//, '');
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '*') {
      if (source[i + 1] === '*') {
        const atSegmentStart = i === 0 || source[i - 1] === '/';
        const atSegmentEnd = source[i + 2] === '/' || i + 2 === source.length;
        if (atSegmentStart && atSegmentEnd) {
          pattern += source[i + 2] === '/' ? '(?:[^/]*/)*' : '.*';
          i += source[i + 2] === '/' ? 2 : 1;
          continue;
        }
        i++;
      }
      pattern += '[^/]*';
    } else if (ch === '?') pattern += '[^/]';
    else if (ch === '{') {
      braceDepth++;
      pattern += '(?:';
    } else if (ch === '}' && braceDepth > 0) {
      braceDepth--;
      pattern += ')';
    } else if (ch === ',' && braceDepth > 0) pattern += '|';
    else if (ch === '[') {
      const close = source.indexOf(']', i + 1);
      if (close > i + 1) {
        const body = source.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        pattern += `[${body}]`;
        i = close;
      } else pattern += '\\[';
    } else pattern += /[.+^$()|\\\]]/.test(ch) ? `\\${ch}` : ch;
  }
  while (braceDepth-- > 0) pattern += ')';
  return new RegExp(`^${pattern}$`);
}

/** Matches relative paths against globs; a glob without `/` matches the file name at any depth. */
export class GlobSet {
  private readonly patterns: RegExp[];

  constructor(globs: readonly string[]) {
    this.patterns = globs.map((glob) => globToRegExp(glob.includes('/') ? glob : `**/${glob}`));
  }

  matches(relativePath: string): boolean {
    return this.patterns.some((p) => p.test(relativePath));
  }

  /**
   * True when a folder's contents are all excluded, so a walker can skip it: the glob names the
   * folder itself (as .gitignore would), or matches anything at any depth below it (`drafts/**`).
   */
  matchesFolder(relativeFolder: string): boolean {
    return this.patterns.some(
      (p) => p.test(relativeFolder) || p.test(`${relativeFolder}/`) || (p.test(`${relativeFolder}/x`) && p.test(`${relativeFolder}/x/x`)),
    );
  }
}

const compiled = new WeakMap<readonly string[], GlobSet>();

/** The GlobSet of a list of globs, compiled once per list (configs are long-lived; files are many). */
export function globSetOf(globs: readonly string[]): GlobSet {
  let set = compiled.get(globs);
  if (!set) compiled.set(globs, (set = new GlobSet(globs)));
  return set;
}

/** Whether a workspace-relative path is looked at under a config's `include` and `exclude` globs. */
export function isIncludedPath(relativePath: string, config: { include: string[]; exclude: string[] }): boolean {
  return globSetOf(config.include).matches(relativePath) && !globSetOf(config.exclude).matches(relativePath);
}
