import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../../core/config/config';
import { configTemplate } from '../../core/config/config-template';
import { stringOption, UsageError } from '../args';
import { display } from '../io';
import { argsOrHelp, type Command } from './command';

/** `product-docs init`: writes a commented config with every default, never over an existing one. */
export const initCommand: Command = {
  name: 'init',
  synopsis: 'init',
  summary: 'Write a commented .product-docs.yaml with the defaults',
  help: `Usage: product-docs init [--dir <folder>]

Writes a commented .product-docs.yaml with every default. Never overwrites.

Exit codes: 0 written, 1 not written (the file exists or cannot be written), 2 usage error.
`,
  async run(argv, io) {
    const args = argsOrHelp(this, argv, io, ['dir']);
    if (!args) return 0;
    if (args.positionals.length > 0) throw new UsageError(`init takes no paths; use --dir ${args.positionals[0]}.`);
    const file = join(resolve(io.cwd, stringOption(args, 'dir') ?? '.'), CONFIG_FILE_NAME);
    try {
      await io.fs.writeFile(file, configTemplate(), { exclusive: true });
    } catch (error) {
      io.stderr(io.fs.isAlreadyExists(error) ? `product-docs: ${display(io, file)} already exists; not overwriting it.\n` : `product-docs: cannot write ${display(io, file)}: ${io.fs.describeError(error)}.\n`);
      return 1;
    }
    io.stdout(`${display(io, file)}\n`);
    return 0;
  },
};
