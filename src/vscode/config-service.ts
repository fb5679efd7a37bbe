import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, defaultConfig, type ProductDocsConfig } from '../core/config/config';
import { configFromText, findConfigFile, loadConfigFile, type LocatedConfigProblem, type WorkspaceConfig } from '../core/workspace/config-discovery';
import { DIAGNOSTIC_SOURCE } from './convert';
import { settings, SETTINGS_SECTION } from './settings';
import type { EditorPorts } from './workspace-ports';

/** Typing in the config pauses this long before it is validated again. */
const VALIDATE_DEBOUNCE_MS = 250;

/** A folder's config file that stopped parsing, while its last valid config stays in effect. */
export interface StaleConfig {
  file: vscode.Uri;
  /** 1-based, as people read it. */
  line: number;
}

/**
 * The effective config of each workspace folder: the `.product-docs.yaml` at its root (problems shown
 * as diagnostics on that file; the defaults stand in for what is wrong) with the user's settings on
 * top. A config that is not YAML at all keeps the last valid one in effect, so one typo does not drop
 * every custom type; `stale()` says so. The config is validated as it is typed, applied when saved.
 */
export class ConfigService implements vscode.Disposable {
  private readonly configs = new Map<string, ProductDocsConfig>();
  /** The last config of each folder that parsed, without the settings on top. */
  private readonly lastValid = new Map<string, ProductDocsConfig>();
  private readonly staleByFolder = new Map<string, StaleConfig>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly staleChanged = new vscode.EventEmitter<void>();
  private readonly problems = vscode.languages.createDiagnosticCollection('productDocs.config');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.staleChanged, this.problems];
  /** Fires when any folder's config or the settings change. */
  readonly onDidChange = this.changed.event;
  /** Fires when a folder's config starts or stops being kept from before a syntax error. */
  readonly onDidChangeStale = this.staleChanged.event;
  /**
   * Resolves once every folder's config has been read: commands and providers wait for it, so the
   * first action after start-up never sees the defaults instead of the workspace's config.
   */
  readonly ready: Promise<void>;

  constructor(private readonly ports: EditorPorts) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const reload = (uri: vscode.Uri) => {
      const folder = this.folderOfConfig(uri);
      if (folder) void this.reload(folder);
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reload),
      watcher.onDidChange(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && this.folderOfConfig(event.document.uri)) this.validateSoon(event.document);
      }),
      // Unsaved edits thrown away: the file's own problems again.
      vscode.workspace.onDidCloseTextDocument((document) => {
        const folder = this.folderOfConfig(document.uri);
        if (folder) void this.showFileProblems(folder);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.loadAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SETTINGS_SECTION)) void this.loadAll();
      }),
      { dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) },
    );
    this.ready = this.loadAll();
  }

  /** Loads every folder's config (the constructor does; the settings and folder events again). */
  async loadAll(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    // Each folder's config is replaced when its new one is read, so lint never sees a gap.
    await Promise.all(folders.map((folder) => this.load(folder)));
    const current = new Set(folders.map((folder) => folder.uri.toString()));
    for (const key of [...this.configs.keys()]) {
      if (current.has(key)) continue;
      this.configs.delete(key);
      this.lastValid.delete(key);
      this.staleByFolder.delete(key);
    }
    this.changed.fire();
    this.staleChanged.fire();
  }

  /** The config for a file: its workspace folder's, or the defaults outside any folder. */
  configFor(uri: vscode.Uri): ProductDocsConfig {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return (folder && this.configs.get(folder.uri.toString())) ?? this.withSettings(defaultConfig());
  }

  configFile(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
  }

  /** The folders whose config file has a syntax error while their last valid config stays in effect. */
  stale(): StaleConfig[] {
    return [...this.staleByFolder.values()];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private folderOfConfig(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder && this.configFile(folder).toString() === uri.toString() ? folder : undefined;
  }

  private async reload(folder: vscode.WorkspaceFolder): Promise<void> {
    await this.load(folder);
    this.changed.fire();
    this.staleChanged.fire();
  }

  /** Shows the saved file's problems again, the config in effect unchanged. */
  private async showFileProblems(folder: vscode.WorkspaceFolder): Promise<void> {
    const port = this.ports.for(folder.uri);
    const file = await findConfigFile(port, folder.uri, () => true);
    if (file) this.showProblems(file, (await loadConfigFile(port, file, folder.uri)).problems);
    else this.problems.delete(this.configFile(folder));
  }

  /** Shows the problems of the unsaved text of the config once typing pauses; the saved file stays in effect. */
  private validateSoon(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (document.isClosed) return;
        this.showProblems(document.uri, configFromText(document.getText(), document.uri, document.uri).problems);
      }, VALIDATE_DEBOUNCE_MS),
    );
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const port = this.ports.for(folder.uri);
    // Only the config at the folder's root governs it in the editor (the CLI also looks above).
    const file = await findConfigFile(port, folder.uri, () => true);
    if (!file) {
      this.problems.delete(this.configFile(folder));
      this.lastValid.delete(key);
      this.staleByFolder.delete(key);
      this.configs.set(key, this.withSettings(defaultConfig()));
      return;
    }
    const loaded: WorkspaceConfig<vscode.Uri> = await loadConfigFile(port, file, folder.uri);
    // Unsaved edits of an open config are what its diagnostics describe until they are saved.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString() && d.isDirty);
    this.showProblems(file, open ? configFromText(open.getText(), file, file).problems : loaded.problems);
    const previous = this.lastValid.get(key);
    if (loaded.syntaxError && previous) {
      this.staleByFolder.set(key, { file, line: loaded.syntaxError.start.line + 1 });
      this.configs.set(key, this.withSettings(previous));
      return;
    }
    this.staleByFolder.delete(key);
    if (!loaded.syntaxError) this.lastValid.set(key, loaded.config);
    this.configs.set(key, this.withSettings(loaded.config));
  }

  private showProblems(file: vscode.Uri, problems: readonly LocatedConfigProblem[]): void {
    this.problems.set(
      file,
      problems.map(({ range: { start, end }, message, severity }) => {
        const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), message, severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = 'invalid-config';
        return diagnostic;
      }),
    );
  }

  private withSettings(config: ProductDocsConfig): ProductDocsConfig {
    const user = settings();
    // A docsFolder the user set explicitly wins over the config file's; the default does not.
    const docsFolderSetting = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<string>('docsFolder');
    const userSetDocsFolder = [docsFolderSetting?.globalValue, docsFolderSetting?.workspaceValue, docsFolderSetting?.workspaceFolderValue].some((v) => v !== undefined);
    return { ...config, docsFolder: userSetDocsFolder ? user.docsFolder : config.docsFolder, severities: { ...config.severities, ...user.severities } };
  }
}
