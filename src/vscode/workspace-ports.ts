// The workspace port for the editor, on URIs. Two adapters behind one choice: `file:` URIs go to
// Node's fs (the CLI's adapter: in a 10,000-file workspace that is faster than a round trip through
// VS Code's file service per file, and it opens without blocking, so a FIFO named x.md cannot hang
// the extension host); every other scheme goes to `workspace.fs`, walked with readDirectory because
// findFiles misses files on virtual file systems (and is what the web build will use everywhere).
import * as vscode from 'vscode';
import type { EntryKind, FolderEntry, ReadOutcome, WorkspaceReader } from '../core/workspace/workspace-port';

/** The path half of the port, the same for both adapters: URIs joined and compared by their paths. */
const uriPaths = {
  join: (folder: vscode.Uri, name: string) => vscode.Uri.joinPath(folder, name),
  parent: (location: vscode.Uri) => {
    const slash = location.path.lastIndexOf('/');
    return slash <= 0 ? location.with({ path: '/' }) : location.with({ path: location.path.slice(0, slash) });
  },
  relative: (root: vscode.Uri, location: vscode.Uri) => {
    const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
    if (location.path === root.path) return '';
    return location.path.startsWith(base) ? location.path.slice(base.length) : vscode.workspace.asRelativePath(location, false);
  },
  key: (location: vscode.Uri) => location.toString(),
};

/** `workspace.fs` as a port: any URI scheme (remote, virtual, the web). */
export function workspaceFsPort(): WorkspaceReader<vscode.Uri> {
  const fs = vscode.workspace.fs;
  return {
    ...uriPaths,
    async readFolder(folder) {
      return (await fs.readDirectory(folder)).map(([name, type]): FolderEntry => {
        const isLink = (type & vscode.FileType.SymbolicLink) !== 0;
        const kind = entryKindOf(type);
        return isLink && type === vscode.FileType.SymbolicLink ? { name, kind: 'broken', isLink, brokenReason: 'its target is missing' } : { name, kind, isLink };
      });
    },
    async stat(location) {
      const stat = await fs.stat(location);
      return { kind: entryKindOf(stat.type), size: stat.size };
    },
    async read(location, limit): Promise<ReadOutcome> {
      // workspace.fs has no open-then-stat: the stat decides, and a pipe or device is never read.
      const stat = await fs.stat(location);
      const kind = entryKindOf(stat.type);
      if (kind !== 'file') return { kind };
      return { kind, size: stat.size, bytes: stat.size > limit ? undefined : await fs.readFile(location) };
    },
    // No links to resolve through workspace.fs: links to folders are still reported by readFolder.
    realPath: async (location) => location.toString(),
    describeError: describeFileSystemError,
  };
}

/** A Node port on paths, seen through `file:` URIs. */
export function fileUriPort(node: WorkspaceReader<string>): WorkspaceReader<vscode.Uri> {
  return {
    ...uriPaths,
    readFolder: (folder) => node.readFolder(folder.fsPath),
    stat: (location) => node.stat(location.fsPath),
    read: (location, limit) => node.read(location.fsPath, limit),
    realPath: (location) => node.realPath(location.fsPath),
    describeError: (error) => node.describeError(error),
  };
}

/** The port for each URI: Node's fs for `file:` when there is one, `workspace.fs` for the rest. */
export class EditorPorts {
  private readonly other = workspaceFsPort();
  private readonly file: WorkspaceReader<vscode.Uri>;

  /** `node` is the Node adapter; without one (the web build) every scheme goes through workspace.fs. */
  constructor(node: WorkspaceReader<string> | undefined) {
    this.file = node ? fileUriPort(node) : this.other;
  }

  for(uri: vscode.Uri): WorkspaceReader<vscode.Uri> {
    return uri.scheme === 'file' ? this.file : this.other;
  }
}

function entryKindOf(type: vscode.FileType): EntryKind {
  return type & vscode.FileType.File ? 'file' : type & vscode.FileType.Directory ? 'folder' : 'other';
}

function describeFileSystemError(error: unknown): string {
  const code = error instanceof vscode.FileSystemError ? error.code : undefined;
  switch (code) {
    case 'FileNotFound':
      return 'no such file or folder (FileNotFound)';
    case 'NoPermissions':
      return 'permission denied (NoPermissions)';
    case undefined:
      return `cannot be read (${String(error)})`;
    default:
      return `cannot be read (${code})`;
  }
}
