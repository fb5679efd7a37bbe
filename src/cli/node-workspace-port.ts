// The workspace port on Node's fs, for the CLI and for the desktop editor's `file:` URIs (reading
// local files with Node is faster there than a round trip through VS Code's file service per file).
// Locations are absolute paths.
import { closeSync, constants, fstatSync, mkdirSync, openSync, promises as fsp, readdirSync, readSync, realpathSync, statSync, writeFileSync, type Dirent, type Stats } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { EntryKind, FolderEntry, ReadOutcome, WorkspacePort } from '../core/workspace/workspace-port';

/** Opened without blocking, so that opening a named pipe called `x.md` returns at once. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** `a\b` -> `a/b`: paths in output and globs always use `/`. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * The port on Node's fs. `blocking` uses the synchronous calls behind the promises: the CLI has
 * nothing else to do meanwhile, and 10,000 files cost no more than with plain sync code (measured;
 * see CHANGELOG). The editor passes false, so that the extension host is never blocked on a disk.
 */
export function nodeWorkspacePort(options: { blocking: boolean }): WorkspacePort<string> {
  const common = {
    join: (folder: string, name: string) => join(folder, name),
    parent: (location: string) => dirname(location),
    relative: (root: string, location: string) => toPosix(relative(root, location)),
    key: (location: string) => location,
    describeError,
    isAlreadyExists: (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'EEXIST',
    isNotFound: (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT',
  };
  if (options.blocking) {
    return {
      ...common,
      readFolder: async (folder) => readdirSync(folder, { withFileTypes: true }).map((entry) => folderEntry(entry, folder, statSync)),
      stat: async (location) => kindAndSize(statSync(location)),
      read: async (location, limit) => readSyncNonBlocking(location, limit),
      realPath: async (location) => toPosix(realpathSync(location)),
      writeFile: async (location, text, writeOptions) => writeFileSync(location, text, writeOptions?.exclusive ? { flag: 'wx' } : {}),
      createFolder: async (location) => void mkdirSync(location, { recursive: true }),
    };
  }
  return {
    ...common,
    readFolder: async (folder) => {
      const entries = await fsp.readdir(folder, { withFileTypes: true });
      return Promise.all(entries.map((entry) => folderEntryAsync(entry, folder)));
    },
    stat: async (location) => kindAndSize(await fsp.stat(location)),
    read: readAsyncNonBlocking,
    realPath: async (location) => toPosix(await fsp.realpath(location)),
    writeFile: (location, text, writeOptions) => fsp.writeFile(location, text, writeOptions?.exclusive ? { flag: 'wx' } : {}),
    createFolder: async (location) => void (await fsp.mkdir(location, { recursive: true })),
  };
}

function kindOf(stats: Stats): EntryKind {
  return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
}

function kindAndSize(stats: Stats): { kind: EntryKind; size: number } {
  return { kind: kindOf(stats), size: stats.size };
}

function folderEntry(entry: Dirent, folder: string, stat: (path: string) => Stats): FolderEntry {
  if (!entry.isSymbolicLink()) return { name: entry.name, kind: entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other', isLink: false };
  try {
    return { name: entry.name, kind: kindOf(stat(join(folder, entry.name))), isLink: true };
  } catch (error) {
    return { name: entry.name, kind: 'broken', isLink: true, brokenReason: describeError(error) };
  }
}

async function folderEntryAsync(entry: Dirent, folder: string): Promise<FolderEntry> {
  if (!entry.isSymbolicLink()) return folderEntry(entry, folder, statSync);
  try {
    return { name: entry.name, kind: kindOf(await fsp.stat(join(folder, entry.name))), isLink: true };
  } catch (error) {
    return { name: entry.name, kind: 'broken', isLink: true, brokenReason: describeError(error) };
  }
}

/**
 * What the blocking and the non-blocking read both decide from the opened file's stats alone: a
 * folder or a pipe is never read, and a file over the limit is reported by size without its bytes.
 */
function refusedBeforeReading(stats: Stats, limit: number): ReadOutcome | undefined {
  if (!stats.isFile()) return { kind: stats.isDirectory() ? 'folder' : 'other' };
  return stats.size > limit ? { kind: 'file', size: stats.size, bytes: undefined } : undefined;
}

function readSyncNonBlocking(path: string, limit: number): ReadOutcome {
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const stats = fstatSync(fd);
    const refused = refusedBeforeReading(stats, limit);
    if (refused) return refused;
    const size = stats.size;
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { kind: 'file', size, bytes: buffer.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

async function readAsyncNonBlocking(path: string, limit: number): Promise<ReadOutcome> {
  const handle = await fsp.open(path, OPEN_FLAGS);
  try {
    const stats = await handle.stat();
    const refused = refusedBeforeReading(stats, limit);
    if (refused) return refused;
    const size = stats.size;
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { kind: 'file', size, bytes: buffer.subarray(0, read) };
  } finally {
    await handle.close();
  }
}

/** A file-system error in words, with its code for searching. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder (ENOENT)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'ELOOP':
      return 'too many levels of symbolic links, a link loop (ELOOP)';
    case undefined:
      return `cannot be read (${String(error)})`;
    default:
      return `cannot be read (${code})`;
  }
}
