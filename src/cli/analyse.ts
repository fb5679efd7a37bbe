// What lint and roadmap share: finding the files under the paths, reading and analysing each once,
// and the config problems met on the way.
import { dirname, resolve } from 'node:path';
import { fixAll } from '../core/fix-all';
import type { LintedItem } from '../core/roadmap/items';
import { ConfigLocator, type WorkspaceConfig } from '../core/workspace/config-discovery';
import { folderRules, readMarkdownFile, walkMarkdown, type FolderRules, type Skipped } from '../core/workspace/markdown-files';
import { analyze } from '../core/workspace/workspace-index';
import { stringOption, UsageError, type ParsedArgs } from './args';
import { CONFIG_RULE, toReport, type Report } from './formats';
import { display, type Io } from './io';

/** Below this many files a run is quick enough that a progress line would only flicker. */
const PROGRESS_MIN_FILES = 500;
const PROGRESS_EVERY = 100;

/** The paths named on the command line, or the current folder. */
export function pathsOf(args: ParsedArgs): string[] {
  return args.positionals.length > 0 ? args.positionals : ['.'];
}

/** One locator per run: --config, or the nearest .product-docs.yaml above each path. */
export async function locatorFor(args: ParsedArgs, io: Io): Promise<ConfigLocator<string>> {
  const configOption = stringOption(args, 'config');
  if (configOption === undefined) return new ConfigLocator(io.fs, io.cwd);
  const file = resolve(io.cwd, configOption);
  let isFile = false;
  try {
    isFile = (await io.fs.stat(file)).kind === 'file';
  } catch {
    // reported below
  }
  if (!isFile) throw new UsageError(`Config file not found: ${configOption}`);
  return new ConfigLocator(io.fs, io.cwd, file);
}

export interface Analysed {
  reports: Report[];
  items: LintedItem[];
  /** A path was missing or a file could not be read: the result does not cover everything asked. */
  incomplete: boolean;
}

/** Walks the paths, reads and analyses (with `fix`, fixes) every markdown file once, for lint and roadmap alike. */
export async function analysePaths(paths: readonly string[], locator: ConfigLocator<string>, io: Io, fix = false): Promise<Analysed> {
  const reports: Report[] = [];
  const items: LintedItem[] = [];
  const progress = progressLine(io);
  let incomplete = false;
  const notice = (line: string) => {
    progress.clear();
    io.stderr(line);
  };
  const skip = ({ location, reason, unreadable }: Skipped<string>) => {
    incomplete ||= unreadable;
    notice(`product-docs: skipped ${display(io, location)}: ${reason}\n`);
  };
  const rulesByWorkspace = new Map<WorkspaceConfig<string>, FolderRules<string>>();
  const rulesFor = async (folder: string) => {
    const workspace = await locator.forFolder(folder);
    let rules = rulesByWorkspace.get(workspace);
    if (!rules) rulesByWorkspace.set(workspace, (rules = folderRules(io.fs, workspace.root, workspace.config)));
    return rules;
  };

  const files = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(io.cwd, path);
    let isFolder: boolean;
    try {
      isFolder = (await io.fs.stat(absolute)).kind === 'folder';
    } catch (error) {
      skip({ location: absolute, reason: io.fs.describeError(error), unreadable: true });
      continue;
    }
    // A file named on the command line is linted whatever the globs say; the read refuses pipes.
    if (!isFolder) files.add(absolute);
    else {
      for await (const file of walkMarkdown(io.fs, absolute, rulesFor, skip)) {
        files.add(file);
        if (files.size % 1000 === 0) progress.show(`found ${files.size} files`);
      }
    }
  }

  const list = [...files];
  for (let i = 0; i < list.length; i++) {
    if (i % PROGRESS_EVERY === 0 && list.length >= PROGRESS_MIN_FILES) progress.show(`${i}/${list.length} files`);
    const file = list[i]!;
    const workspace = await locator.forFolder(dirname(file));
    const read = await readMarkdownFile(io.fs, file, workspace.config.maxFileSize);
    const shown = display(io, file);
    if (!read.ok) {
      incomplete ||= read.unreadable;
      notice(`product-docs: skipped ${shown}: ${read.reason}\n`);
      continue;
    }
    if (!read.validUtf8) notice(`product-docs: ${shown} is not valid UTF-8; its invalid bytes were read as U+FFFD.\n`);
    const path = io.fs.relative(workspace.root, file);
    let analysis = analyze(read.text, path, workspace.config);
    // Invalid UTF-8 was decoded lossily: writing it back would destroy bytes, so it is never fixed.
    if (fix && read.validUtf8 && analysis.findings.some((f) => f.fix)) {
      const bom = analysis.doc.hasBom ? '\uFEFF' : '';
      const fixed = fixAll(analysis.doc.text, (text) => analyze(text, path, workspace.config).findings);
      if (fixed !== analysis.doc.text) {
        await io.fs.writeFile(file, bom + fixed);
        analysis = analyze(bom + fixed, path, workspace.config);
        notice(`product-docs: fixed ${shown}\n`);
      }
    }
    for (const finding of analysis.findings) reports.push(toReport(shown, finding)); // not push(...): a file can have 300,000
    if (analysis.item) items.push({ ...analysis.item, file: shown, problems: analysis.findings.length });
  }
  progress.clear();

  const problems = locator.loaded().flatMap((workspace) => configReports(io, workspace));
  return { reports: [...problems, ...reports], items, incomplete };
}

/** A config's problems as reports on its file, 1-based like every report. */
export function configReports(io: Io, workspace: WorkspaceConfig<string>): Report[] {
  const file = workspace.configFile;
  if (file === undefined) return [];
  return workspace.problems.map(({ range, message, severity }) => ({
    file: display(io, file),
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
    severity: severity ?? 'error',
    rule: CONFIG_RULE,
    message, // core's message says what stands in
  }));
}

/** Config problems for commands whose output is not a findings list: on stderr, one per line. */
export function warnConfigProblems(io: Io, reports: readonly Report[]): void {
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
