import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SNIPPETS_FILE, snippetsJson } from '../../scripts/generate-snippets';
import { defaultConfig } from '../../src/core/config/config';
import { parseDocument } from '../../src/core/document';
import { builtInTypes } from '../../src/core/config/document-types';
import { lint } from '../../src/core/lint';
import { buildSnippets, type Snippet } from '../../src/core/snippets';

/** What VS Code inserts for a snippet when every tab stop keeps its default. */
function expand(snippet: Snippet, date = { year: '2026', month: '03', day: '05' }): string {
  const defaults = new Map<string, string>();
  let text = snippet.body.join('\n');
  text = text.replace(/\$CURRENT_YEAR/g, date.year).replace(/\$CURRENT_MONTH/g, date.month).replace(/\$CURRENT_DATE/g, date.day);
  // ${n:default}, whose default is literal text with \$ \} \\ escaped.
  text = text.replace(/\$\{(\d+):((?:[^\\}]|\\.)*)\}/g, (_, n: string, value: string) => {
    const literal = value.replace(/\\(.)/g, '$1');
    defaults.set(n, literal);
    return literal;
  });
  text = text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a: string | undefined, b: string | undefined) => defaults.get((a ?? b)!) ?? '');
  return text.replace(/\\([$}\\])/g, '$1');
}

describe('snippets', () => {
  it('snippets/markdown.json is what scripts/generate-snippets.ts writes from the type definitions', () => {
    const committed = readFileSync(SNIPPETS_FILE, 'utf8');
    assert.ok(
      committed === snippetsJson(),
      `${join('snippets', 'markdown.json')} is stale: the document types changed since it was generated. Run \`npx tsx scripts/generate-snippets.ts\` and commit the result.`,
    );
  });

  const snippets = buildSnippets(builtInTypes());

  for (const type of builtInTypes()) {
    describe(`the ${type.id} skeleton`, () => {
      const snippet = snippets[`${type.label} document`];

      it(`is offered under the prefix "${type.id}"`, () => {
        assert.ok(snippet, `no snippet "${type.label} document"`);
        assert.equal(snippet.prefix, type.id);
      });

      it('has a heading for every section of the type, in template order', () => {
        const headings = snippet!.body.filter((line) => line.startsWith('## ')).map((line) => line.slice(3));
        assert.deepEqual(headings, type.sections.map((s) => s.title));
      });

      it('expands to a document lint accepts, apart from the sections still to write', () => {
        const text = expand(snippet!);
        const findings = lint(parseDocument(text), { config: defaultConfig(), path: `docs/${type.id}.md` });
        assert.deepEqual(findings.filter((f) => f.rule !== 'empty-section').map((f) => `${f.rule}: ${f.message}`), []);
        // A draft keeps its prompts as a to-do list; the same document in review has every section to write.
        assert.equal(findings.length, 0);
        const inReview = text.replace(/^status: draft$/m, 'status: in-review');
        assert.equal(lint(parseDocument(inReview), { config: defaultConfig(), path: `docs/${type.id}.md` }).filter((f) => f.rule === 'empty-section').length, type.sections.length);
      });
    });
  }

  it('includes the small snippets: FAQ question, action item, success metric', () => {
    assert.deepEqual(
      Object.values(snippets).map((s) => s.prefix).filter((p) => !builtInTypes().some((t) => t.id === p)),
      ['faq', 'action', 'metric'],
    );
  });
});
