/**
 * The flat front-matter reader against the `yaml` library, the reference. Wherever the fast reader
 * answers, its data and field locations must be exactly what the `yaml` path gives, and the `yaml`
 * path must find nothing wrong; everything else it must decline. Checked on generated flat front
 * matter full of scalars YAML reads in surprising ways, then on the same with random damage.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import { readFlatYaml, type FlatYaml } from '../../src/core/front-matter/flat-yaml';
import { parseFrontMatter, type FieldLocation } from '../../src/core/front-matter/front-matter';
import { duplicateKeys, SAFE_YAML_OPTIONS, withLoneCrAsLf } from '../../src/core/front-matter/yaml-safety';

/** What the `yaml` path of front-matter.ts makes of a source: data, field locations, and whether anything was wrong. */
function readWithYaml(source: string, offset: number): { clean: boolean; data: Record<string, unknown>; fields: Map<string, FieldLocation> } {
  const doc = parseDocument(withLoneCrAsLf(source), { ...SAFE_YAML_OPTIONS, prettyErrors: false, strict: true, stringKeys: true });
  const fields = new Map<string, FieldLocation>();
  const contents = doc.contents;
  const clean = doc.errors.length === 0 && doc.warnings.length === 0 && duplicateKeys(doc).length === 0 && isMap(contents);
  if (!isMap(contents)) return { clean, data: {}, fields };
  for (const pair of contents.items) {
    const key = pair.key as YamlNode | null;
    if (!key || !isScalar(key) || !key.range) continue;
    const range = (pair.value as YamlNode | null)?.range;
    fields.set(String(key.value), {
      keyStart: offset + key.range[0],
      keyEnd: offset + key.range[1],
      valueStart: range ? offset + range[0] : offset + key.range[1] + 1,
      valueEnd: range ? offset + range[1] : offset + key.range[1] + 1,
    });
  }
  return { clean, data: doc.toJS() as Record<string, unknown>, fields };
}

/** Fast and `yaml` agree, or fast declined. Returns whether fast answered. */
function assertAgrees(source: string, offset = 4): boolean {
  const fast: FlatYaml | undefined = readFlatYaml(source, offset);
  if (!fast) return false;
  const reference = readWithYaml(source, offset);
  assert.ok(reference.clean, `fast read ${JSON.stringify(source)}, which yaml reports problems in`);
  assert.deepStrictEqual(fast.data, reference.data, `data of ${JSON.stringify(source)}`);
  assert.deepStrictEqual([...fast.fields], [...reference.fields], `field locations of ${JSON.stringify(source)}`);
  return true;
}

/** Plain scalars YAML reads as something else, or that end or break a scalar. */
const TRICKY = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'null', 'Null', 'NULL', 'nULL', '~', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE',
  '0', '-0', '+0', '+1', '-1', '007', '08', '0x1F', '0X1F', '0x', '0o17', '0o8', '0b101', '1e3', '1E+3', '-1.5e-3', '1e', '.5', '-.5', '+.5', '1.', '1.0', '1.50', '.', '-', '+',
  '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', 'inf', 'nan', '1_000', '1,000', '99999999999999999999', '2024-01-01', '2024-01-01T10:00:00Z', '2024-Q3', '12:30', '1:2:3',
  'P1', 'PRD-0001', 'http://x.y/z?a=b#c', 'a:b', 'a: b', 'a:', 'a #b', 'a#b', 'C#', 'x,y', '[x]', '{x}', 'x]', 'x}', '-x', '- x', '?x', '? x', ':x', '"q"', "'q'", "it's", 'say "hi"',
  '&a', '*a', '!t', '!!str x', '|', '>', '%x', '@x', '`x`', '=', '<<', 'é', 'José Álvarez', '日本語', '😀', 'a\tb', '\\', 'a\\b', '  padded  ', 'x  ', '', '#', ' # c', 'a # b # c',
];
const KEYS = ['type', 'title', 'status', 'owner', 'quarter', 'target', 'priority', 'id', 'depends-on', 'theme', 'x_y', 'A1', 'null', 'True', 'y', 'on', '1', '-a', 'a b', 'é', '__proto__', 'constructor', 'toString'];

/**
 * Generated front matter. `friendly`: the realistic keys and scalars without `:` or `#`, mostly in
 * the reader's subset; otherwise anything, mostly declined. Both carry the tricky scalars.
 */
