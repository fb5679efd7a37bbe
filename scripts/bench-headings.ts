/**
 * Times scanHeadings against remark's and markdown-it's full parses on generated product documents
 * (front matter, sections, lists, code fences, quotes, links). Usage: npx tsx scripts/bench-headings.ts
 */
import MarkdownIt from 'markdown-it';
import { scanHeadings } from '../src/core/markdown/headings';
import { Rng } from './bench/prng';

const { unified } = require('unified') as typeof import('unified');
const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
/* eslint-enable @typescript-eslint/no-require-imports */

const SECTIONS = ['Problem', 'Goals', 'Non-goals', 'Users & personas', 'Requirements', 'Design', 'Rollout', 'Metrics', 'Risks', 'Open questions'];
const WORDS = 'the customer needs a faster way to review launch plans across teams while keeping audit history and clear owners for every milestone in the roadmap'.split(' ');

/** A realistic product document of about `size` characters, with its body start after front matter. */
function productDocument(size: number, seed: number): { text: string; bodyStart: number } {
  const rng = new Rng(seed);
  const rnd = (): number => rng.next();
  const pick = <T>(items: readonly T[]): T => rng.pick(items);
  const sentence = (): string => {
    const words: string[] = [];
    const count = 6 + Math.floor(rnd() * 14);
    for (let i = 0; i < count; i++) {
      const word = pick(WORDS);
      const r = rnd();
      words.push(r < 0.04 ? `*${word}*` : r < 0.07 ? `**${word}**` : r < 0.1 ? `\`${word}\`` : r < 0.12 ? `[${word}](https://example.com/${word})` : word);
    }
    const text = words.join(' ');
    return text[0]!.toUpperCase() + text.slice(1) + '.';
  };
  const paragraph = (): string => Array.from({ length: 1 + Math.floor(rnd() * 4) }, sentence).join(rnd() < 0.5 ? ' ' : '\n');

  const frontMatter = `---\ntitle: Launch review ${seed}\ntype: prd\nstatus: draft\nowner: pm@example.com\nquarter: 2025-Q${1 + (seed % 4)}\n---\n`;
  const out: string[] = [frontMatter, `# Launch review ${seed}\n\n${paragraph()}\n`];
  let length = out[0]!.length + out[1]!.length;
  let section = 0;
  while (length < size) {
    const parts: string[] = [`\n## ${SECTIONS[section % SECTIONS.length]} ${Math.floor(section / SECTIONS.length) || ''}`.trimEnd() + '\n\n'];
    section++;
    const blocks = 2 + Math.floor(rnd() * 5);
    for (let b = 0; b < blocks; b++) {
      const r = rnd();
      if (r < 0.35) parts.push(paragraph() + '\n\n');
      else if (r < 0.55) {
        const items = Array.from({ length: 2 + Math.floor(rnd() * 5) }, () => `- ${sentence()}` + (rnd() < 0.2 ? `\n  - ${sentence()}` : ''));
        parts.push(items.join('\n') + '\n\n');
      } else if (r < 0.65) {
        parts.push(Array.from({ length: 2 + Math.floor(rnd() * 4) }, (_, i) => `${i + 1}. ${sentence()}`).join('\n') + '\n\n');
      } else if (r < 0.75) {
        parts.push('```yaml\n# not a heading\nrollout:\n  stage: beta\n  percent: 10\n```\n\n');
      } else if (r < 0.82) {
        parts.push(`> ${sentence()}\n> ${sentence()}\n\n`);
      } else if (r < 0.9) {
        parts.push(`### ${pick(['Milestones', 'Dependencies', 'Notes', 'FAQ'])}\n\n${paragraph()}\n\n`);
      } else if (r < 0.95) {
        parts.push(`| Milestone | Owner | Date |\n| --- | --- | --- |\n| Beta | ${pick(WORDS)} | 2025-03-01 |\n| GA | ${pick(WORDS)} | 2025-06-01 |\n\n`);
      } else {
        parts.push(`${pick(['Appendix', 'Glossary', 'References'])}\n${pick(['===', '---'])}\n\n${paragraph()}\n\n`);
      }
    }
    const chunk = parts.join('');
    out.push(chunk);
    length += chunk.length;
  }
  // Flatten, as an editor buffer or a file read would be.
  const text = out.join('').split('').join('');
  return { text, bodyStart: frontMatter.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(runs: number, fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const processor = unified().use(remarkParse);
const markdownIt = new MarkdownIt('default', { html: true });

for (const [label, size, scanRuns, remarkRuns] of [
  ['20 KB', 20_000, 2000, 40],
  ['1 MB', 1_000_000, 60, 5],
] as const) {
  const { text, bodyStart } = productDocument(size, size);
  const body = text.slice(bodyStart);
  // Warm the JIT on the scanner before measuring.
  for (let i = 0; i < 200; i++) scanHeadings(productDocument(20_000, i).text);
  const headings = scanHeadings(text, bodyStart).length;
  const scan = time(scanRuns, () => scanHeadings(text, bodyStart));
  processor.parse(body);
  const remark = time(remarkRuns, () => processor.parse(body));
  markdownIt.parse(body, {});
  const markdownItMs = time(remarkRuns, () => markdownIt.parse(body, {}));
  console.log(
    `${label.padEnd(6)} (${text.length} chars, ${headings} headings): scanHeadings median ${scan.toFixed(3)} ms, ` +
      `remark parse median ${remark.toFixed(1)} ms (${Math.round(remark / scan)}x), ` +
      `markdown-it parse median ${markdownItMs.toFixed(1)} ms (${Math.round(markdownItMs / scan)}x)`,
  );
}
