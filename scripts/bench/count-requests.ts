// Counts the SDK requests a run makes, through middleware added by makeDeps' `instrument` hook:
// requests per service and command, the put requests inside BatchWriteItem, DynamoDB write and
// read request units estimated from item sizes (table plus each GSI the item lands in), and the
// bytes put to S3. The middleware sits at the start of the build step, where the document client
// has already marshalled the input, and sees each send() once (SDK retries are below it).

export interface RequestCounts {
  /** `service:Command` → requests, e.g. `dynamodb:PutItem`, `s3:PutObject`. */
  requests: Record<string, number>;
  /** Put requests inside BatchWriteItem calls. */
  batchPuts: number;
  /** Delete requests inside BatchWriteItem calls. */
  batchDeletes: number;
  /** Estimated write request units (on-demand), table and GSIs. */
  wru: number;
  /** Estimated read request units (on-demand). */
  rru: number;
  /** Bytes of item data written to DynamoDB (table plus GSI copies), for storage estimates. */
  dynamoBytes: number;
  /** Bytes of object bodies put to S3. */
  s3Bytes: number;
  /** Item writes (puts, updates, deletes, each put inside a batch) and their write units, by the kind of
   * row: the partition key's prefix (`ITEM`, `CLAIM`, `FEED`, `RUN`, `LOCK`, …). */
  byEntity: Record<string, { writes: number; wru: number }>;
  /** Summed time from send to response, by `service:Command`, in ms (overlapping requests add up). */
  latencyMs: Record<string, number>;
}

/** The write commands: each call is one request (a BatchWriteItem carries up to 25 puts or deletes). */
export const DYNAMO_WRITE_COMMANDS = ['PutItem', 'BatchWriteItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems'] as const;

export const emptyCounts = (): RequestCounts => ({ requests: {}, batchPuts: 0, batchDeletes: 0, wru: 0, rru: 0, dynamoBytes: 0, s3Bytes: 0, byEntity: {}, latencyMs: {} });

/** Item writes: each PutItem, UpdateItem and DeleteItem, and each put or delete inside a BatchWriteItem (what DynamoDB bills per item). */
export function dynamoItemWrites(c: RequestCounts): number {
  return (c.requests['dynamodb:PutItem'] ?? 0) + (c.requests['dynamodb:UpdateItem'] ?? 0) + (c.requests['dynamodb:DeleteItem'] ?? 0) + c.batchPuts + c.batchDeletes;
}

/** DynamoDB write requests (calls) in a set of counts. */
export function dynamoWriteRequests(c: RequestCounts): number {
  return DYNAMO_WRITE_COMMANDS.reduce((n, cmd) => n + (c.requests[`dynamodb:${cmd}`] ?? 0), 0);
}

/** `b − a`, field by field (a snapshot taken before a run from one taken after). */
export function diffCounts(b: RequestCounts, a: RequestCounts): RequestCounts {
  const requests: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a.requests), ...Object.keys(b.requests)])) {
    const d = (b.requests[k] ?? 0) - (a.requests[k] ?? 0);
    if (d !== 0) requests[k] = d;
  }
  const byEntity: RequestCounts['byEntity'] = {};
  for (const k of new Set([...Object.keys(a.byEntity), ...Object.keys(b.byEntity)])) {
    const writes = (b.byEntity[k]?.writes ?? 0) - (a.byEntity[k]?.writes ?? 0);
    const wru = (b.byEntity[k]?.wru ?? 0) - (a.byEntity[k]?.wru ?? 0);
    if (writes || wru) byEntity[k] = { writes, wru };
  }
  const latencyMs: Record<string, number> = {};
  for (const k of Object.keys(b.latencyMs)) {
    const d = b.latencyMs[k]! - (a.latencyMs[k] ?? 0);
    if (d > 0) latencyMs[k] = d;
  }
  return {
    requests,
    byEntity,
    latencyMs,
    batchPuts: b.batchPuts - a.batchPuts,
    batchDeletes: b.batchDeletes - a.batchDeletes,
    wru: b.wru - a.wru,
    rru: b.rru - a.rru,
    dynamoBytes: b.dynamoBytes - a.dynamoBytes,
    s3Bytes: b.s3Bytes - a.s3Bytes,
  };
}

