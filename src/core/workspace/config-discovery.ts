// Which `.product-docs.yaml` governs a path, and what it says, with its problems located: written
// once here for the CLI and the editor, over a workspace port.
import { CONFIG_FILE_NAME, defaultConfig, parseConfig, type ConfigProblem, type ProductDocsConfig } from '../config/config';
import { deepYamlNesting, parseYamlData, withLoneCrAsLf } from '../front-matter/yaml-safety';
import { RULE_IDS } from '../rules';
import { LineIndex, type Range } from '../text';
import { formatBytes, IS_A_FOLDER, NOT_A_REGULAR_FILE } from './read-policy';
import type { WorkspaceReader } from './workspace-port';

/** A config problem with its place as a 0-based range (and the offsets it came from). */
export interface LocatedConfigProblem extends ConfigProblem {
  range: Range;
}

/** The config that governs a folder, with the folder its globs, docsFolder and templates are relative to. */
export interface WorkspaceConfig<L> {
  /** The config's folder, or a fallback root when there is no config (or it was named explicitly). */
  root: L;
  configFile: L | undefined;
  config: ProductDocsConfig;
  problems: LocatedConfigProblem[];
  /**
   * Where the config stops being YAML at all (0-based), when it does: the editor then keeps the
   * last config that parsed instead of dropping every custom type at the first typo.
   */
  syntaxError: Range | undefined;
}

/** Each problem's offsets as a 0-based line and column range in `text`. */
export function locateConfigProblems(text: string, problems: readonly ConfigProblem[]): LocatedConfigProblem[] {
  if (problems.length === 0) return [];
  const lines = new LineIndex(text);
  return problems.map((problem) => ({ ...problem, range: { start: lines.positionAt(problem.start), end: lines.positionAt(problem.end) } }));
}

/** Where a config text stops being YAML (a syntax error or absurd nesting), or undefined when it parses. */
export function configSyntaxError(text: string): Range | undefined {
  const tooDeep = deepYamlNesting(text);
  let offset = tooDeep?.start;
  if (offset === undefined) {
    try {
      offset = parseYamlData(withLoneCrAsLf(text), { prettyErrors: false, stringKeys: true }).errors[0]?.pos[0];
    } catch {
      offset = 0;
    }
  }
  if (offset === undefined) return undefined;
  const at = new LineIndex(text).positionAt(Math.min(offset, text.length));
  return { start: at, end: at };
}

/** Reads and parses a config text; never throws. */
export function configFromText<L>(text: string, root: L, configFile: L | undefined): WorkspaceConfig<L> {
  const { config, problems } = parseConfig(text, RULE_IDS);
  return { root, configFile, config, problems: locateConfigProblems(text, problems), syntaxError: problems.length > 0 ? configSyntaxError(text) : undefined };
}

/** Reads and parses the config file at `file` (its folder is `root`); an unreadable one is a problem, not a failure. */
export async function loadConfigFile<L>(port: WorkspaceReader<L>, file: L, root: L): Promise<WorkspaceConfig<L>> {
  let outcome;
  try {
    outcome = await port.read(file, CONFIG_SIZE_LIMIT);
  } catch (error) {
    return unreadableConfig(root, file, port.describeError(error));
  }
  if (outcome.kind !== 'file') return unreadableConfig(root, file, `it ${outcome.kind === 'folder' ? IS_A_FOLDER : NOT_A_REGULAR_FILE}`);
  if (!outcome.bytes) return unreadableConfig(root, file, `it is larger than ${formatBytes(CONFIG_SIZE_LIMIT)}, far too large for a config`);
  return configFromText(new TextDecoder().decode(outcome.bytes), root, file);
}

function unreadableConfig<L>(root: L, file: L, reason: string): WorkspaceConfig<L> {
  const here = { line: 0, character: 0 };
  const message = `The config cannot be read (${reason}).`;
  return { root, configFile: file, config: defaultConfig(), problems: [{ message, start: 0, end: 0, range: { start: here, end: here } }], syntaxError: undefined };
}

