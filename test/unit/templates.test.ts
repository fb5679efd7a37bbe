import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { defaultConfig } from '../../src/core/config/config';
import { parseDocument } from '../../src/core/document';
import { builtInTypes } from '../../src/core/config/document-types';
import { lint } from '../../src/core/lint';
import { fillTemplate, renderDocument, slugify } from '../../src/core/templates';

const values = { title: 'Checkout redesign', owner: 'Dana Lee', date: '2026-03-05' };

/** The YAML between the opening and closing `---` of a rendered document. */
function frontMatterOf(text: string): Record<string, unknown> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  assert.ok(m, `no front matter in:\n${text}`);
  return parseYaml(m[1]!) as Record<string, unknown>;
}

describe('renderDocument', () => {
  for (const type of builtInTypes()) {
    describe(`a new ${type.id}`, () => {
      const text = renderDocument(type, values);
      const findings = lint(parseDocument(text), { config: defaultConfig(), path: `docs/${type.id}.md` });

      it('has every field and section lint asks for', () => {
        assert.deepEqual(findings.filter((f) => f.rule === 'missing-section' || f.rule === 'missing-field').map((f) => f.message), []);
      });

      it('is calm while a draft: its untouched prompts are a to-do list, not findings', () => {
        assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), []);
      });

      it('has every section of the type, optional ones included, in template order, each reported empty once it goes to review', () => {
        const inReview = text.replace(/^status: draft$/m, `status: ${type.fields['status']!.values![1]}`);
        const reviewed = lint(parseDocument(inReview), { config: defaultConfig(), path: `docs/${type.id}.md` });
        const empty = reviewed.filter((f) => f.rule === 'empty-section').map((f) => /"([^"]+)"/.exec(f.message)![1]);
        assert.deepEqual(empty, type.sections.map((s) => s.title));
        // The guidance is recognised, not taken for a placeholder.
        assert.deepEqual([...new Set(reviewed.map((f) => f.rule))], ['empty-section']);
      });

      it('starts with front matter holding type, title, the first status, owner and today', () => {
        assert.deepEqual(frontMatterOf(text), { type: type.id, title: values.title, status: type.fields['status']!.values![0], owner: values.owner, created: values.date });
        assert.equal(type.fields['status']!.values![0], 'draft');
      });
    });
  }

  it('keeps titles with colons, quotes, hashes and YAML keywords valid YAML, read back as written', () => {
    const prd = builtInTypes()[0]!;
    for (const title of ['Checkout: one-click', 'The "fast" path', "Dana's #1 idea", 'yes', '2026', '0x1F', '- list?', '[draft] idea', 'a: b # c', '  padded  ']) {
      const text = renderDocument(prd, { ...values, title });
      assert.equal(frontMatterOf(text)['title'], title, text);
      assert.ok(!lint(parseDocument(text), { config: defaultConfig() }).some((f) => f.rule === 'front-matter-syntax' || f.rule === 'invalid-field'), title);
    }
  });

  it('writes an empty owner when none is known, which lint then asks for', () => {
    const text = renderDocument(builtInTypes()[1]!, { ...values, owner: '' });
    const missing = lint(parseDocument(text), { config: defaultConfig() }).filter((f) => f.rule === 'missing-field');
    assert.deepEqual(missing.map((f) => f.message), ['Field "owner" is empty; give it a value.']);
  });

  it('uses the line ending it is given, everywhere', () => {
    const text = renderDocument(builtInTypes()[2]!, values, '\r\n');
    assert.ok(!/(^|[^\r])\n/.test(text), 'a bare LF');
    assert.ok(text.endsWith('_\r\n') && !text.endsWith('\r\n\r\n'), 'one line break at the end');
  });
});

describe('fillTemplate', () => {
  const template = [
    '---',
    'type: prd',
    'title: {{title}}',
    'summary: "About {{ title }}"',
    "quoted: '{{title}}'",
    'owner: {{owner}} # the owner',
    'created: {{date}}',
    'approvers: [{{owner}}]',
    '---',
    '',
    '# {{title}}',
    '',
    'Written by {{owner}} on {{date}}; file {{slug}}.md. {{unknown}} stays.',
    '',
  ].join('\n');

  it('fills title, date, owner and slug in the front matter and the body', () => {
    const text = fillTemplate(template, values);
    assert.deepEqual(frontMatterOf(text), {
      type: 'prd',
      title: 'Checkout redesign',
      summary: 'About Checkout redesign',
      quoted: 'Checkout redesign',
      owner: 'Dana Lee',
      created: '2026-03-05',
      approvers: ['Dana Lee'],
    });
    assert.ok(text.includes('\n# Checkout redesign\n'));
    assert.ok(text.includes('Written by Dana Lee on 2026-03-05; file checkout-redesign.md. {{unknown}} stays.'));
  });

  it('keeps the front matter valid YAML whatever the title holds', () => {
    for (const title of ['Checkout: "one-click" v2', "It's #1, really", 'no', 'a\\b']) {
      const fm = frontMatterOf(fillTemplate(template, { ...values, title }));
      assert.equal(fm['title'], title);
      assert.equal(fm['summary'], `About ${title}`);
      assert.equal(fm['quoted'], title);
    }
  });

  it('writes values into the body as they are', () => {
    const text = fillTemplate(template, { ...values, title: 'Checkout: "v2"' });
    assert.ok(text.includes('\n# Checkout: "v2"\n'));
  });

  it('leaves a template without front matter or variables unchanged', () => {
    assert.equal(fillTemplate('# Notes\n\nNothing to fill.\n', values), '# Notes\n\nNothing to fill.\n');
  });

  it('fills a template with CRLF line endings', () => {
    const text = fillTemplate(template.replace(/\n/g, '\r\n'), { ...values, title: 'A: B' });
    assert.equal(frontMatterOf(text)['title'], 'A: B');
    assert.ok(!/(^|[^\r])\n/.test(text));
  });
});

describe('slugify', () => {
  const cases: [string, string][] = [
    ['Checkout: one-click v2!', 'checkout-one-click-v2'],
    ['  Café au lait  ', 'cafe-au-lait'],
    ['Q3 — Growth & Retention', 'q3-growth-retention'],
    ['---', 'untitled'],
    ['日本語', 'untitled'],
    ['a'.repeat(100), 'a'.repeat(80)],
    [`${'word '.repeat(16)}end`, 'word-'.repeat(16).slice(0, 79)],
  ];
  for (const [title, slug] of cases) {
    it(`turns ${JSON.stringify(title.length > 30 ? `${title.slice(0, 27)}...` : title)} into ${JSON.stringify(slug.length > 30 ? `${slug.slice(0, 27)}...` : slug)}`, () => {
      assert.equal(slugify(title), slug);
    });
  }
});
