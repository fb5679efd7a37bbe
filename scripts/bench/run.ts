/**
 * `npm run bench`: the performance benchmark of issue 4. Generates (or reuses) the corpus, builds
 * the bundles, measures every figure next to its baseline in the same run, prints a table and
 * writes bench-results/latest.json. Not part of `npm test`.
 *
 * Options: --runs N (default 5) timed runs of our tools; --baseline-runs N (default 3) timed runs
 * of markdownlint-cli2 on 10,000 files, the slowest baseline; --quick (2 and 1, no profiles);
 * --no-profile; --force-corpus (regenerate the corpus).
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { builtInTypes } from '../../src/core/config/document-types';
import { ensureCorpus, type CorpusManifest } from './generate';
import { summarizeCpuProfile, type ProfileSummary } from './profile';

const repoRoot = resolve(__dirname, '../..');
const benchDir = join(repoRoot, '.bench');
const workDir = join(benchDir, 'work');
const probeFile = join(benchDir, 'build', 'probe.cjs');
const resultsFile = join(repoRoot, 'bench-results', 'latest.json');
const activationFile = join(repoRoot, 'out', 'e2e', 'activation.json');
const codeServer = join(repoRoot, '.e2e', 'code-server', 'node_modules', 'code-server');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const argv = process.argv.slice(2);
const numberOption = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Math.max(1, Number(argv[i + 1]) || fallback) : fallback;
};
const quick = argv.includes('--quick');
const RUNS = numberOption('runs', quick ? 2 : 5);
const BASELINE_RUNS = numberOption('baseline-runs', quick ? 1 : 3);
const PROFILE = !quick && !argv.includes('--no-profile');

/** The issue's targets. */
const TARGETS = {
  lintVsMarkdownlint: 8,
  indexVsRawRead: 3,
  keystroke20kbMs: 2,
  keystroke1mbMs: 50,
  incrementalMs: 5,
  activationMs: 50,
  bundleBytes: 1_000_000,
  rssBytes: 200 * 1024 * 1024,
};

// ---------------------------------------------------------------------------------------------
// Helpers

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface ProcessRun {
  wallMs: number;
  /** CPU time (user + system) of the process, when /usr/bin/time is there. */
  cpuMs: number | undefined;
  maxRssBytes: number | undefined;
  status: number | null;
}

/** Runs a command with its output sent to files, timing the wall clock and (via time) CPU and RSS. */
function timeProcess(command: string, args: string[], options: { cwd?: string; stdout?: string; stderr?: string; env?: NodeJS.ProcessEnv } = {}): ProcessRun {
  const timeFile = join(workDir, 'time.txt');
  rmSync(timeFile, { force: true });
  const out = openSync(options.stdout ?? '/dev/null', 'w');
  const err = openSync(options.stderr ?? '/dev/null', 'w');
  const spawnOptions: SpawnSyncOptions = { cwd: options.cwd ?? repoRoot, stdio: ['ignore', out, err], env: options.env ?? process.env };
  const started = performance.now();
  const result = TIME ? spawnSync(TIME, ['-f', '%U %S %M', '-o', timeFile, command, ...args], spawnOptions) : spawnSync(command, args, spawnOptions);
  const wallMs = performance.now() - started;
  closeSync(out);
  closeSync(err);
  let cpuMs: number | undefined;
  let maxRssBytes: number | undefined;
  if (TIME && existsSync(timeFile)) {
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    const [user, sys, rssKb] = last.split(' ').map(Number);
    if (user !== undefined && sys !== undefined && !Number.isNaN(user + sys)) cpuMs = (user + sys) * 1000;
    if (rssKb !== undefined && !Number.isNaN(rssKb)) maxRssBytes = rssKb * 1024;
  }
  return { wallMs, cpuMs, maxRssBytes, status: result.status };
}

function expectStatus(what: string, run: ProcessRun, allowed: number[], stderrFile?: string): void {
  if (run.status !== null && allowed.includes(run.status)) return;
  const detail = stderrFile && existsSync(stderrFile) ? readFileSync(stderrFile, 'utf8').slice(-2000) : '';
  throw new Error(`${what} exited with ${run.status}\n${detail}`);
}

