// Throwaway workspaces on disk for tests that run the CLI: made under the OS temp folder and removed
// after the run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];
after(function () {
  // Removing the big stress workspaces takes a while on a loaded 2-core machine: cleanup is no test.
  this.timeout(180_000);
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder named `<prefix>…` holding `files` (paths with `/`), its real path resolved. */
export function tempWorkspace(prefix: string, files: Record<string, string | Buffer> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(root);
  for (const [rel, content] of Object.entries(files)) writeFile(root, rel, content);
  return root;
}

/** Writes `content` to `rel` (a path with `/`) under `root`, making its folders. */
export function writeFile(root: string, rel: string, content: string | Buffer): void {
  const file = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}