type AttributeValue = Record<string, unknown>;
const TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M']);
const isAttributeValue = (v: object): v is AttributeValue => {
  const keys = Object.keys(v);
  return keys.length === 1 && TYPES.has(keys[0]!);
};
const numberBytes = (n: string) => Math.ceil(n.replace(/^-|\.|^0+/g, '').length / 2) + 1;

/**
 * Size of a DynamoDB attribute value in bytes, by the rules in the DynamoDB developer guide ("Item
 * sizes and formats"): strings and binaries by length, numbers about one byte per two digits plus
 * one, booleans and nulls one byte, lists and maps 3 bytes plus one per element. Takes marshalled
 * values ({ S: 'x' }) or plain ones ('x'), as the SDK middleware sees either depending on its step.
 */
export function valueBytes(v: unknown): number {
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number' || typeof v === 'bigint') return numberBytes(String(v));
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...v].reduce((n: number, e) => n + valueBytes(e), 0);
  if (Array.isArray(v)) return 3 + v.reduce((n: number, e) => n + 1 + valueBytes(e), 0);
  if (typeof v !== 'object') return 0;
  if (!isAttributeValue(v)) return 3 + Object.entries(v).reduce((n, [k, e]) => n + 1 + Buffer.byteLength(k) + valueBytes(e), 0);
  const [type, inner] = Object.entries(v)[0]!;
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(inner));
    case 'N':
      return numberBytes(String(inner));
    case 'B':
      return inner instanceof Uint8Array ? inner.byteLength : Buffer.byteLength(String(inner));
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'NS':
      return (inner as string[]).reduce((n, e) => n + numberBytes(e), 0);
    case 'SS':
    case 'BS':
      return (inner as unknown[]).reduce((n: number, e) => n + valueBytes(e), 0);
    case 'L':
      return 3 + (inner as unknown[]).reduce((n: number, e) => n + 1 + valueBytes(e), 0);
    default: // M
      return 3 + Object.entries(inner as Record<string, unknown>).reduce((n, [k, e]) => n + 1 + Buffer.byteLength(k) + valueBytes(e), 0);
  }
}

/** Size of an item: attribute names plus values. */
export function itemBytes(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + valueBytes(v), 0);
}

/** On-demand write units of putting an item of `bytes`: one per KB, rounded up. */
export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
/** On-demand read units of reading `bytes`: one per 4 KB (half for eventually consistent reads). */
export const readUnits = (bytes: number, consistent = false) => Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

/** Write units of putting one item: the table, plus each GSI whose partition key the item has (projection ALL). */
export function putUnits(item: Record<string, unknown>, gsiKeys: readonly string[]): { wru: number; bytes: number } {
  const bytes = itemBytes(item);
  const copies = 1 + gsiKeys.filter((k) => k in item).length;
  return { wru: writeUnits(bytes) * copies, bytes: (bytes + 100) * copies }; // 100 bytes of overhead per stored item
}

export interface RequestCounter {
  counts: RequestCounts;
  snapshot(): RequestCounts;
  /** For makeDeps' `instrument` option. */
  instrument(client: { middlewareStack: unknown }, service: 'dynamodb' | 's3'): void;
}

interface Args {
  input: Record<string, unknown>;
}

/**
 * A counter whose `instrument` adds the middleware. `gsiKeys`: the partition key attribute of each
 * GSI of the table (infra/stacks/data-stack.ts: gsi1pk, gsi2pk), to price the GSI copies of a write.
 */
