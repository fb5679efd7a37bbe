// An in-memory workspace port and CLI Io: the CLI's commands run against it with no disk, no git and
// no terminal, as vscode-markdown-languageservice's tests run against an in-memory workspace.
import { posix } from 'node:path';
import type { Io } from '../../src/cli/io';
import type { EntryKind, FolderEntry, ReadOutcome, WorkspacePort } from '../../src/core/workspace/workspace-port';

class MemoryFsError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR',
    path: string,
  ) {
    super(`${code}: ${path}`);
  }
}

/**
 * Files and folders in a map, under absolute POSIX paths. A file is text or bytes; `pipes` are
 * entries that are neither files nor folders (a FIFO): `read` reports them without reading.
 */
export class MemoryWorkspace implements WorkspacePort<string> {
  private readonly files = new Map<string, Uint8Array>();
  private readonly folders = new Set<string>(['/']);
  private readonly others = new Set<string>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.put(path, content);
  }

  /** Writes a file (making its folders), as a test's setup. */
  put(path: string, content: string | Uint8Array): void {
    this.addFolder(posix.dirname(path));
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  /** Adds something that is neither a file nor a folder (a named pipe). */
  putPipe(path: string): void {
    this.addFolder(posix.dirname(path));
    this.others.add(path);
  }

  /** A file's text, or undefined when there is none. */
  text(path: string): string | undefined {
    const bytes = this.files.get(path);
    return bytes && new TextDecoder().decode(bytes);
  }

  /** Every file path, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  async readFolder(folder: string): Promise<FolderEntry[]> {
    if (!this.folders.has(folder)) throw new MemoryFsError(this.files.has(folder) ? 'ENOTDIR' : 'ENOENT', folder);
    const entries: FolderEntry[] = [];
    const prefix = folder === '/' ? '/' : `${folder}/`;
    const direct = (path: string) => path.startsWith(prefix) && path !== folder && !path.slice(prefix.length).includes('/');
    for (const path of this.folders) if (direct(path)) entries.push({ name: path.slice(prefix.length), kind: 'folder', isLink: false });
    for (const path of this.files.keys()) if (direct(path)) entries.push({ name: path.slice(prefix.length), kind: 'file', isLink: false });
    for (const path of this.others) if (direct(path)) entries.push({ name: path.slice(prefix.length), kind: 'other', isLink: false });
    return entries;
  }

  async stat(location: string): Promise<{ kind: EntryKind; size: number }> {
    const bytes = this.files.get(location);
    if (bytes) return { kind: 'file', size: bytes.length };
    if (this.folders.has(location)) return { kind: 'folder', size: 0 };
    if (this.others.has(location)) return { kind: 'other', size: 0 };
    throw new MemoryFsError('ENOENT', location);
  }

  async read(location: string, limit: number): Promise<ReadOutcome> {
    const { kind, size } = await this.stat(location);
    if (kind !== 'file') return { kind };
    return { kind, size, bytes: size > limit ? undefined : this.files.get(location)! };
  }

  async realPath(location: string): Promise<string> {
    await this.stat(location);
    return location;
  }

  join(folder: string, name: string): string {
    return posix.join(folder, name);
  }

  parent(location: string): string {
    return posix.dirname(location);
  }

  relative(root: string, location: string): string {
    return posix.relative(root, location);
  }

  key(location: string): string {
    return location;
  }

  describeError(error: unknown): string {
    const code = (error as { code?: string }).code;
    return code === 'ENOENT' ? 'no such file or folder (ENOENT)' : `cannot be read (${code ?? String(error)})`;
  }

  async writeFile(location: string, text: string, options?: { exclusive?: boolean }): Promise<void> {
    if (!this.folders.has(posix.dirname(location))) throw new MemoryFsError('ENOENT', location);
    if (this.folders.has(location)) throw new MemoryFsError('EISDIR', location);
    if (options?.exclusive && (this.files.has(location) || this.others.has(location))) throw new MemoryFsError('EEXIST', location);
    this.files.set(location, new TextEncoder().encode(text));
  }

  async createFolder(location: string): Promise<void> {
    if (this.files.has(location)) throw new MemoryFsError('ENOTDIR', location);
    this.addFolder(location);
  }

  isAlreadyExists(error: unknown): boolean {
    return error instanceof MemoryFsError && error.code === 'EEXIST';
  }

  isNotFound(error: unknown): boolean {
    return error instanceof MemoryFsError && error.code === 'ENOENT';
  }

  private addFolder(folder: string): void {
    for (let current = folder; !this.folders.has(current); current = posix.dirname(current)) this.folders.add(current);
  }
}

/** What an in-memory CLI run printed, and the Io that collects it. */
export interface MemoryRun {
  io: Io;
  stdout(): string;
  stderr(): string;
}

/** An Io over `workspace`, working in `cwd`, with a fixed clock and git user name. */
export function memoryIo(workspace: MemoryWorkspace, options: { cwd?: string; now?: Date; gitUserName?: string; interactive?: boolean } = {}): MemoryRun {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    cwd: options.cwd ?? '/ws',
    fs: workspace,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    interactive: options.interactive ?? false,
    now: () => options.now ?? new Date(2026, 4, 1, 9, 0),
    gitUserName: () => options.gitUserName ?? '',
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
