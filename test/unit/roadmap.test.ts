import * as assert from 'node:assert/strict';
import { defaultConfig, GROUPINGS, parseConfig, type Grouping } from '../../src/core/config/config';
import { parseDocument } from '../../src/core/document';
import { builtInTypes, type DocumentType } from '../../src/core/config/document-types';
import { roadmapAsCsv, roadmapAsMarkdown, roadmapAsMermaid, roadmapAsMermaidMarkdown, itemsAsJson } from '../../src/core/roadmap/export';
import { statusMeaning } from '../../src/core/config/status-meaning';
import { combinedConfig, compareItems, groupItems, horizonOf, sortItems } from '../../src/core/roadmap/grouping';
import { localIsoDate } from '../../src/core/front-matter/field-values';
import { isOverdue, roadmapItem, type LintedItem, type RoadmapItem } from '../../src/core/roadmap/items';
import { RULE_IDS } from '../../src/core/rules';
import { analyze } from '../../src/core/workspace/workspace-index';

const config = defaultConfig();
const [prd, prfaq, lessonsLearned] = builtInTypes() as [DocumentType, DocumentType, DocumentType];
const TODAY = '2026-06-15';

function item(fields: Partial<LintedItem> & { title: string }): LintedItem {
  return { file: `docs/${fields.title.toLowerCase().replace(/\W+/g, '-')}.md`, type: 'prd', status: 'draft', dependsOn: [], problems: 0, ...fields };
}

describe('roadmapItem', () => {
  it('carries file, title, type, status, quarter, target, owner, priority, theme, id and depends-on', () => {
    const doc = parseDocument(
      '---\ntype: prd\ntitle: Checkout redesign\nstatus: in-progress\nowner: Dana Lee\nquarter: 2026-Q3\ntarget: 2026-09-30\npriority: P1\ntheme: Conversion\nid: checkout-v2\ndepends-on: [payments-api, risk-engine]\n---\n\n# Checkout\n',
    );
    assert.deepEqual(roadmapItem(doc, prd, 'docs/checkout.md'), {
      file: 'docs/checkout.md',
      title: 'Checkout redesign',
      type: 'prd',
      status: 'in-progress',
      quarter: '2026-Q3',
      target: '2026-09-30',
      owner: 'Dana Lee',
      priority: 'P1',
      theme: 'Conversion',
      id: 'checkout-v2',
      dependsOn: ['payments-api', 'risk-engine'],
    });
  });

  it('leaves out the fields a document does not have, and reads a single depends-on as a list', () => {
    const doc = parseDocument('---\ntype: prfaq\ntitle: Offline\nstatus: draft\ndepends-on: sync\n---\n');
    assert.deepEqual(roadmapItem(doc, prfaq, 'docs/offline.md'), { file: 'docs/offline.md', title: 'Offline', type: 'prfaq', status: 'draft', dependsOn: ['sync'] });
  });

  it('takes the title from the first heading, else the file name, when the front matter has none', () => {
    assert.equal(roadmapItem(parseDocument('---\ntype: prd\nstatus: draft\n---\n\n# Search filters\n'), prd, 'docs/search.md')?.title, 'Search filters');
    assert.equal(roadmapItem(parseDocument('---\ntype: prd\nstatus: draft\n---\n\nNo heading.\n'), prd, 'docs/search-filters.md')?.title, 'search-filters');
  });

  it('reads numbers and unquoted values as text', () => {
    const doc = parseDocument('---\ntype: prd\ntitle: 2027\nstatus: draft\nid: 42\n---\n');
    const result = roadmapItem(doc, prd, 'docs/x.md')!;
    assert.equal(result.title, '2027');
    assert.equal(result.id, '42');
  });

  it('is not an item without a status, or with roadmap: false', () => {
    assert.equal(roadmapItem(parseDocument('---\ntype: prd\ntitle: X\n---\n'), prd, 'docs/x.md'), undefined);
    assert.equal(roadmapItem(parseDocument('---\ntype: prd\ntitle: X\nstatus: "  "\n---\n'), prd, 'docs/x.md'), undefined);
    assert.equal(roadmapItem(parseDocument('---\ntype: prd\ntitle: X\nstatus: draft\nroadmap: false\n---\n'), prd, 'docs/x.md'), undefined);
  });

  it('keeps lessons-learned reviews off the roadmap unless the document asks with roadmap: true', () => {
    const review = '---\ntype: lessons-learned\ntitle: Outage\nstatus: published\n---\n';
    assert.equal(roadmapItem(parseDocument(review), lessonsLearned, 'docs/outage.md'), undefined);
    assert.equal(roadmapItem(parseDocument(review.replace('---\n', '---\nroadmap: true\n')), lessonsLearned, 'docs/outage.md')?.status, 'published');
  });

  it('follows a type the config takes off (or puts on) the roadmap', () => {
    const custom = parseConfig('types:\n  prfaq:\n    roadmap: false\n  lessons-learned:\n    roadmap: true\n', RULE_IDS).config;
    const find = (id: string) => custom.types.find((t) => t.id === id)!;
    assert.equal(roadmapItem(parseDocument('---\ntype: prfaq\ntitle: X\nstatus: draft\n---\n'), find('prfaq'), 'x.md'), undefined);
    assert.ok(roadmapItem(parseDocument('---\ntype: lessons-learned\ntitle: X\nstatus: draft\n---\n'), find('lessons-learned'), 'x.md'));
  });

  it('is the same from the header alone as from a full analysis', () => {
    const analysis = analyze('---\ntype: prfaq\ntitle: Offline\nstatus: draft\nowner: Sam\n---\n\n## Press release\n\nTBD\n', 'docs/offline.md', config);
    assert.ok(analysis.findings.length >= 3, 'two missing sections and a placeholder');
    assert.deepEqual(analysis.item, roadmapItem(parseDocument(analysis.doc.text), prfaq, 'docs/offline.md'));
  });
});

