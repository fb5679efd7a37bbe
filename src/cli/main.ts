import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { version } from '../../package.json';
import { findType } from '../core/config/classify-document';
import { fixAll } from '../core/fix-all';
import { CONFIG_FILE_NAME, GROUPINGS, type Grouping, type ProductDocsConfig } from '../core/config/config';
import { configTemplate } from '../core/config/config-template';
import { isValidIsoDate, localIsoDate } from '../core/front-matter/field-values';
import { EXPORT_FORMATS, itemsAsJson, roadmapAsCsv, roadmapAsMarkdown, roadmapAsMermaid } from '../core/roadmap/export';
import { combinedConfig, groupItems, sortItems } from '../core/roadmap/grouping';
import { isOverdue, type LintedItem } from '../core/roadmap/items';
import { renderNewDocument, slugify, workspaceTemplatePath } from '../core/templates';
import { analyze } from '../core/workspace/workspace-index';
import { choice, parseArgs, stringOption, UsageError, type ParsedArgs } from './args';
import { WorkspaceLocator, type LocatedProblem, type Workspace } from './config-loader';
import { describeError, folderRules, readMarkdown, toPosix, walkMarkdown, type FolderRules, type Skipped } from './files';
import { CONFIG_RULE, formatReports, LINT_FORMATS, toReport, type Report } from './formats';
import { analyseInParallel, runWorker, threadsFor, type WorkerJob } from './parallel';

/** Everything the CLI touches outside itself; index.ts wires the process, tests pass their own. */
export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress lines are shown only then). */
  interactive: boolean;
  /** The current time: `new` dates documents with it, `roadmap` marks overdue items against it. */
  now: () => Date;
  /** The script worker threads run (the CLI bundle itself): large runs then use every core. */
  workerScript?: string;
}

/** Below this many files a run is quick enough that a progress line would only flicker. */
const PROGRESS_MIN_FILES = 500;
const PROGRESS_EVERY = 100;

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

Checks every product document (markdown with "type:" front matter) under the paths. Folders are
walked for *.md, skipping node_modules, .git and the config's excludes; links to folders are not
followed.

Options:
  --format <f>     text (default), json, sarif or github (workflow annotations)
  --fix            Apply every available fix (insert missing sections and fields, correct
                   invalid values) to the files, then report what is left
  --config <file>  Use this config instead of looking upward for .product-docs.yaml (its
                   globs and docsFolder are then relative to the current folder)

Exit codes: 0 no errors, 1 errors found, 2 usage error or unreadable path.
`,
  roadmap: `Usage: product-docs roadmap [paths...] [options]

Options:
  --format <f>     text (default), json, markdown, csv or mermaid (gantt of dated items)
  --group-by <g>   status, quarter, horizon, owner, theme or type (default from the config)
  --config <file>  Use this config instead of looking upward for .product-docs.yaml (its
                   globs and docsFolder are then relative to the current folder)
  --today <date>   Date used to mark overdue items, as YYYY-MM-DD (default: today)

Exit codes: 0 printed, 2 usage error or unreadable path.
`,
  new: `Usage: product-docs new <type> --title "..." [options]

Writes <dir>/<slug>.md from the type's template (.product-docs/templates/<type>.md in the
workspace when present, with {{title}}, {{date}}, {{owner}} and {{slug}} filled in) and prints its
path. Never overwrites.

Options:
  --title <text>   The document title (required)
  --dir <folder>   Where to write it (default: docsFolder from the config, "docs")
  --owner <name>   Owner (default: git config user.name)
  --config <file>  Use this config instead of looking upward for .product-docs.yaml (its
                   globs and docsFolder are then relative to the current folder)

Exit codes: 0 written, 1 not written (the file exists or cannot be written), 2 usage error.
`,
  init: `Usage: product-docs init [--dir <folder>]

Writes a commented .product-docs.yaml with every default. Never overwrites.

