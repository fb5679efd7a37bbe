/**
 * The lint rules, tested with fixtures in the markdownlint style.
 *
 * Each `test/unit/fixtures/rules/**\/*.md` is a small document whose expected findings are written at
 * its end, one HTML comment per finding:
 *
 *     <!-- expect: LINE:COLUMN[-ENDLINE:ENDCOLUMN] SEVERITY RULE ["text the message contains"] -->
 *
 * Lines and columns are 1-based, as the CLI prints them; the quoted text is a JSON string. A fixture
 * that expects nothing says `<!-- expect: none -->`. Comments saying why start `<!-- about: -->`.
 * Everything from the first `expect:` or `about:` line on is cut off before linting, so the
 * expectations never lint themselves, and positions above them are unchanged.
 *
 * A fixture is linted with the config in `NAME.config.yaml` beside it when there is one (else the
 * defaults), as the path relative to `fixtures/rules/`. Every fixture is also linted with CRLF line
 * endings, with a BOM, and with both: the findings must be identical, positions included.
 *
 * The second half applies every quick fix the fixtures produce and checks what a fix promises.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultConfig, parseConfig, type ProductDocsConfig } from '../../src/core/config/config';
import { parseDocument } from '../../src/core/document';
import { checkFieldValue } from '../../src/core/front-matter/field-values';
import type { Finding } from '../../src/core/findings';
import { lint } from '../../src/core/lint';
import { RULE_IDS } from '../../src/core/rules';
import { LineIndex, type TextEdit } from '../../src/core/text';

const FIXTURES = join(__dirname, 'fixtures', 'rules');

interface Expectation {
  line: number;
  column: number;
  end?: { line: number; column: number };
  severity: string;
  rule: string;
  messageContains?: string;
}

interface Fixture {
  /** Path relative to fixtures/rules, with `/`: the path the document is linted as. */
  path: string;
  /** The document without its expectations. */
  text: string;
  expectations: Expectation[];
  config: ProductDocsConfig;
}

const EXPECT = /^<!-- expect: (\d+):(\d+)(?:-(\d+):(\d+))? (error|warning|info) ([a-z-]+)(?: ("(?:[^"\\]|\\.)*"))? -->$/;

function loadFixture(file: string): Fixture {
  const source = readFileSync(file, 'utf8');
  const cut = source.search(/^<!-- (?:expect|about):/m);
  assert.ok(cut >= 0, `${file} has no <!-- expect: ... --> lines`);
  const expectations: Expectation[] = [];
  let none = false;
  for (const line of source.slice(cut).split(/\r\n|\r|\n/)) {
    if (!line.trim() || line.startsWith('<!-- about:')) continue;
    if (line === '<!-- expect: none -->') {
      none = true;
      continue;
    }
    const m = EXPECT.exec(line);
    assert.ok(m, `${file}: cannot read expectation ${JSON.stringify(line)}`);
    expectations.push({
      line: Number(m[1]),
      column: Number(m[2]),
      ...(m[3] ? { end: { line: Number(m[3]), column: Number(m[4]) } } : {}),
      severity: m[5]!,
      rule: m[6]!,
      ...(m[7] ? { messageContains: JSON.parse(m[7]) as string } : {}),
    });
  }
  assert.ok(none !== expectations.length > 0, `${file}: write either "expect: none" or expectations, not both or neither`);
  const configFile = file.replace(/\.md$/, '.config.yaml');
  let config = defaultConfig();
  if (existsSync(configFile)) {
    const loaded = parseConfig(readFileSync(configFile, 'utf8'), RULE_IDS);
    assert.deepEqual(loaded.problems, [], `${configFile} has problems`);
    config = loaded.config;
  }
  return { path: relative(FIXTURES, file).split('\\').join('/'), text: source.slice(0, cut), expectations, config };
}

function fixtureFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? fixtureFiles(join(folder, entry.name)) : entry.name.endsWith('.md') ? [join(folder, entry.name)] : [],
  );
}