describe('localIsoDate', () => {
  it('is the calendar day where the user is, not in UTC (an evening in California is still that day)', () => {
    const saved = process.env['TZ'];
    process.env['TZ'] = 'America/Los_Angeles'; // Node applies a changed TZ at once
    try {
      assert.equal(localIsoDate(new Date('2026-03-10T05:00:00Z')), '2026-03-09');
      assert.equal(localIsoDate(new Date('2026-03-10T20:00:00Z')), '2026-03-10');
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });
});

describe('isOverdue', () => {
  const cases: [Partial<RoadmapItem>, boolean, string][] = [
    [{ target: '2026-06-14', status: 'in-progress' }, true, 'the target was yesterday'],
    [{ target: '2026-06-15', status: 'in-progress' }, false, 'the target is today'],
    [{ target: '2026-07-01', status: 'draft' }, false, 'the target is ahead'],
    [{ target: '2020-01-01', status: 'shipped' }, false, 'it shipped'],
    [{ target: '2020-01-01', status: 'cancelled' }, false, 'it was cancelled'],
    [{ status: 'in-progress' }, false, 'it has no target'],
    [{ target: 'last spring', status: 'draft' }, false, 'its target is not a date'],
    [{ target: '2026-02-30', status: 'draft' }, false, 'its target is a day that does not exist'],
  ];
  for (const [fields, overdue, why] of cases) {
    it(`is ${overdue} when ${why}`, () => assert.equal(isOverdue(item({ title: 'X', ...fields }), TODAY, config), overdue));
  }
});

describe('compareItems and sortItems', () => {
  it('sort by priority, then target date, then title; no priority or date comes last', () => {
    const items = [
      item({ title: 'No priority' }),
      item({ title: 'P2 late', priority: 'P2', target: '2026-12-01' }),
      item({ title: 'P0 undated' }),
      item({ title: 'P2 early', priority: 'P2', target: '2026-03-01' }),
      item({ title: 'P2 b undated', priority: 'P2' }),
      item({ title: 'P2 a undated', priority: 'P2' }),
      item({ title: 'P0', priority: 'P0', target: '2027-01-01' }),
      item({ title: 'P2 vague date', priority: 'P2', target: 'soon' }),
      item({ title: 'Unknown priority', priority: 'urgent' }),
    ];
    items[2]!.priority = 'P0';
    assert.deepEqual(sortItems(items).map((i) => i.title), [
      'P0',
      'P0 undated',
      'P2 early',
      'P2 late',
      'P2 a undated',
      'P2 b undated',
      'P2 vague date',
      'Unknown priority',
      'No priority',
    ]);
  });

  it('is a total order: ties on everything else are broken by file', () => {
    const a = item({ title: 'Same', file: 'a.md' });
    const b = item({ title: 'Same', file: 'b.md' });
    assert.ok(compareItems(a, b) < 0 && compareItems(b, a) > 0 && compareItems(a, a) === 0);
  });
});

describe('combinedConfig', () => {
  const custom = (yaml: string) => parseConfig(yaml, RULE_IDS).config;

  it('is the one config when there is one', () => {
    assert.equal(combinedConfig([config]), config);
  });

  it('has every workspace\'s types and horizon statuses, the first one\'s where they disagree', () => {
    const a = custom('types:\n  rfc:\n    label: RFC (team A)\n    sections: [Summary]\nroadmap:\n  groupBy: owner\n  horizons:\n    now: [building]\n');
    const b = custom('types:\n  rfc:\n    label: RFC (team B)\n    sections: [Summary]\n  spec:\n    label: Spec\n    sections: [Design]\nroadmap:\n  horizons:\n    now: [coding]\n    later: [building, idea]\n');
    const both = combinedConfig([a, b]);
    assert.equal(both.types.find((t) => t.id === 'rfc')?.label, 'RFC (team A)');
    assert.equal(both.types.find((t) => t.id === 'spec')?.label, 'Spec');
    assert.deepEqual(both.roadmap.horizons.now, ['building', 'coding']);
    assert.deepEqual(both.roadmap.horizons.later, ['draft', 'in-review', 'idea'], '"building" stays where team A put it');
    assert.equal(both.roadmap.groupBy, 'owner');
    const groups = groupItems([item({ title: 'X', status: 'coding', type: 'spec' }), item({ title: 'Y', status: 'building', type: 'rfc' })], 'horizon', both);
    assert.deepEqual(groups.map((g) => [g.label, g.items.map((i) => i.title)]), [['Now', ['X', 'Y']]]);
    assert.deepEqual(groupItems([item({ title: 'X', type: 'spec' })], 'type', both).map((g) => g.label), ['Spec']);
    assert.deepEqual(a.roadmap.horizons.now, ['building'], 'the configs themselves are not changed');
  });
});

describe('groupItems', () => {
  const items = [
    item({ title: 'Checkout', status: 'in-progress', quarter: '2026-Q3', owner: 'Dana', theme: 'Conversion', priority: 'P1' }),
    item({ title: 'Search', status: 'draft', quarter: '2026-Q4', owner: 'Sam', theme: 'Discovery' }),
    item({ title: 'Offline', type: 'prfaq', status: 'approved', quarter: '2026-Q3', owner: 'Ria', priority: 'P0' }),
    item({ title: 'Wishlist', status: 'in-review', owner: 'Dana' }),
    item({ title: 'Loyalty', status: 'shipped', quarter: '2025-Q4', theme: 'Retention' }),
    item({ title: 'Gift cards', status: 'cancelled', quarter: '2026-Q1' }),
    item({ title: 'Outage review', type: 'lessons-learned', status: 'published', owner: 'Ria' }),
  ];
  const grouped = (by: Grouping) => groupItems(items, by, config).map((g) => [g.label, g.items.map((i) => i.title)]);

  it('groups by status in the order documents move through, labelled as the statuses are', () => {
    assert.deepEqual(grouped('status'), [
      ['Draft', ['Search']],
      ['In review', ['Wishlist']],
      ['Approved', ['Offline']],
      ['In progress', ['Checkout']],
      ['Shipped', ['Loyalty']],
      ['Cancelled', ['Gift cards']],
      ['Published', ['Outage review']],
    ]);
  });

  it('groups by quarter in time order, with "No quarter" last', () => {
    assert.deepEqual(grouped('quarter'), [
      ['2025-Q4', ['Loyalty']],
      ['2026-Q1', ['Gift cards']],
      ['2026-Q3', ['Offline', 'Checkout']],
      ['2026-Q4', ['Search']],
      ['No quarter', ['Outage review', 'Wishlist']],
    ]);
  });

  it('groups by horizon: Now, Next, Later, Done, then what falls in none', () => {
    assert.deepEqual(grouped('horizon'), [
      ['Now', ['Checkout']],
      ['Next', ['Offline']],
      ['Later', ['Search', 'Wishlist']],
      ['Done', ['Loyalty']],
      ['Other', ['Gift cards', 'Outage review']],
    ]);
  });

  it('groups by horizon as the config defines them', () => {
    const custom = parseConfig('roadmap:\n  horizons:\n    now: [in-progress, approved]\n    next: [in-review]\n    done: [shipped, published]\n', RULE_IDS).config;
    assert.deepEqual(
      groupItems(items, 'horizon', custom).map((g) => [g.label, g.items.map((i) => i.title)]),
      [
        ['Now', ['Offline', 'Checkout']],
        ['Next', ['Wishlist']],
        ['Later', ['Search']],
        ['Done', ['Loyalty', 'Outage review']],
        ['Other', ['Gift cards']],
      ],
    );
    assert.equal(horizonOf(items[2]!, custom), 'now');
    assert.equal(horizonOf(items[5]!, custom), undefined);
  });

  it('groups by owner alphabetically, with "No owner" last', () => {
    assert.deepEqual(grouped('owner'), [
      ['Dana', ['Checkout', 'Wishlist']],
      ['Ria', ['Offline', 'Outage review']],
      ['Sam', ['Search']],
      ['No owner', ['Gift cards', 'Loyalty']],
    ]);
  });

  it('groups by theme alphabetically, with "No theme" last', () => {
    assert.deepEqual(grouped('theme'), [
      ['Conversion', ['Checkout']],
      ['Discovery', ['Search']],
      ['Retention', ['Loyalty']],
      ['No theme', ['Offline', 'Gift cards', 'Outage review', 'Wishlist']],
    ]);
  });

  it('groups by type in the order of the types, labelled as the types are', () => {
    assert.deepEqual(grouped('type'), [
      ['PRD', ['Checkout', 'Gift cards', 'Loyalty', 'Search', 'Wishlist']],
      ['PR/FAQ', ['Offline']],
      ['Lessons learned', ['Outage review']],
    ]);
  });

  it('gives every grouping a stable key per group and loses no item', () => {
    for (const by of GROUPINGS) {
      const groups = groupItems(items, by, config);
      assert.equal(groups.flatMap((g) => g.items).length, items.length, by);
      assert.equal(new Set(groups.map((g) => g.key)).size, groups.length, by);
    }
  });

  it('gives no groups for no items', () => {
    for (const by of GROUPINGS) assert.deepEqual(groupItems([], by, config), []);
  });
});

describe('roadmap exports', () => {
  const items = [
    item({ title: 'Checkout | v2', status: 'in-progress', quarter: '2026-Q3', target: '2026-09-30', owner: 'Dana', priority: 'P1', file: 'docs/checkout v2.md' }),
    item({ title: '[Draft] Search', status: 'draft', quarter: '2026-Q4', owner: 'Sam' }),
    item({ title: 'Late one', status: 'approved', target: '2026-05-01', owner: 'Ria' }),
    item({ title: 'Loyalty', status: 'shipped', quarter: '2025-Q4', target: '2025-12-15' }),
    item({ title: 'Undated', status: 'draft' }),
  ];

  it('as JSON: every field, null for the missing ones, and overdue', () => {
    const [first, , late] = itemsAsJson(items, TODAY, config) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(first!), ['file', 'title', 'type', 'status', 'quarter', 'target', 'owner', 'priority', 'theme', 'id', 'dependsOn', 'problems', 'overdue', 'fields']);
    assert.equal(first!['theme'], null);
    assert.equal(late!['overdue'], true);
  });

  it('as Markdown: a table per group, links to the files, overdue marked, pipes and brackets escaped', () => {
    const markdown = roadmapAsMarkdown(items, 'status', config, TODAY);
    assert.equal(
      markdown,
      [
        '# Roadmap',
        '',
        '## Draft (2)',
        '',
        '| Title | Status | Quarter | Target | Owner | Priority | Theme |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| [\\[Draft\\] Search](docs/-draft-search.md) | draft | 2026-Q4 |  | Sam |  |  |',
        '| [Undated](docs/undated.md) | draft |  |  |  |  |  |',
        '',
        '## Approved (1)',
        '',
        '| Title | Status | Quarter | Target | Owner | Priority | Theme |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| [Late one](docs/late-one.md) (overdue) | approved |  | 2026-05-01 | Ria |  |  |',
        '',
        '## In progress (1)',
        '',
        '| Title | Status | Quarter | Target | Owner | Priority | Theme |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| [Checkout \\| v2](docs/checkout%20v2.md) | in-progress | 2026-Q3 | 2026-09-30 | Dana | P1 |  |',
        '',
        '## Shipped (1)',
        '',
        '| Title | Status | Quarter | Target | Owner | Priority | Theme |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| [Loyalty](docs/loyalty.md) | shipped | 2025-Q4 | 2025-12-15 |  |  |  |',
        '',
      ].join('\n'),
    );
  });

  it('as CSV: a header, one row per item, RFC 4180 quoting and CRLF', () => {
    const csv = roadmapAsCsv([item({ title: 'Say "hi", then leave', owner: 'Dana', dependsOn: ['a', 'b'], problems: 2 })], TODAY, config);
    assert.equal(
      csv,
      'title,type,status,quarter,target,owner,priority,theme,id,file,depends-on,problems,overdue\r\n' +
        '"Say ""hi"", then leave",prd,draft,,,Dana,,,,docs/say-hi-then-leave.md,a b,2,false\r\n',
    );
  });

  it('as CSV: a value a spreadsheet would run as a formula is written as text', () => {
    for (const title of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tTab']) {
      const row = roadmapAsCsv([item({ title, file: 'x.md' })], TODAY, config).split('\r\n')[1]!;
      const cell = row.startsWith('"') ? row.slice(1, row.indexOf('",')).replace(/""/g, '"') : row.slice(0, row.indexOf(','));
      assert.equal(cell, `'${title}`, row);
    }
  });

  it('as a Mermaid gantt chart: dated items only, by group, bars from the quarter start, milestones for a bare target', () => {
    const mermaid = roadmapAsMermaid(
      [...items, item({ title: 'Odd: name; #1', status: 'approved', quarter: '2027-Q1' })],
      'horizon',
      config,
    );
    assert.equal(
      mermaid,
      [
        'gantt',
        '  title Roadmap',
        '  dateFormat YYYY-MM-DD',
        '  section Now',
        '  Checkout | v2 :active, 2026-07-01, 2026-09-30',
        '  section Next',
        '  Late one :milestone, 2026-05-01, 0d',
        '  Odd name 1 :2027-01-01, 2027-03-31',
        '  section Later',
        '  [Draft] Search :2026-10-01, 2026-12-31',
        '  section Done',
        '  Loyalty :done, 2025-10-01, 2025-12-15',
        '',
      ].join('\n'),
    );
  });
});

