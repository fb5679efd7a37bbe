import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { ProductDocsConfig } from '../core/config';
import { GlobSet } from '../core/glob';

/** Folders never worth walking into. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);
/** Bytes looked at for a NUL byte, the sign of a binary file. */
const BINARY_SNIFF_BYTES = 8192;

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** `a\b` -> `a/b`: paths in output and globs always use `/`. */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * Every markdown file under `root` (a file or a folder), skipping node_modules, .git and the config's
 * excludes. Directory links are not followed, so link loops cannot trap the walk.
 */
export function* walkMarkdown(root: string, workspaceRoot: string, config: ProductDocsConfig, onSkip: (path: string, reason: string) => void): Generator<string> {
  const include = new GlobSet(config.include);
  const exclude = new GlobSet(config.exclude);
  const wanted = (file: string) => {
    const rel = toPosix(relative(workspaceRoot, file));
    return include.matches(rel) && !exclude.matches(rel);
  };
  const stack = [resolve(root)];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const folder = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      onSkip(folder, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0)); // popped in name order
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || exclude.matchesFolder(toPosix(relative(workspaceRoot, path)))) continue;
        try {
          const real = realpathSync(path);
          if (seen.has(real)) continue;
          seen.add(real);
        } catch {
          continue;
        }
        stack.push(path);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && /\.md$/i.test(entry.name) && wanted(path)) {
        if (entry.isSymbolicLink() && !isLinkToFile(path)) continue;
        yield path;
      }
    }
  }
}

function isLinkToFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads a markdown file as UTF-8, refusing files that are too large or binary. */
export function readMarkdown(path: string, maxFileSize: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = statSync(path).size;
    if (size > maxFileSize) return { ok: false, reason: `is larger than ${formatBytes(maxFileSize)} (${formatBytes(size)}); raise maxFileSizeKb in .product-docs.yaml to lint it` };
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const bytes = buffer.subarray(0, read);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'looks binary (it contains NUL bytes)' };
    return { ok: true, text: bytes.toString('utf8') };
  } catch (error) {
    return { ok: false, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
