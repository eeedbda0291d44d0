// ItemStore, FeedStateStore, RunStore and DigestStore on one DynamoDB table (single-table design).
// Flow: use case → DynamoStore → DynamoDB (AWS, or dynalite on 127.0.0.1 locally: same code).
//
// Keys (see README "Storage"):
//   item        pk ITEM#<id>          sk ITEM          gsi1 ITEMS / <ingestedAt>#<id>   gsi2 STORY#<storyId> / <publishedAt>#<id>
//   claim link  pk CLAIM#<claimId>    sk <publishedAt>#<itemId>
//   feed state  pk FEED#<feedId>      sk STATE         gsi1 FEEDS / <feedId>
//   run         pk RUN#<runId>        sk RUN           gsi1 RUNS / <startedAt>
//   lock        pk LOCK#<name>        sk LOCK          expiresAt (TTL)
//   digest      pk DIGEST#<id>        sk DIGEST        gsi1 DIGESTS#<target> / <status>#<since>
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ClaimwatchError } from '../errors.ts';
import { forEachLimited } from '../domain/limit.ts';
import { claimLinkRecord, type Classification, type FeedState, type StoredItem } from '../domain/types.ts';
import type {
  ClaimLinkRecord,
  DigestRecord,
  DigestTarget,
  FingerprintRecord,
  PutItemsResult,
  RunRecord,
  Store,
} from '../ports/index.ts';

/** DynamoDB items are limited to 400 KB; larger texts live only in S3. */
const MAX_INLINE_TEXT_BYTES = 100_000;
const BATCH_WRITE_MAX = 25;
const BATCH_GET_MAX = 100;
const PUT_CONCURRENCY = 8;

type Row = Record<string, unknown>;

export interface DynamoStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Attempts for unprocessed batch items (with exponential backoff). */
  batchAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const KEY_ATTRS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'expiresAt', 'entity'];
const strip = <T>(row: Row | undefined): T | undefined => {
  if (!row) return undefined;
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) if (!KEY_ATTRS.includes(k)) out[k] = v;
  return out as T;
};

function storeError(e: unknown, what: string): ClaimwatchError {
  const name = (e as { name?: string })?.name ?? 'Error';
  return new ClaimwatchError('store_unavailable', `DynamoDB ${what} failed: ${name}: ${(e as Error)?.message ?? e}`, {
    cause: e,
  });
}

