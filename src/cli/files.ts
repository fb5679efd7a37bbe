import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { binaryReason, NOT_A_REGULAR_FILE, tooLargeReason } from '../core/workspace/read-policy';
import type { ProductDocsConfig } from '../core/config/config';
import { globSetOf, isIncludedPath } from '../core/config/glob';

/** Folders never worth walking into. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);
const MARKDOWN = /\.md$/i;

/**
 * Why a path was left out. `unreadable` marks I/O failures (the run is then incomplete, exit 2);
 * deliberate skips (binary, too large, a link to a folder) are notices only.
 */
export interface Skipped {
  path: string;
  reason: string;
  unreadable: boolean;
}

export type ReadResult = { ok: true; text: string; validUtf8: boolean } | { ok: false; reason: string; unreadable: boolean };

/** What a workspace's config says about the entries of one folder. */
export interface FolderRules {
  wantsFile(path: string): boolean;
  skipsFolder(path: string): boolean;
}

/** `a\b` -> `a/b`: paths in output and globs always use `/`. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The include and exclude globs of a config, applied to paths relative to its workspace root. */
export function folderRules(workspaceRoot: string, config: ProductDocsConfig): FolderRules {
  const rel = (path: string) => toPosix(relative(workspaceRoot, path));
  return {
    wantsFile: (path) => isIncludedPath(rel(path), config),
    skipsFolder: (path) => globSetOf(config.exclude).matchesFolder(rel(path)),
  };
}

/**
 * Every markdown file under the folder `root`, in name order, skipping node_modules, .git and what
 * `rulesFor(folder)` excludes (each folder's entries are judged by the config governing that folder,
 * so nested workspaces keep their own excludes). Links to folders are reported and not followed, so
 * a link loop cannot trap the walk nor a link to `/` make it endless.
 */
export function* walkMarkdown(root: string, rulesFor: (folder: string) => FolderRules, onSkip: (skipped: Skipped) => void): Generator<string> {
  const stack = [root];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const folder = stack.pop()!;
    let entries: Dirent[];
    let realFolder: string;
    try {
      realFolder = realpathSync(folder);
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      onSkip({ path: folder, reason: describeError(error), unreadable: true });
      continue;
    }
    // The same folder reached twice (a bind mount) is walked once.
    if (seen.has(realFolder)) continue;
    seen.add(realFolder);
    const rules = rulesFor(folder);
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0)); // pushed in reverse, popped in name order
    const files: string[] = [];
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !rules.skipsFolder(path)) stack.push(path);
      } else if (entry.isSymbolicLink()) {
        const target = linkTarget(path);
        if (target.kind === 'folder') {
          if (ALWAYS_SKIPPED.has(entry.name) || rules.skipsFolder(path)) continue;
          const loops = realFolder === target.real || realFolder.startsWith(target.real.endsWith(sep) ? target.real : target.real + sep);
          const reason = loops
            ? 'is a link to a folder that contains it (a link loop); links to folders are not followed'
            : 'is a link to a folder; links to folders are not followed (name the folder itself to lint it)';
          onSkip({ path, reason, unreadable: false });
        } else if (MARKDOWN.test(entry.name) && rules.wantsFile(path)) {
          if (target.kind === 'file') files.push(path);
          else if (target.kind === 'other') onSkip({ path, reason: 'is a link to something that is not a regular file', unreadable: false });
          else onSkip({ path, reason: `is a broken link (${target.reason})`, unreadable: false });
        }
      } else if (MARKDOWN.test(entry.name) && rules.wantsFile(path)) {
        if (entry.isFile()) files.push(path);
        else onSkip({ path, reason: NOT_A_REGULAR_FILE, unreadable: false });
      }
    }
    // Files of a folder come before its subfolders; `entries` is in reverse name order.
    yield* files.reverse();
  }
}

type LinkTarget = { kind: 'file' } | { kind: 'other' } | { kind: 'folder'; real: string } | { kind: 'broken'; reason: string };

function linkTarget(path: string): LinkTarget {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return { kind: 'folder', real: realpathSync(path) };
    return stats.isFile() ? { kind: 'file' } : { kind: 'other' };
  } catch (error) {
    return { kind: 'broken', reason: describeError(error) };
  }
}

/**
 * Reads a markdown file as UTF-8, refusing anything that is not a regular file, too large or binary.
 * Opens without blocking, so a named pipe called `x.md` cannot hang the run.
 */
export function readMarkdown(path: string, maxFileSize: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, reason: stats.isDirectory() ? 'is a folder' : NOT_A_REGULAR_FILE, unreadable: false };
    const size = stats.size;
    const tooLarge = tooLargeReason(size, maxFileSize);
    if (tooLarge) return { ok: false, reason: tooLarge, unreadable: false };
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const bytes = buffer.subarray(0, read);
    const binary = binaryReason(bytes);
    if (binary) return { ok: false, reason: binary, unreadable: false };
    return { ok: true, text: bytes.toString('utf8'), validUtf8: isUtf8(bytes) };
  } catch (error) {
    return { ok: false, reason: describeError(error), unreadable: true };
  } finally {
    if (fd !== undefined) closeSync(fd);
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
