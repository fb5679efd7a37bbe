import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { ProductDocsConfig } from '../core/config/config';
import type { Finding } from '../core/findings';
import type { RoadmapItem } from '../core/roadmap/items';
import { binaryReason, NOT_A_REGULAR_FILE, tooLargeReason } from '../core/workspace/read-policy';
import { isIncludedPath } from '../core/config/glob';
import { WorkspaceIndex } from '../core/workspace/workspace-index';
import type { ConfigService } from './config-service';
import type { DocumentAnalyses } from './document-analysis';

/** How long file events are gathered before the model updates: a burst becomes one update. */
const COALESCE_MS = 150;
/** Files read between yields to the extension host while scanning. */
const SCAN_BATCH = 200;
/** How long the background lint runs before it yields to the extension host. */
const LINT_SLICE_MS = 15;
const MARKDOWN_GLOB = '**/*.{md,MD,markdown}';
const ALWAYS_EXCLUDED = '{**/node_modules/**,**/.git/**}';

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
 * edits. Reads go through `workspace.fs`, so remote and virtual workspaces work. One changed file
 * re-reads one file; bursts of changes are coalesced into one update.
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
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(MARKDOWN_GLOB);
    // Folders created or deleted with their contents (a checkout, an unzip, `rm -r`) may be reported
    // as one folder event, without an event per markdown file inside: those are looked into.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const onFolderEvent = (uri: vscode.Uri) => {
      if (!isMarkdownPath(uri) && !/\/(node_modules|\.git)(\/|$)/.test(uri.path)) this.queue(uri, 'folder');
    };
    this.disposables.push(
      this.linted,
      watcher,
      folders,
      folders.onDidCreate(onFolderEvent),
      folders.onDidDelete(onFolderEvent),
      watcher.onDidCreate((uri) => this.queue(uri)),
      watcher.onDidChange((uri) => this.queue(uri)),
      watcher.onDidDelete((uri) => this.queue(uri)),
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
        if ((await statOf(folder)).kind !== 'directory') continue;
      } catch {
        continue; // gone: its files were collected above
      }
      found.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, MARKDOWN_GLOB), ALWAYS_EXCLUDED)));
    }
    return found;
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
    const uris = await vscode.workspace.findFiles(MARKDOWN_GLOB, ALWAYS_EXCLUDED);
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
    const path = vscode.workspace.asRelativePath(uri, false);
    if (!isIncludedPath(path, config)) return index.remove(key);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
    // VS Code may hold a saved document for a while after its file is deleted: the file decides then.
    const open = document && (document.isDirty || (await exists(uri))) ? document : undefined;
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

  /** The file's text; undefined when it is gone, unreadable or skipped. */
  private async readFile(uri: vscode.Uri, config: ProductDocsConfig): Promise<string | undefined> {
    try {
      const stat = await statOf(uri);
      if (stat.kind === 'directory') return undefined;
      if (stat.kind === 'other') return this.skip(uri, NOT_A_REGULAR_FILE);
      const tooLarge = tooLargeReason(stat.size, config.maxFileSize);
      if (tooLarge) return this.skip(uri, tooLarge);
      const bytes = await bytesOf(uri);
      const binary = binaryReason(bytes);
      if (binary) return this.skip(uri, binary);
      this.skipped.delete(uri.toString());
      return new TextDecoder().decode(bytes);
    } catch {
      return undefined; // deleted or unreadable: it leaves the index
    }
  }

  private skip(uri: vscode.Uri, reason: string): undefined {
    if (!this.skipped.has(uri.toString())) this.log.warn(`Skipped ${vscode.workspace.asRelativePath(uri)}: it ${reason}.`);
    this.skipped.set(uri.toString(), { uri, reason });
    return undefined;
  }
}

// Local files are read with Node's fs: in a 10,000-file workspace that is faster than a round trip
// through VS Code's file service per file. Other schemes (virtual workspaces, say) use workspace.fs.

/** What is at `uri` (links followed); `other` is a pipe, socket or device, which is never read. */
async function statOf(uri: vscode.Uri): Promise<{ kind: 'file' | 'directory' | 'other'; size: number }> {
  if (uri.scheme === 'file') {
    const stat = await fs.stat(uri.fsPath);
    return { kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', size: stat.size };
  }
  const stat = await vscode.workspace.fs.stat(uri);
  return { kind: stat.type & vscode.FileType.File ? 'file' : stat.type & vscode.FileType.Directory ? 'directory' : 'other', size: stat.size };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await statOf(uri);
    return true;
  } catch {
    return false;
  }
}

function bytesOf(uri: vscode.Uri): Thenable<Uint8Array> {
  return uri.scheme === 'file' ? fs.readFile(uri.fsPath) : vscode.workspace.fs.readFile(uri);
}

/** Each workspace folder has its own index (and config); files outside any folder share one. */
function folderKey(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
}

function isMarkdownPath(uri: vscode.Uri): boolean {
  return /\.(md|MD|markdown)$/.test(uri.path);
}