describe('what a status means (statusMeaning)', () => {
  const withRfc = (statuses: string, roadmap = '') => parseConfig(`types:\n  rfc:\n    sections: [Summary]\n    statuses: ${statuses}\n${roadmap}`, RULE_IDS).config;

  it('gives each built-in status its label, horizon, terminal flag, icon and colour', () => {
    assert.deepEqual(statusMeaning(config, 'prd', 'in-review'), { label: 'In review', horizon: 'later', terminal: false, icon: 'eye', colour: 'charts.yellow' });
    assert.deepEqual(statusMeaning(config, 'prd', 'shipped'), { label: 'Shipped', horizon: 'done', terminal: true, icon: 'pass-filled', colour: 'charts.green' });
    assert.deepEqual(statusMeaning(config, 'prd', 'cancelled'), { label: 'Cancelled', horizon: undefined, terminal: true, icon: 'circle-slash', colour: 'disabledForeground' });
    assert.equal(statusMeaning(config, 'lessons-learned', 'published').terminal, true);
  });

  it('gives a custom status sensible defaults: its horizon from roadmap.horizons, terminal when done or named like an ending, a neutral icon', () => {
    const custom = withRfc('[draft, proposed, accepted, rejected, withdrawn]', 'roadmap:\n  horizons:\n    next: [proposed]\n    done: [accepted]\n');
    assert.deepEqual(statusMeaning(custom, 'rfc', 'proposed'), { label: 'Proposed', horizon: 'next', terminal: false, icon: 'circle-outline', colour: 'descriptionForeground' });
    assert.deepEqual(statusMeaning(custom, 'rfc', 'accepted'), { label: 'Accepted', horizon: 'done', terminal: true, icon: 'pass-filled', colour: 'charts.green' });
    for (const ending of ['rejected', 'withdrawn', 'superseded', 'declined']) assert.equal(statusMeaning(custom, 'rfc', ending).terminal, true, ending);
    assert.equal(statusMeaning(custom, 'rfc', 'rejected').horizon, undefined);
  });

  it('lets a type place its own statuses, over roadmap.horizons', () => {
    const custom = withRfc('[draft, { name: accepted, horizon: done, label: Accepted (final) }, { name: in-progress, horizon: none, terminal: true }]');
    assert.deepEqual(statusMeaning(custom, 'rfc', 'accepted'), { label: 'Accepted (final)', horizon: 'done', terminal: true, icon: 'pass-filled', colour: 'charts.green' });
    assert.equal(statusMeaning(custom, 'rfc', 'in-progress').horizon, undefined);
    assert.equal(statusMeaning(custom, 'rfc', 'in-progress').terminal, true);
    assert.equal(statusMeaning(custom, 'prd', 'in-progress').horizon, 'now', 'another type keeps the workspace horizons');
  });
});

