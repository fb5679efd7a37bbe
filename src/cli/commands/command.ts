import { parseArgs, type ParsedArgs } from '../args';
import type { Io } from '../io';

/** One CLI command: its name, its one-line summary for the main help, its own help and its run. */
export interface Command {
  name: string;
  /** `lint [paths...]`: how the main help lists it. */
  synopsis: string;
  summary: string;
  help: string;
  /** Runs with the arguments after the command name; returns the exit code. May throw UsageError. */
  run(args: readonly string[], io: Io): Promise<number>;
}

/** Parses a command's arguments; undefined (after printing the help) when --help was asked for. */
export function argsOrHelp(command: Command, argv: readonly string[], io: Io, valued: readonly string[], flags: readonly string[] = []): ParsedArgs | undefined {
  const args = parseArgs(argv, valued, flags);
  if (args.options.get('help') !== true) return args;
  io.stdout(command.help);
  return undefined;
}

/** The help text of the --config option, shared by the commands that read a config. */
export const CONFIG_OPTION_HELP = `  --config <file>  Use this config instead of looking upward for .product-docs.yaml (its
                   globs and docsFolder are then relative to the current folder)`;