function describeFinding(f: Finding): string {
  const { start, end } = f.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${f.severity} ${f.rule} ${JSON.stringify(f.message)}`;
}

function matches(f: Finding, e: Expectation): boolean {
  return (
    f.range.start.line + 1 === e.line &&
    f.range.start.character + 1 === e.column &&
    (!e.end || (f.range.end.line + 1 === e.end.line && f.range.end.character + 1 === e.end.column)) &&
    f.severity === e.severity &&
    f.rule === e.rule &&
    (e.messageContains === undefined || f.message.includes(e.messageContains))
  );
}

/** Pairs findings with expectations; returns a readable list of what differs ('' when nothing). */
function compare(findings: Finding[], expectations: Expectation[]): string {
  const unused = [...expectations];
  const unexpected: string[] = [];
  for (const finding of findings) {
    const index = unused.findIndex((e) => matches(finding, e));
    if (index < 0) unexpected.push(describeFinding(finding));
    else unused.splice(index, 1);
  }
  if (unexpected.length === 0 && unused.length === 0) return '';
  return [
    ...unexpected.map((f) => `unexpected: ${f}`),
    ...unused.map((e) => `missing:    ${e.line}:${e.column}${e.end ? `-${e.end.line}:${e.end.column}` : ''} ${e.severity} ${e.rule} ${JSON.stringify(e.messageContains ?? '')}`),
    'all findings:',
    ...findings.map((f) => `  ${describeFinding(f)}`),
  ].join('\n');
}

const toLf = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
const VARIANTS: { name: string; make: (text: string) => string }[] = [
  { name: 'as written', make: (text) => text },
  { name: 'with CRLF line endings', make: (text) => toLf(text).replace(/\n/g, '\r\n') },
  { name: 'with a BOM', make: (text) => `\uFEFF${toLf(text)}` },
  { name: 'with a BOM and CRLF line endings', make: (text) => `\uFEFF${toLf(text).replace(/\n/g, '\r\n')}` },
];

const fixtures = fixtureFiles(FIXTURES).sort().map(loadFixture);

describe('lint rules on the fixture documents', () => {
  for (const fixture of fixtures) {
    describe(fixture.path, () => {
      for (const variant of VARIANTS) {
        it(`reports exactly the expected findings ${variant.name}`, () => {
          const findings = lint(parseDocument(variant.make(fixture.text)), { config: fixture.config, path: fixture.path });
          const difference = compare(findings, fixture.expectations);
          assert.equal(difference, '', `${fixture.path} ${variant.name}:\n${difference}`);
        });
      }
    });
  }

  it('cover every rule, each both reported and not reported', () => {
    const expected = new Set(fixtures.flatMap((f) => f.expectations.map((e) => e.rule)));
    assert.deepEqual(RULE_IDS.filter((id) => !expected.has(id)), [], 'rules no fixture expects');
    const productDocsWithout = (id: string) => fixtures.filter((f) => f.text.includes('type:') && !f.expectations.some((e) => e.rule === id));
    assert.deepEqual(RULE_IDS.filter((id) => productDocsWithout(id).length === 0), [], 'rules every fixture reports');
  });
});

/** Applies edits given as 0-based line/character ranges, as an editor does (all against the original text). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const offsets = edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of offsets) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** What a finding says, without the parts that a fix elsewhere may legitimately change. */
function findingKey(f: Finding): string {
  return `${f.rule} ${f.message.replace(/; expected (?:after|before) "[^"]*"/, '').replace(/at line \d+/, 'at line N')}`;
}

function countKeys(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
  return counts;
}

/** True when `kept` appear in `text`'s lines in the same order. */
function linesKeptInOrder(kept: string[], text: string): string | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  let at = 0;
  for (const line of kept) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at === lines.length) return line;
    at++;
  }
  return undefined;
}

/** The user name the front ends pass in, so the owner fix can be exercised. */
const OWNER = 'Test Owner';

