import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRICES, monthlyCost, type CostInput, type UnitCost } from '../../scripts/bench/cost.ts';
import { diffCounts, dynamoItemWrites, dynamoWriteRequests, emptyCounts, itemBytes, putUnits, readUnits, valueBytes, writeUnits } from '../../scripts/bench/count-requests.ts';

const zero: UnitCost = { wru: 0, rru: 0, s3Puts: 0, s3Bytes: 0, dynamoBytes: 0, cpuSeconds: 0, logBytes: 0 };
const base: CostInput = {
  workload: { feeds: 100, runsPerDay: 48, days: 30, newItemsPerFeedPerRun: 2, changedFeedShare: 0.5, entriesPerFeed: 30 },
  deployment: {
    memoryGb: { plan: 0.5, ingest: 1, digest: 0.5 },
    initSeconds: { plan: 0, ingest: 0, digest: 0 },
    coldShare: 1,
    feedsPerMessage: 5,
    messagesPerInvocation: 2,
    fetchWaitSecondsPerBatch: 0,
    ingestCpuShare: 1,
    planSeconds: 0,
    digestSeconds: 0,
    sqsIdlePollsPerMonth: 0,
    logBytesPerInvocation: 0,
    fixed: { secrets: 0, alarms: 0, customMetrics: 0, dashboards: 0 },
  },
  benchEntriesPerFeed: 100,
  perNewItem: zero,
  perChangedFeed: zero,
  perUnchangedFeed: zero,
  perRun: zero,
};
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);
// 48 runs a day for 30 days, 100 feeds, 2 new items per feed per run.
const RUNS = 48 * 30;
const NEW_ITEMS = RUNS * 100 * 2;

describe('bench cost model', () => {
  it('prices write units per new item at the on-demand rate', () => {
    const c = monthlyCost({ ...base, perNewItem: { ...zero, wru: 10 } });
    close(c.volume.newItems, NEW_ITEMS);
    close(c.usage.dynamoWrites, NEW_ITEMS * 10 * PRICES.dynamoWru);
    close(c.usage.dynamoWrites, 1.8); // 2,880,000 WRU at $0.625 per million
  });

  it('charges changed feeds by share and scales their entry-driven costs to the real feed size', () => {
    const c = monthlyCost({ ...base, perChangedFeed: { ...zero, s3Puts: 1, rru: 50, s3Bytes: 100_000 } });
    const changed = RUNS * 100 * 0.5;
    close(c.volume.changedFeeds, changed);
    close(c.usage.s3Requests, changed * PRICES.s3Put); // one raw body per changed feed, not scaled
    close(c.volume.dynamoRru, changed * 50 * 0.3); // 30 entries instead of the bench's 100
    close(c.volume.s3GbAtMonthEnd, (changed * 30_000) / 1024 ** 3);
  });

  it('charges unchanged feeds for the other half, and each run for itself', () => {
    const c = monthlyCost({ ...base, perUnchangedFeed: { ...zero, rru: 0.5 }, perRun: { ...zero, wru: 3 } });
    close(c.volume.dynamoRru, RUNS * 50 * 0.5);
    close(c.volume.dynamoWru, RUNS * 3);
  });

  it('bills Lambda GB-seconds per function memory, with cold init and network waits per invocation', () => {
    const d = base.deployment;
    const c = monthlyCost({
      ...base,
      perNewItem: { ...zero, cpuSeconds: 0.001 },
      deployment: { ...d, initSeconds: { plan: 0.2, ingest: 0.3, digest: 0.25 }, fetchWaitSecondsPerBatch: 0.5, ingestCpuShare: 0.5, planSeconds: 1, digestSeconds: 2 },
    });
    // 100 feeds → 20 messages → 10 ingest invocations a run.
    const ingestInvocations = RUNS * 10;
    const ingestSeconds = (NEW_ITEMS * 0.001) / 0.5 + ingestInvocations * (2 * 0.5 + 0.3);
    const gbs = ingestSeconds * 1 + RUNS * (1 + 0.2) * 0.5 + 30 * (2 + 0.25) * 0.5;
    close(c.volume.lambdaGbSeconds, gbs);
    close(c.usage.lambdaCompute, gbs * PRICES.lambdaGbSecond);
    close(c.volume.lambdaInvocations, ingestInvocations + RUNS + 30);
  });

  it('counts SQS sends, receives, deletes and idle polls', () => {
    const c = monthlyCost({ ...base, deployment: { ...base.deployment, sqsIdlePollsPerMonth: 1000 } });
    close(c.volume.sqsRequests, RUNS * 2 + RUNS * 10 * 2 + 1000);
  });

  it('keeps fixed resources apart from usage and adds both up', () => {
    const c = monthlyCost({ ...base, perNewItem: { ...zero, wru: 1, s3Puts: 1 }, deployment: { ...base.deployment, fixed: { secrets: 2, alarms: 9, customMetrics: 6, dashboards: 1 } } });
    close(c.fixedTotal, 2 * 0.4 + 9 * 0.1 + 6 * 0.3 + 3);
    close(c.usageTotal, Object.values(c.usage).reduce((a, b) => a + b, 0));
    close(c.total, c.usageTotal + c.fixedTotal);
    assert.ok(!('secrets' in c.usage));
  });

  it('grows linearly with new items on top of what runs cost without any', () => {
    const at = (n: number) => monthlyCost({ ...base, workload: { ...base.workload, newItemsPerFeedPerRun: n }, perNewItem: { ...zero, wru: 20, s3Puts: 1 } }).usageTotal;
    assert.ok(at(0) > 0); // invocations, SQS and schedules cost something even with nothing new
    close(at(4) - at(0), 2 * (at(2) - at(0)));
  });
});