function frontMatterSource(friendly: boolean) {
  const plainText = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: friendly ? 0 : 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 4, arbitrary: friendly ? fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,'"+-]{0,13}$/) : fc.stringMatching(/^[A-Za-z0-9 .:#,'"+-]{1,14}$/) },
  );
  const scalar = fc.oneof(
    { weight: 4, arbitrary: plainText },
    { weight: 2, arbitrary: plainText.map((t) => `'${t.replace(/'/g, "''")}'`) },
    { weight: 2, arbitrary: plainText.map((t) => `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`) },
    { weight: friendly ? 0 : 1, arbitrary: fc.constantFrom('"a\\nb"', '"\\t"', '"\\x41"', '"\\u00e9"', '"\\/"', "'a''", '"a', "'a", '"a"b', "'a' b", '""', "''") },
  );
  const flowList = fc.tuple(fc.array(scalar, { maxLength: 4 }), fc.constantFrom(', ', ',', ' , ', ',  '), fc.constantFrom('[', '[ '), fc.constantFrom(']', ' ]', ...(friendly ? [] : [',]']))).map(([items, sep, open, close]) => `${open}${items.join(sep)}${close}`);
  const trailing = friendly ? fc.constantFrom('', '', ' ', '   ', ' # note', '  #note') : fc.constantFrom('', '', ' ', '   ', ' # note', '  #note', '#x', ' #', '\t');
  const key = friendly ? fc.oneof(fc.constantFrom(...KEYS.slice(0, 12)), fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/)) : fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/) });
  /** One field, given its key: `key: value`, `key:` with a block list under it, or an empty value. Its lines. */
  const field = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(': ', ':  ', ...(friendly ? [] : [':'])), scalar, trailing).map(([colon, v, t]) => (k: string) => [`${k}${colon}${v}${t}`]) },
    { weight: 2, arbitrary: fc.tuple(flowList, trailing).map(([v, t]) => (k: string) => [`${k}: ${v}${t}`]) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('', ' ', ...(friendly ? [] : [' # c'])), fc.constantFrom('', '  ', '    ', ' '), fc.array(fc.tuple(scalar, trailing), { minLength: 1, maxLength: 4 }), fc.boolean())
        .map(([after, indent, items, ragged]) => (k: string) => [`${k}:${after}`, ...items.map(([v, t], i) => `${ragged && !friendly && i === 1 ? `${indent} ` : indent}- ${v}${t}`)]),
    },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', ' # empty').map((t) => (k: string) => [`${k}:${t}`]) },
  );
  const extraLine = friendly
    ? fc.constantFrom('', '   ', '# comment', '#')
    : fc.constantFrom('', '   ', '# comment', '  # indented comment', '#', '- stray', '  continued', 'a: b: c', '? complex', '&anchor x: 1', 'x: !tag v', 'y: *alias', 'z: |', '  block');
  // Distinct keys: a repeated key is a problem yaml reports, and the reader declines it.
  return fc
    .tuple(
      fc.uniqueArray(key, { minLength: 1, maxLength: 6 }),
      fc.array(field, { minLength: 6, maxLength: 6 }),
      fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: extraLine }), { minLength: 6, maxLength: 6 }),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
    )
    .map(([keys, fields, extras, eol, finalBreak]) => keys.flatMap((k, i) => [...fields[i]!(k), ...(extras[i] === null ? [] : [extras[i]!])]).join(eol) + (finalBreak ? eol : ''));
}