export class DynamoStore implements Store {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly batchAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: DynamoStoreOptions) {
    this.doc = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
    this.table = options.tableName;
    this.batchAttempts = options.batchAttempts ?? 6;
    this.sleep = options.sleep ?? defaultSleep;
  }

  // ------------------------------------------------------------ items

  async existingIds(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += BATCH_GET_MAX) {
      let keys: Row[] = unique.slice(i, i + BATCH_GET_MAX).map((id) => ({ pk: `ITEM#${id}`, sk: 'ITEM' }));
      for (let attempt = 0; keys.length > 0; attempt++) {
        if (attempt >= this.batchAttempts) throw new ClaimwatchError('store_unavailable', 'DynamoDB BatchGet kept returning unprocessed keys');
        if (attempt > 0) await this.sleep(backoff(attempt));
        const res = await this.doc
          .send(
            new BatchGetCommand({
              RequestItems: { [this.table]: { Keys: keys, ProjectionExpression: 'pk' } },
            }),
          )
          .catch((e) => {
            throw storeError(e, 'BatchGet');
          });
        for (const row of res.Responses?.[this.table] ?? []) found.add(String(row.pk).slice('ITEM#'.length));
        keys = (res.UnprocessedKeys?.[this.table]?.Keys as Row[] | undefined) ?? [];
      }
    }
    return found;
  }

  async putItems(items: StoredItem[]): Promise<PutItemsResult> {
    const out: PutItemsResult = { created: [], existing: [], failed: [] };
    // Links first: they are idempotent puts, and the item's conditional put is the commit marker,
    // so an item that is stored always has its links, and a failed run redoes both.
    const linkRows = items.flatMap((item) => item.claims.map((l) => linkRow(item, l)));
    const failedLinkItems = await this.batchPut(linkRows).catch(() => new Set(items.map((i) => i.id)));
    const queue = items.filter((item) => {
      if (failedLinkItems.has(item.id)) {
        out.failed.push({ id: item.id, error: 'store_unavailable', message: 'claim links could not be written' });
        return false;
      }
      return true;
    });
    await forEachLimited(queue, PUT_CONCURRENCY, async (item) => {
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: itemRow(item),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        out.created.push(item.id);
      } catch (e) {
        if ((e as { name?: string }).name === 'ConditionalCheckFailedException') out.existing.push(item.id);
        else out.failed.push({ id: item.id, error: 'store_unavailable', message: (e as Error).message });
      }
    });
    return out;
  }

  async getItem(id: string): Promise<StoredItem | undefined> {
    const res = await this.doc
      .send(new GetCommand({ TableName: this.table, Key: { pk: `ITEM#${id}`, sk: 'ITEM' } }))
      .catch((e) => {
        throw storeError(e, 'GetItem');
      });
    return strip<StoredItem>(res.Item);
  }

  async listItemsSince(since: string, until?: string): Promise<StoredItem[]> {
    const rows = await this.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: until ? 'gsi1pk = :p AND gsi1sk BETWEEN :a AND :b' : 'gsi1pk = :p AND gsi1sk >= :a',
      ExpressionAttributeValues: until ? { ':p': 'ITEMS', ':a': since, ':b': `${until}` } : { ':p': 'ITEMS', ':a': since },
    });
    return rows
      .map((r) => strip<StoredItem>(r)!)
      .filter((i) => i.ingestedAt >= since && (until === undefined || i.ingestedAt < until));
  }

  listAllItems(): Promise<StoredItem[]> {
    return this.listItemsSince('');
  }

  async listStoryMembers(storyId: string): Promise<StoredItem[]> {
    const rows = await this.queryAll({
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': `STORY#${storyId}` },
    });
    return rows.map((r) => strip<StoredItem>(r)!);
  }

  async recentFingerprints(since: string): Promise<FingerprintRecord[]> {
    // Items ingested since `since` (a superset of those published since then that matter for grouping).
    const rows = await this.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk >= :a',
      ExpressionAttributeValues: { ':p': 'ITEMS', ':a': since },
      ProjectionExpression: 'id, storyId, fingerprint, publishedAt',
    });
    return rows.map((r) => ({
      id: String(r.id),
      storyId: String(r.storyId),
      fingerprint: String(r.fingerprint),
      publishedAt: String(r.publishedAt),
    }));
  }

  async listClaimLinks(claimId: string): Promise<ClaimLinkRecord[]> {
    const rows = await this.queryAll({
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': `CLAIM#${claimId}` },
    });
    return rows.map((r) => strip<ClaimLinkRecord>(r)!);
  }

  async replaceClassification(item: StoredItem, c: Classification): Promise<void> {
    // Delete the item's old links (one per claim it was linked to), write the new ones, update the item.
    for (const l of item.claims) {
      await this.doc
        .send(new DeleteCommand({ TableName: this.table, Key: { pk: `CLAIM#${l.claim}`, sk: `${item.publishedAt}#${item.id}` } }))
        .catch((e) => {
          throw storeError(e, 'DeleteItem');
        });
    }
    const next: StoredItem = { ...item, relevant: c.relevant, topics: c.topics, claims: c.claims };
    const failed = await this.batchPut(c.claims.map((l) => linkRow(next, l)));
    if (failed.size > 0) throw new ClaimwatchError('store_unavailable', `claim links of ${item.id} could not be written`);
    await this.doc
      .send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `ITEM#${item.id}`, sk: 'ITEM' },
          UpdateExpression: 'SET relevant = :r, topics = :t, claims = :c',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':r': c.relevant, ':t': c.topics, ':c': c.claims },
        }),
      )
      .catch((e) => {
        throw storeError(e, 'UpdateItem');
      });
  }

  // ------------------------------------------------------------ feed state

  async getFeedStates(feedIds: string[]): Promise<Map<string, FeedState>> {
    const out = new Map<string, FeedState>();
    const unique = [...new Set(feedIds)];
    for (let i = 0; i < unique.length; i += BATCH_GET_MAX) {
      let keys: Row[] = unique.slice(i, i + BATCH_GET_MAX).map((id) => ({ pk: `FEED#${id}`, sk: 'STATE' }));
      for (let attempt = 0; keys.length > 0 && attempt < this.batchAttempts; attempt++) {
        if (attempt > 0) await this.sleep(backoff(attempt));
        const res = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys } } })).catch((e) => {
          throw storeError(e, 'BatchGet');
        });
        for (const row of res.Responses?.[this.table] ?? []) {
          const s = strip<FeedState>(row)!;
          out.set(s.feedId, s);
        }
        keys = (res.UnprocessedKeys?.[this.table]?.Keys as Row[] | undefined) ?? [];
      }
    }
    return out;
  }

  async putFeedStates(states: FeedState[]): Promise<void> {
    const failed = await this.batchPut(
      states.map((s) => ({ pk: `FEED#${s.feedId}`, sk: 'STATE', gsi1pk: 'FEEDS', gsi1sk: s.feedId, entity: 'feed', ...s })),
    );
    if (failed.size > 0) throw new ClaimwatchError('store_unavailable', 'feed states could not be written');
  }

  async listFeedStates(): Promise<FeedState[]> {
    const rows = await this.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': 'FEEDS' },
    });
    return rows.map((r) => strip<FeedState>(r)!);
  }

  // ------------------------------------------------------------ runs and locks

  async putRun(run: RunRecord): Promise<void> {
    await this.doc
      .send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `RUN#${run.runId}`, sk: 'RUN', gsi1pk: 'RUNS', gsi1sk: run.startedAt, entity: 'run', ...run },
        }),
      )
      .catch((e) => {
        throw storeError(e, 'PutItem');
      });
  }

  async listRuns(limit: number): Promise<RunRecord[]> {
    const res = await this.doc
      .send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': 'RUNS' },
          ScanIndexForward: false,
          Limit: limit,
        }),
      )
      .catch((e) => {
        throw storeError(e, 'Query');
      });
    return (res.Items ?? []).map((r) => strip<RunRecord>(r)!);
  }

  async acquireLock(name: string, owner: string, until: Date, now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: `LOCK#${name}`,
            sk: 'LOCK',
            entity: 'lock',
            owner,
            until: until.toISOString(),
            expiresAt: Math.ceil(until.getTime() / 1000) + 3600,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #until < :now OR #owner = :owner',
          ExpressionAttributeNames: { '#until': 'until', '#owner': 'owner' },
          ExpressionAttributeValues: { ':now': now.toISOString(), ':owner': owner },
        }),
      );
      return true;
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw storeError(e, 'PutItem (lock)');
    }
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    await this.doc
      .send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: `LOCK#${name}`, sk: 'LOCK' },
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      )
      .catch((e) => {
        if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw storeError(e, 'DeleteItem (lock)');
      });
  }

  // ------------------------------------------------------------ digests

  private async digestByStatus(target: DigestTarget, status: DigestRecord['status'], newestFirst: boolean) {
    const res = await this.doc
      .send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p AND begins_with(gsi1sk, :s)',
          ExpressionAttributeValues: { ':p': `DIGESTS#${target}`, ':s': `${status}#` },
          ScanIndexForward: !newestFirst,
          Limit: 1,
        }),
      )
      .catch((e) => {
        throw storeError(e, 'Query');
      });
    return strip<DigestRecord>(res.Items?.[0]);
  }

  lastPostedDigest(target: DigestTarget) {
    return this.digestByStatus(target, 'posted', true);
  }

  pendingDigest(target: DigestTarget) {
    return this.digestByStatus(target, 'pending', false);
  }

  async createDigest(record: DigestRecord): Promise<'created' | 'exists'> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: `DIGEST#${record.id}`,
            sk: 'DIGEST',
            gsi1pk: `DIGESTS#${record.target}`,
            gsi1sk: `${record.status}#${record.since}`,
            entity: 'digest',
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return 'exists';
      throw storeError(e, 'PutItem (digest)');
    }
  }

  async getDigest(id: string): Promise<DigestRecord | undefined> {
    const res = await this.doc
      .send(new GetCommand({ TableName: this.table, Key: { pk: `DIGEST#${id}`, sk: 'DIGEST' }, ConsistentRead: true }))
      .catch((e) => {
        throw storeError(e, 'GetItem');
      });
    return strip<DigestRecord>(res.Item);
  }

  async claimDigest(id: string, leaseUntil: Date, now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `DIGEST#${id}`, sk: 'DIGEST' },
          UpdateExpression: 'SET leaseUntil = :lease ADD attempts :one',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :posted AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':lease': leaseUntil.toISOString(),
            ':one': 1,
            ':posted': 'posted',
            ':now': now.toISOString(),
          },
        }),
      );
      return true;
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw storeError(e, 'UpdateItem (digest lease)');
    }
  }

  async markDigestPosted(id: string, postedAt: string, ts?: string): Promise<void> {
    const rec = await this.getDigest(id);
    if (!rec) throw new ClaimwatchError('store_conflict', `digest ${id} is not recorded`);
    await this.doc
      .send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `DIGEST#${id}`, sk: 'DIGEST' },
          UpdateExpression: ts
            ? 'SET #status = :posted, postedAt = :at, gsi1sk = :sk, ts = :ts REMOVE leaseUntil'
            : 'SET #status = :posted, postedAt = :at, gsi1sk = :sk REMOVE leaseUntil',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':posted': 'posted',
            ':at': postedAt,
            ':sk': `posted#${rec.since}`,
            ...(ts ? { ':ts': ts } : {}),
          },
        }),
      )
      .catch((e) => {
        throw storeError(e, 'UpdateItem (digest posted)');
      });
  }

  // ------------------------------------------------------------ helpers

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Row[]> {
    const rows: Row[] = [];
    let start: Row | undefined;
    do {
      const res = await this.doc
        .send(new QueryCommand({ TableName: this.table, ...input, ExclusiveStartKey: start }))
        .catch((e) => {
          throw storeError(e, 'Query');
        });
      rows.push(...((res.Items as Row[] | undefined) ?? []));
      start = res.LastEvaluatedKey as Row | undefined;
    } while (start);
    return rows;
  }

  /**
   * Batch-writes rows 25 at a time, retrying unprocessed items with backoff. Returns the ids
   * (`itemId` attribute, when rows have one) of rows that could not be written.
   */
  private async batchPut(rows: Row[]): Promise<Set<string>> {
    const failed = new Set<string>();
    for (let i = 0; i < rows.length; i += BATCH_WRITE_MAX) {
      let pending = rows.slice(i, i + BATCH_WRITE_MAX).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= this.batchAttempts) {
          for (const p of pending) failed.add(String(p.PutRequest.Item.itemId ?? p.PutRequest.Item.pk));
          break;
        }
        if (attempt > 0) await this.sleep(backoff(attempt));
        try {
          const res = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
          pending = (res.UnprocessedItems?.[this.table] as typeof pending | undefined) ?? [];
        } catch (e) {
          if (attempt + 1 >= this.batchAttempts) throw storeError(e, 'BatchWrite');
        }
      }
    }
    return failed;
  }
}

function itemRow(item: StoredItem): Row {
  const row: Row = {
    pk: `ITEM#${item.id}`,
    sk: 'ITEM',
    gsi1pk: 'ITEMS',
    gsi1sk: `${item.ingestedAt}#${item.id}`,
    gsi2pk: `STORY#${item.storyId}`,
    gsi2sk: `${item.publishedAt}#${item.id}`,
    entity: 'item',
    ...item,
  };
  const bytes = Buffer.byteLength(item.text) + Buffer.byteLength(item.rawText);
  if (bytes > MAX_INLINE_TEXT_BYTES) {
    // Too big for a DynamoDB item: the full text is in the S3 copy at archiveKey.
    row.text = '';
    row.rawText = '';
    row.textInArchive = true;
  }
  return row;
}

function linkRow(item: StoredItem, l: StoredItem['claims'][number]): Row {
  const rec = claimLinkRecord(item, l);
  return { pk: `CLAIM#${l.claim}`, sk: `${item.publishedAt}#${item.id}`, entity: 'claim-link', ...rec };
}

const backoff = (attempt: number) => Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2);
