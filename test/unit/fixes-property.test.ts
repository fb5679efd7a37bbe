/**
 * Property-based tests of the quick fixes (fast-check): a fix keeps every word the user wrote,
 * resolves the finding it was offered for, and fixing everything twice changes nothing more.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseConfig } from '../../src/core/config/config';
import { parseDocument } from '../../src/core/document';
import type { Finding } from '../../src/core/findings';
import { applyEdits, fixAll } from '../../src/core/fix-all';
import { lint } from '../../src/core/lint';
import { RULE_IDS } from '../../src/core/rules';
import { LineIndex } from '../../src/core/text';
import { markdownDocument, productDocument } from './hostile-arbitraries';

const { config } = parseConfig(`rules:\n${RULE_IDS.map((id) => `  ${id}: warning`).join('\n')}\ntypes:\n  prd:\n    files: ["prds/**"]\n`, RULE_IDS);
const PATH = 'prds/plan.md';
const lintText = (text: string, owner = 'Ana') => lint(parseDocument(text), { config, path: PATH, owner });

/** Runs per property; raise it (FUZZ_RUNS=20000) to hunt. */
const NUM_RUNS = Number(process.env['FUZZ_RUNS']) || 250;
const documents = fc.oneof({ weight: 3, arbitrary: productDocument }, { weight: 1, arbitrary: markdownDocument });