describe('flat front-matter reader', () => {
  it('reads front matter as the yaml library does: same data, same field locations', () => {
    let answered = 0;
    fc.assert(
      fc.property(frontMatterSource(true), (source) => {
        if (assertAgrees(source)) answered++;
      }),
      { numRuns: 3000 },
    );
    // Most friendly front matter is in the reader's subset; if it declined (nearly) everything,
    // the property above would prove nothing.
    assert.ok(answered > 1000, `the reader answered only ${answered} of 3000`);
    fc.assert(fc.property(frontMatterSource(false), (source) => void assertAgrees(source)), { numRuns: 3000 });
  });

  it('agrees with the yaml library on damaged front matter, or declines it', () => {
    const damage = fc.constantFrom(...' \t\r\n:#-[]{}"\'\\&*!|>%@`,?~\u00a0\u2028\ufeff\u0085\ud83d'.split(''));
    fc.assert(
      fc.property(fc.oneof(frontMatterSource(true), frontMatterSource(false)), fc.array(fc.tuple(fc.nat(), damage), { minLength: 1, maxLength: 3 }), (source, edits) => {
        let damaged = source;
        for (const [at, ch] of edits) {
          const i = at % (damaged.length + 1);
          damaged = damaged.slice(0, i) + ch + damaged.slice(i);
        }
        assertAgrees(damaged);
      }),
      { numRuns: 4000 },
    );
  });

  it('agrees on every tricky scalar in every form', () => {
    for (const text of TRICKY) {
      for (const form of [text, `'${text.replace(/'/g, "''")}'`, `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`]) {
        for (const source of [`a: ${form}\n`, `a: ${form}  # c\r\n`, `a: [${form}, x]\n`, `a:\n  - ${form}\n  - y\nb: 1\n`, `a:\n- ${form}`]) assertAgrees(source);
      }
    }
  });

  it('reads the front matter product documents have', () => {
    const source = [
      'type: prd',
      'title: "Checkout: one-click"',
      "owner: 'Ana O''Neil'",
      'status: in-review # moved on Monday',
      'quarter: 2026-Q1',
      'target: 2026-03-31',
      'priority: P1',
      'effort: 3',
      'approvers: [ana, "bo", 7]',
      'depends-on:',
      '  - PRD-0001',
      '  - PRD-0002',
      '',
      '# the rest',
      'archived: false',
      'notes:',
      '',
    ].join('\n');
    assert.ok(assertAgrees(source), 'the reader answered');
    const fast = readFlatYaml(source, 0)!;
    assert.deepStrictEqual(fast.data, {
      type: 'prd',
      title: 'Checkout: one-click',
      owner: "Ana O'Neil",
      status: 'in-review',
      quarter: '2026-Q1',
      target: '2026-03-31',
      priority: 'P1',
      effort: 3,
      approvers: ['ana', 'bo', 7],
      'depends-on': ['PRD-0001', 'PRD-0002'],
      archived: false,
      notes: null,
    });
  });

  it('declines what it does not read, leaving it to the yaml library', () => {
    const declined = [
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: !!str 1\n', // tags
      'a: one\n  two\n', // a multi-line plain scalar
      'a:\n  b: 1\n', // a nested mapping
      'a: {b: 1}\n', // a flow mapping
      'a:\tb\n', // a tab
      'a: 1\na: 2\n', // a duplicate key
      'a: |\n  text\n', // a block scalar
      'a: "x\n  y"\n', // a multi-line quoted scalar
      'a: "\\n"\n', // an escape
      'a: [x,\n  y]\n', // a multi-line flow list
      'a: [[x]]\n', // a nested flow list
      'a:\n  - x\n    y\n', // an item that continues
      'a:\n  - x\n - y\n', // items at two indents
      'a: # c\n  - x\n', // a comment between a key and its list
      '- a\n- b\n', // a list, not a mapping
      '? a\n: b\n', // a complex key
      'a: 1\r', // a lone CR
      '# only a comment\n', // no fields
      'a b: 1\n', // a key with a space
      'null: 1\n', // a key the core schema reads as null
      'a: b\n  # indented comment\n',
      'a: \u0085\n',
    ];
    for (const source of declined) assert.equal(readFlatYaml(source, 0), undefined, JSON.stringify(source));
  });

  it('is what parseFrontMatter uses: same result as the yaml path, offsets in the document', () => {
    fc.assert(
      fc.property(fc.oneof(frontMatterSource(true), frontMatterSource(false)), fc.constantFrom('---\n', '---yaml\r\n', '--- \n'), (source, fence) => {
        const eol = fence.endsWith('\r\n') ? '\r\n' : '\n';
        const text = `${fence}${source}${source.endsWith('\n') ? '' : eol}---${eol}# Body${eol}`;
        const fm = parseFrontMatter(text);
        assert.ok(fm && fm.closed);
        if (!readFlatYaml(text.slice(fm.contentStart, fm.contentEnd), fm.contentStart)) return;
        const reference = readWithYaml(text.slice(fm.contentStart, fm.contentEnd), fm.contentStart);
        assert.deepStrictEqual(fm.problems, []);
        assert.deepStrictEqual(fm.data, reference.data);
        assert.deepStrictEqual([...fm.fields], [...reference.fields]);
      }),
      { numRuns: 1000 },
    );
  });
});