/** A config is a few KB; anything this large is not one, and is not read into memory. */
const CONFIG_SIZE_LIMIT = 16 * 1024 * 1024;

/**
 * The `.product-docs.yaml` governing `folder`: in it or the nearest folder above, stopping after
 * `last` when it returns true for a folder (the editor looks only at the workspace folder's root).
 */
export async function findConfigFile<L>(port: WorkspaceReader<L>, folder: L, last: (folder: L) => boolean = () => false): Promise<L | undefined> {
  for (let current = folder; ; ) {
    const candidate = port.join(current, CONFIG_FILE_NAME);
    if (await anythingAt(port, candidate)) return candidate;
    const parent = port.parent(current);
    if (last(current) || port.key(parent) === port.key(current)) return undefined;
    current = parent;
  }
}

async function anythingAt<L>(port: WorkspaceReader<L>, location: L): Promise<boolean> {
  try {
    await port.stat(location);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the config governing each folder by looking upward (or uses one named explicitly), reading
 * each config file once and answering each folder once: the CLI asks for every file's folder.
 */
export class ConfigLocator<L> {
  private readonly byConfigFile = new Map<string, Promise<WorkspaceConfig<L>>>();
  private readonly byFolder = new Map<string, WorkspaceConfig<L>>();
  private readonly loadedInOrder: WorkspaceConfig<L>[] = [];
  private readonly fallback: WorkspaceConfig<L>;

  /**
   * `fallbackRoot` is the root without a config; an `explicitConfig` is relative to it too (like
   * ESLint's --config: wherever the file lives, e.g. .ci/product-docs.yaml).
   */
  constructor(
    private readonly port: WorkspaceReader<L>,
    private readonly fallbackRoot: L,
    private readonly explicitConfig?: L,
  ) {
    this.fallback = { root: fallbackRoot, configFile: undefined, config: defaultConfig(), problems: [], syntaxError: undefined };
  }

  /** The config of the files directly inside `folder`. */
  async forFolder(folder: L): Promise<WorkspaceConfig<L>> {
    if (this.explicitConfig !== undefined) return this.load(this.explicitConfig, this.fallbackRoot);
    const cached = this.byFolder.get(this.port.key(folder));
    if (cached) return cached;
    const visited: L[] = [];
    let workspace: WorkspaceConfig<L> | undefined;
    for (let current = folder; ; ) {
      workspace = this.byFolder.get(this.port.key(current));
      if (workspace) break;
      visited.push(current);
      const candidate = this.port.join(current, CONFIG_FILE_NAME);
      if (await anythingAt(this.port, candidate)) {
        workspace = await this.load(candidate, current);
        break;
      }
      const parent = this.port.parent(current);
      if (this.port.key(parent) === this.port.key(current)) {
        workspace = this.fallback;
        break;
      }
      current = parent;
    }
    for (const seen of visited) this.byFolder.set(this.port.key(seen), workspace);
    return workspace;
  }

  /** The config of a file or folder (a folder's own config counts). */
  async forPath(location: L): Promise<WorkspaceConfig<L>> {
    let isFolder = false;
    try {
      isFolder = (await this.port.stat(location)).kind === 'folder';
    } catch {
      // missing: its folder's config
    }
    return this.forFolder(isFolder ? location : this.port.parent(location));
  }

  /** Every config file loaded so far, in the order they were first needed. */
  loaded(): WorkspaceConfig<L>[] {
    return [...this.loadedInOrder];
  }

  private load(file: L, root: L): Promise<WorkspaceConfig<L>> {
    const key = this.port.key(file);
    let loading = this.byConfigFile.get(key);
    if (!loading) {
      loading = loadConfigFile(this.port, file, root).then((workspace) => {
        this.loadedInOrder.push(workspace);
        return workspace;
      });
      this.byConfigFile.set(key, loading);
    }
    return loading;
  }
}
