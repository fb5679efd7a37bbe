/**
 * docs/rules.md, run the remark-lint way: every rule has a section (`## rule-id`), and each section's
 * example, a ```markdown document followed by a ```text block of what `product-docs lint` prints for
 * it (`line:column severity message (rule)`), is linted here and compared, so the docs cannot drift.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../../src/core/config/config';
import { parseDocument } from '../../src/core/document';
import { lint } from '../../src/core/lint';
import { RULES } from '../../src/core/rules';

interface DocSection {
  heading: string;
  /** The section's prose, outside code blocks. */
  prose: string;
  /** Fenced code blocks, in order, with their info string. */
  blocks: { info: string; text: string; line: number }[];
}

/** Splits a markdown text at its `## ` headings, keeping code blocks whole. */
function sections(markdown: string): DocSection[] {
  const result: DocSection[] = [];
  let current: DocSection | undefined;
  let fence: { marker: string; info: string; lines: string[]; line: number } | undefined;
  markdown.split(/\r?\n/).forEach((line, index) => {
    if (fence) {
      if (line.startsWith(fence.marker) && !line.slice(fence.marker.length).trim()) {
        current?.blocks.push({ info: fence.info, text: fence.lines.join('\n'), line: fence.line });
        fence = undefined;
      } else fence.lines.push(line);
      return;
    }
    const open = /^(`{3,}|~{3,})\s*(\S*)/.exec(line);
    if (open) fence = { marker: open[1]!, info: open[2]!, lines: [], line: index + 1 };
    else if (line.startsWith('## ')) result.push((current = { heading: line.slice(3).trim(), prose: '', blocks: [] }));
    else if (current) current.prose += `${line}\n`;
  });
  return result;
}

const RULES_DOC = join(__dirname, '..', '..', 'docs', 'rules.md');
const documented = sections(readFileSync(RULES_DOC, 'utf8'));

describe('docs/rules.md', () => {
  it('has a section for every rule, and none for a rule that does not exist', () => {
    assert.deepEqual(
      documented.map((s) => s.heading),
      RULES.map((r) => r.id),
      'the sections, in the order of RULES',
    );
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      const section = documented.find((s) => s.heading === rule.id);

      it('states the default severity and whether there is a quick fix', () => {
        assert.ok(section, `no "## ${rule.id}" section`);
        assert.match(section.prose, new RegExp(`^- Default severity: ${rule.defaultSeverity}$`, 'm'));
        assert.match(section.prose, /^- Configure: .*`rules: \{ [a-z-]+: /m);
        assert.match(section.prose, /^- Quick fix: (yes|no)\b/m);
      });

      it('has an example whose findings are exactly the ones written under it', () => {
        assert.ok(section, `no "## ${rule.id}" section`);
        const example = section.blocks.findIndex((b) => b.info === 'markdown');
        assert.ok(example >= 0, 'no ```markdown example');
        const expected = section.blocks[example + 1];
        assert.ok(expected && expected.info === 'text', 'the example is not followed by a ```text block of findings');
        const findings = lint(parseDocument(section.blocks[example]!.text), { config: defaultConfig(), path: 'docs/example.md' });
        const printed = findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.message} (${f.rule})`);
        assert.deepEqual(printed, expected.text.split('\n').filter((line) => line.trim()), `docs/rules.md line ${section.blocks[example]!.line}`);
        assert.ok(findings.some((f) => f.rule === rule.id), `the example shows no ${rule.id} finding`);
      });
    });
  }
});
