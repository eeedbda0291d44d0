import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeedsFile } from '../../shared/domain/feeds.ts';
import { ingest, nextFeedState, type IngestDeps } from '../../shared/use-cases/ingest.ts';
import { MemoryArchive, TableFeedSource, fixedClock, markerClassifier, noMetrics, noProgress, quietLog } from '../helpers/fakes.ts';
import { MemoryStore } from '../helpers/memory-store.ts';

const A = 'https://a.example/rss';
const B = 'https://b.example/rss';
const C = 'https://c.example/rss';
const feeds = parseFeedsFile(JSON.stringify({ feeds: [{ url: A }, { url: B }, { url: C }] }), 'test');
const entry = (n: number, extra = '') => ({
  source: 'Example',
  link: `https://news.example/story-${n}?utm_source=rss`,
  title: `Story ${n} about Kazakhstan ${extra}`,
  text: `Paragraph about story number ${n} in Almaty. ${extra} `.repeat(5),
  published: '2022-01-10T10:00:00Z',
});

function setup(table: ConstructorParameters<typeof TableFeedSource>[0]) {
  const deps: IngestDeps & { store: MemoryStore; archive: MemoryArchive; feedSource: TableFeedSource } = {
    store: new MemoryStore(),
    archive: new MemoryArchive(),
    feedSource: new TableFeedSource(table),
    classifier: markerClassifier,
    clock: fixedClock('2026-11-23T08:00:00Z'),
    log: quietLog,
    metrics: noMetrics,
    progress: noProgress,
  };
  return deps;
}

describe('ingest', () => {
  it('stores each item once, across feeds and across runs', async () => {
    // Prepare: the same story in two feeds (tracking parameters differ only)
    const deps = setup({ [A]: { entries: [entry(1), entry(2, '[C1 supports]')], etag: '"a1"' }, [B]: { entries: [entry(1)] } });
    // Act
    const first = await ingest(deps, { runId: 'r1', feeds: feeds.slice(0, 2) });
    const second = await ingest(deps, { runId: 'r2', feeds: feeds.slice(0, 2) });
    // Assess
    assert.equal(first.new, 2);
    assert.equal(first.duplicates, 1);
    assert.equal(first.matched, 1);
    assert.equal(second.new, 0);
    assert.equal(deps.store.items.size, 2);
    assert.equal(deps.store.links.size, 1);
    assert.equal([...deps.archive.objects.keys()].filter((k) => k.startsWith('items/')).length, 2);
  });

  it('reports a failing feed with its code and ingests the others', async () => {
    const deps = setup({ [A]: { entries: [entry(1)] }, [B]: { error: 'feed_timeout' }, [C]: { error: 'feed_http_5xx', status: 503 } });
    const r = await ingest(deps, { runId: 'r1', feeds });
    assert.equal(r.new, 1);
    assert.deepEqual(
      r.feedResults.map((f) => [f.url, f.ok, f.error]),
      [[A, true, undefined], [B, false, 'feed_timeout'], [C, false, 'feed_http_5xx']],
    );
    await ingest(deps, { runId: 'r2', feeds });
    const states = await deps.store.getFeedStates(feeds.map((f) => f.id));
    assert.equal(states.get(feeds[1].id)?.consecutiveFailures, 2);
    assert.equal(states.get(feeds[1].id)?.lastErrorCode, 'feed_timeout');
    assert.equal(states.get(feeds[0].id)?.consecutiveFailures, 0);
  });

  it('sends the stored validators, and an unchanged healthy feed costs no write', async () => {
    const deps = setup({ [A]: { entries: [entry(1)], etag: '"v1"' } });
    await ingest(deps, { runId: 'r1', feeds: feeds.slice(0, 1) });
    const writesAfterFirst = deps.store.calls.putFeedStates ?? 0;
    const putsAfterFirst = deps.store.calls.putItems ?? 0;
    const r = await ingest(deps, { runId: 'r2', feeds: feeds.slice(0, 1) });
    assert.equal(deps.feedSource.requests[1].etag, '"v1"');
    assert.equal(r.feedResults[0].notModified, true);
    assert.equal(deps.store.calls.putFeedStates ?? 0, writesAfterFirst);
    assert.equal(deps.store.calls.putItems ?? 0, putsAfterFirst);
  });

  it('does not advance a feed whose items could not be stored, and the next run stores them once', async () => {
    // Prepare: the store fails one item of feed A
    const deps = setup({ [A]: { entries: [entry(1), entry(2)], etag: '"v1"' } });
    const failing = (await import('../../shared/domain/normalise.ts')).normaliseEntry({ ...entry(2), feedId: feeds[0].id }, '2026-11-23T08:00:00Z').id;
    deps.store.failPutIds.add(failing);
    // Act
    const first = await ingest(deps, { runId: 'r1', feeds: feeds.slice(0, 1) });
    deps.store.failPutIds.clear();
    const second = await ingest(deps, { runId: 'r2', feeds: feeds.slice(0, 1) });
    // Assess
    assert.equal(first.failed, 1);
    assert.equal(first.new, 1);
    assert.equal(deps.feedSource.requests[1].etag, undefined, 'no conditional GET after a partial run');
    assert.equal(second.new, 1);
    assert.equal(second.failed, 0);
    assert.equal(deps.store.items.size, 2);
  });

  it('counts an item whose S3 copy failed as failed and picks it up next run', async () => {
    const deps = setup({ [A]: { entries: [entry(7)] } });
    const id = (await import('../../shared/domain/normalise.ts')).normaliseEntry({ ...entry(7), feedId: feeds[0].id }, '2026-11-23T08:00:00Z').id;
    deps.archive.failItemIds.add(id);
    const first = await ingest(deps, { runId: 'r1', feeds: feeds.slice(0, 1) });
    deps.archive.failItemIds.clear();
    const second = await ingest(deps, { runId: 'r2', feeds: feeds.slice(0, 1) });
    assert.deepEqual([first.new, first.failed, second.new, second.failed], [0, 1, 1, 0]);
  });
});

describe('nextFeedState', () => {
  const ok = { feedId: 'f', url: A, outcome: 'ok' as const, status: 200, entries: [], fetchedAt: 'x', etag: '"e"' };
  it('resets failures on success and keeps validators', () => {
    const s = nextFeedState({ feedId: 'f', url: A, consecutiveFailures: 4, lastErrorCode: 'feed_dns' }, ok, 'now', false);
    assert.deepEqual([s?.consecutiveFailures, s?.etag, s?.lastErrorCode, s?.lastSuccessAt], [0, '"e"', undefined, 'now']);
  });
  it('leaves the state alone when the feed was not fully stored', () => {
    assert.equal(nextFeedState({ feedId: 'f', url: A, consecutiveFailures: 0, etag: '"old"' }, ok, 'now', true), undefined);
  });
  it('writes a 304 only to clear earlier failures', () => {
    const nm = { ...ok, outcome: 'not_modified' as const, status: 304 };
    assert.equal(nextFeedState({ feedId: 'f', url: A, consecutiveFailures: 0 }, nm, 'now', false), undefined);
    assert.equal(nextFeedState({ feedId: 'f', url: A, consecutiveFailures: 2 }, nm, 'now', false)?.consecutiveFailures, 0);
  });
});