export function createRequestCounter(gsiKeys: readonly string[]): RequestCounter {
  const counts = emptyCounts();
  // Size of every item written, by key: reads are priced on the stored item even when a
  // projection returns only part of it.
  const sizes = new Map<string, number>();
  const keyPart = (v: unknown) => (v && typeof v === 'object' && 'S' in v ? String((v as { S: unknown }).S) : String(v));
  const keyOf = (i: Record<string, unknown>) => `${keyPart(i.pk)}|${keyPart(i.sk)}`;
  const stored = (i: Record<string, unknown>) => sizes.get(keyOf(i)) ?? itemBytes(i);
  const entity = (key: Record<string, unknown> | undefined) => (key ? keyPart(key.pk).split('#')[0]! : 'unknown');
  const wrote = (key: Record<string, unknown> | undefined, wru: number) => {
    const e = (counts.byEntity[entity(key)] ??= { writes: 0, wru: 0 });
    e.writes++;
    e.wru += wru;
    counts.wru += wru;
  };
  const put = (item: Record<string, unknown>) => {
    const u = putUnits(item, gsiKeys);
    wrote(item, u.wru);
    counts.dynamoBytes += u.bytes;
    sizes.set(keyOf(item), itemBytes(item));
  };
  const snapshot = (): RequestCounts => ({
    ...counts,
    requests: { ...counts.requests },
    latencyMs: { ...counts.latencyMs },
    byEntity: Object.fromEntries(Object.entries(counts.byEntity).map(([k, v]) => [k, { ...v }])),
  });
  return {
    counts,
    snapshot,
    instrument(client, service) {
      const stack = client.middlewareStack as { add(mw: unknown, options: Record<string, unknown>): void };
      stack.add(
        (next: (a: Args) => Promise<{ output: Record<string, unknown> }>, context: { commandName?: string }) => async (args: Args) => {
          const command = (context.commandName ?? 'Unknown').replace(/Command$/, '');
          const key = `${service}:${command}`;
          counts.requests[key] = (counts.requests[key] ?? 0) + 1;
          const input = args.input;
          if (service === 's3' && command === 'PutObject') {
            const body = input.Body;
            counts.s3Bytes += typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.byteLength : 0;
          }
          if (service === 'dynamodb') {
            if (command === 'PutItem') {
              put(input.Item as Record<string, unknown>);
            } else if (command === 'BatchWriteItem') {
              for (const requests of Object.values((input.RequestItems ?? {}) as Record<string, Array<Record<string, { Item?: Record<string, unknown> }>>>)) {
                for (const r of requests) {
                  if (r.PutRequest?.Item) {
                    counts.batchPuts++;
                    put(r.PutRequest.Item);
                  } else if (r.DeleteRequest) {
                    counts.batchDeletes++;
                    wrote((r.DeleteRequest as { Key?: Record<string, unknown> }).Key, 1);
                  }
                }
              }
            } else if (command === 'UpdateItem' || command === 'DeleteItem') {
              wrote(input.Key as Record<string, unknown> | undefined, 1); // the rows updated or deleted in place (locks, feed state, digests) are under 1 KB
            }
          }
          const sent = performance.now();
          const result = await next(args).finally(() => {
            counts.latencyMs[key] = (counts.latencyMs[key] ?? 0) + performance.now() - sent;
          });
          if (service === 'dynamodb') {
            const out = result.output;
            const consistent = input.ConsistentRead === true;
            if (command === 'GetItem') counts.rru += readUnits(out.Item ? stored(out.Item as Record<string, unknown>) : 0, consistent);
            else if (command === 'Query' || command === 'Scan') {
              const bytes = ((out.Items ?? []) as Array<Record<string, unknown>>).reduce((n, i) => n + stored(i), 0);
              counts.rru += readUnits(bytes, consistent); // a query is priced on the sum of the items it reads
            } else if (command === 'BatchGetItem') {
              // Each key is a read of its own, priced on the stored item (a projection does not make it
              // cheaper); a key not found costs the minimum.
              const keys = Object.values((input.RequestItems ?? {}) as Record<string, { Keys?: Array<Record<string, unknown>> }>).flatMap((r) => r.Keys ?? []);
              counts.rru += keys.reduce((n, k) => n + readUnits(sizes.get(keyOf(k)) ?? 0), 0);
            }
          }
          return result;
        },
        { step: 'build', priority: 'high', name: 'benchRequestCounter' },
      );
    },
  };
}
