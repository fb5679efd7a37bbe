/**
 * The in-process measurements, run by run.ts in a fresh child process each (bundled with esbuild
 * and started with plain node, as the extension and CLI run), so one measurement's garbage and JIT
 * state never leak into another's. Usage: node probe.cjs <task> <json args>; prints one JSON line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { defaultConfig, type ProductDocsConfig } from '../../src/core/config/config';
import { parseDocument, type ParsedDocument } from '../../src/core/document';
import { parseFrontMatter } from '../../src/core/front-matter/front-matter';
import { lint } from '../../src/core/lint';
import { scanHeadings } from '../../src/core/markdown/headings';
import { RULES } from '../../src/core/rules';
import { LineIndex } from '../../src/core/text';
import { analyze, readHeader, WorkspaceIndex } from '../../src/core/workspace/workspace-index';

type Args = Record<string, unknown>;

/** The baselines, loaded only by the task that uses them, so other tasks do not pay for them. */
function baselines() {
  // markdownlint is ESM with subpath exports, which this repo's "node" module resolution cannot
  // type; esbuild bundles the require all the same.
  const { lint } = require('markdownlint/sync') as { lint: (options: { strings: Record<string, string>; config: unknown }) => unknown };
  const { unified } = require('unified') as typeof import('unified');
  const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
  return { markdownlint: lint, remark: unified().use(remarkParse) };
}

const now = () => performance.now();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** The markdown files of a folder, in name order, skipping node_modules and .git as the CLI does. */
function listFiles(folder: string): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') visit(path);
      } else if (entry.isFile() && /\.md$/i.test(entry.name)) files.push(path);
    }
  };
  visit(folder);
  return files;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * (b) Roadmap index in-process vs reading the same files, alternating, `runs` times each: the index
 * with every item and its fields, and then the lint of every document it holds (the problem counts
 * the roadmap view fills in after showing the items), timed on its own.
 */
function indexTask({ folder, runs }: Args): unknown {
  const walkStart = now();
  const files = listFiles(folder as string);
  const walkMs = now() - walkStart;
  const paths = files.map((f) => toPosix(relative(folder as string, f)));
  const config = defaultConfig();
  let bytes = 0;
  for (const file of files) bytes += readFileSync(file, 'utf8').length; // warms the page cache
  const raw: number[] = [];
  const index: number[] = [];
  const lintAll: number[] = [];
  const rawCpu: number[] = [];
  const indexCpu: number[] = [];
  const cpuMs = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  let items = 0;
  let findings = 0;
  for (let run = 0; run < (runs as number); run++) {
    let t = now();
    let c = cpuMs();
    let sink = 0;
    for (const file of files) sink += readFileSync(file, 'utf8').length;
    raw.push(now() - t);
    rawCpu.push(cpuMs() - c);
    if (sink !== bytes) throw new Error('files changed during the run');
    t = now();
    c = cpuMs();
    const workspace = new WorkspaceIndex(config);
    for (let i = 0; i < files.length; i++) workspace.update(paths[i]!, readFileSync(files[i]!, 'utf8'));
    items = workspace.items().length;
    index.push(now() - t);
    indexCpu.push(cpuMs() - c);
    t = now();
    findings = 0;
    for (const [key] of workspace.entries()) findings += workspace.findings(key)!.length;
    lintAll.push(now() - t);
  }
  return { files: files.length, chars: bytes, walkMs, raw, index, lintAll, rawCpu, indexCpu, items, findings };
}

