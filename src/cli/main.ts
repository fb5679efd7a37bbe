import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { version } from '../../package.json';
import { findType } from '../core/classify';
import { CONFIG_FILE_NAME, GROUPINGS, type Grouping } from '../core/config';
import { configTemplate } from '../core/config-template';
import { EXPORT_FORMATS, itemsAsJson, roadmapAsCsv, roadmapAsMarkdown, roadmapAsMermaid } from '../core/roadmap/export';
import { groupItems } from '../core/roadmap/grouping';
import { isOverdue, type RoadmapItem } from '../core/roadmap/items';
import { fillTemplate, renderDocument, slugify } from '../core/templates';
import { analyze } from '../core/workspace-index';
import { choice, parseArgs, stringOption, UsageError, type ParsedArgs } from './args';
import { WorkspaceLocator } from './config-loader';
import { readMarkdown, toPosix, walkMarkdown } from './files';
import { CONFIG_RULE, formatReports, LINT_FORMATS, toReport, type Report } from './formats';

/** Where the CLI writes; tests pass their own. */
export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress lines are shown only then). */
  interactive: boolean;
}

const HELP: Record<string, string> = {
  main: `product-docs ${version}: templates, roadmap and lint for PRDs, PR/FAQs and lessons-learned reviews.

Usage: product-docs <command> [options]

Commands:
  lint [paths...]      Check product documents (default: the current folder)
  roadmap [paths...]   Print the roadmap built from the documents' front matter
  new <type>           Write a new document from its template
  init                 Write a commented .product-docs.yaml with the defaults

Run "product-docs <command> --help" for a command's options.
`,
  lint: `Usage: product-docs lint [paths...] [options]

Checks every product document (markdown with "type:" front matter) under the paths.

Options:
  --format <f>     text (default), json, sarif or github (workflow annotations)
  --config <file>  Use this config instead of looking upward for .product-docs.yaml

Exit codes: 0 no errors, 1 errors found, 2 usage error or unreadable path.
`,
  roadmap: `Usage: product-docs roadmap [paths...] [options]

Options:
  --format <f>     text (default), json, markdown, csv or mermaid (gantt of dated items)
  --group-by <g>   status, quarter, horizon, owner, theme or type (default from the config)
  --config <file>  Use this config instead of looking upward for .product-docs.yaml
  --today <date>   Date used to mark overdue items, as YYYY-MM-DD (default: today)
`,
  new: `Usage: product-docs new <type> --title "..." [options]

Writes <dir>/<slug>.md from the type's template and prints its path. Never overwrites.

Options:
  --title <text>   The document title (required)
  --dir <folder>   Where to write it (default: docsFolder from the config, "docs")
  --owner <name>   Owner (default: git config user.name)
  --config <file>  Use this config instead of looking upward for .product-docs.yaml
`,
  init: `Usage: product-docs init [--dir <folder>]

Writes a commented .product-docs.yaml with every default. Never overwrites.
`,
};