/** What a finding is about, stable across edits that move it: rule plus the section, field or value it names. */
function subject(finding: Finding): string {
  const field = /^(?:Unexpected (\S+) "|Field "([^"]+)")/.exec(finding.message);
  if (finding.rule === 'invalid-field' && field) return `${finding.rule}:${field[1] ?? field[2]}`;
  return `${finding.rule}:${/"([^"]*)"/.exec(finding.message)?.[1] ?? finding.message}`;
}

const strip = (s: string) => s.replace(/\s+/g, '');

/** True when `needle`'s characters appear in `haystack` in order (not necessarily adjacent). */
function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (let j = 0; i < needle.length && j < haystack.length; j++) if (needle[i] === haystack[j]) i++;
  return i === needle.length;
}

/**
 * Every line of `before` that has non-whitespace text is found, in order, in `after`: as a line
 * whose non-whitespace characters contain it in order (a fix may write into a line, e.g. a value
 * after `owner:`, but never drops a character of it).
 */
function assertKeepsEveryLine(before: string, after: string, why: string): void {
  const afterLines = after.split(/\r\n|\r|\n/).map(strip);
  let j = 0;
  for (const line of before.split(/\r\n|\r|\n/).map(strip)) {
    if (!line) continue;
    while (j < afterLines.length && !isSubsequence(line, afterLines[j]!)) j++;
    assert.ok(j < afterLines.length, `${why}: the line ${JSON.stringify(line)} is lost\n--- before\n${before}\n--- after\n${after}`);
    j++;
  }
}

describe('quick fixes, for any document', function () {
  this.timeout(60_000);

  it('keep every non-whitespace line, replacing only the invalid value they were offered for, and resolve their finding', () => {
    let fixesSeen = 0;
    fc.assert(
      fc.property(documents, (source) => {
        const doc = parseDocument(source);
        for (const finding of lintText(source)) {
          if (!finding.fix) continue;
          fixesSeen++;
          const lines = new LineIndex(doc.text);
          // The text a fix replaces is whitespace or punctuation it writes again, an empty value, or exactly
          // the finding's own value (an invalid status becomes an allowed one): a single line, nothing else.
          let expected = doc.text;
          for (const edit of finding.fix.edits) {
            const replaced = doc.text.slice(lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end));
            if (isSubsequence(strip(replaced), strip(edit.newText))) continue;
            // An empty field written as YAML's null (`owner: ~`) or an empty string gets its value there.
            if (finding.rule === 'missing-field' && /^(?:~|null|Null|NULL|""|'')$/.test(replaced)) {
              expected = applyEdits(doc.text, [edit]);
              continue;
            }
            assert.deepEqual(edit.range, finding.range, `${finding.rule} "${finding.message}" replaces text other than its subject: ${JSON.stringify(replaced)}`);
            assert.equal(edit.range.start.line, edit.range.end.line, 'a replaced value lies on one line');
            expected = applyEdits(doc.text, [edit]);
          }
          const fixed = applyEdits(doc.text, finding.fix.edits);
          assertKeepsEveryLine(expected, fixed, `${finding.rule} "${finding.message}"`);
          const after = lintText(fixed);
          assert.ok(!after.some((f) => subject(f) === subject(finding)), `the fix for ${subject(finding)} did not resolve it:\n${fixed}\n${JSON.stringify(after.filter((f) => f.rule === finding.rule).map((f) => f.message))}`);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    assert.ok(fixesSeen > NUM_RUNS, `the generated documents exercise the fixes (${fixesSeen} seen)`);
  });

  it('fixAll keeps every line of the user\'s text (values aside) and is idempotent: a second run changes nothing', () => {
    fc.assert(
      fc.property(documents, (source) => {
        const text = parseDocument(source).text;
        const once = fixAll(text, (t) => lintText(t));
        const twice = fixAll(once, (t) => lintText(t));
        assert.equal(twice, once, 'fixAll of fixAll changes nothing');
        assert.ok(!lintText(once).some((f) => f.fix), 'nothing fixable is left');
        // Values that fixes replace differ; every other line stays.
        const values = /^(?:status|priority|quarter|target|created|updated|type|depends-on|approvers|owner|title):.*$/;
        const userLines = text.split(/\r\n|\r|\n/).filter((l) => !values.test(l.trim())).join('\n');
        assertKeepsEveryLine(userLines, once, 'fixAll');
      }),
      { numRuns: Math.ceil(NUM_RUNS / 2) },
    );
  });

  // Counterexamples the properties above found, kept as plain examples.
  describe('regressions found by the properties', () => {
    const prdMissingAll = (tail: string) => `---\ntype: prd\ntitle: Plan\nstatus: draft\nowner: Ana\n---\n${tail}`;

    for (const [what, tail] of [
      ['an unclosed code fence', '# Plan\n\n```\ncode'],
      ['an unclosed HTML comment', '# Plan\n\n<!--\nnotes'],
      ['an unclosed <pre> block', '# Plan\n\n<pre>\ntext'],
    ]) {
      it(`at the end of a document inside ${what}, a missing section gets no fix (the heading would not be one), and fixAll adds nothing there`, () => {
        const text = prdMissingAll(tail!);
        const missing = lintText(text).filter((f) => f.rule === 'missing-section');
        assert.equal(missing.length, 6);
        assert.ok(missing.every((f) => !f.fix));
        assert.equal(fixAll(text, (t) => lintText(t)), text);
      });
    }

    it('a section is still inserted before a later section when the end is inside a code fence', () => {
      const text = prdMissingAll('# Plan\n\n## Goals\n\nFewer.\n\n```\ncode');
      const problem = lintText(text).find((f) => f.rule === 'missing-section' && f.message.includes('"Problem"'))!;
      assert.ok(problem.fix);
      assert.ok(!lintText(applyEdits(text, problem.fix.edits)).some((f) => subject(f) === 'missing-section:Problem'));
    });

    it('after a lone CR (old Mac line ends) an inserted section starts on a line of its own, not glued into a CRLF', () => {
      const text = '---\ntype: prd\ntitle: Plan\nstatus: draft\nowner: Ana\n---\n<div>\r';
      const fix = lintText(text).find((f) => f.rule === 'missing-section')!.fix!;
      const fixed = applyEdits(text, fix.edits);
      assert.match(fixed, /^<div>\r\n\n## Problem$/m);
      assert.ok(!lintText(fixed).some((f) => subject(f) === 'missing-section:Problem'));
    });

    it('in a document of only blanks, an inserted section starts on a new line (a tab before it would make it code)', () => {
      const fixed = applyEdits('\t', lintText('\t').find((f) => f.rule === 'missing-section')!.fix!.edits);
      assert.equal(fixed.split('\n')[0], '\t');
      assert.ok(!lintText(fixed).some((f) => subject(f) === 'missing-section:Problem'));
    });

    it('a value written over several lines is never replaced by a fix (it would delete the lines after the first)', () => {
      const text = '---\ntype: prd\n  block text\ntitle: Plan\nstatus: drafting\n  and more\nowner: Ana\n---\n# Plan\n';
      const findings = lintText(text).filter((f) => f.rule === 'unknown-type' || f.rule === 'invalid-field');
      assert.ok(findings.length > 0 && findings.every((f) => !f.fix), JSON.stringify(findings));
      assert.match(fixAll(text, (t) => lintText(t)), /block text[\s\S]*and more/);
    });
  });

  it('without a known owner, a missing owner gets no fix rather than an empty value that would not resolve it', () => {
    const text = '---\ntype: prd\ntitle: Plan\nstatus: draft\n---\n# Plan\n';
    const owner = lintText(text, '').find((f) => f.rule === 'missing-field' && f.message.includes('"owner"'));
    assert.ok(owner, 'the missing owner is reported');
    assert.equal(owner.fix, undefined);
  });
});
