/**
 * Stress run of issue 5: `product-docs lint` over a workspace of 50,000 markdown files, 20,000 of
 * them in node_modules folders full of traps. Checks that node_modules is never walked (nothing
 * from it in the output or the notices), every product document outside it is reported, and it
 * finishes in bounded time and memory. Prints the figures; exits 1 when a check fails.
 *
 * Run: npx tsx scripts/stress/fifty-thousand.ts [--files N] [--keep]
 * (builds dist/cli.js first; the workspace goes to the OS temp folder and is deleted after, unless --keep).
 * Too slow for the unit suite (about 15 s to write and delete the files); test/unit/cli-hostile.test.ts
 * runs the same checks on 5,000 files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeStressWorkspace } from './workspace';

const REPO = resolve(__dirname, '../..');
const argv = process.argv.slice(2);
const files = Number(argv[argv.indexOf('--files') + 1]) || 50_000;
const keep = argv.includes('--keep');
/** Generous ceilings: a regression shows as a failure, not as noise on a slow machine. */
const MAX_SECONDS = 60;
const MAX_RSS_MB = 512;

const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: REPO, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);

const root = realpathSync(mkdtempSync(join(tmpdir(), 'product-docs-stress-')));
const failures: string[] = [];
try {
  let start = performance.now();
  const workspace = writeStressWorkspace(root, files);
  console.log(`wrote ${workspace.files} files (${workspace.inNodeModules} in node_modules) in ${((performance.now() - start) / 1000).toFixed(1)} s`);

  // The child reports its own peak memory as it exits.
  const rssProbe = join(root, 'rss-probe.cjs');
  writeFileSync(rssProbe, "process.on('exit', () => require('fs').writeSync(2, `maxRSS ${process.resourceUsage().maxRSS}\\n`));\n");
  start = performance.now();
  const run = spawnSync(process.execPath, ['-r', rssProbe, join(REPO, 'dist', 'cli.js'), 'lint', '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  const rssMb = Number(/maxRSS (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
  const stderr = run.stderr.replace(/^maxRSS \d+\n/m, '');
  const reports = JSON.parse(run.stdout) as { file: string }[];
  const reported = new Set(reports.map((r) => r.file));

  console.log(`lint: exit ${run.status}, ${seconds.toFixed(1)} s, peak memory ${rssMb.toFixed(0)} MB, ${reports.length} findings in ${reported.size} files`);
  if (run.status !== 1) failures.push(`exit code ${run.status}, expected 1 (errors found)`);
  if (seconds > MAX_SECONDS) failures.push(`took ${seconds.toFixed(1)} s (ceiling ${MAX_SECONDS} s)`);
  if (rssMb > MAX_RSS_MB) failures.push(`peak memory ${rssMb.toFixed(0)} MB (ceiling ${MAX_RSS_MB} MB)`);
  if ([...reported].some((f) => f.includes('node_modules') || f.startsWith('.git/'))) failures.push('node_modules or .git files are in the output');
  if (/node_modules|\.git/.test(stderr)) failures.push(`a notice mentions node_modules or .git, so they were walked:\n${stderr.slice(0, 500)}`);
  const missing = workspace.productDocs.filter((f) => !reported.has(f));
  if (missing.length > 0) failures.push(`${missing.length} product documents are not reported, e.g. ${missing[0]}`);
} finally {
  if (keep) console.log(`kept ${root}`);
  else {
    const start = performance.now();
    rmSync(root, { recursive: true, force: true });
    console.log(`deleted the workspace in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
}
if (failures.length > 0) {
  console.error(`FAILED:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('ok: node_modules was never walked and every product document was reported');
