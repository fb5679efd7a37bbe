import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, defaultConfig, parseConfig, type ConfigProblem, type ProductDocsConfig } from '../core/config/config';
import { RULE_IDS } from '../core/rules';
import { LineIndex } from '../core/text';

/** The config that governs a path, with the folder it is relative to. */
export interface Workspace {
  /** Globs, docsFolder and templates are relative to it: the config's folder, or the current folder for --config or no config. */
  root: string;
  configFile: string | undefined;
  config: ProductDocsConfig;
  problems: LocatedProblem[];
}

/** A config problem with 1-based line and column, as the CLI prints it. */
export interface LocatedProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  severity?: 'warning';
}

/**
 * Finds the config governing each path by looking upward for `.product-docs.yaml` (or uses the one
 * given with --config), reading each config file once and each folder's answer once.
 */
export class WorkspaceLocator {
  private readonly byConfigFile = new Map<string, Workspace>();
  private readonly byFolder = new Map<string, Workspace>();
  private readonly explicitConfig: string | undefined;
  private fallback: Workspace | undefined;

  /** `explicitConfig` and `fallbackRoot` must be absolute. */
  constructor(explicitConfig: string | undefined, private readonly fallbackRoot: string) {
    this.explicitConfig = explicitConfig && resolve(explicitConfig);
  }

  /** The config file named with --config (absolute), if any: a worker thread builds the same locator from it. */
  get explicitConfigFile(): string | undefined {
    return this.explicitConfig;
  }

  /** The workspace of a file or folder (a folder's own config counts). */
  forPath(path: string): Workspace {
    const absolute = resolve(path);
    return this.forFolder(isDirectory(absolute) ? absolute : dirname(absolute));
  }

  /** The workspace of the files directly inside `folder` (absolute). */
  forFolder(folder: string): Workspace {
    // Like ESLint's --config: a config named on the command line is relative to the current folder,
    // wherever the file itself lives (e.g. .ci/product-docs.yaml).
    if (this.explicitConfig) return this.load(this.explicitConfig, this.fallbackRoot);
    const visited: string[] = [];
    let workspace: Workspace | undefined;
    for (let current = folder; ; ) {
      workspace = this.byFolder.get(current);
      if (workspace) break;
      visited.push(current);
      const candidate = join(current, CONFIG_FILE_NAME);
      if (existsSync(candidate)) {
        workspace = this.load(candidate, current);
        break;
      }
      const parent = dirname(current);
      if (parent === current) {
        workspace = this.fallback ??= { root: this.fallbackRoot, configFile: undefined, config: defaultConfig(), problems: [] };
        break;
      }
      current = parent;
    }
    for (const seen of visited) this.byFolder.set(seen, workspace);
    return workspace;
  }

  /** Every config file loaded so far, in the order they were first needed. */
  loaded(): Workspace[] {
    return [...this.byConfigFile.values()];
  }

  private load(file: string, root: string): Workspace {
    let workspace = this.byConfigFile.get(file);
    if (!workspace) this.byConfigFile.set(file, (workspace = readWorkspace(file, root)));
    return workspace;
  }
}

function readWorkspace(file: string, root: string): Workspace {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const problem = { file, line: 1, column: 1, endLine: 1, endColumn: 1, message: `The config cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).` };
    return { root, configFile: file, config: defaultConfig(), problems: [problem] };
  }
  const { config, problems } = parseConfig(text, RULE_IDS);
  const lines = new LineIndex(text);
  return { root, configFile: file, config, problems: problems.map((p) => locate(file, lines, p)) };
}

function locate(file: string, lines: LineIndex, problem: ConfigProblem): LocatedProblem {
  const start = lines.positionAt(problem.start);
  const end = lines.positionAt(problem.end);
  return { file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, message: problem.message, ...(problem.severity && { severity: problem.severity }) };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
