import { relative } from 'node:path';
import type { WorkspacePort } from '../core/workspace/workspace-port';
import { toPosix } from './node-workspace-port';

/**
 * Everything the CLI touches outside itself: the files (through the workspace port), git, the clock
 * and the terminal. index.ts wires the process; tests pass an in-memory one (test/support).
 */
export interface Io {
  /** The folder relative paths on the command line and in the output are relative to (absolute). */
  cwd: string;
  /** The file system, locations being absolute paths. */
  fs: WorkspacePort<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress lines are shown only then). */
  interactive: boolean;
  /** The current time: `new` dates documents with it, `roadmap` marks overdue items against it. */
  now: () => Date;
  /** git's user.name as seen from a folder, '' when there is none: `new`'s default owner. */
  gitUserName: (folder: string) => string;
}

/** A path as the CLI prints it: relative to the current folder, with `/`. */
export function display(io: Io, path: string): string {
  return toPosix(relative(io.cwd, path)) || '.';
}
