import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { storedItem } from '../helpers/items.ts';
import { startLocalAws } from '../helpers/local-aws.ts';

describe('DynamoStore on the embedded DynamoDB server', () => {
  let aws: Awaited<ReturnType<typeof startLocalAws>>;
  before(async () => {
    aws = await startLocalAws();
  });
  after(async () => {
    await aws.close();
  });

  it('stores an item once: a retried put reports it as existing', async () => {
    // Prepare
    const item = storedItem({
      id: 'a1',
      claims: [{ claim: 'C1', stance: 'supports', evidence: 'It happened.', score: 0.9 }],
    });
    // Act
    const first = await aws.store.putItems([item]);
    const second = await aws.store.putItems([{ ...item, title: 'changed' }]);
    // Assess
    assert.deepEqual(first.created, ['a1']);
    assert.deepEqual(second.existing, ['a1']);
    assert.equal((await aws.store.getItem('a1'))?.title, 'Title a1');
    assert.deepEqual([...(await aws.store.existingIds(['a1', 'zz']))], ['a1']);
  });

  it('answers "new items since T", "story members" and "items for claim C by date"', async () => {
    const items = [
      storedItem({ id: 'b1', ingestedAt: '2026-11-20T00:00:00.000Z', storyId: 'b1', publishedAt: '2022-01-05T00:00:00.000Z', claims: [{ claim: 'C9', stance: 'supports', evidence: 'x', score: 1 }] }),
      storedItem({ id: 'b2', ingestedAt: '2026-11-21T00:00:00.000Z', storyId: 'b1', publishedAt: '2022-01-07T00:00:00.000Z', claims: [{ claim: 'C9', stance: 'updates', evidence: 'y', score: 1, update: { old: '1', new: '2' } }] }),
      storedItem({ id: 'b3', ingestedAt: '2026-11-22T00:00:00.000Z', storyId: 'b3' }),
    ];
    await aws.store.putItems(items);
    const since = await aws.store.listItemsSince('2026-11-21T00:00:00.000Z', '2026-11-22T12:00:00.000Z');
    assert.deepEqual(since.map((i) => i.id), ['b2', 'b3']);
    assert.deepEqual((await aws.store.listStoryMembers('b1')).map((i) => i.id), ['b1', 'b2']);
    const links = await aws.store.listClaimLinks('C9');
    assert.deepEqual(links.map((l) => [l.itemId, l.stance]), [['b1', 'supports'], ['b2', 'updates']]);
    assert.deepEqual(links[1].update, { old: '1', new: '2' });
  });

  it('keeps text too big for a DynamoDB item out of the table', async () => {
    const big = 'word '.repeat(60_000);
    await aws.store.putItems([storedItem({ id: 'big', text: big, rawText: big, archiveKey: 'items/2022/01/big.json' })]);
    const got = await aws.store.getItem('big');
    assert.equal(got?.textInArchive, true);
    assert.equal(got?.text, '');
    assert.equal(got?.archiveKey, 'items/2022/01/big.json');
  });

  it('replaces a classification and its claim links', async () => {
    const item = storedItem({ id: 'r1', claims: [{ claim: 'C2', stance: 'mentions', evidence: 'e', score: 0.2 }] });
    await aws.store.putItems([item]);
    await aws.store.replaceClassification(item, { id: 'r1', relevant: false, topics: ['csto'], claims: [{ claim: 'C3', stance: 'supports', evidence: 'f', score: 0.8 }] });
    assert.equal((await aws.store.listClaimLinks('C2')).filter((l) => l.itemId === 'r1').length, 0);
    assert.equal((await aws.store.listClaimLinks('C3')).filter((l) => l.itemId === 'r1').length, 1);
    assert.deepEqual((await aws.store.getItem('r1'))?.topics, ['csto']);
  });

  it('keeps feed state and lists it', async () => {
    await aws.store.putFeedStates([{ feedId: 'f1', url: 'https://a.example/rss', etag: '"x"', consecutiveFailures: 0 }]);
    const m = await aws.store.getFeedStates(['f1', 'missing']);
    assert.equal(m.get('f1')?.etag, '"x"');
    assert.equal(m.has('missing'), false);
    assert.ok((await aws.store.listFeedStates()).some((s) => s.feedId === 'f1'));
  });

  it('lists the last runs newest first', async () => {
    const run = (id: string, at: string) => ({ runId: id, startedAt: at, items: { fetched: 0, new: 0, duplicates: 0 }, feeds: [], classified: 0, matched: 0, digest: { items: 0, target: 'none' as const } });
    await aws.store.putRun(run('r-old', '2026-11-01T00:00:00.000Z'));
    await aws.store.putRun(run('r-new', '2026-11-02T00:00:00.000Z'));
    assert.deepEqual((await aws.store.listRuns(2)).map((r) => r.runId), ['r-new', 'r-old']);
  });

  it('grants the run lock to one owner at a time until it expires', async () => {
    const now = new Date('2026-11-23T00:00:00Z');
    const until = new Date(now.getTime() + 60_000);
    assert.equal(await aws.store.acquireLock('cycle', 'one', until, now), true);
    assert.equal(await aws.store.acquireLock('cycle', 'two', until, now), false);
    assert.equal(await aws.store.acquireLock('cycle', 'two', until, new Date(until.getTime() + 1)), true);
    await aws.store.releaseLock('cycle', 'two');
    assert.equal(await aws.store.acquireLock('cycle', 'three', until, now), true);
    await aws.store.releaseLock('cycle', 'three');
  });

  it('records a digest once, leases it to one poster, and finds the last posted one', async () => {
    const now = new Date('2026-11-23T08:00:00Z');
    const rec = { id: 'slack#2026-11-22T08:00:00.000Z', target: 'slack' as const, since: '2026-11-22T08:00:00.000Z', until: now.toISOString(), status: 'pending' as const, itemIds: ['a1'], createdAt: now.toISOString(), attempts: 0 };
    assert.equal(await aws.store.createDigest(rec), 'created');
    assert.equal(await aws.store.createDigest(rec), 'exists');
    assert.equal((await aws.store.pendingDigest('slack'))?.id, rec.id);
    const lease = new Date(now.getTime() + 60_000);
    assert.equal(await aws.store.claimDigest(rec.id, lease, now), true);
    assert.equal(await aws.store.claimDigest(rec.id, lease, now), false, 'a second poster must not get the lease');
    await aws.store.markDigestPosted(rec.id, now.toISOString(), '123.456');
    assert.equal(await aws.store.claimDigest(rec.id, lease, new Date(lease.getTime() + 1)), false, 'a posted digest is never leased again');
    const last = await aws.store.lastPostedDigest('slack');
    assert.equal(last?.id, rec.id);
    assert.equal(last?.ts, '123.456');
    assert.equal(await aws.store.pendingDigest('slack'), undefined);
    assert.equal(await aws.store.lastPostedDigest('terminal'), undefined);
  });

  it('archives item JSON and raw bodies in S3 with content types', async () => {
    const item = storedItem({ id: 's3item', publishedAt: '2022-01-09T00:00:00.000Z' });
    const key = await aws.archive.putItem(item);
    assert.equal(key, 'items/2022/01/s3item.json');
    assert.equal((await aws.archive.getItem(key))?.title, item.title);
    const body = new TextEncoder().encode('<rss><channel></channel></rss>');
    const rawKey = await aws.archive.putFeedBody('feed-x', '2026-11-23T08:09:10.000Z', body, 'application/rss+xml');
    assert.match(rawKey, /^feeds\/feed-x\/2026-11-23\/080910-[0-9a-f]{8}\.xml$/);
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const got = await aws.clients.s3.send(new GetObjectCommand({ Bucket: aws.servers.bucketName, Key: rawKey }));
    assert.equal(got.ContentType, 'application/rss+xml');
    assert.equal(await got.Body?.transformToString(), '<rss><channel></channel></rss>');
  });
});