/** (d) One document of the index changes: update + items list + its findings, many times. */
function incrementalTask({ folder, updates }: Args): unknown {
  const files = listFiles(folder as string);
  const paths = files.map((f) => toPosix(relative(folder as string, f)));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const workspace = new WorkspaceIndex(defaultConfig());
  let t = now();
  for (let i = 0; i < files.length; i++) workspace.update(paths[i]!, texts[i]!);
  const buildMs = now() - t;
  const total: number[] = [];
  const updateOnly: number[] = [];
  const itemsOnly: number[] = [];
  const count = updates as number;
  const step = Math.max(1, Math.floor(files.length / 50));
  for (let k = 0; k < count; k++) {
    const i = ((k % 50) * step + Math.floor(k / 50)) % files.length;
    // A keystroke-sized edit: the text differs from the indexed one, so the file is re-analysed.
    const edited = texts[i]!.replace(/\n*$/, `\n\nEdited ${k}.\n`);
    t = now();
    const changed = workspace.update(paths[i]!, edited);
    const afterUpdate = now();
    const items = workspace.items();
    const diagnostics = workspace.findings(paths[i]!);
    const end = now();
    if (!changed || items.length === 0 || !diagnostics) throw new Error('the edit was not applied');
    total.push(end - t);
    updateOnly.push(afterUpdate - t);
    itemsOnly.push(end - afterUpdate);
  }
  return { files: files.length, buildMs, updates: count, total, medianMs: median(total), p95Ms: percentile(total, 0.95), maxMs: Math.max(...total), updateMedianMs: median(updateOnly), itemsMedianMs: median(itemsOnly) };
}

/** The raw-read limit as a process: find and read every file, nothing else. */
function readTask({ folder }: Args): unknown {
  const files = listFiles(folder as string);
  let chars = 0;
  for (const file of files) chars += readFileSync(file, 'utf8').length;
  return { files: files.length, chars };
}

/** (f) Builds the index file by file (it keeps each text until it is linted) and samples RSS; `raw` only reads. */
function memoryTask({ folder, raw }: Args): unknown {
  const files = listFiles(folder as string);
  const config = defaultConfig();
  const workspace = new WorkspaceIndex(config);
  let peakSampled = process.memoryUsage().rss;
  const start = peakSampled;
  for (let i = 0; i < files.length; i++) {
    const text = readFileSync(files[i]!, 'utf8');
    if (!raw) workspace.update(toPosix(relative(folder as string, files[i]!)), text);
    if (i % 100 === 0) peakSampled = Math.max(peakSampled, process.memoryUsage().rss);
  }
  peakSampled = Math.max(peakSampled, process.memoryUsage().rss);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const settled = process.memoryUsage();
  // Once every document is linted (as the editor does in the background), the index keeps a hash
  // of each text instead of the text.
  for (const [key] of workspace.entries()) workspace.findings(key);
  gc?.();
  const linted = process.memoryUsage();
  return { files: files.length, held: workspace.size, startRss: start, peakSampledRss: peakSampled, settledRss: settled.rss, settledHeapUsed: settled.heapUsed, lintedHeapUsed: linted.heapUsed, gcExposed: gc !== undefined };
}

function timeCalls(fn: () => unknown, warmup: number, iterations: number, maxMs: number, cpu?: number[]): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const deadline = now() + maxMs;
  for (let i = 0; i < iterations && (i < 3 || now() < deadline); i++) {
    const c = cpu ? process.cpuUsage() : undefined;
    const t = now();
    fn();
    times.push(now() - t);
    if (c) {
      const used = process.cpuUsage(c);
      cpu!.push((used.user + used.system) / 1000);
    }
  }
  return times;
}

/** (c) A keystroke's lint of one document (parse + lint), next to remark's parse and markdownlint MD043. */
function keystrokeTask({ file, warmup, iterations, baselineIterations, maxMs, headings }: Args): unknown {
  const text = readFileSync(file as string, 'utf8');
  const config = defaultConfig();
  const path = 'docs/bench.md';
  let findings = 0;
  const oursCpu: number[] = [];
  const ours = timeCalls(() => (findings = lint(parseDocument(text), { config, path }).length), warmup as number, iterations as number, maxMs as number, oursCpu);
  const parseOnly = timeCalls(() => parseDocument(text), 2, Math.min(iterations as number, 20), maxMs as number);
  const { markdownlint, remark: processor } = baselines();
  const remark = timeCalls(() => processor.parse(text), 1, baselineIterations as number, maxMs as number);
  const mdConfig = { default: false, MD043: { headings: headings as string[] } };
  const md043 = timeCalls(() => markdownlint({ strings: { doc: text }, config: mdConfig }), 1, baselineIterations as number, maxMs as number);
  return { chars: text.length, findings, ours, oursMedianMs: median(ours), oursMinMs: Math.min(...ours), oursCpuMedianMs: median(oursCpu), parseMedianMs: median(parseOnly), remark, remarkMedianMs: median(remark), md043, md043MedianMs: median(md043) };
}

