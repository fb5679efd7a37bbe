import * as vscode from 'vscode';
import type { ProductDocsConfig } from '../core/config/config';
import { isIncludedPath } from '../core/config/glob';
import type { Finding } from '../core/findings';
import type { RoadmapItem } from '../core/roadmap/items';
import { folderRules, readMarkdownFile, walkMarkdown, type Skipped } from '../core/workspace/markdown-files';
import { IS_A_FOLDER, LINK_LOOP, LINK_TO_FOLDER } from '../core/workspace/read-policy';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import { isMarkdownFileName, isUnderSkippedFolder } from '../core/workspace/workspace-port';
import type { ConfigService } from './config-service';
import type { DocumentAnalyses } from './document-analysis';
import type { EditorPorts } from './workspace-ports';

/** How long file events are gathered before the model updates: a burst becomes one update. */
const COALESCE_MS = 150;
/** Files read between yields to the extension host while scanning. */
const SCAN_BATCH = 200;
/** How long the background lint runs before it yields to the extension host. */
const LINT_SLICE_MS = 15;

/** A roadmap item with the file it came from. */
export interface ModelItem {
  item: RoadmapItem;
  uri: vscode.Uri;
}

/** Why a file was not indexed, for the "skipped" notice. */
export interface SkippedFile {
  uri: vscode.Uri;
  reason: string;
}

/**
 * Every product document of the workspace, kept current from the file system and from unsaved
 * edits. Listing and reading go through the workspace port (core's walk and read policy, the same
 * as the CLI's): Node's fs for `file:` URIs, `workspace.fs` for every other scheme, so remote and
 * virtual workspaces work. One changed file re-reads one file; bursts of changes are coalesced into
 * one update.
 */
export class WorkspaceModel implements vscode.Disposable {
  private readonly indexes = new Map<string, WorkspaceIndex>();
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly pending = new Map<string, vscode.Uri>();
  private readonly pendingFolders = new Map<string, vscode.Uri>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> | undefined;
  private scanGeneration = 0;
  private readonly linted = new vscode.EventEmitter<void>();
  private linting: Promise<void> | undefined;
  readonly skipped = new Map<string, SkippedFile>();
  /** Fires after the items changed (their findings may not be linted yet). */
  readonly onDidChange = this.changed.event;
  /** Fires after findings were linted in the background, following an update. */
  readonly onDidLint = this.linted.event;