Exit codes: 0 written, 1 not written (the file exists or cannot be written), 2 usage error.
`,
};

/** Runs the CLI; returns the exit code. Never throws. */
export function run(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return lintCommand(parseArgs(rest, ['format', 'config'], ['fix']), io);
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
      case 'help':
      case '--help':
      case '-h': {
        const topic = rest[0];
        if (topic !== undefined && (topic === 'main' || !HELP[topic])) throw new UsageError(`Unknown command "${topic}".`);
        io.stdout(HELP[topic ?? 'main']!);
        return 0;
      }
      case undefined:
        io.stderr(HELP['main']!);
        return 2;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      const usage = command && command !== 'main' && HELP[command] ? HELP[command] : 'Run "product-docs --help" for usage.\n';
      io.stderr(`product-docs: ${error.message}\n${usage}`);
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

/** One locator per run: --config, or the nearest .product-docs.yaml above each path. */
function locatorFor(args: ParsedArgs, io: Io): WorkspaceLocator {
  const configOption = stringOption(args, 'config');
  if (configOption === undefined) return new WorkspaceLocator(undefined, io.cwd);
  const file = resolve(io.cwd, configOption);
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    // reported below
  }
  if (!isFile) throw new UsageError(`Config file not found: ${configOption}`);
  return new WorkspaceLocator(file, io.cwd);
}

interface Analysed {
  reports: Report[];
  items: LintedItem[];
  /** A path was missing or a file could not be read: the result does not cover everything asked. */
  incomplete: boolean;
}

/** Walks the paths, reads and analyses every markdown file once, for lint and roadmap alike. */
function analysePaths(paths: readonly string[], locator: WorkspaceLocator, io: Io, fix = false): Analysed {
  const reports: Report[] = [];
  const items: LintedItem[] = [];
  const progress = progressLine(io);
  let incomplete = false;
  const skip = ({ path, reason, unreadable }: Skipped) => {
    incomplete ||= unreadable;
    progress.clear();
    io.stderr(`product-docs: skipped ${display(io, path)}: ${reason}\n`);
  };
  const rulesByWorkspace = new Map<Workspace, FolderRules>();
  const rulesFor = (folder: string) => {
    const workspace = locator.forFolder(folder);
    let rules = rulesByWorkspace.get(workspace);
    if (!rules) rulesByWorkspace.set(workspace, (rules = folderRules(workspace.root, workspace.config)));
    return rules;
  };

  const files = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(io.cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (error) {
      skip({ path: absolute, reason: describeError(error), unreadable: true });
      continue;
    }
    // A file named on the command line is linted whatever the globs say; readMarkdown refuses pipes.
    if (!isDirectory) files.add(absolute);
    else {
      for (const file of walkMarkdown(absolute, rulesFor, skip)) {
        files.add(file);
        if (files.size % 1000 === 0) progress.show(`found ${files.size} files`);
      }
    }
  }

  const list = [...files];
  const threads = fix || !io.workerScript ? 1 : threadsFor(list.length);
  const emit = (outcome: FileOutcome) => {
    incomplete ||= outcome.unreadable;
    if (outcome.notices.length > 0) progress.clear();
    for (const notice of outcome.notices) io.stderr(notice);
    for (const report of outcome.reports) reports.push(report); // not push(...): a file can have 300,000
    if (outcome.item) items.push(outcome.item);
  };
  const showProgress = (done: number) => {
    if (list.length >= PROGRESS_MIN_FILES) progress.show(`${done}/${list.length} files`);
  };
  if (threads > 1) {
    // Every workspace a file belongs to is loaded here too, so that its config problems are reported.
    for (const file of list) locator.forFolder(dirname(file));
    const setup: AnalysisSetup = { cwd: io.cwd, configFile: locator.explicitConfigFile };
    const analyse = fileAnalyser(setup, list, locator);
    const outcomes = analyseInParallel({ files: list, threads, script: io.workerScript!, setup, analyse, onProgress: showProgress });
    for (const outcome of outcomes) emit(outcome);
  } else {
    const analyse = fileAnalyser({ cwd: io.cwd, configFile: locator.explicitConfigFile }, list, locator, fix);
    for (let i = 0; i < list.length; i++) {
      if (i % PROGRESS_EVERY === 0) showProgress(i);
      emit(analyse(i));
    }
  }
  progress.clear();

  const configReports = locator.loaded().flatMap((workspace) => workspace.problems.map((p) => configReport(io, p)));
  return { reports: [...configReports, ...reports], items, incomplete };
}

/** What one file gave: its findings as reports, its roadmap item, and notices for stderr. */
interface FileOutcome {
  reports: Report[];
  item: LintedItem | undefined;
  /** Lines for stderr (skipped, not UTF-8, fixed), in order. */
  notices: string[];
  /** The file could not be read (an I/O failure): the run is incomplete. */
  unreadable: boolean;
}

/** What a worker thread needs to analyse files as the main thread does: plain, cloneable data. */
interface AnalysisSetup {
  cwd: string;
  configFile: string | undefined;
}

/** Reads, analyses (and with `fix`, fixes) the file at an index of `files`. */
function fileAnalyser(setup: AnalysisSetup, files: readonly string[], locator = new WorkspaceLocator(setup.configFile, setup.cwd), fix = false): (index: number) => FileOutcome {
  const shown = (path: string) => toPosix(relative(setup.cwd, path)) || '.';
  return (index) => {
    const file = files[index]!;
    const workspace = locator.forFolder(dirname(file));
    const read = readMarkdown(file, workspace.config.maxFileSize);
    if (!read.ok) return { reports: [], item: undefined, notices: [`product-docs: skipped ${shown(file)}: ${read.reason}\n`], unreadable: read.unreadable };
    const notices: string[] = [];
    if (!read.validUtf8) notices.push(`product-docs: ${shown(file)} is not valid UTF-8; its invalid bytes were read as U+FFFD.\n`);
    const path = toPosix(relative(workspace.root, file));
    let analysis = analyze(read.text, path, workspace.config);
    const display = shown(file);
    // Invalid UTF-8 was decoded lossily: writing it back would destroy bytes, so it is never fixed.
    if (fix && read.validUtf8 && analysis.findings.some((f) => f.fix)) {
      const bom = analysis.doc.hasBom ? '\uFEFF' : '';
      const fixed = fixAll(analysis.doc.text, (text) => analyze(text, path, workspace.config).findings);
      if (fixed !== analysis.doc.text) {
        writeFileSync(file, bom + fixed);
        analysis = analyze(bom + fixed, path, workspace.config);
        notices.push(`product-docs: fixed ${display}\n`);
      }
    }
    return {
      reports: analysis.findings.map((finding) => toReport(display, finding)),
      item: analysis.item && { ...analysis.item, file: display, problems: analysis.findings.length },
      notices,
      unreadable: false,
    };
  };
}

/** A worker thread's entry (see index.ts): analyses its share of the files as the main thread does. */
export function runAnalysisWorker(job: WorkerJob<AnalysisSetup>): void {
  runWorker(job, (setup, files) => fileAnalyser(setup, files));
}

function configReport(io: Io, p: LocatedProblem): Report {
  return {
    file: display(io, p.file),
    line: p.line,
    column: p.column,
    endLine: p.endLine,
    endColumn: p.endColumn,
    severity: p.severity ?? 'error',
    rule: CONFIG_RULE,
    message: p.message,
  };
}

/** Config problems for commands whose output is not a findings list: on stderr, one per line. */
function warnConfigProblems(io: Io, reports: readonly Report[]): void {
  for (const r of reports) if (r.rule === CONFIG_RULE) io.stderr(`product-docs: ${r.file}:${r.line}:${r.column}: ${r.message} (${CONFIG_RULE})\n`);
}

/** A self-overwriting status line on stderr, shown only on a terminal. */
function progressLine(io: Io): { show(text: string): void; clear(): void } {
  let shown = false;
  return {
    show(text) {
      if (!io.interactive) return;
      io.stderr(`\rproduct-docs: ${text}\x1b[K`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}

function display(io: Io, path: string): string {
  return toPosix(relative(io.cwd, path)) || '.';
}

function pathsOf(args: ParsedArgs): string[] {
  return args.positionals.length > 0 ? args.positionals : ['.'];
}

function lintCommand(args: ParsedArgs, io: Io): number {
  if (helpRequested(args, 'lint', io)) return 0;
  const format = choice(args, 'format', LINT_FORMATS, 'text');
  const { reports, incomplete } = analysePaths(pathsOf(args), locatorFor(args, io), io, args.options.get('fix') === true);
  io.stdout(formatReports(reports, format, { version, cwd: io.cwd }));
  if (incomplete) return 2;
  return reports.some((r) => r.severity === 'error') ? 1 : 0;
}

const ROADMAP_FORMATS = ['text', 'json', ...EXPORT_FORMATS] as const;

function roadmapCommand(args: ParsedArgs, io: Io): number {
  if (helpRequested(args, 'roadmap', io)) return 0;
  const format = choice(args, 'format', ROADMAP_FORMATS, 'text');
  const groupByOption = args.options.has('group-by') ? choice<Grouping>(args, 'group-by', GROUPINGS, 'status') : undefined;
  const today = stringOption(args, 'today') ?? localIsoDate(io.now());
  if (!isValidIsoDate(today)) throw new UsageError(`--today must be a date as YYYY-MM-DD, not "${today}".`);
  const paths = pathsOf(args);
  const locator = locatorFor(args, io);
  const { reports, items, incomplete } = analysePaths(paths, locator, io);
  warnConfigProblems(io, reports);
  // The grouping comes from the workspace of the first path (or --config); type labels and horizons
  // from every workspace the items came from.
  const first = locator.forPath(resolve(io.cwd, paths[0]!)).config;
  const config = combinedConfig([first, ...locator.loaded().map((workspace) => workspace.config)]);
  const groupBy = groupByOption ?? first.roadmap.groupBy;
  io.stdout(renderRoadmap(format, items, groupBy, config, today));
  return incomplete ? 2 : 0;
}

function renderRoadmap(format: (typeof ROADMAP_FORMATS)[number], items: LintedItem[], groupBy: Grouping, config: ProductDocsConfig, today: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(itemsAsJson(sortItems(items), today, config), null, 2)}\n`;
    case 'markdown':
      return roadmapAsMarkdown(items, groupBy, config, today);
    case 'csv':
      return roadmapAsCsv(sortItems(items), today, config);
    case 'mermaid':
      return roadmapAsMermaid(items, groupBy, config);
    case 'text':
      return roadmapAsText(items, groupBy, today, config);
  }
}

