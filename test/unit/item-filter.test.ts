import * as assert from 'node:assert/strict';
import { describeItemFilter, matchesItemFilter, withItemFilter, type ItemFilter } from '../../src/core/roadmap/item-filter';
import type { RoadmapItem } from '../../src/core/roadmap/items';

const item = (fields: Partial<RoadmapItem>): RoadmapItem => ({ file: 'docs/x.md', title: 'X', type: 'prd', status: 'draft', dependsOn: [], ...fields });
const loyalty = item({ title: 'Loyalty points', status: 'approved', owner: 'Maya', theme: 'retention', file: 'docs/loyalty.md' });
const checkout = item({ title: 'Checkout redesign', status: 'approved', owner: 'Dana', file: 'docs/checkout.md' });
const offline = item({ title: 'Offline mode', status: 'draft', owner: 'Maya', file: 'docs/offline.md' });
const shown = (filter: ItemFilter) => [loyalty, checkout, offline].filter((i) => matchesItemFilter(i, filter)).map((i) => i.title);

describe('Roadmap item filter', () => {
  it('an empty filter shows every item', () => {
    assert.deepEqual(shown({}), ['Loyalty points', 'Checkout redesign', 'Offline mode']);
  });

  it('filters combine: an item must match status AND owner AND text AND theme', () => {
    assert.deepEqual(shown({ status: 'approved', owner: 'Maya' }), ['Loyalty points']);
    assert.deepEqual(shown({ status: 'approved', text: 'CHECK' }), ['Checkout redesign']);
    assert.deepEqual(shown({ owner: 'Maya', theme: 'retention' }), ['Loyalty points']);
    assert.deepEqual(shown({ status: 'draft', owner: 'Dana' }), []);
  });

  it('free text matches title, owner, theme or file in any case; a field matches only its exact value', () => {
    assert.deepEqual(shown({ text: 'maya' }), ['Loyalty points', 'Offline mode']);
    assert.deepEqual(shown({ text: 'offline.md' }), ['Offline mode']);
    assert.deepEqual(shown({ owner: 'maya' }), []);
    assert.deepEqual(shown({ theme: 'retention' }), ['Loyalty points']);
  });

  it('setting a field replaces only that field; clearing one keeps the others', () => {
    const both = withItemFilter(withItemFilter({}, 'status', 'approved'), 'owner', 'Dana');
    assert.deepEqual(withItemFilter(both, 'owner', 'Maya'), { status: 'approved', owner: 'Maya' });
    assert.deepEqual(withItemFilter(both, 'status', undefined), { owner: 'Dana' });
    assert.deepEqual(both, { status: 'approved', owner: 'Dana' }, 'the original is not changed');
  });

  it('describes the filters in force in a fixed order, free text quoted', () => {
    assert.equal(describeItemFilter({ owner: 'Maya', status: 'approved' }), 'status: approved · owner: Maya');
    assert.equal(describeItemFilter({ text: 'zzz nothing', theme: 'growth' }), 'text: "zzz nothing" · theme: growth');
    assert.equal(describeItemFilter({}), '');
  });
});
