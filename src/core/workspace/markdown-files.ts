// Listing and reading a workspace's markdown files through a port, with the read policy applied:
// the one walk and the one read that the CLI and the editor share.
import type { ProductDocsConfig } from '../config/config';
import { globSetOf, isIncludedPath } from '../config/glob';
import { binaryReason, brokenLinkReason, IS_A_FOLDER, LINK_LOOP, LINK_TO_FOLDER, LINK_TO_OTHER, NOT_A_REGULAR_FILE, tooLargeReason } from './read-policy';
import { ALWAYS_SKIPPED_FOLDERS, isMarkdownFileName, type WorkspaceReader } from './workspace-port';

/**
 * Why a location was left out. `unreadable` marks I/O failures (a CLI run is then incomplete);
 * deliberate skips (binary, too large, a link to a folder) are notices only.
 */
export interface Skipped<L> {
  location: L;
  reason: string;
  unreadable: boolean;
}

/** A markdown file's text, or why it was not read. */
export type MarkdownRead = { ok: true; text: string; validUtf8: boolean } | { ok: false; reason: string; unreadable: boolean };

/** What a workspace's config says about the entries of one folder. */
export interface FolderRules<L> {
  wantsFile(location: L): boolean;
  skipsFolder(location: L): boolean;
}

/** The include and exclude globs of a config, applied to locations relative to its workspace root. */
export function folderRules<L>(port: WorkspaceReader<L>, workspaceRoot: L, config: ProductDocsConfig): FolderRules<L> {
  return {
    wantsFile: (location) => isIncludedPath(port.relative(workspaceRoot, location), config),
    skipsFolder: (location) => globSetOf(config.exclude).matchesFolder(port.relative(workspaceRoot, location)),
  };
}

/**
 * Every markdown file under the folder `root`, files of a folder in name order before its
 * subfolders, skipping node_modules, .git and what `rulesFor(folder)` excludes (each folder's entries
 * are judged by the config governing that folder, so nested workspaces keep their own excludes).
 * Links to folders are reported and not followed, so a link loop cannot trap the walk nor a link to
 * `/` make it endless; a folder reached twice (a bind mount) is walked once.
 */
export async function* walkMarkdown<L>(
  port: WorkspaceReader<L>,
  root: L,
  rulesFor: (folder: L) => FolderRules<L> | Promise<FolderRules<L>>,
  onSkip: (skipped: Skipped<L>) => void,
): AsyncGenerator<L> {
  const stack = [root];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const folder = stack.pop()!;
    let entries;
    let realFolder: string;
    try {
      realFolder = await port.realPath(folder);
      entries = await port.readFolder(folder);
    } catch (error) {
      onSkip({ location: folder, reason: port.describeError(error), unreadable: true });
      continue;
    }
    if (seen.has(realFolder)) continue;
    seen.add(realFolder);
    const rules = await rulesFor(folder);
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0)); // pushed in reverse, popped in name order
    const files: L[] = [];
    for (const entry of entries) {
      const location = port.join(folder, entry.name);
      if (entry.kind === 'folder') {
        if (ALWAYS_SKIPPED_FOLDERS.has(entry.name) || rules.skipsFolder(location)) continue;
        if (!entry.isLink) {
          stack.push(location);
          continue;
        }
        let loops = false;
        try {
          const target = await port.realPath(location);
          loops = realFolder === target || realFolder.startsWith(target.endsWith('/') ? target : `${target}/`);
        } catch {
          // gone meanwhile: reported as a link all the same
        }
        onSkip({ location, reason: loops ? LINK_LOOP : LINK_TO_FOLDER, unreadable: false });
      } else if (isMarkdownFileName(entry.name) && rules.wantsFile(location)) {
        if (entry.kind === 'file') files.push(location);
        else if (entry.kind === 'broken') onSkip({ location, reason: brokenLinkReason(entry.brokenReason ?? 'its target is missing'), unreadable: false });
        else onSkip({ location, reason: entry.isLink ? LINK_TO_OTHER : NOT_A_REGULAR_FILE, unreadable: false });
      }
    }
    // Files of a folder come before its subfolders; `entries` is in reverse name order.
    for (let i = files.length - 1; i >= 0; i--) yield files[i]!;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reads a markdown file as UTF-8 (a BOM kept, invalid bytes as U+FFFD), refusing anything that is
 * not a regular file, over `maxFileSize` bytes or binary. Never rejects.
 */
export async function readMarkdownFile<L>(port: WorkspaceReader<L>, location: L, maxFileSize: number): Promise<MarkdownRead> {
  let outcome;
  try {
    outcome = await port.read(location, maxFileSize);
  } catch (error) {
    return { ok: false, reason: port.describeError(error), unreadable: true };
  }
  if (outcome.kind !== 'file') return { ok: false, reason: outcome.kind === 'folder' ? IS_A_FOLDER : NOT_A_REGULAR_FILE, unreadable: false };
  const tooLarge = tooLargeReason(outcome.size, maxFileSize);
  if (tooLarge || !outcome.bytes) return { ok: false, reason: tooLarge ?? NOT_A_REGULAR_FILE, unreadable: false };
  const binary = binaryReason(outcome.bytes);
  if (binary) return { ok: false, reason: binary, unreadable: false };
  try {
    return { ok: true, text: strictUtf8.decode(outcome.bytes), validUtf8: true };
  } catch {
    return { ok: true, text: lossyUtf8.decode(outcome.bytes), validUtf8: false };
  }
}
