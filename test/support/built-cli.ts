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

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the child process, in milliseconds. */
  ms: number;
}

/** Runs `node dist/cli.js ...args` in `cwd` and returns what it printed; throws if it could not start. */
export function runCli(cwd: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliResult {
  const start = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: options.timeoutMs ?? 20_000, maxBuffer: 256 * 1024 * 1024, ...(options.env ? { env: options.env } : {}) });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - start };
}

/** The CLI's stdout as JSON, failing the test with what it printed when it is not. */
export function stdoutJson<T = unknown>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    assert.fail(`stdout is not JSON (exit ${result.status}):\n${result.stdout.slice(0, 2000)}\nstderr:\n${result.stderr}`);
  }
}
