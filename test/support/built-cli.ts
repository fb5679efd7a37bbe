// The built CLI, for tests that run it as people and CI do: `node dist/cli.js` in a child process.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO, 'dist', 'cli.js');

/** Newest modification time of anything the bundle is built from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** A mocha `before` hook: rebuilds dist/ when it is missing or older than src/ or package.json. */
export function buildTheCliWhenStale(this: Mocha.Context): void {
  this.timeout(180_000);
  const sources = Math.max(newestSource(path.join(REPO, 'src')), fs.statSync(path.join(REPO, 'package.json')).mtimeMs);
  if (fs.existsSync(CLI) && fs.statSync(CLI).mtimeMs >= sources) return;
  const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(build.status, 0, `node esbuild.config.mjs failed:\n${build.stdout}${build.stderr}`);
}