describe('status meanings in the roadmap', () => {
  it('a custom status in roadmap.horizons.done with a past target is not overdue', () => {
    const custom = parseConfig('types:\n  rfc:\n    statuses: [draft, accepted]\nroadmap:\n  horizons:\n    done: [shipped, accepted]\n', RULE_IDS).config;
    assert.equal(isOverdue(item({ title: 'X', type: 'rfc', status: 'accepted', target: '2020-01-01' }), TODAY, custom), false);
    assert.equal(isOverdue(item({ title: 'X', type: 'rfc', status: 'draft', target: '2020-01-01' }), TODAY, custom), true);
  });

  it('a custom status the type places falls in its horizon, not under Other', () => {
    const custom = parseConfig('types:\n  rfc:\n    statuses: [draft, { name: accepted, horizon: done }]\n', RULE_IDS).config;
    const groups = groupItems([item({ title: 'X', type: 'rfc', status: 'accepted' })], 'horizon', custom);
    assert.deepEqual(groups.map((g) => g.label), ['Done']);
  });

  it('groups by status under the status labels, keeping the raw ids as keys', () => {
    const groups = groupItems([item({ title: 'X', status: 'in-review' }), item({ title: 'Y', status: 'in-progress' }), item({ title: 'Z', status: 'odd-one' })], 'status', config);
    assert.deepEqual(groups.map((g) => [g.key, g.label]), [['in-review', 'In review'], ['in-progress', 'In progress'], ['odd-one', 'Odd one']]);
  });

  it('marks Mermaid bars from what the status means: done, active, and crit when overdue', () => {
    const custom = parseConfig('types:\n  rfc:\n    statuses: [draft, { name: accepted, horizon: done }, { name: building, horizon: now }]\n', RULE_IDS).config;
    const mermaid = roadmapAsMermaid(
      [
        item({ title: 'A', type: 'rfc', status: 'accepted', target: '2026-01-10' }),
        item({ title: 'B', type: 'rfc', status: 'building', target: '2026-09-10' }),
        item({ title: 'C', type: 'rfc', status: 'draft', target: '2026-01-10' }),
      ],
      'status',
      custom,
      TODAY,
    );
    assert.match(mermaid, /^ {2}A :milestone, done, 2026-01-10, 0d$/m);
    assert.match(mermaid, /^ {2}B :milestone, active, 2026-09-10, 0d$/m);
    assert.match(mermaid, /^ {2}C :milestone, crit, 2026-01-10, 0d$/m);
    assert.match(mermaid, /^ {2}section Accepted$/m);
  });
});