/** Runs the CLI; returns the exit code. Never throws. */
export function run(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return lintCommand(parseArgs(rest, ['format', 'config']), io);
      case 'roadmap':
        return roadmapCommand(parseArgs(rest, ['format', 'group-by', 'config', 'today']), io);
      case 'new':
        return newCommand(parseArgs(rest, ['title', 'dir', 'owner', 'config']), io);
      case 'init':
        return initCommand(parseArgs(rest, ['dir']), io);
      case '--version':
      case '-v':
        io.stdout(`${version}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(HELP['main']!);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`product-docs: ${error.message}\n${command && HELP[command] ? HELP[command] : 'Run "product-docs --help" for usage.\n'}`);
      return 2;
    }
    io.stderr(`product-docs: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

function helpRequested(args: ParsedArgs, command: string, io: Io): boolean {
  if (args.options.get('help') !== true) return false;
  io.stdout(HELP[command]!);
  return true;
}

interface Analysed {
  reports: Report[];
  items: RoadmapItem[];
  missingPaths: string[];
}

/** Walks the paths, reads and analyses every markdown file once, for lint and roadmap alike. */
function analysePaths(args: ParsedArgs, io: Io): Analysed {
  const paths = args.positionals.length > 0 ? args.positionals : ['.'];
  const configOption = stringOption(args, 'config');
  if (configOption && !existsSync(resolve(io.cwd, configOption))) throw new UsageError(`Config file not found: ${configOption}`);
  const locator = new WorkspaceLocator(configOption && resolve(io.cwd, configOption), io.cwd);
  const reports: Report[] = [];
  const items: RoadmapItem[] = [];
  const missingPaths: string[] = [];
  const files: string[] = [];
  const skip = (path: string, reason: string) => io.stderr(`product-docs: skipped ${display(io, path)}: ${reason}\n`);
  for (const path of paths) {
    const absolute = resolve(io.cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      missingPaths.push(path);
      io.stderr(`product-docs: cannot read ${path}: no such file or folder\n`);
      continue;
    }
    if (!isDirectory) files.push(absolute);
    else {
      const workspace = locator.forPath(absolute);
      for (const file of walkMarkdown(absolute, workspace.root, workspace.config, skip)) files.push(file);
    }
  }
  const progress = io.interactive && files.length >= 500;
  [...new Set(files)].forEach((file, index) => {
    if (progress && index % 250 === 0) io.stderr(`\rproduct-docs: ${index}/${files.length} files`);
    const workspace = locator.forPath(file);
    const read = readMarkdown(file, workspace.config.maxFileSize);
    if (!read.ok) return skip(file, read.reason);
    const analysis = analyze(read.text, toPosix(relative(workspace.root, file)), workspace.config);
    const shown = display(io, file);
    for (const finding of analysis.findings) reports.push(toReport(shown, finding));
    if (analysis.item) items.push({ ...analysis.item, file: shown });
  });
  if (progress) io.stderr(`\r${' '.repeat(60)}\r`);
  for (const workspace of locator.all()) {
    for (const p of workspace.problems) reports.unshift({ ...p, file: display(io, p.file), severity: 'error', rule: CONFIG_RULE, message: `${p.message} (defaults used instead)` });
  }
  return { reports, items, missingPaths };
}

function display(io: Io, path: string): string {
  return toPosix(relative(io.cwd, path)) || '.';
}

function lintCommand(args: ParsedArgs, io: Io): number {
  if (helpRequested(args, 'lint', io)) return 0;
  const format = choice(args, 'format', LINT_FORMATS, 'text');
  const { reports, missingPaths } = analysePaths(args, io);
  io.stdout(formatReports(reports, format, version));
  if (missingPaths.length > 0) return 2;
  return reports.some((r) => r.severity === 'error') ? 1 : 0;
}

const ROADMAP_FORMATS = ['text', 'json', ...EXPORT_FORMATS] as const;

function roadmapCommand(args: ParsedArgs, io: Io): number {
  if (helpRequested(args, 'roadmap', io)) return 0;
  const format = choice(args, 'format', ROADMAP_FORMATS, 'text');
  const today = stringOption(args, 'today') ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError('--today must be a date as YYYY-MM-DD.');
  const { items, missingPaths } = analysePaths(args, io);
  const { config } = new WorkspaceLocator(stringOption(args, 'config') && resolve(io.cwd, stringOption(args, 'config')!), io.cwd).forPath(resolve(io.cwd, args.positionals[0] ?? '.'));
  const groupBy = choice<Grouping>(args, 'group-by', GROUPINGS, config.roadmap.groupBy);
  switch (format) {
    case 'json':
      io.stdout(`${JSON.stringify(itemsAsJson(items, today), null, 2)}\n`);
      break;
    case 'markdown':
      io.stdout(roadmapAsMarkdown(items, groupBy, config, today));
      break;
    case 'csv':
      io.stdout(roadmapAsCsv(items, today));
      break;
    case 'mermaid':
      io.stdout(roadmapAsMermaid(items, groupBy, config));
      break;
    case 'text':
      io.stdout(roadmapAsText(items, groupBy, today, config));
  }
  return missingPaths.length > 0 ? 2 : 0;
}

function roadmapAsText(items: RoadmapItem[], groupBy: Grouping, today: string, config: Parameters<typeof groupItems>[2]): string {
  if (items.length === 0) return 'No roadmap items: no product document with a "status" was found.\n';
  const lines: string[] = [];
  for (const group of groupItems(items, groupBy, config)) {
    lines.push(`${group.label} (${group.items.length})`);
    for (const item of group.items) {
      const details = [item.priority, item.quarter, item.target && `target ${item.target}`, item.owner && `@${item.owner}`, groupBy !== 'status' && item.status].filter(Boolean).join(' · ');
      const marks = [isOverdue(item, today) ? 'OVERDUE' : '', item.problems ? `${item.problems} problem${item.problems === 1 ? '' : 's'}` : ''].filter(Boolean);
      lines.push(`  ${item.title}${details ? `  ${details}` : ''}${marks.length ? `  [${marks.join(', ')}]` : ''}`, `    ${item.file}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

function newCommand(args: ParsedArgs, io: Io): number {
  if (helpRequested(args, 'new', io)) return 0;
  const [typeName, ...extra] = args.positionals;
  if (!typeName || extra.length > 0) throw new UsageError('Name one document type, e.g. "product-docs new prd --title "Checkout v2"".');
  const title = stringOption(args, 'title')?.trim();
  if (!title) throw new UsageError('--title is required.');
  const configOption = stringOption(args, 'config');
  const workspace = new WorkspaceLocator(configOption && resolve(io.cwd, configOption), io.cwd).forPath(io.cwd);
  const type = findType(workspace.config, typeName);
  if (!type) throw new UsageError(`Unknown document type "${typeName}". Known types: ${workspace.config.types.map((t) => t.id).join(', ')}.`);
  const dirOption = stringOption(args, 'dir');
  const dir = dirOption ? resolve(io.cwd, dirOption) : join(workspace.root, workspace.config.docsFolder);
  const file = join(dir, `${slugify(title)}.md`);
  const values = { title, owner: stringOption(args, 'owner') ?? gitUserName(io.cwd), date: new Date().toISOString().slice(0, 10) };
  const templateFile = join(workspace.root, '.product-docs', 'templates', `${type.id}.md`);
  const text = existsSync(templateFile) ? fillTemplate(readFileSync(templateFile, 'utf8'), values) : renderDocument(type, values);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(code === 'EEXIST' ? `product-docs: ${display(io, file)} already exists; not overwriting it. Choose another title or --dir.\n` : `product-docs: cannot write ${display(io, file)} (${code ?? String(error)}).\n`);
    return 1;
  }
  io.stdout(`${display(io, file)}\n`);
  return 0;
}

function initCommand(args: ParsedArgs, io: Io): number {
  if (helpRequested(args, 'init', io)) return 0;
  const file = join(resolve(io.cwd, stringOption(args, 'dir') ?? '.'), CONFIG_FILE_NAME);
  try {
    writeFileSync(file, configTemplate(), { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(code === 'EEXIST' ? `product-docs: ${display(io, file)} already exists; not overwriting it.\n` : `product-docs: cannot write ${display(io, file)} (${code ?? String(error)}).\n`);
    return 1;
  }
  io.stdout(`${display(io, file)}\n`);
  return 0;
}

function gitUserName(cwd: string): string {
  try {
    const result = spawnSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', timeout: 2000 });
    return result.status === 0 ? result.stdout.trim() : '';
  } catch {
    return '';
  }
}
