import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DigestModel } from '../../shared/domain/digest/model.ts';
import type { Notifier, PostResult } from '../../shared/ports/index.ts';
import { sendDigest, type SendDigestDeps } from '../../shared/use-cases/send-digest.ts';
import { fixedClock, quietLog, RecordingNotifier } from '../helpers/fakes.ts';
import { storedItem } from '../helpers/items.ts';
import { MemoryStore } from '../helpers/memory-store.ts';

const claims = [{ id: 'C1', text: 'Protesters were killed in Almaty.' }];

function setup(notifier: Notifier = new RecordingNotifier('slack')) {
  const store = new MemoryStore();
  const clock = fixedClock('2026-11-23T08:00:00.000Z');
  const deps: SendDigestDeps = { store, notifier, clock, log: quietLog, claims, timeZone: 'Asia/Almaty' };
  const add = (id: string, ingestedAt: string, extra: Parameters<typeof storedItem>[0] = { id }) => store.items.set(id, storedItem({ ...extra, id, ingestedAt }));
  return { store, clock, deps, add, notifier };
}

describe('sendDigest', () => {
  it('posts what is new once and marks it posted; a second call posts nothing', async () => {
    // Prepare
    const { store, deps, add, clock } = setup();
    const notifier = deps.notifier as RecordingNotifier;
    add('a', '2026-11-23T07:00:00.000Z');
    add('b', '2026-11-23T07:30:00.000Z');
    // Act
    const first = await sendDigest(deps);
    clock.advance(60_000);
    const second = await sendDigest(deps);
    // Assess
    assert.equal(first.status, 'posted');
    assert.equal(first.items, 2);
    assert.equal(first.digestId, 'slack#1970-01-01T00:00:00.000Z');
    assert.equal(notifier.posted.length, 1);
    assert.deepEqual(notifier.posted[0].itemIds.sort(), ['a', 'b']);
    assert.equal(store.digests.get(first.digestId!)?.status, 'posted');
    assert.equal(second.status, 'empty');
    assert.equal(notifier.posted.length, 1);
  });

  it('covers only what is new since the last posted digest', async () => {
    const { deps, add, clock } = setup();
    const notifier = deps.notifier as RecordingNotifier;
    add('old', '2026-11-23T07:00:00.000Z');
    await sendDigest(deps);
    clock.advance(3_600_000);
    add('new', '2026-11-23T08:30:00.000Z');
    const out = await sendDigest(deps);
    assert.equal(out.status, 'posted');
    assert.deepEqual(notifier.posted[1].itemIds, ['new']);
    assert.equal(notifier.posted[1].since, '2026-11-23T08:00:00.000Z');
  });

  it('includes an item stamped in the very millisecond of the digest (a cycle digests its own items)', async () => {
    const { deps, add } = setup();
    add('now', '2026-11-23T08:00:00.000Z');
    const out = await sendDigest(deps);
    assert.equal(out.items, 1);
  });

  it('posts an item stamped just before the last digest but stored after it in the next one, and nothing twice', async () => {
    const { deps, add, clock } = setup();
    const notifier = deps.notifier as RecordingNotifier;
    add('a', '2026-11-23T07:59:00.000Z');
    await sendDigest(deps);
    add('late', '2026-11-23T07:59:30.000Z'); // a concurrent ingest stored it after the digest's query
    clock.advance(30 * 60_000);
    const next = await sendDigest(deps);
    assert.equal(next.status, 'posted');
    assert.deepEqual(notifier.posted[1].itemIds, ['late']);
  });

  it('posts nothing for an empty period unless told to', async () => {
    const { store, deps, add } = setup();
    const notifier = deps.notifier as RecordingNotifier;
    add('off', '2026-11-23T07:00:00.000Z', { id: 'off', topics: [], relevant: false });
    assert.equal((await sendDigest(deps)).status, 'empty');
    assert.equal(notifier.posted.length, 0);
    // Off-topic items only: the window is recorded as done so they are not read again, but nothing is posted.
    const skipped = [...store.digests.values()];
    assert.equal(skipped.length, 1);
    assert.deepEqual([skipped[0].status, skipped[0].itemIds, skipped[0].ts], ['posted', [], undefined]);
    const withEmpty = await sendDigest({ ...deps, postEmpty: true });
    assert.equal(withEmpty.status, 'posted');
    assert.equal(notifier.posted.length, 1);
    assert.equal(notifier.posted[0].stats.stories, 0);
  });

  it('records nothing for a window with no items at all', async () => {
    const { store, deps } = setup();
    assert.equal((await sendDigest(deps)).status, 'empty');
    assert.equal(store.digests.size, 0);
  });

  it('leaves a failed post pending, marks nothing posted, and posts the same digest on the next run', async () => {
    const { store, deps, add, clock } = setup();
    const notifier = deps.notifier as RecordingNotifier;
    add('a', '2026-11-23T07:00:00.000Z');
    notifier.failNext = 1;
    const failed = await sendDigest(deps);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error, 'slack_unavailable');
    assert.equal(store.digests.get(failed.digestId!)?.status, 'pending');
    assert.equal(store.calls.markDigestPosted ?? 0, 0);

    // Next run, after the lease: an item arrived meanwhile; the pending digest goes first, unchanged.
    clock.advance(30 * 60_000);
    add('b', '2026-11-23T08:10:00.000Z');
    const retried = await sendDigest(deps);
    assert.equal(retried.status, 'posted');
    assert.equal(retried.digestId, failed.digestId);
    assert.deepEqual(notifier.posted[0].itemIds, ['a']);
    assert.equal(store.digests.get(failed.digestId!)?.attempts, 2);

    // The run after that picks up the newer item, starting where the retried digest ended.
    clock.advance(30 * 60_000);
    const next = await sendDigest(deps);
    assert.equal(next.status, 'posted');
    assert.deepEqual(notifier.posted[1].itemIds, ['b']);
    assert.equal(notifier.posted.length, 2);
  });

  it('a retried invocation of a digest already posted posts nothing (same window, same record)', async () => {
    const { store, deps, add } = setup();
    const notifier = deps.notifier as RecordingNotifier;
    add('a', '2026-11-23T07:00:00.000Z');
    const first = await sendDigest(deps);
    // Simulate a Lambda retry that raced in before lastPostedDigest moved: the record exists and is posted.
    const rec = store.digests.get(first.digestId!)!;
    const again = await sendDigest({ ...deps, store: Object.assign(Object.create(store), { lastPostedDigest: async () => undefined }) });
    assert.equal(rec.status, 'posted');
    assert.equal(again.status, 'already_posted');
    assert.equal(notifier.posted.length, 1);
  });

  it('overlapping calls post once', async () => {
    // A notifier that takes a while, so both calls are in flight together.
    const posted: DigestModel[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Notifier = {
      target: 'slack',
      async post(d: DigestModel): Promise<PostResult> {
        posted.push(d);
        await gate;
        return { ts: '1' };
      },
    };
    const { deps, add } = setup(slow);
    add('a', '2026-11-23T07:00:00.000Z');
    const both = Promise.all([sendDigest(deps), sendDigest(deps), sendDigest(deps)]);
    setTimeout(release, 10);
    const outcomes = await both;
    assert.equal(posted.length, 1);
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['busy', 'busy', 'posted']);
  });

  it('lists feeds failing past the threshold in the digest', async () => {
    const { store, deps, add } = setup();
    const notifier = deps.notifier as RecordingNotifier;
    add('a', '2026-11-23T07:00:00.000Z');
    store.feedStates.set('f1', { feedId: 'f1', url: 'https://down.example/rss', consecutiveFailures: 4, lastErrorCode: 'feed_timeout' });
    store.feedStates.set('f2', { feedId: 'f2', url: 'https://blip.example/rss', consecutiveFailures: 1, lastErrorCode: 'feed_http_5xx' });
    await sendDigest({ ...deps, failingFeedThreshold: 3, timelines: async () => new Map([['C1', 'killed: 164 → 225']]) }, { runStats: { fetched: 12 } });
    assert.deepEqual(notifier.posted[0].failingFeeds, [{ url: 'https://down.example/rss', error: 'feed_timeout', consecutiveFailures: 4 }]);
    assert.equal(notifier.posted[0].stats.fetched, 12);
  });

  it('previews a window with `since` without recording anything', async () => {
    const { store, deps, add } = setup();
    const notifier = deps.notifier as RecordingNotifier;
    add('a', '2026-11-20T07:00:00.000Z');
    add('b', '2026-11-23T07:00:00.000Z');
    const out = await sendDigest(deps, { since: '2026-11-22T00:00:00.000Z' });
    assert.equal(out.status, 'posted');
    assert.equal(out.preview, true);
    assert.deepEqual(notifier.posted[0].itemIds, ['b']);
    assert.equal(store.digests.size, 0);
    // The regular digest still covers everything.
    const real = await sendDigest(deps);
    assert.equal(real.items, 2);
  });
});
