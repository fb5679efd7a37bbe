import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, defaultConfig, parseConfig, type ProductDocsConfig } from '../core/config/config';
import { RULE_IDS } from '../core/rules';
import { LineIndex } from '../core/text';
import { DIAGNOSTIC_SOURCE } from './convert';
import { settings, SETTINGS_SECTION } from './settings';

/**
 * The effective config of each workspace folder: its `.product-docs.yaml` (problems shown as
 * diagnostics on that file; the defaults stand in for what is wrong) with the user's settings on top.
 */
export class ConfigService implements vscode.Disposable {
  private readonly configs = new Map<string, ProductDocsConfig>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly problems = vscode.languages.createDiagnosticCollection('productDocs.config');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.problems];
  /** Fires when any folder's config or the settings change. */
  readonly onDidChange = this.changed.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const reload = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder && vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME).toString() === uri.toString()) void this.reload(folder);
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reload),
      watcher.onDidChange(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.loadAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SETTINGS_SECTION)) void this.loadAll();
      }),
    );
  }

  /** Loads every folder's config; call once after construction. */
  async loadAll(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    // Each folder's config is replaced when its new one is read, so lint never sees a gap.
    await Promise.all(folders.map((folder) => this.load(folder)));
    const current = new Set(folders.map((folder) => folder.uri.toString()));
    for (const key of [...this.configs.keys()]) if (!current.has(key)) this.configs.delete(key);
    this.changed.fire();
  }

  /** The config for a file: its workspace folder's, or the defaults outside any folder. */
  configFor(uri: vscode.Uri): ProductDocsConfig {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return (folder && this.configs.get(folder.uri.toString())) ?? this.withSettings(defaultConfig());
  }

  configFile(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async reload(folder: vscode.WorkspaceFolder): Promise<void> {
    await this.load(folder);
    this.changed.fire();
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<void> {
    const file = this.configFile(folder);
    let text: string | undefined;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      text = undefined; // no config file: the defaults
    }
    if (text === undefined) {
      this.problems.delete(file);
      this.configs.set(folder.uri.toString(), this.withSettings(defaultConfig()));
      return;
    }
    const { config, problems } = parseConfig(text, RULE_IDS);
    const lines = new LineIndex(text);
    this.problems.set(
      file,
      problems.map((problem) => {
        const start = lines.positionAt(problem.start);
        const end = lines.positionAt(problem.end);
        const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), problem.message, problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = 'invalid-config';
        return diagnostic;
      }),
    );
    this.configs.set(folder.uri.toString(), this.withSettings(config));
  }

  private withSettings(config: ProductDocsConfig): ProductDocsConfig {
    const user = settings();
    // A docsFolder the user set explicitly wins over the config file's; the default does not.
    const docsFolderSetting = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<string>('docsFolder');
    const userSetDocsFolder = [docsFolderSetting?.globalValue, docsFolderSetting?.workspaceValue, docsFolderSetting?.workspaceFolderValue].some((v) => v !== undefined);
    return { ...config, docsFolder: userSetDocsFolder ? user.docsFolder : config.docsFolder, severities: { ...config.severities, ...user.severities } };
  }
}
