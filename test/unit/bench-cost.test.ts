import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corpus } from '../../scripts/bench/corpus.ts';
import { PRICES, monthlyCost } from '../../scripts/bench/cost.ts';

describe('bench cost model', () => {
  const base = { feeds: 100, runsPerDay: 48, newItemsPerFeedPerRun: 0.5, dynamoWritesPerNewItem: 1, s3PutsPerNewItem: 1, ingestSecondsPerFeed: 0.5, notModifiedSecondsPerFeed: 0.02, lambdaMemoryGB: 1 };
  it('prices DynamoDB writes from the measured writes per item', () => {
    const a = monthlyCost(base);
    const b = monthlyCost({ ...base, dynamoWritesPerNewItem: 2 });
    const newItems = 48 * 30 * 100 * 0.5;
    assert.ok(Math.abs(b.parts.dynamoWrites - a.parts.dynamoWrites - newItems * PRICES.dynamoWrite) < 1e-9);
  });
  it('adds up its parts', () => {
    const c = monthlyCost(base);
    assert.ok(Math.abs(c.total - Object.values(c.parts).reduce((x, y) => x + y, 0)) < 1e-12);
  });
});

describe('bench corpus', () => {
  it('is deterministic and of realistic length', () => {
    const a = corpus(50, 1);
    assert.deepEqual(a, corpus(50, 1));
    for (const item of a) assert.ok(item.text.length >= 1200 && item.text.length < 3500, String(item.text.length));
  });
});
