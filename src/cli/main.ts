import { version } from '../../package.json';
import { UsageError } from './args';
import type { Command } from './commands/command';
import { initCommand } from './commands/init';
import { lintCommand } from './commands/lint';
import { newCommand } from './commands/new';
import { roadmapCommand } from './commands/roadmap';
import type { Io } from './io';

export type { Io } from './io';

/** The commands, in the order the main help lists them. */
const COMMANDS: readonly Command[] = [lintCommand, roadmapCommand, newCommand, initCommand];

const MAIN_HELP = `product-docs ${version}: templates, roadmap and lint for PRDs, PR/FAQs and lessons-learned reviews.

Usage: product-docs <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.synopsis.padEnd(21)}${command.summary}`).join('\n')}

Run "product-docs <command> --help" for a command's options.
`;

/** Runs the CLI; resolves with the exit code. Never rejects. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (command) return await command.run(rest, io);
    switch (name) {
      case '--version':
      case '-v':
        io.stdout(`${version}\n`);
        return 0;
      case 'help':
      case '--help':
      case '-h': {
        const topic = rest[0];
        if (topic === undefined) io.stdout(MAIN_HELP);
        else io.stdout(COMMANDS.find((c) => c.name === topic)?.help ?? unknownCommand(topic));
        return 0;
      }
      case undefined:
        io.stderr(MAIN_HELP);
        return 2;
      default:
        return unknownCommand(name);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`product-docs: ${error.message}\n${command?.help ?? 'Run "product-docs --help" for usage.\n'}`);
      return 2;
    }
    io.stderr(`product-docs: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

function unknownCommand(name: string): never {
  throw new UsageError(`Unknown command "${name}".`);
}