describe('custom fields on roadmap items', () => {
  const custom = parseConfig('types:\n  prd:\n    fields:\n      team: { values: [web, app] }\n      reviewers: { kind: list }\n      public: { kind: boolean }\n', RULE_IDS).config;
  const prdType = custom.types.find((t) => t.id === 'prd')!;
  const doc = parseDocument('---\ntype: prd\ntitle: X\nstatus: draft\nteam: web\nreviewers: [Ana, Ben]\npublic: true\n---\n');

  it('carries the fields the type declares beyond the common ones, lists as lists', () => {
    assert.deepEqual(roadmapItem(doc, prdType, 'x.md')!.fields, { team: 'web', reviewers: ['Ana', 'Ben'], public: 'true' });
    assert.equal(roadmapItem(parseDocument('---\ntype: prd\ntitle: X\nstatus: draft\n---\n'), prdType, 'x.md')!.fields, undefined, 'none when the document has none');
  });

  it('exports them in JSON under fields and as CSV columns, without code per field', () => {
    const found = { ...roadmapItem(doc, prdType, 'x.md')!, problems: 0 };
    const other = item({ title: 'Y' });
    const [json, otherJson] = itemsAsJson([found, other], TODAY, custom) as Record<string, unknown>[];
    assert.deepEqual(json!['fields'], { team: 'web', reviewers: ['Ana', 'Ben'], public: 'true' });
    assert.deepEqual(otherJson!['fields'], {});
    const [header, row, otherRow] = roadmapAsCsv([found, other], TODAY, custom).split('\r\n');
    assert.equal(header, 'title,type,status,quarter,target,owner,priority,theme,id,file,depends-on,problems,overdue,team,reviewers,public');
    assert.ok(row!.endsWith(',false,web,Ana Ben,true'), row);
    assert.ok(otherRow!.endsWith(',false,,,'), otherRow);
  });
});

describe('the Mermaid chart as markdown', () => {
  it('wraps the chart in a mermaid fence under a heading, so a markdown preview draws it', () => {
    const items = [item({ title: 'A', quarter: '2026-Q3' })];
    const markdown = roadmapAsMermaidMarkdown(items, 'status', config, TODAY);
    assert.equal(markdown, `# Roadmap\n\n\`\`\`mermaid\n${roadmapAsMermaid(items, 'status', config, TODAY)}\`\`\`\n`);
  });
});
