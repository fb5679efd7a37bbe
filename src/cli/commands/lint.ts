import { version } from '../../../package.json';
import { choice } from '../args';
import { analysePaths, locatorFor, pathsOf } from '../analyse';
import { formatReports, LINT_FORMATS } from '../formats';
import { argsOrHelp, CONFIG_OPTION_HELP, type Command } from './command';

/** `product-docs lint`: checks product documents and prints the findings in a format. */
export const lintCommand: Command = {
  name: 'lint',
  synopsis: 'lint [paths...]',
  summary: 'Check product documents (default: the current folder)',
  help: `Usage: product-docs lint [paths...] [options]

Checks every product document (markdown with "type:" front matter) under the paths. Folders are
walked for markdown files (.md or .markdown, any case) that the config's include globs match,
skipping node_modules, .git and the config's excludes; links to folders are not followed.

Options:
  --format <f>     text (default), json, sarif or github (workflow annotations)
  --fix            Apply every available fix (insert missing sections and fields, correct
                   invalid values) to the files, then report what is left
${CONFIG_OPTION_HELP}

Exit codes: 0 no errors, 1 errors found, 2 usage error or unreadable path.
`,
  async run(argv, io) {
    const args = argsOrHelp(this, argv, io, ['format', 'config'], ['fix']);
    if (!args) return 0;
    const format = choice(args, 'format', LINT_FORMATS, 'text');
    const { reports, incomplete } = await analysePaths(pathsOf(args), await locatorFor(args, io), io, args.options.get('fix') === true);
    io.stdout(formatReports(reports, format, { version, cwd: io.cwd }));
    if (incomplete) return 2;
    return reports.some((r) => r.severity === 'error') ? 1 : 0;
  },
};
