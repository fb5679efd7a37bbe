import { join, resolve } from 'node:path';
import { findType } from '../../core/config/classify-document';
import { localIsoDate } from '../../core/front-matter/field-values';
import { renderNewDocument, slugify, workspaceTemplatePath } from '../../core/templates';
import { freeDocumentFileName } from '../../core/workspace/document-name';
import { stringOption, UsageError } from '../args';
import { configReports, locatorFor, warnConfigProblems } from '../analyse';
import { display, type Io } from '../io';
import { argsOrHelp, CONFIG_OPTION_HELP, type Command } from './command';

/** A template larger than this is not a template. */
const TEMPLATE_SIZE_LIMIT = 1024 * 1024;

/** `product-docs new`: writes a new document from its type's template, never over an existing file. */
export const newCommand: Command = {
  name: 'new',
  synopsis: 'new <type>',
  summary: 'Write a new document from its template',
  help: `Usage: product-docs new <type> --title "..." [options]

Writes <dir>/<slug>.md from the type's template (.product-docs/templates/<type>.md in the
workspace when present, with {{title}}, {{date}}, {{owner}} and {{slug}} filled in) and prints its
path. Never overwrites: when <slug>.md exists, the next free name is taken (<slug>-2.md,
<slug>-3.md...), as the editor's New Document commands do.

Options:
  --title <text>   The document title (required)
  --dir <folder>   Where to write it (default: docsFolder from the config, "docs")
  --owner <name>   Owner (default: git config user.name)
${CONFIG_OPTION_HELP}

Exit codes: 0 written, 1 not written (it cannot be written), 2 usage error.
`,
  async run(argv, io) {
    const args = argsOrHelp(this, argv, io, ['title', 'dir', 'owner', 'config']);
    if (!args) return 0;
    const [typeName, ...extra] = args.positionals;
    if (!typeName || extra.length > 0) throw new UsageError('Name one document type, e.g. product-docs new prd --title "Checkout v2".');
    const dirOption = stringOption(args, 'dir');
    const locator = await locatorFor(args, io);
    // The document follows the config of the folder it is written to.
    const workspace = dirOption === undefined ? await locator.forFolder(io.cwd) : await locator.forPath(resolve(io.cwd, dirOption));
    warnConfigProblems(io, configReports(io, workspace));
    const type = findType(workspace.config, typeName);
    if (!type) throw new UsageError(`Unknown document type "${typeName}". Known types: ${workspace.config.types.map((t) => t.id).join(', ')}.`);
    const title = stringOption(args, 'title')?.trim();
    if (!title) throw new UsageError('--title is required.');
    const dir = dirOption === undefined ? resolve(workspace.root, workspace.config.docsFolder) : resolve(io.cwd, dirOption);
    const values = { title, owner: stringOption(args, 'owner') ?? io.gitUserName(io.cwd), date: localIsoDate(io.now()) };
    const templateFile = join(workspace.root, ...workspaceTemplatePath(type.id));
    const template = await readTemplate(io, templateFile);
    if (!template.ok) {
      io.stderr(`product-docs: cannot read the template ${display(io, templateFile)}: ${template.reason}.\n`);
      return 1;
    }
    const text = renderNewDocument(type, values, template.text);
    const written = await writeNewDocument(io, dir, slugify(title), text);
    if (!written.ok) {
      io.stderr(`product-docs: cannot write ${display(io, written.file)}: ${written.reason}.\n`);
      return 1;
    }
    io.stdout(`${display(io, written.file)}\n`);
    return 0;
  },
};

async function readTemplate(io: Io, file: string): Promise<{ ok: true; text: string | undefined } | { ok: false; reason: string }> {
  try {
    const outcome = await io.fs.read(file, TEMPLATE_SIZE_LIMIT);
    if (outcome.kind === 'file' && outcome.bytes) return { ok: true, text: new TextDecoder().decode(outcome.bytes) };
    return { ok: false, reason: outcome.kind === 'folder' ? 'it is a folder' : outcome.kind === 'other' ? 'it is not a regular file' : 'it is larger than 1 MB' };
  } catch (error) {
    if (io.fs.isNotFound(error)) return { ok: true, text: undefined }; // none: the built-in template
    return { ok: false, reason: io.fs.describeError(error) };
  }
}

/** Writes `<slug>.md` or the next free name in `dir`; a name taken between the look and the write moves on to the next. */
async function writeNewDocument(io: Io, dir: string, slug: string, text: string): Promise<{ ok: true; file: string } | { ok: false; file: string; reason: string }> {
  let file = join(dir, `${slug}.md`);
  try {
    await io.fs.createFolder(dir);
    for (let attempt = 0; attempt < 3; attempt++) {
      const name = await freeDocumentFileName(slug, async (candidate) => {
        try {
          await io.fs.stat(join(dir, candidate));
          return true;
        } catch (error) {
          return !io.fs.isNotFound(error);
        }
      });
      if (name === undefined) return { ok: false, file, reason: 'every name up to -10000 is taken' };
      file = join(dir, name);
      try {
        await io.fs.writeFile(file, text, { exclusive: true });
        return { ok: true, file };
      } catch (error) {
        if (!io.fs.isAlreadyExists(error)) throw error;
      }
    }
    return { ok: false, file, reason: 'its name kept being taken while it was written' };
  } catch (error) {
    return { ok: false, file, reason: io.fs.describeError(error) };
  }
}
