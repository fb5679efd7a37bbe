// The file system as core sees it: the interface the CLI and the editor each implement once (Node's
// fs; VS Code's workspace.fs), so that listing, reading and config discovery are written once, here.
// Locations are the adapter's own type (an absolute path, a URI): core only joins and compares them.

/** What is at a location once links are followed: `other` is a pipe, socket or device. */
export type EntryKind = 'file' | 'folder' | 'other';

/** One entry of a folder listing. */
export interface FolderEntry {
  name: string;
  /** What the entry is, links followed; `broken` for a link that points nowhere. */
  kind: EntryKind | 'broken';
  /** Whether the entry itself is a symbolic link. */
  isLink: boolean;
  /** Why a broken link is broken, in words. */
  brokenReason?: string;
}

/** What `read` found: the bytes of a regular file within the limit, or what else is there. */
export type ReadOutcome = { kind: 'file'; size: number; bytes: Uint8Array | undefined } | { kind: 'folder' } | { kind: 'other' };

/** The reading half of a workspace's file system, as core needs it. Failures reject. */
export interface WorkspaceReader<L> {
  /** The entries of a folder, in any order. */
  readFolder(folder: L): Promise<FolderEntry[]>;
  /** What is at a location, links followed; rejects when nothing is. */
  stat(location: L): Promise<{ kind: EntryKind; size: number }>;
  /**
   * Reads a file without ever waiting on a pipe or device (a FIFO named `x.md` must not hang
   * anything): what is there is checked on the opened file, and bytes are read only when it is a
   * regular file of at most `limit` bytes.
   */
  read(location: L, limit: number): Promise<ReadOutcome>;
  /** A folder's identity with links resolved, so a folder reached twice is walked once. */
  realPath(location: L): Promise<string>;
  join(folder: L, name: string): L;
  /** The folder holding a location; the location itself at the root. */
  parent(location: L): L;
  /** The `/`-separated path of `location` under `root` ('' for the root itself). */
  relative(root: L, location: L): string;
  /** A string that identifies a location (for maps and sets). */
  key(location: L): string;
  /** A file-system error in words, with its code for searching. */
  describeError(error: unknown): string;
}

/** The writing half, for the CLI's `new`, `init` and `--fix`. */
export interface WorkspaceWriter<L> {
  /** Writes a file; with `exclusive`, rejects with an error `isAlreadyExists` recognises when it exists. */
  writeFile(location: L, text: string, options?: { exclusive?: boolean }): Promise<void>;
  /** Makes a folder and its parents; an existing folder is fine. */
  createFolder(location: L): Promise<void>;
  /** Whether a write failed because the file exists. */
  isAlreadyExists(error: unknown): boolean;
  /** Whether a read failed because nothing is there. */
  isNotFound(error: unknown): boolean;
}

/** A workspace port that reads and writes. */
export type WorkspacePort<L> = WorkspaceReader<L> & WorkspaceWriter<L>;

/** Whether a file name is a markdown file's, for the CLI and the editor alike: `.md` or `.markdown`, any case. */
export function isMarkdownFileName(name: string): boolean {
  return MARKDOWN_NAME.test(name);
}
const MARKDOWN_NAME = /\.(md|markdown)$/i;

/** Folders never worth walking into. */
export const ALWAYS_SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** Whether a location is anywhere under an always-skipped folder (for watcher events). */
export function isUnderSkippedFolder(relativePath: string): boolean {
  return relativePath.split('/').some((segment) => ALWAYS_SKIPPED_FOLDERS.has(segment));
}
