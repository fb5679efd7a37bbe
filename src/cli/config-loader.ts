import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, defaultConfig, parseConfig, type ConfigProblem, type ProductDocsConfig } from '../core/config';
import { RULE_IDS } from '../core/rules';
import { LineIndex } from '../core/text';

/** The config that governs a path, with the folder it is relative to. */
export interface Workspace {
  /** The folder holding the config file, or the start folder when there is none. */
  root: string;
  configFile: string | undefined;
  config: ProductDocsConfig;
  problems: LocatedProblem[];
}

export interface LocatedProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** Finds configs by looking upward from each path, reading each config file once. */
export class WorkspaceLocator {
  private readonly byFolder = new Map<string, Workspace>();

  constructor(private readonly explicitConfig: string | undefined, private readonly fallbackRoot: string) {}

  forPath(path: string): Workspace {
    const absolute = resolve(path);
    if (this.explicitConfig) return this.load(resolve(this.explicitConfig), dirname(resolve(this.explicitConfig)));
    let folder = isDirectory(absolute) ? absolute : dirname(absolute);
    for (;;) {
      const candidate = join(folder, CONFIG_FILE_NAME);
      if (existsSync(candidate)) return this.load(candidate, folder);
      const parent = dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
    return this.cached(this.fallbackRoot, () => ({ root: this.fallbackRoot, configFile: undefined, config: defaultConfig(), problems: [] }));
  }

  /** Every workspace loaded so far. */
  all(): Workspace[] {
    return [...new Set(this.byFolder.values())];
  }

  private load(file: string, root: string): Workspace {
    return this.cached(file, () => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        const problem = { file, line: 1, column: 1, endLine: 1, endColumn: 1, message: `The config cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); using the defaults.` };
        return { root, configFile: file, config: defaultConfig(), problems: [problem] };
      }
      const { config, problems } = parseConfig(text, RULE_IDS);
      return { root, configFile: file, config, problems: problems.map((p) => locate(file, text, p)) };
    });
  }

  private cached(key: string, load: () => Workspace): Workspace {
    let workspace = this.byFolder.get(key);
    if (!workspace) this.byFolder.set(key, (workspace = load()));
    return workspace;
  }
}

function locate(file: string, text: string, problem: ConfigProblem): LocatedProblem {
  const lines = new LineIndex(text);
  const start = lines.positionAt(problem.start);
  const end = lines.positionAt(problem.end);
  return { file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, message: problem.message };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