/**
 * Where the time goes, phase by phase. Over a folder: each phase is one timed loop over every
 * document, after a warm-up loop. Over one file: the median of `repeat` timed calls per phase.
 * Only core's public API is used: a rule's own cost is lint() with only that rule on, minus lint()
 * with every rule off (which is classify + matchSections + sort).
 */
function phasesTask({ folder, file, repeat }: Args): unknown {
  const phases: Record<string, number> = {};
  let files: string[];
  const single = typeof file === 'string';
  if (single) files = [file];
  else {
    const t = now();
    files = listFiles(folder as string);
    phases['walk (readdir, skipping node_modules)'] = now() - t;
  }
  const root = single ? '/' : (folder as string);
  const config = defaultConfig();
  const paths = single ? ['docs/bench.md'] : files.map((f) => toPosix(relative(root, f)));
  let t = now();
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  phases['read (readFileSync utf8)'] = now() - t;
  const timed = (name: string, fn: (i: number) => unknown) => {
    if (single) {
      phases[name] = median(timeCalls(() => fn(0), 2, (repeat as number | undefined) ?? 5, 60_000));
      return;
    }
    for (let i = 0; i < texts.length; i++) fn(i); // warm-up pass
    const start = now();
    for (let i = 0; i < texts.length; i++) fn(i);
    phases[name] = now() - start;
  };
  const fm = texts.map((text) => parseFrontMatter(text));
  timed('front matter (parseFrontMatter: flat reader, else yaml)', (i) => parseFrontMatter(texts[i]!));
  timed('headings (scanHeadings)', (i) => scanHeadings(texts[i]!, fm[i]?.bodyStart ?? 0));
  timed('line index (new LineIndex)', (i) => new LineIndex(texts[i]!));
  timed('parseDocument (the three above + sections)', (i) => parseDocument(texts[i]!));
  const parsed = texts.map((text) => parseDocument(text));
  // A fresh (shallow) copy per call: what rules compute per document is cached on the document
  // object, and a warm pass must not leave the timed pass nothing to do.
  const fresh = (i: number): ParsedDocument => ({ ...parsed[i]! });
  const only = (id: string | undefined): ProductDocsConfig => ({ ...config, severities: Object.fromEntries(RULES.map((r) => [r.id, r.id === id ? r.defaultSeverity : 'off'])) });
  const none = only(undefined);
  timed('lint, every rule off (classify + matchSections)', (i) => lint(fresh(i), { config: none, path: paths[i]! }));
  const base = phases['lint, every rule off (classify + matchSections)']!;
  for (const rule of RULES) {
    const alone = only(rule.id);
    const name = `rule ${rule.id} (alone minus all off)`;
    timed(name, (i) => lint(fresh(i), { config: alone, path: paths[i]! }));
    phases[name] = Math.max(0, phases[name]! - base);
  }
  timed('lint (every rule, default severities)', (i) => lint(fresh(i), { config, path: paths[i]! }));
  timed('readHeader (front matter, classify, roadmap item)', (i) => readHeader(texts[i]!, paths[i]!, config));
  timed('analyze (readHeader + lint)', (i) => analyze(texts[i]!, paths[i]!, config));
  const findings = parsed.flatMap((doc, i) => lint(doc, { config, path: paths[i]! }).map((f) => ({ file: paths[i], ...f })));
  t = now();
  JSON.stringify(findings, null, 2);
  phases['JSON.stringify of every finding'] = now() - t;
  return { files: files.length, chars: texts.reduce((sum, text) => sum + text.length, 0), findings: findings.length, phases };
}

const TASKS: Record<string, (args: Args) => unknown> = {
  index: indexTask,
  incremental: incrementalTask,
  memory: memoryTask,
  read: readTask,
  keystroke: keystrokeTask,
  phases: phasesTask,
};

const [task, json] = process.argv.slice(2);
const run = task ? TASKS[task] : undefined;
if (!run) {
  process.stderr.write(`usage: probe <${Object.keys(TASKS).join('|')}> '<json args>'\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(run(JSON.parse(json ?? '{}') as Args))}\n`);
