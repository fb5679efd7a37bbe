/** Parsed command-line arguments: positionals and `--name value` / `--name=value` options. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

/** Wrong use of the command line: reported with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** Parses argv against the options a command accepts; `flags` take no value. */
export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      options.set('help', true);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    // Short options are not offered; say so rather than treating "-f" as a path.
    if (!arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}; options are spelled out, e.g. --format.`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (name === 'help' || flags.includes(name)) {
      options.set(name, true);
    } else if (valued.includes(name)) {
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`);
      options.set(name, value);
    } else {
      throw new UsageError(`Unknown option --${name}.`);
    }
  }
  return { positionals, options };
}

/** An option restricted to a list of values. */
export function choice<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const value = args.options.get(name);
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of: ${allowed.join(', ')}.`);
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}
