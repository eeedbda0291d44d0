// Storage faults against the embedded servers: throttling, 5xx and timeouts are retried with
// backoff; what cannot be stored is reported and picked up by the next run; nothing is doubled.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseFeedsFile } from '../../shared/domain/feeds.ts';
import { ingest, type IngestDeps } from '../../shared/use-cases/ingest.ts';
import { TableFeedSource, fixedClock, markerClassifier, noMetrics, noProgress, quietLog } from '../helpers/fakes.ts';
import { startLocalAws } from '../helpers/local-aws.ts';
import { injectFaults, type FaultRule } from '../helpers/sdk-faults.ts';

const FEED = 'https://faults.example/rss';
const feeds = parseFeedsFile(JSON.stringify({ feeds: [{ url: FEED }] }), 'test');
const entries = Array.from({ length: 12 }, (_, n) => ({
  source: 'Faults',
  link: `https://faults.example/item-${n}`,
  title: `Item ${n} on the CSTO in Kazakhstan [C6 supports]`,
  text: `Body of item ${n}. `.repeat(20),
  published: '2022-01-11T00:00:00Z',
}));

describe('ingest under storage faults', () => {
  const rules: FaultRule[] = [];
  let aws: Awaited<ReturnType<typeof startLocalAws>>;
  let counters: ReturnType<typeof injectFaults>;
  let deps: IngestDeps;

  before(async () => {
    aws = await startLocalAws({
      instrument: (client, service) => {
        if (service === 'dynamodb') counters = injectFaults(client, rules);
      },
    });
    deps = {
      store: aws.store,
      archive: aws.archive,
      feedSource: new TableFeedSource({ [FEED]: { entries, etag: '"same"' } }),
      classifier: markerClassifier,
      clock: fixedClock('2026-11-23T08:00:00Z'),
      log: quietLog,
      metrics: noMetrics,
      progress: noProgress,
    };
  });
  after(async () => {
    await aws.close();
  });

  it('retries throttling, 5xx and timeouts and stores everything once', async () => {
    // Prepare: the first calls of each kind fail
    rules.push(
      { command: 'PutItem', fault: 'throttle', times: 3 },
      { command: 'BatchWriteItem', fault: 'server', times: 1 },
      { command: 'BatchGetItem', fault: 'timeout', times: 1 },
    );
    // Act
    const r = await ingest(deps, { runId: 'r1', feeds });
    // Assess
    assert.equal(r.failed, 0);
    assert.equal(r.new, entries.length);
    assert.equal(counters.injected.PutItem, 3);
    assert.equal(counters.injected.BatchWriteItem, 1);
    assert.ok(counters.seen.PutItem >= entries.length + 3, 'the throttled puts were retried');
    assert.equal((await aws.store.listClaimLinks('C6')).length, entries.length);
  });

  it('reports what it cannot store, and the next run picks it up without doubling anything', async () => {
    // Prepare: new entries; one item's put fails on every attempt
    const more = entries.map((e, n) => ({ ...e, link: `https://faults.example/more-${n}` }));
    (deps.feedSource as TableFeedSource).table[FEED] = { entries: more, etag: '"v2"' };
    const victim = (i: Record<string, unknown>) => JSON.stringify(i.Item ?? '').includes('more-5');
    rules.push({ command: 'PutItem', fault: 'server', times: Infinity, when: victim });
    // Act
    const first = await ingest(deps, { runId: 'r2', feeds });
    rules.length = 0;
    const second = await ingest(deps, { runId: 'r3', feeds });
    const third = await ingest(deps, { runId: 'r4', feeds });
    // Assess
    assert.equal(first.failed, 1);
    assert.equal(first.new, more.length - 1);
    assert.equal(second.failed, 0);
    assert.equal(second.new, 1, 'the missed item is stored by the next run');
    assert.equal(third.feedResults[0].notModified, true, 'the feed is committed once complete');
    const all = await aws.store.listAllItems();
    assert.equal(all.length, entries.length * 2);
    assert.equal(new Set(all.map((i) => i.id)).size, all.length);
  });

  it('two overlapping ingests store each item exactly once', async () => {
    const overlap = entries.map((e, n) => ({ ...e, link: `https://faults.example/overlap-${n}` }));
    const source = new TableFeedSource({ [FEED]: { entries: overlap } });
    const [a, b] = await Promise.all([
      ingest({ ...deps, feedSource: source }, { runId: 'o1', feeds }),
      ingest({ ...deps, feedSource: source }, { runId: 'o2', feeds }),
    ]);
    assert.equal(a.new + b.new, overlap.length);
    assert.equal(a.failed + b.failed, 0);
    const all = await aws.store.listAllItems();
    assert.equal(all.filter((i) => i.url?.includes('overlap-')).length, overlap.length);
  });
});