describe('quick fixes of the fixture findings', () => {
  for (const fixture of fixtures) {
    for (const variant of VARIANTS.slice(0, 2)) {
      const text = variant.make(fixture.text);
      const options = { config: fixture.config, path: fixture.path, owner: OWNER };
      const before = lint(parseDocument(text), options);
      for (const finding of before.filter((f) => f.fix)) {
        it(`${fixture.path} ${variant.name}: "${finding.fix!.title}" resolves ${finding.rule} at ${finding.range.start.line + 1}:${finding.range.start.character + 1} and keeps the rest`, () => {
          const fixed = applyEdits(text, finding.fix!.edits);
          const after = lint(parseDocument(fixed), options);
          const beforeCounts = countKeys(before);
          const afterCounts = countKeys(after);
          const key = findingKey(finding);
          assert.equal(afterCounts.get(key) ?? 0, beforeCounts.get(key)! - 1, `the finding is still there:\n${fixed}`);

          // Every line the edits did not touch is still there, in order.
          const touched = new Set(finding.fix!.edits.flatMap((e) => (e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character ? [] : range(e.range.start.line, e.range.end.line))));
          const kept = text.split(/\r\n|\r|\n/).filter((line, i) => line.trim() && !touched.has(i));
          const lost = linesKeptInOrder(kept, fixed);
          assert.equal(lost, undefined, `line lost or moved: ${JSON.stringify(lost)}\n${fixed}`);

          // Nothing else broke: no finding appears that was not there, except what the fix must add.
          if (finding.rule !== 'unknown-type') {
            const allowed = finding.rule === 'missing-section' ? [`empty-section Section "${/"([^"]+)"/.exec(finding.message)![1]}" is empty`] : [];
            const added = [...afterCounts].filter(([k, n]) => n > (beforeCounts.get(k) ?? 0) && !allowed.some((a) => k.startsWith(a)));
            assert.deepEqual(added, [], `the fix added findings:\n${fixed}`);
          }
          assert.ok(!after.some((f) => f.rule === 'front-matter-syntax') || before.some((f) => f.rule === 'front-matter-syntax'), 'the fix broke the front matter');
          if (!/(^|[^\r])\n/.test(text)) assert.ok(!/(^|[^\r])\n/.test(fixed), `a CRLF document got an LF line break:\n${JSON.stringify(fixed)}`);
        });
      }
    }
  }
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('quick fixes put their text where it belongs', () => {
  const config = defaultConfig();
  const prfaq = (body: string, frontMatter = 'type: prfaq\ntitle: Offline mode\nstatus: draft\nowner: Sam\n') => `---\n${frontMatter}---\n\n# Offline mode\n\n${body}`;
  const fixOf = (text: string, rule: string, messageContains: string, owner?: string) => {
    const finding = lint(parseDocument(text), { config, path: 'docs/offline.md', ...(owner ? { owner } : {}) }).find((f) => f.rule === rule && f.message.includes(messageContains));
    assert.ok(finding, `no ${rule} finding about ${messageContains}`);
    return finding.fix;
  };
  const fixed = (text: string, rule: string, messageContains: string, owner?: string) => {
    const fix = fixOf(text, rule, messageContains, owner);
    assert.ok(fix, `the ${rule} finding has no fix`);
    return applyEdits(text, fix.edits);
  };

  it('inserts a missing section after the nearest preceding section, with its guidance', () => {
    const text = prfaq('## Press release\n\nText.\n\n## Internal FAQ\n\nText.\n');
    assert.equal(
      fixed(text, 'missing-section', '"External FAQ"'),
      prfaq('## Press release\n\nText.\n\n## External FAQ\n\n_Questions customers will ask, with answers._\n\n## Internal FAQ\n\nText.\n'),
    );
  });

  it('inserts a missing first section before the first section the document has, at its level', () => {
    const text = prfaq('### External FAQ\n\nText.\n\n### Internal FAQ\n\nText.\n');
    assert.equal(
      fixed(text, 'missing-section', '"Press release"'),
      prfaq('### Press release\n\n_Announce the launch to customers: headline, the problem, the solution, a customer quote, how to get started._\n\n### External FAQ\n\nText.\n\n### Internal FAQ\n\nText.\n'),
    );
  });

  it('inserts a missing section before a later section nested in the preceding one, so the order stays right', () => {
    const text = prfaq('## Press release\n\nText.\n\n### Internal FAQ\n\nText.\n');
    const result = fixed(text, 'missing-section', '"External FAQ"');
    assert.equal(result, prfaq('## Press release\n\nText.\n\n## External FAQ\n\n_Questions customers will ask, with answers._\n\n### Internal FAQ\n\nText.\n'));
    assert.deepEqual(lint(parseDocument(result.replace('status: draft', 'status: in-review')), { config }).map((f) => f.rule), ['empty-section']);
  });

  it('appends a missing last section at the end with one blank line before and no blank line after', () => {
    const text = prfaq('## Press release\n\nText.\n\n## External FAQ\n\nText.');
    assert.equal(fixed(text, 'missing-section', '"Internal FAQ"'), `${text}\n\n## Internal FAQ\n\n_Questions stakeholders will ask: cost, risks, dependencies, why now._\n`);
  });

  it('keeps CRLF line endings and adds the blank line a CRLF paragraph needs', () => {
    const text = prfaq('## Press release\n\nText.\n').replace(/\n/g, '\r\n');
    const result = fixed(text, 'missing-section', '"External FAQ"');
    assert.equal(result, `${text}\r\n## External FAQ\r\n\r\n_Questions customers will ask, with answers._\r\n`);
  });

  it('adds a missing field before the closing fence of the front matter', () => {
    const text = prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nowner: Sam\n');
    assert.equal(fixed(text, 'missing-field', '"status"'), prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nowner: Sam\nstatus: draft\n'));
  });

  it('fills an empty owner with the user name the front end knows, keeping a comment after it', () => {
    const text = prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nstatus: draft\nowner: # who answers questions\n');
    assert.equal(fixOf(text, 'missing-field', '"owner"'), undefined, 'without a known user name there is nothing to write');
    assert.equal(fixed(text, 'missing-field', '"owner"', 'Dana Lee'), prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nstatus: draft\nowner: Dana Lee # who answers questions\n'));
    const bare = prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nstatus: draft\nowner:\n');
    assert.equal(fixed(bare, 'missing-field', '"owner"', 'Dana Lee'), prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nstatus: draft\nowner: Dana Lee\n'));
    const tilde = prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nstatus: draft\nowner: ~\n');
    assert.equal(fixed(tilde, 'missing-field', '"owner"', 'Dana Lee'), prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nstatus: draft\nowner: Dana Lee\n'));
  });

  it('quotes a field value that YAML would read as something else', () => {
    const text = prfaq('## Press release\n', 'type: prfaq\nstatus: draft\nowner: Sam\n').replace('# Offline mode', '# Offline: mode #2');
    assert.match(fixed(text, 'missing-field', '"title"'), /\ntitle: "Offline: mode #2"\n---/);
  });

  it('adds a front matter to a document that has none, keeping its first line', () => {
    const rfc = parseConfig('types:\n  rfc:\n    files: ["rfcs/*.md"]\n    sections: [Summary]\n', RULE_IDS).config;
    const text = '# Event bus\n\n## Summary\n\nOne bus.\n';
    const finding = lint(parseDocument(text), { config: rfc, path: 'rfcs/bus.md' }).find((f) => f.message.includes('"title"'))!;
    assert.equal(applyEdits(text, finding.fix!.edits), `---\ntitle: Event bus\n---\n\n${text}`);
  });

  it('offers no fix for a required list it cannot fill', () => {
    const approvals = parseConfig('types:\n  prfaq:\n    requireWhen: [{ field: status, values: [approved], require: [approvers] }]\n', RULE_IDS).config;
    const text = prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nstatus: approved\nowner: Sam\n');
    const finding = lint(parseDocument(text), { config: approvals }).find((f) => f.rule === 'missing-field');
    assert.ok(finding && !finding.fix);
  });

  it('replaces an invalid value, quotes included, with the closest allowed one', () => {
    const text = prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nstatus: "Aproved"\nowner: Sam\n');
    assert.equal(fixed(text, 'invalid-field', 'status'), prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nstatus: approved\nowner: Sam\n'));
  });

  it('offers no fix for an invalid value with no likely replacement', () => {
    const text = prfaq('## Press release\n', 'type: prfaq\ntitle: Offline mode\nstatus: paused\nowner: Sam\n');
    assert.equal(fixOf(text, 'invalid-field', 'status'), undefined);
  });
});

describe('field values as YAML hands them over', () => {
  const date = { description: '', kind: 'date' as const, required: false };
  it('accepts a Date object for a date field, as a YAML 1.1 timestamp would give', () => {
    assert.equal(checkFieldValue('created', new Date(Date.UTC(2026, 2, 5)), date), undefined);
  });
  it('rejects an invalid Date object, a number and a list for a date field', () => {
    assert.match(checkFieldValue('created', new Date('nonsense'), date)!.message, /must be a single value/);
    assert.match(checkFieldValue('created', 20260305, date)!.message, /expected a date as YYYY-MM-DD/);
    assert.match(checkFieldValue('created', ['2026-03-05'], date)!.message, /not a list/);
  });
});

describe('placeholder reads code as a CommonMark preview shows it', () => {
  const config = defaultConfig();
  /** The placeholder markers reported in `body` (under a complete PR/FAQ), as "line:column MARKER". */
  const markersIn = (body: string): string[] => {
    const text = `---\ntype: prfaq\ntitle: Offline mode\nstatus: draft\nowner: Sam\n---\n\n# Offline mode\n\n## Press release\n\nText.\n\n## External FAQ\n\nText.\n\n## Internal FAQ\n\n${body}`;
    const bodyLine = text.split('\n').length - body.split('\n').length;
    return lint(parseDocument(text), { config, path: 'docs/offline.md' })
      .filter((f) => f.rule === 'placeholder')
      .map((f) => `${f.range.start.line - bodyLine + 1}:${f.range.start.character + 1} ${/"(.*?)"/.exec(f.message)![1]}`);
  };

  it('ignores markers in indented code, indented by spaces or a tab', () => {
    assert.deepEqual(markersIn('Set it:\n\n    retries: TODO\n    timeout: {{ seconds }}\n\n\tTBD\n'), []);
  });

  it('ignores markers in a fence in a list item, on the marker line or nested deeper', () => {
    assert.deepEqual(markersIn('- ```sh\n  install --channel TODO\n  ```\n'), []);
    assert.deepEqual(markersIn('- Platforms:\n    - Desktop:\n\n      ```\n      FIXME\n      ```\n'), []);
  });

  it('ignores markers in code in a block quote, fenced or indented', () => {
    assert.deepEqual(markersIn('> ```yaml\n> sync: TBD\n> ```\n'), []);
    assert.deepEqual(markersIn('> Config:\n>\n>     sync: ???\n'), []);
  });

  it('ignores markers in indented code in a list item (the item indent plus four)', () => {
    assert.deepEqual(markersIn('- Config:\n\n      sync: TKTK\n'), []);
  });

  it('reports a marker on an indented line that continues a paragraph (it is not code)', () => {
    assert.deepEqual(markersIn('The launch date is\n    TBD, for now.\n'), ['2:5 TBD']);
    assert.deepEqual(markersIn('- The launch date is\n        TBD, for now.\n'), ['2:9 TBD']);
  });

  it('ends a fence left open with its list item or block quote, so what follows is prose', () => {
    assert.deepEqual(markersIn('- Steps:\n\n  ```\n  still code, TODO\n\nAfter the list: TODO\n'), ['6:17 TODO']);
    assert.deepEqual(markersIn('> ```\n> still code, TODO\nAfter the quote: TODO\n'), ['3:18 TODO']);
  });

  it('keeps a fence left open at the top level open to the end of the document', () => {
    assert.deepEqual(markersIn('```\nTODO\n\n## Not a heading\nTBD\n'), []);
  });

  it('reports markers after what only looks like a fence: in an HTML block, or with a backtick in the info string', () => {
    assert.deepEqual(markersIn('<div>\n```\n</div>\n\nTODO\n'), ['5:1 TODO']);
    assert.deepEqual(markersIn('``` a`b\nTODO\n'), ['2:1 TODO']);
  });

  it('reports markers in HTML comments: a note to the author that the document is not done', () => {
    assert.deepEqual(markersIn('Why now? <!-- TODO: ask finance -->\n'), ['1:15 TODO']);
  });
});