function roadmapAsText(items: LintedItem[], groupBy: Grouping, today: string, config: ProductDocsConfig): string {
  if (items.length === 0) return 'No roadmap items: no product document with a "status" was found.\n';
  const lines: string[] = [];
  for (const group of groupItems(items, groupBy, config)) {
    lines.push(`${group.label} (${group.items.length})`);
    for (const item of group.items) {
      const details = [item.priority, item.quarter, item.target && `target ${item.target}`, item.owner && `@${item.owner}`, groupBy !== 'status' && item.status].filter(Boolean).join(' · ');
      const marks = [isOverdue(item, today, config) ? 'OVERDUE' : '', item.problems ? `${item.problems} problem${item.problems === 1 ? '' : 's'}` : ''].filter(Boolean);
      lines.push(`  ${item.title}${details ? `  ${details}` : ''}${marks.length ? `  [${marks.join(', ')}]` : ''}`, `    ${item.file}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

function newCommand(args: ParsedArgs, io: Io): number {
  if (helpRequested(args, 'new', io)) return 0;
  const [typeName, ...extra] = args.positionals;
  if (!typeName || extra.length > 0) throw new UsageError('Name one document type, e.g. product-docs new prd --title "Checkout v2".');
  const dirOption = stringOption(args, 'dir');
  const locator = locatorFor(args, io);
  // The document follows the config of the folder it is written to.
  const workspace = dirOption === undefined ? locator.forFolder(io.cwd) : locator.forPath(resolve(io.cwd, dirOption));
  warnConfigProblems(io, workspace.problems.map((p) => configReport(io, p)));
  const type = findType(workspace.config, typeName);
  if (!type) throw new UsageError(`Unknown document type "${typeName}". Known types: ${workspace.config.types.map((t) => t.id).join(', ')}.`);
  const title = stringOption(args, 'title')?.trim();
  if (!title) throw new UsageError('--title is required.');
  const dir = dirOption === undefined ? resolve(workspace.root, workspace.config.docsFolder) : resolve(io.cwd, dirOption);
  const file = join(dir, `${slugify(title)}.md`);
  const values = { title, owner: stringOption(args, 'owner') ?? gitUserName(io.cwd), date: localIsoDate(io.now()) };
  const templateFile = join(workspace.root, ...workspaceTemplatePath(type.id));
  let template: string | undefined;
  try {
    template = readFileSync(templateFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      io.stderr(`product-docs: cannot read the template ${display(io, templateFile)}: ${describeError(error)}.\n`);
      return 1;
    }
  }
  const text = renderNewDocument(type, values, template);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(code === 'EEXIST' ? `product-docs: ${display(io, file)} already exists; not overwriting it. Choose another title or --dir.\n` : `product-docs: cannot write ${display(io, file)}: ${describeError(error)}.\n`);
    return 1;
  }
  io.stdout(`${display(io, file)}\n`);
  return 0;
}

function initCommand(args: ParsedArgs, io: Io): number {
  if (helpRequested(args, 'init', io)) return 0;
  if (args.positionals.length > 0) throw new UsageError(`init takes no paths; use --dir ${args.positionals[0]}.`);
  const file = join(resolve(io.cwd, stringOption(args, 'dir') ?? '.'), CONFIG_FILE_NAME);
  try {
    writeFileSync(file, configTemplate(), { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(code === 'EEXIST' ? `product-docs: ${display(io, file)} already exists; not overwriting it.\n` : `product-docs: cannot write ${display(io, file)}: ${describeError(error)}.\n`);
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