/** Runs one probe task in a fresh node process and returns its JSON answer. */
function probe<T>(task: string, args: Record<string, unknown>, nodeFlags: string[] = []): { result: T; run: ProcessRun } {
  const stdout = join(workDir, `probe-${task}.json`);
  const stderr = join(workDir, `probe-${task}.err`);
  const run = timeProcess(process.execPath, [...nodeFlags, probeFile, task, JSON.stringify(args)], { stdout, stderr });
  expectStatus(`probe ${task}`, run, [0], stderr);
  return { result: JSON.parse(readFileSync(stdout, 'utf8')) as T, run };
}

function git(args: string[]): string {
  const result = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trimEnd() : `(git ${args.join(' ')} failed)`;
}

function build(production: boolean): void {
  const result = spawnSync(process.execPath, ['esbuild.config.mjs', ...(production ? ['--production'] : [])], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`);
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const times = (ratio: number) => `${ratio.toFixed(2)}x`;

// ---------------------------------------------------------------------------------------------
// Measurements

interface CliComparison {
  files: number;
  ours: ProcessRun[];
  baseline: ProcessRun[];
  oursMs: number;
  oursCpuMs: number | undefined;
  baselineMs: number;
  baselineCpuMs: number | undefined;
  /** How many times faster we are (baseline / ours), by wall time. */
  speedup: number;
  findings: number;
  filesWithFindings: number;
  baselineFilesLinted: number | undefined;
  baselineErrors: number | undefined;
}

/** The markdownlint-cli2 config: only MD043, with mdHeadings(). */
function markdownlintConfig(): string {
  const headings = mdHeadings();
  const folder = join(workDir, 'markdownlint');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, '.markdownlint-cli2.jsonc');
  const config = { config: { default: false, MD043: { headings } } };
  writeFileSync(file, `// Only MD043 (required headings), with the PRD's required sections. Written by scripts/bench/run.ts.\n${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/** MD043's `headings`: the PRD's required sections (from the type definitions), `*` between them. */
function mdHeadings(): string[] {
  const prd = builtInTypes().find((t) => t.id === 'prd')!;
  return ['*', ...prd.sections.filter((s) => s.required).flatMap((s) => [`## ${s.title}`, '*'])];
}

function compareLint(folder: string, files: number, baselineRuns: number, configFile: string): CliComparison {
  const cli = join(repoRoot, 'dist', 'cli.js');
  const oursOut = join(workDir, 'lint.json');
  const oursErr = join(workDir, 'lint.err');
  const mdOut = join(workDir, 'markdownlint.out');
  const mdErr = join(workDir, 'markdownlint.err');
  const markdownlint = join(repoRoot, 'node_modules', '.bin', 'markdownlint-cli2');
  const runOurs = () => timeProcess(process.execPath, [cli, 'lint', folder, '--format', 'json'], { stdout: oursOut, stderr: oursErr });
  const runBaseline = () => timeProcess(markdownlint, ['--config', configFile, '**/*.md', '#node_modules'], { cwd: folder, stdout: mdOut, stderr: mdErr });
  expectStatus('product-docs lint (warm-up)', runOurs(), [0, 1], oursErr);
  const ours: ProcessRun[] = [];
  const baseline: ProcessRun[] = [];
  for (let run = 0; run < Math.max(RUNS, baselineRuns); run++) {
    if (run < RUNS) {
      const r = runOurs();
      expectStatus('product-docs lint', r, [0, 1], oursErr);
      ours.push(r);
    }
    if (run < baselineRuns) {
      const r = runBaseline();
      expectStatus('markdownlint-cli2', r, [0, 1], mdErr);
      baseline.push(r);
    }
  }
  const reports = JSON.parse(readFileSync(oursOut, 'utf8')) as { file: string }[];
  const mdStdout = readFileSync(mdOut, 'utf8');
  const linted = /Linting: (\d+) file/.exec(mdStdout);
  const errors = /Summary: (\d+) error/.exec(mdStdout);
  const oursMs = median(ours.map((r) => r.wallMs));
  const baselineMs = median(baseline.map((r) => r.wallMs));
  const cpu = (runs: ProcessRun[]) => (runs.every((r) => r.cpuMs !== undefined) ? median(runs.map((r) => r.cpuMs!)) : undefined);
  return {
    files,
    ours,
    baseline,
    oursMs,
    oursCpuMs: cpu(ours),
    baselineMs,
    baselineCpuMs: cpu(baseline),
    speedup: baselineMs / oursMs,
    findings: reports.length,
    filesWithFindings: new Set(reports.map((r) => r.file)).size,
    baselineFilesLinted: linted ? Number(linted[1]) : undefined,
    baselineErrors: errors ? Number(errors[1]) : undefined,
  };
}

interface IndexResult {
  files: number;
  chars: number;
  walkMs: number;
  raw: number[];
  index: number[];
  /** Then linting every document the index holds (the roadmap's problem counts). */
  lintAll: number[];
  rawCpu: number[];
  indexCpu: number[];
  items: number;
  findings: number;
}

interface RoadmapCli {
  runs: ProcessRun[];
  ms: number;
  items: number;
  rawReadProcess: ProcessRun[];
  rawReadProcessMs: number;
}

function roadmapCli(folder: string): RoadmapCli {
  const cli = join(repoRoot, 'dist', 'cli.js');
  const out = join(workDir, 'roadmap.json');
  const err = join(workDir, 'roadmap.err');
  const runOurs = () => timeProcess(process.execPath, [cli, 'roadmap', folder, '--format', 'json'], { stdout: out, stderr: err });
  expectStatus('product-docs roadmap (warm-up)', runOurs(), [0], err);
  const runs: ProcessRun[] = [];
  const rawReadProcess: ProcessRun[] = [];
  for (let run = 0; run < RUNS; run++) {
    const r = runOurs();
    expectStatus('product-docs roadmap', r, [0], err);
    runs.push(r);
    rawReadProcess.push(probe('read', { folder }).run);
  }
  const parsed = JSON.parse(readFileSync(out, 'utf8')) as unknown;
  const items = Array.isArray(parsed) ? parsed.length : Array.isArray((parsed as { items?: unknown[] }).items) ? (parsed as { items: unknown[] }).items.length : -1;
  return { runs, ms: median(runs.map((r) => r.wallMs)), items, rawReadProcess, rawReadProcessMs: median(rawReadProcess.map((r) => r.wallMs)) };
}

interface KeystrokeResult {
  chars: number;
  findings: number;
  ours: number[];
  oursMedianMs: number;
  oursMinMs: number;
  oursCpuMedianMs: number;
  parseMedianMs: number;
  remarkMedianMs: number;
  md043MedianMs: number;
}

interface IncrementalResult {
  files: number;
  buildMs: number;
  updates: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  updateMedianMs: number;
  itemsMedianMs: number;
}

interface MemoryResult {
  files: number;
  held: number;
  startRss: number;
  peakSampledRss: number;
  settledRss: number;
  settledHeapUsed: number;
  /** Heap after GC once every document is linted (texts replaced by hashes). */
  lintedHeapUsed?: number;
}

/** What the e2e test "a full rescan shows the roadmap, then a problem count on every item" writes. */
interface EditorScan {
  items: number;
  itemsMs: number;
  countsMs: number;
  worstLagMs: number;
}

/**
 * Runs that one e2e test in code-server on a copy of `folder` (the harness copies its fixture) and
 * reads the times it wrote; undefined when the run fails. Needs `npm run e2e:setup` once.
 */
function editorScan(folder: string): EditorScan | undefined {
  const resultsDir = join(workDir, 'e2e-results');
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  spawnSync(process.execPath, ['scripts/e2e/build-suite.mjs'], { cwd: repoRoot, stdio: 'ignore' });
  const run = spawnSync(process.execPath, ['test/e2e/run.mjs'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, E2E_FIXTURE: folder, E2E_GREP: 'a full rescan', E2E_RESULTS_DIR: resultsDir, E2E_SCREENSHOT_DIR: join(workDir, 'e2e-screenshots') },
  });
  const file = join(resultsDir, 'scan.json');
  if (run.status !== 0 || !existsSync(file)) {
    log(`    the editor scan failed (exit ${run.status}): ${(run.stdout + run.stderr).split('\n').slice(-5).join(' | ')}`);
    return undefined;
  }
  return JSON.parse(readFileSync(file, 'utf8')) as EditorScan;
}

interface PhasesResult {
  files: number;
  chars: number;
  findings: number;
  phases: Record<string, number>;
}

function cpuProfile(name: string, args: string[], cwd = repoRoot): ProfileSummary | undefined {
  const dir = join(workDir, 'profiles', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) {
    log(`profile ${name} failed (${result.status}): ${result.stderr.slice(-500)}`);
    return undefined;
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  return file ? summarizeCpuProfile(join(dir, file)) : undefined;
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  return {
    cores: cpus().length,
    cpuModel: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
  };
}

function sourceVersion() {
  const headings = join(repoRoot, 'src', 'core', 'markdown', 'headings.ts');
  return {
    commit: git(['rev-parse', '--short', 'HEAD']),
    changedSrcFiles: git(['status', '--porcelain', '--', 'src']).split('\n').filter(Boolean).map((line) => line.slice(3)),
    headingsDiffStat: git(['diff', '--stat', '--', 'src/core/markdown/headings.ts']) || '(unchanged from HEAD)',
    headingsSha1: createHash('sha1').update(readFileSync(headings)).digest('hex').slice(0, 12),
    headingsLines: readFileSync(headings, 'utf8').split('\n').length,
  };
}

// ---------------------------------------------------------------------------------------------
// Main

function main(): void {
  const started = performance.now();
  mkdirSync(workDir, { recursive: true });
  const loadBefore = loadavg();
  const corpus: CorpusManifest = ensureCorpus(repoRoot, argv.includes('--force-corpus'), log);
  const ws10k = join(corpus.root, 'ws-10000');
  const ws1k = join(corpus.root, 'ws-1000');
  const manifest10k = corpus.workspaces['ws-10000']!;
  const manifest1k = corpus.workspaces['ws-1000']!;
  const lintable = (m: typeof manifest10k) => m.productDocuments + m.otherMarkdown;
  const version = sourceVersion();
  log(`runs: ${RUNS} (markdownlint-cli2 on 10,000 files: ${BASELINE_RUNS}); headings.ts ${version.headingsSha1}, ${version.headingsLines} lines`);

  // The probe bundle: core as the extension ships it (bundled), run by plain node.
  buildSync({ entryPoints: [join(__dirname, 'probe.ts')], outfile: probeFile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' });

  // (e) and the CLI measurements use the production bundles, as shipped.
  log('building the production bundles');
  build(true);
  const bundle = {
    extensionBytes: statSync(join(repoRoot, 'dist', 'extension.js')).size,
    cliBytes: statSync(join(repoRoot, 'dist', 'cli.js')).size,
  };
  const startupRuns = Array.from({ length: RUNS }, () => timeProcess(process.execPath, [join(repoRoot, 'dist', 'cli.js'), '--version']));
  const nodeRuns = Array.from({ length: RUNS }, () => timeProcess(process.execPath, ['-e', '0']));
  const mdConfig = markdownlintConfig();

  log('(a) CLI lint vs markdownlint-cli2 MD043, 1,000 documents');
  const lint1k = compareLint(ws1k, lintable(manifest1k), Math.max(BASELINE_RUNS, Math.min(RUNS, 3)), mdConfig);
  log(`    ours ${seconds(lint1k.oursMs)}, markdownlint ${seconds(lint1k.baselineMs)}`);
  log('(a) CLI lint vs markdownlint-cli2 MD043, 10,000 documents (the slow part)');
  const lint10k = compareLint(ws10k, lintable(manifest10k), BASELINE_RUNS, mdConfig);
  log(`    ours ${seconds(lint10k.oursMs)}, markdownlint ${seconds(lint10k.baselineMs)}`);
  log('(b) CLI roadmap, 10,000 documents');
  const roadmap10k = roadmapCli(ws10k);

  // Back to the default (development) build: dist/ stays as `npm run build` leaves it, and the
  // profiles below can map the bundle to src/ through its source map.
  log('restoring the development bundles');
  build(false);

  log('(b) in-process roadmap index vs raw read');
  const index10k = probe<IndexResult>('index', { folder: ws10k, runs: RUNS }).result;
  const index1k = probe<IndexResult>('index', { folder: ws1k, runs: RUNS }).result;
  log('(c) keystroke lint of the 20 KB and 1 MB documents');
  const headings = mdHeadings();
  const k20 = probe<KeystrokeResult>('keystroke', { file: join(corpus.root, corpus.singles['20kb'].file), warmup: 50, iterations: 300, baselineIterations: 30, maxMs: 10_000, headings }).result;
  const k1m = probe<KeystrokeResult>('keystroke', { file: join(corpus.root, corpus.singles['1mb'].file), warmup: 3, iterations: 15, baselineIterations: Math.max(1, Math.min(RUNS, 3)), maxMs: 20_000, headings }).result;
  log('(d) incremental update');
  const incremental = probe<IncrementalResult>('incremental', { folder: ws10k, updates: 200 }).result;
  log('(f) memory');
  const memory = probe<MemoryResult>('memory', { folder: ws10k, raw: false }, ['--expose-gc']);
  const memoryRaw = probe<MemoryResult>('memory', { folder: ws10k, raw: true }, ['--expose-gc']);
  const activation = existsSync(activationFile) ? (JSON.parse(readFileSync(activationFile, 'utf8')) as { activationMs?: number }).activationMs : undefined;
  log('(g) a full rescan of the 10,000 documents in the real VS Code test host');
  const editorScans = existsSync(codeServer) ? Array.from({ length: Math.min(RUNS, 3) }, () => editorScan(ws10k)).filter((r): r is EditorScan => r !== undefined) : [];

  log('where the time goes: phases and CPU profiles');
  const phases10k = probe<PhasesResult>('phases', { folder: ws10k }).result;
  const phases1mb = probe<PhasesResult>('phases', { file: join(corpus.root, corpus.singles['1mb'].file), repeat: 7 }).result;
  const profiles = PROFILE
    ? {
        cliLint10k: cpuProfile('cli-lint', [join(repoRoot, 'dist', 'cli.js'), 'lint', ws10k, '--format', 'json']),
        index10k: cpuProfile('index', [probeFile, 'index', JSON.stringify({ folder: ws10k, runs: 1 })]),
      }
    : undefined;
  const loadAfter = loadavg();

  const indexMs = median(index10k.index);
  const rawMs = median(index10k.raw);
  const peakRss = memory.run.maxRssBytes ?? memory.result.peakSampledRss;
  const peakRssRaw = memoryRaw.run.maxRssBytes ?? memoryRaw.result.peakSampledRss;
  const check = (met: boolean) => (met ? 'yes' : 'NO');
  const cpuRatio = (c: CliComparison) => (c.oursCpuMs && c.baselineCpuMs ? ` (CPU ${times(c.baselineCpuMs / c.oursCpuMs)})` : '');
  const rows: string[][] = [
    ['Measure', 'Ours', 'Baseline (same run)', 'Ratio', 'Target', 'Met'],
    [
      `Lint ${lint10k.files.toLocaleString('en')} files, CLI (wall)`,
      seconds(lint10k.oursMs),
      `markdownlint-cli2 MD043 ${seconds(lint10k.baselineMs)}`,
      `${times(lint10k.speedup)} faster${cpuRatio(lint10k)}`,
      `>= ${TARGETS.lintVsMarkdownlint}x faster`,
      check(lint10k.speedup >= TARGETS.lintVsMarkdownlint),
    ],
    [
      `Lint ${lint1k.files.toLocaleString('en')} files, CLI (wall)`,
      seconds(lint1k.oursMs),
      `markdownlint-cli2 MD043 ${seconds(lint1k.baselineMs)}`,
      `${times(lint1k.speedup)} faster${cpuRatio(lint1k)}`,
      '(no target)',
      '',
    ],
    [
      `Roadmap index ${index10k.files.toLocaleString('en')} files, in-process`,
      seconds(indexMs),
      `raw read ${seconds(rawMs)}`,
      `${times(indexMs / rawMs)} (CPU ${times(median(index10k.indexCpu) / median(index10k.rawCpu))})`,
      `<= ${TARGETS.indexVsRawRead}x`,
      check(indexMs / rawMs <= TARGETS.indexVsRawRead),
    ],
    [
      `Then lint every document it holds (problem counts), ${index10k.files.toLocaleString('en')} files`,
      seconds(median(index10k.lintAll)),
      `raw read ${seconds(rawMs)}`,
      `index + lint ${times((indexMs + median(index10k.lintAll)) / rawMs)}`,
      '(no target)',
      '',
    ],
    [
      `Roadmap index ${index1k.files.toLocaleString('en')} files, in-process`,
      seconds(median(index1k.index)),
      `raw read ${seconds(median(index1k.raw))}`,
      `${times(median(index1k.index) / median(index1k.raw))} (CPU ${times(median(index1k.indexCpu) / median(index1k.rawCpu))})`,
      '(no target)',
      '',
    ],
    [
      `Roadmap CLI --format json, ${index10k.files.toLocaleString('en')} files (wall)`,
      seconds(roadmap10k.ms),
      `node process that reads them ${seconds(roadmap10k.rawReadProcessMs)}`,
      times(roadmap10k.ms / roadmap10k.rawReadProcessMs),
      '(no target)',
      '',
    ],
    [
      `Keystroke lint, ${(k20.chars / 1000).toFixed(0)} KB document (median)`,
      `${millis(k20.oursMedianMs)} (CPU ${millis(k20.oursCpuMedianMs)})`,
      `remark parse ${millis(k20.remarkMedianMs)}; markdownlint MD043 ${millis(k20.md043MedianMs)}`,
      `${times(k20.remarkMedianMs / k20.oursMedianMs)} faster than remark`,
      `<= ${TARGETS.keystroke20kbMs} ms`,
      check(k20.oursMedianMs <= TARGETS.keystroke20kbMs),
    ],
    [
      `Keystroke lint, ${(k1m.chars / 1e6).toFixed(1)} MB document (median)`,
      `${millis(k1m.oursMedianMs)} (CPU ${millis(k1m.oursCpuMedianMs)})`,
      `remark parse ${millis(k1m.remarkMedianMs)}; markdownlint MD043 ${millis(k1m.md043MedianMs)}`,
      `${times(k1m.remarkMedianMs / k1m.oursMedianMs)} faster than remark`,
      `<= ${TARGETS.keystroke1mbMs} ms`,
      check(k1m.oursMedianMs <= TARGETS.keystroke1mbMs),
    ],
    [
      `Incremental update, 1 of ${incremental.files.toLocaleString('en')} (median; p95)`,
      `${millis(incremental.medianMs)}; ${millis(incremental.p95Ms)}`,
      `full index build ${seconds(incremental.buildMs)}`,
      '',
      `<= ${TARGETS.incrementalMs} ms`,
      check(incremental.medianMs <= TARGETS.incrementalMs),
    ],
    ['Bundle dist/extension.js (production)', `${(bundle.extensionBytes / 1000).toFixed(0)} KB`, `dist/cli.js ${(bundle.cliBytes / 1000).toFixed(0)} KB`, '', '<= 1 MB', check(bundle.extensionBytes <= TARGETS.bundleBytes)],
    ['Activation (VS Code test host)', activation === undefined ? 'not measured' : millis(activation), activation === undefined ? `no ${activationFile.replace(`${repoRoot}/`, '')}` : 'from the e2e suite', '', `<= ${TARGETS.activationMs} ms`, activation === undefined ? '?' : check(activation <= TARGETS.activationMs)],
    [
      `Roadmap in VS Code, full rescan of ${index10k.files.toLocaleString('en')} files (median of ${editorScans.length})`,
      editorScans.length === 0 ? 'not measured' : `items ${seconds(median(editorScans.map((r) => r.itemsMs)))}, problem counts ${seconds(median(editorScans.map((r) => r.countsMs)))}`,
      editorScans.length === 0 ? 'no code-server: npm run e2e:setup' : `longest block of the extension host ${millis(Math.max(...editorScans.map((r) => r.worstLagMs)))}`,
      '',
      '(no target)',
      '',
    ],
    [
      `Peak RSS holding the ${memory.result.held.toLocaleString('en')}-file index`,
      `${megabytes(peakRss)} (heap after GC ${megabytes(memory.result.settledHeapUsed)}; once all linted ${memory.result.lintedHeapUsed === undefined ? '?' : megabytes(memory.result.lintedHeapUsed)})`,
      `process that only reads them ${megabytes(peakRssRaw)}`,
      '',
      '<= 200 MB',
      check(peakRss <= TARGETS.rssBytes),
    ],
  ];

  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r, i) => {
    const line = `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
    return i === 0 ? `${line}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|` : line;
  });
  const phaseLines = (result: PhasesResult, total: number) =>
    Object.entries(result.phases).map(([name, ms]) => `  ${name.padEnd(56)} ${millis(ms).padStart(9)}  ${total > 0 ? `${((ms / total) * 100).toFixed(0).padStart(3)}%` : ''}`);
  const analyzeMs10k = phases10k.phases['analyze (readHeader + lint)'] ?? 0;
  const analyzeMs1mb = phases1mb.phases['analyze (readHeader + lint)'] ?? 0;
  const out: string[] = [
    '',
    `Machine: ${machine().cores} cores, ${machine().cpuModel}, node ${process.version}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after`,
    `Source: ${version.commit}, uncommitted changes in ${version.changedSrcFiles.join(', ') || 'nothing'}; headings.ts ${version.headingsSha1} (${version.headingsLines} lines): ${version.headingsDiffStat.split('\n').pop()}`,
    `Medians of ${RUNS} runs (markdownlint-cli2 on 10,000 files: ${BASELINE_RUNS}; keystroke: ${k20.ours.length} and ${k1m.ours.length} calls after warm-up).`,
    '',
    ...table,
    '',
    `CPU time (user + sys), lint 10,000: ours ${lint10k.oursCpuMs === undefined ? '?' : seconds(lint10k.oursCpuMs)}, markdownlint ${lint10k.baselineCpuMs === undefined ? '?' : seconds(lint10k.baselineCpuMs)}; process start: node -e 0 ${millis(median(nodeRuns.map((r) => r.wallMs)))}, cli --version ${millis(median(startupRuns.map((r) => r.wallMs)))}`,
    `Check: ours ${lint10k.findings} findings in ${lint10k.filesWithFindings} files; markdownlint linted ${lint10k.baselineFilesLinted ?? '?'} files (we lint ${lint10k.files}), ${lint10k.baselineErrors ?? '?'} MD043 errors; roadmap ${roadmap10k.items} items (in-process ${index10k.items})`,
    '',
    `Phases, ${phases10k.files} files (${(phases10k.chars / 1e6).toFixed(1)} M chars), each a separate warm pass; % of analyze:`,
    ...phaseLines(phases10k, analyzeMs10k),
    '',
    'Phases, the 1 MB document, median of 7 calls each; % of analyze:',
    ...phaseLines(phases1mb, analyzeMs1mb),
  ];
  if (profiles) {
    for (const [name, summary] of Object.entries(profiles)) {
      if (!summary) continue;
      out.push('', `CPU profile ${name} (${seconds(summary.totalMs)}): self time by source`);
      for (const s of summary.bySource.slice(0, 10)) out.push(`  ${s.source.padEnd(56)} ${millis(s.ms).padStart(9)} ${(s.share * 100).toFixed(0).padStart(3)}%`);
      out.push('  inclusive time of our functions:');
      for (const f of summary.byFunction.slice(0, 12)) out.push(`  ${f.fn.slice(0, 80).padEnd(80)} ${millis(f.ms).padStart(9)} ${(f.share * 100).toFixed(0).padStart(3)}%`);
    }
  }
  out.push('', `Total bench time ${seconds(performance.now() - started)}; JSON: ${resultsFile.replace(`${repoRoot}/`, '')}`);
  process.stdout.write(`${out.join('\n')}\n`);

  mkdirSync(resolve(resultsFile, '..'), { recursive: true });
  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadAfter },
    source: version,
    settings: { runs: RUNS, baselineRuns: BASELINE_RUNS, timeTool: TIME ?? null },
    corpus: { version: corpus.version, seed: corpus.seed, workspaces: corpus.workspaces, singles: corpus.singles },
    targets: TARGETS,
    lint: { ws1000: lint1k, ws10000: lint10k, markdownlintHeadings: headings },
    roadmap: { index10000: index10k, index1000: index1k, cli10000: roadmap10k },
    keystroke: { '20kb': k20, '1mb': k1m },
    incremental,
    bundle,
    activationMs: activation ?? null,
    editorScans,
    memory: { index: memory, rawRead: memoryRaw },
    startup: { nodeMs: median(nodeRuns.map((r) => r.wallMs)), cliVersionMs: median(startupRuns.map((r) => r.wallMs)) },
    phases: { ws10000: phases10k, doc1mb: phases1mb },
    profiles: profiles ?? null,
    table: rows,
    totalMs: performance.now() - started,
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
}

main();
