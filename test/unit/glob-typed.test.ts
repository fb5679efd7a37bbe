import { strict as assert } from 'node:assert';
import { parseConfig } from '../../src/core/config/config';
import { parseDocument } from '../../src/core/document';
import { lint } from '../../src/core/lint';
import { RULE_IDS } from '../../src/core/rules';

// The README and docs/config.md promise that a type's `files` globs make a document of that type
// without `type:` in its front matter.
const { config } = parseConfig('types:\n  rfc:\n    files: ["rfcs/**/*.md"]\n    statuses: [draft, accepted]\n    sections: [Summary]\n', RULE_IDS);
const RFC_WITHOUT_TYPE = '---\ntitle: Faster builds\nstatus: accepted\nowner: Dana Kim\n---\n\n# Faster builds\n\n## Summary\n\nCache the compiler output.\n';

describe('documents typed by a files glob', () => {
  it('are not asked for a "type:" field', () => {
    const findings = lint(parseDocument(RFC_WITHOUT_TYPE), { config, path: 'rfcs/0001-faster-builds.md' });
    assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), []);
  });

  it('are checked against their own type: its statuses, its required fields', () => {
    const text = RFC_WITHOUT_TYPE.replace('status: accepted', 'status: approved').replace('owner: Dana Kim\n', '');
    const findings = lint(parseDocument(text), { config, path: 'rfcs/0001-faster-builds.md' });
    assert.deepEqual(findings.map((f) => f.rule).sort(), ['invalid-field', 'missing-field']);
    assert.match(findings.find((f) => f.rule === 'missing-field')!.message, /"owner"/);
    assert.match(findings.find((f) => f.rule === 'invalid-field')!.message, /draft, accepted/);
  });

  it('still need "type:" outside the globs, where nothing else says what they are', () => {
    const text = RFC_WITHOUT_TYPE.replace('---\ntitle', '---\ntype: rfc\ntitle').replace('type: rfc\n', 'type: ""\n');
    const findings = lint(parseDocument(text), { config, path: 'rfcs/0002.md' });
    assert.deepEqual(findings.map((f) => f.rule), [], 'inside the glob an empty type: is not required either');
    assert.deepEqual(lint(parseDocument(RFC_WITHOUT_TYPE), { config, path: 'notes/x.md' }), [], 'outside the glob it is no product document at all');
  });
});