  constructor(
    private readonly configs: ConfigService,
    private readonly analyses: DocumentAnalyses,
    private readonly log: vscode.LogOutputChannel,
    private readonly ports: EditorPorts,
  ) {
    // One watcher for everything: a glob cannot say "markdown in any case". Folders created or
    // deleted with their contents (a checkout, an unzip, `rm -r`) may be reported as one folder
    // event, without an event per markdown file inside: those are looked into.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const onEvent = (uri: vscode.Uri, kind: 'created or deleted' | 'changed') => {
      if (isUnderSkippedFolder(uri.path)) return;
      if (isMarkdownPath(uri)) this.queue(uri);
      else if (kind === 'created or deleted') this.queue(uri, 'folder');
    };
    this.disposables.push(
      this.linted,
      watcher,
      watcher.onDidCreate((uri) => onEvent(uri, 'created or deleted')),
      watcher.onDidChange((uri) => onEvent(uri, 'changed')),
      watcher.onDidDelete((uri) => onEvent(uri, 'created or deleted')),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.isTracked(event.document) && event.contentChanges.length > 0) this.queue(event.document.uri);
      }),
      // Closing a dirty document drops its unsaved text: read the file again.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.isTracked(document)) this.queue(document.uri);
      }),
      configs.onDidChange(() => void this.rescan()),
    );
  }

  /** Scans the workspace once; later calls wait for the same scan. */
  ensureScanned(): Promise<void> {
    this.scanning ??= this.scan();
    return this.scanning;
  }

  /** Forgets everything and scans again (config changed, or the user asked). */
  rescan(): Promise<void> {
    if (!this.scanning) return Promise.resolve();
    this.scanning = this.scan();
    return this.scanning;
  }

  items(): ModelItem[] {
    const result: ModelItem[] = [];
    for (const index of this.indexes.values()) {
      for (const [key, file] of index.entries()) {
        const uri = this.uris.get(key);
        if (file.item && uri) result.push({ item: file.item, uri });
      }
    }
    return result;
  }

  /**
   * Every product document with its findings, for the Problems panel's workspace-wide mode:
   * undefined for one the background lint has not reached yet (onDidLint follows).
   */
  *findings(): Generator<[vscode.Uri, Finding[] | undefined]> {
    for (const index of this.indexes.values()) {
      for (const [key, file] of index.entries()) {
        const uri = this.uris.get(key);
        if (uri && file.isProductDocument) yield [uri, index.lintedFindings(key)];
      }
    }
  }

  /** How many findings a document has, linting it now if needed. */
  problemsOf(uri: vscode.Uri): number {
    return this.indexes.get(folderKey(uri))?.findings(uri.toString())?.length ?? 0;
  }

  /** How many findings a document has if it was linted already; undefined while it waits. */
  lintedProblemsOf(uri: vscode.Uri): number | undefined {
    return this.indexes.get(folderKey(uri))?.lintedFindings(uri.toString())?.length;
  }

  /**
   * Lints every product document whose findings were not asked for yet, yielding to the extension
   * host every few milliseconds (a batch of large documents must not freeze it), and fires
   * onDidLint when done; resolves then. Scans and updates start it once the items are shown.
   */
  lintAll(): Promise<void> {
    // `finally` runs after the assignment, even when there was nothing to lint.
    this.linting ??= this.lintWaiting().finally(() => (this.linting = undefined));
    return this.linting;
  }

  private async lintWaiting(): Promise<void> {
    let any = false;
    for (let waiting = this.waitingForLint(); waiting.length > 0; waiting = this.waitingForLint()) {
      const generation = this.scanGeneration;
      let sliceStart = performance.now();
      for (const [index, key] of waiting) {
        if (generation !== this.scanGeneration) break; // a rescan replaced these indexes
        index.findings(key);
        if (performance.now() - sliceStart >= LINT_SLICE_MS) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          sliceStart = performance.now();
        }
      }
      any = true;
    }
    if (any) this.linted.fire();
  }

  private waitingForLint(): [WorkspaceIndex, string][] {
    const waiting: [WorkspaceIndex, string][] = [];
    for (const index of this.indexes.values()) {
      for (const [key, file] of index.entries()) if (file.isProductDocument && !index.lintedFindings(key)) waiting.push([index, key]);
    }
    return waiting;
  }

  /** Applies queued changes now instead of after the coalescing delay (used by commands and tests). */
  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const folders = [...this.pendingFolders.values()];
    this.pendingFolders.clear();
    for (const uri of await this.markdownUnder(folders)) this.pending.set(uri.toString(), uri);
    if (this.pending.size === 0) return;
    const uris = [...this.pending.values()];
    this.pending.clear();
    let anyChanged = false;
    for (let i = 0; i < uris.length; i += SCAN_BATCH) {
      const changed = await Promise.all(uris.slice(i, i + SCAN_BATCH).map((uri) => this.refresh(uri)));
      anyChanged = changed.includes(true) || anyChanged;
    }
    if (anyChanged) {
      this.changed.fire();
      void this.lintAll();
    }
  }

  /** Markdown files in created folders (found on disk) and in deleted ones (known to the index). */
  private async markdownUnder(folders: vscode.Uri[]): Promise<vscode.Uri[]> {
    const found: vscode.Uri[] = [];
    for (const folder of folders) {
      const prefix = `${folder.toString()}/`;
      for (const [key, uri] of this.uris) if (key.startsWith(prefix)) found.push(uri); // deleted folder
      try {
        if ((await this.ports.for(folder).stat(folder)).kind !== 'folder') continue;
      } catch {
        continue; // gone: its files were collected above
      }
      for await (const uri of this.walk(folder)) found.push(uri);
    }
    return found;
  }

  /** The markdown files under a folder of the workspace, as its config includes them. */
  private walk(folder: vscode.Uri): AsyncGenerator<vscode.Uri> {
    const port = this.ports.for(folder);
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(folder);
    const root = workspaceFolder?.uri ?? folder;
    const rules = folderRules(port, root, this.configs.configFor(folder));
    return walkMarkdown(port, folder, () => rules, (skipped) => this.walkSkipped(skipped));
  }

  /** A pipe or a broken link counts as skipped, as a binary file does; a link to a folder is only logged. */
  private walkSkipped({ location, reason, unreadable }: Skipped<vscode.Uri>): void {
    const asFile = !unreadable && reason !== LINK_TO_FOLDER && reason !== LINK_LOOP;
    if (asFile) this.skip(location, reason);
    else this.log.info(`Not scanned: ${vscode.workspace.asRelativePath(location)} ${reason}.`);
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const d of this.disposables) d.dispose();
  }

  private isTracked(document: vscode.TextDocument): boolean {
    return document.languageId === 'markdown' && document.uri.scheme !== 'git' && document.uri.scheme !== 'output';
  }

  private queue(uri: vscode.Uri, kind: 'file' | 'folder' = 'file'): void {
    if (!this.scanning) return; // nothing indexed yet: the scan will read it
    (kind === 'file' ? this.pending : this.pendingFolders).set(uri.toString(), uri);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => void this.flush(), COALESCE_MS);
  }

  private async scan(): Promise<void> {
    const generation = ++this.scanGeneration;
    this.indexes.clear();
    this.uris.clear();
    this.skipped.clear();
    // The first scan may be asked for before the configs are read: it walks by the workspace's own.
    await this.configs.ready;
    if (generation !== this.scanGeneration) return;
    const uris: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) for await (const uri of this.walk(folder.uri)) uris.push(uri);
    for (let i = 0; i < uris.length; i += SCAN_BATCH) {
      if (generation !== this.scanGeneration) return; // a newer scan took over
      await Promise.all(uris.slice(i, i + SCAN_BATCH).map((uri) => this.refresh(uri)));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    this.changed.fire();
    void this.lintAll();
  }

  /** Re-reads one file (from its open document when it has one) into its folder's index. */
  private async refresh(uri: vscode.Uri): Promise<boolean> {
    const key = uri.toString();
    const config = this.configs.configFor(uri);
    const index = this.indexFor(uri, config);
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri);
    const path = workspaceFolder ? this.ports.for(uri).relative(workspaceFolder.uri, uri) : vscode.workspace.asRelativePath(uri, false);
    if (!isIncludedPath(path, config)) return index.remove(key);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
    // VS Code may hold a saved document for a while after its file is deleted: the file decides then.
    const open = document && (document.isDirty || (await this.exists(uri))) ? document : undefined;
    const text = open ? open.getText() : await this.readFile(uri, config);
    if (text === undefined) {
      this.uris.delete(key);
      return index.remove(key);
    }
    this.uris.set(key, uri);
    // An open document's analysis is shared with its diagnostics: one lint per version, not two.
    return index.update(key, text, path, open && (() => this.analyses.analysisOf(open)));
  }

  private indexFor(uri: vscode.Uri, config: ProductDocsConfig): WorkspaceIndex {
    const folder = folderKey(uri);
    let index = this.indexes.get(folder);
    if (!index) this.indexes.set(folder, (index = new WorkspaceIndex(config)));
    return index;
  }

  /** The file's text; undefined when it is gone, unreadable or skipped (core's read policy, as in the CLI). */
  private async readFile(uri: vscode.Uri, config: ProductDocsConfig): Promise<string | undefined> {
    const read = await readMarkdownFile(this.ports.for(uri), uri, config.maxFileSize);
    if (read.ok) {
      this.skipped.delete(uri.toString());
      return read.text;
    }
    // Deleted or unreadable, or a folder named x.md: it leaves the index without a notice.
    if (read.unreadable || read.reason === IS_A_FOLDER) return undefined;
    return this.skip(uri, read.reason);
  }

  private async exists(uri: vscode.Uri): Promise<boolean> {
    try {
      await this.ports.for(uri).stat(uri);
      return true;
    } catch {
      return false;
    }
  }

  private skip(uri: vscode.Uri, reason: string): undefined {
    if (!this.skipped.has(uri.toString())) this.log.warn(`Skipped ${vscode.workspace.asRelativePath(uri)}: it ${reason}.`);
    this.skipped.set(uri.toString(), { uri, reason });
    return undefined;
  }
}

/** Each workspace folder has its own index (and config); files outside any folder share one. */
function folderKey(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
}

function isMarkdownPath(uri: vscode.Uri): boolean {
  return isMarkdownFileName(uri.path.slice(uri.path.lastIndexOf('/') + 1));
}
