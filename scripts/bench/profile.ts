/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) of a bundled script: self time per source file
 * and inclusive time per function, mapped back to src/ and node_modules/ through the bundle's
 * source map, so "where does the time go" reads in terms of our modules, not bundle offsets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by source file (or by V8 category such as "(garbage collector)"), largest first. */
  bySource: { source: string; ms: number; share: number }[];
  /** Inclusive time of our own functions (src/), largest first: the phases. */
  byFunction: { fn: string; ms: number; share: number }[];
  /** Self time of every function, largest first: the hot spots. */
  hotSpots: { fn: string; ms: number; share: number }[];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Per generated line: [generated column, source index, original line] segments, in column order. */
function decodeMappings(mappings: string): number[][][] {
  const lines: number[][][] = [];
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  for (const lineText of mappings.split(';')) {
    const segments: number[][] = [];
    let column = 0;
    for (const segmentText of lineText.split(',')) {
      if (!segmentText) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segmentText) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0]!;
      if (values.length >= 4) {
        source += values[1]!;
        originalLine += values[2]!;
        originalColumn += values[3]!;
        segments.push([column, source, originalLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

class SourceMap {
  private readonly lines: number[][][];
  private readonly sources: string[];

  constructor(file: string) {
    const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[]; mappings: string };
    this.sources = map.sources.map(shortSource);
    this.lines = decodeMappings(map.mappings);
  }

  locate(line: number, column: number): { source: string; line: number } | undefined {
    const segments = this.lines[line];
    if (!segments || segments.length === 0) return undefined;
    let found = segments[0]!;
    for (const segment of segments) {
      if (segment[0]! > column) break;
      found = segment;
    }
    return { source: this.sources[found[1]!] ?? '?', line: found[2]! + 1 };
  }
}

/** "../node_modules/yaml/dist/parse/lexer.js" -> "yaml (dependency)"; "../src/core/x.ts" -> "src/core/x.ts". */
function shortSource(source: string): string {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  if (dependency) return `${dependency[1]} (dependency)`;
  const src = /(?:^|\/)((?:src|scripts)\/.*)$/.exec(source);
  return src ? src[1]! : source.replace(/^(\.\.\/)+/, '');
}

export function summarizeCpuProfile(profileFile: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  const maps = new Map<string, SourceMap | undefined>();
  const mapFor = (url: string): SourceMap | undefined => {
    if (!maps.has(url)) {
      let map: SourceMap | undefined;
      try {
        const file = `${fileURLToPath(url)}.map`;
        if (existsSync(file)) map = new SourceMap(file);
      } catch {
        map = undefined;
      }
      maps.set(url, map);
    }
    return maps.get(url);
  };
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const describe = new Map<number, { source: string; fn: string }>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    let source: string;
    let where = '';
    if (!url) source = name.startsWith('(') ? name : `(native) ${name}`;
    else if (url.startsWith('node:')) source = 'node internals';
    else {
      const located = url.startsWith('file:') ? mapFor(url)?.locate(lineNumber, columnNumber) : undefined;
      source = located?.source ?? url.replace(/^.*\//, '');
      where = located ? `:${located.line}` : '';
    }
    describe.set(node.id, { source, fn: url ? `${name} (${source}${where})` : source });
  }
  const selfBySource = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const ms = (timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = describe.get(samples[i]!)!;
    selfBySource.set(leaf.source, (selfBySource.get(leaf.source) ?? 0) + ms);
    selfByFunction.set(leaf.fn, (selfByFunction.get(leaf.fn) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const { source, fn } = describe.get(id)!;
      if (!source.startsWith('src/') || seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + ms);
    }
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const sorted = <K extends string>(map: Map<string, number>, key: K, limit: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({ [key]: name, ms: round(ms), share: round(ms / totalMs, 3) }) as { [P in K]: string } & { ms: number; share: number });
  return {
    totalMs: round(totalMs),
    bySource: sorted(selfBySource, 'source', 15),
    byFunction: sorted(inclusive, 'fn', 25),
    hotSpots: sorted(selfByFunction, 'fn', 15),
  };
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