describe('bench request counting', () => {
  it('sizes DynamoDB values by the documented rules, marshalled or plain', () => {
    assert.equal(valueBytes({ S: 'abc' }), 3);
    assert.equal(valueBytes('abc'), 3);
    assert.equal(valueBytes({ S: 'ёж' }), 4); // UTF-8 bytes
    assert.equal(valueBytes({ N: '12345' }), 4); // 5 digits → 3 + 1
    assert.equal(valueBytes(12345), 4);
    assert.equal(valueBytes({ BOOL: true }), 1);
    assert.equal(valueBytes(null), 1);
    assert.equal(valueBytes({ L: [{ S: 'ab' }, { S: 'c' }] }), 3 + (1 + 2) + (1 + 1));
    assert.equal(valueBytes(['ab', 'c']), 3 + (1 + 2) + (1 + 1));
    assert.equal(valueBytes({ M: { a: { S: 'xy' } } }), 3 + 1 + 1 + 2);
    assert.equal(valueBytes({ a: 'xy' }), 3 + 1 + 1 + 2);
    assert.equal(itemBytes({ pk: { S: 'ITEM#1' }, n: { N: '7' } }), 2 + 6 + 1 + 2);
  });

  it('rounds write units per KB and read units per 4 KB, halved for eventual consistency', () => {
    assert.equal(writeUnits(1), 1);
    assert.equal(writeUnits(1024), 1);
    assert.equal(writeUnits(1025), 2);
    assert.equal(readUnits(4096), 0.5);
    assert.equal(readUnits(4097), 1);
    assert.equal(readUnits(100, true), 1);
  });

  it('charges a put once more for each GSI the item lands in', () => {
    const item = { pk: { S: 'ITEM#1' }, sk: { S: 'ITEM' }, gsi1pk: { S: 'ITEMS' }, text: { S: 'x'.repeat(1500) } };
    assert.equal(putUnits(item, ['gsi1pk', 'gsi2pk']).wru, 2 * 2); // 2 KB in the table and in gsi1, not in gsi2
    assert.equal(putUnits({ pk: { S: 'LOCK#x' } }, ['gsi1pk']).wru, 1);
  });

  it('tells item writes from write requests and diffs snapshots', () => {
    const a = emptyCounts();
    const b = { ...emptyCounts(), requests: { 'dynamodb:PutItem': 3, 'dynamodb:BatchWriteItem': 2, 'dynamodb:DeleteItem': 1, 'dynamodb:Query': 5 }, batchPuts: 40, wru: 80 };
    assert.equal(dynamoWriteRequests(b), 6);
    assert.equal(dynamoItemWrites(b), 3 + 1 + 40);
    const d = diffCounts(b, a);
    assert.deepEqual(d.requests, b.requests);
    assert.equal(d.wru, 80);
    assert.deepEqual(diffCounts(b, b).requests, {});
  });
});
