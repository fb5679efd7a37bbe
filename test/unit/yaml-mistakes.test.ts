import { strict as assert } from 'node:assert';
import { parseDocument } from '../../src/core/document';

/** The front-matter-syntax findings of a document whose front matter is `fields`, as "line: message". */
function syntaxFindings(fields: string): string[] {
  const doc = parseDocument(`---\n${fields}\n---\n\n# Doc\n`);
  return (doc.frontMatter?.problems ?? []).map((p) => `${doc.lines.positionAt(p.start).line + 1}: ${p.message}`);
}

describe('YAML mistakes in front matter, in words a PM understands, once, at the line that is wrong', () => {
  const cases: [string, string, string][] = [
    ['a colon in a value', 'type: prd\ntitle: Checkout: v2\nstatus: draft', '3: The value of "title" contains ": ", which YAML reads as a field inside a field: put the value in quotes, title: "Checkout: v2".'],
    ['a line indented by mistake', 'type: prd\ntitle: Checkout\n status: draft\nowner: Ann', '4: Line 4 is indented, so YAML reads it as part of "title" above: remove the spaces before "status".'],
    ['an unclosed quote', 'type: prd\ntitle: "Checkout\nstatus: draft\nowner: Ann', '3: The quote that opens the value of "title" is never closed: end the value with ".'],
    ['an unclosed list', 'type: prd\napprovers: [Ann, Bo\nowner: Ann', '3: The list that "[" opens in "approvers" is never closed: end it with "]" on the same line.'],
    ['braces for a value', 'type: prd\nstatus: {accepted\nowner: Ann', '3: The mapping that "{" opens in "status" is never closed: end it with "}" on the same line (braces make a mapping in YAML; for a list write [a, b], for text put it in quotes).'],
    ['a reserved first character', 'type: prd\nowner: @ann', '3: The value of "owner" starts with "@", which YAML reserves: put it in quotes, owner: "@ann".'],
    ['a tab as indentation', 'type: prd\ntitle: a\n\tstatus: b', '4: Line 4 is indented with a tab: YAML indents with spaces only.'],
    ['a list item on the key line', 'type: prd\napprovers: - Ann', '3: A list item cannot follow "approvers:" on the same line: put each "- item" on its own line below it, or write the list as [a, b].'],
    ['text after a closing quote', "type: prd\ntitle: 'it's here'", '3: The value of "title" goes on after its closing quote or bracket: put the whole value in double quotes.'],
  ];
  for (const [what, fields, expected] of cases) {
    it(what, () => assert.deepEqual(syntaxFindings(fields), [expected]));
  }

  it('keeps the parser words, with the line, for a mistake it has no explanation for', () => {
    const [finding] = syntaxFindings('type: prd\na:\n  - x\n  y: 1');
    assert.match(finding!, /^\d: /);
    assert.ok(finding!.length > 10);
  });
});
