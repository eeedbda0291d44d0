// Full local cycles in a fresh process, measured: wall time, CPU time, peak RSS, SDK requests and
// request units (scripts/bench/count-requests.ts) and log volume. Used by scripts/bench.ts.
//   BENCH_FIXTURE='<json from fixture-child>' node --import tsx scripts/bench/cycle-child.ts <dataDir>
//     the feeds, DynamoDB and S3 live in the fixture process; this process is the bot alone.
//   node --import tsx scripts/bench/cycle-child.ts <dataDir> --in-process [feeds] [itemsPerFeed]
//     everything here: feed servers, and makeDeps starting the embedded servers itself.
//   --first-only: the first run alone.
// scripts/bench.ts runs it as an esbuild bundle (the CDK app's options) with plain node, as Lambda
// would run the bot's code: no TypeScript loader in the measured process.
// Five runs, each through makeDeps' deps and cycleNow (seeds, feeds, and the digest where said):
//   first              every item new; digest
//   unchanged          every feed answers 304; digest (the "second run" of npm start)
//   unchangedNoDigest  the same without the digest
//   republished        every feed answers 200 with a new ETag and the same items (all known); no digest
//   empty              no feeds, no digest: the run itself (lock, seeds check, run record)
// Prints one JSON line.
import { Writable } from 'node:stream';
import { parseFeedsFile } from '../../shared/domain/feeds.ts';
import { DynamoStore } from '../../shared/adapters/dynamo-store.ts';
import { S3Archive } from '../../shared/adapters/s3-archive.ts';
import type { Log } from '../../shared/ports/index.ts';
import { makeAwsClients } from '../../shared/runtime/aws-clients.ts';
import type { Deps } from '../../shared/runtime/deps.ts';
import { loadEnv } from '../../shared/runtime/load-env.ts';
import { ensureBucket, ensureTable } from '../../shared/runtime/local.ts';
import { makeDeps } from '../../shared/runtime/make-deps.ts';
import { cycleNow } from '../../shared/runtime/wiring.ts';
import { createRequestCounter, diffCounts, type RequestCounts } from './count-requests.ts';
import type { FixtureInfo } from './fixture-child.ts';
import { startFeedServers } from './fixture.ts';

/** GSI partition keys of the table (infra/stacks/data-stack.ts), to price GSI copies of writes. */
export const GSI_KEYS = ['gsi1pk', 'gsi2pk'] as const;
/** Bytes a Powertools JSON log line adds around the message (level, timestamp, service, function name/ARN/memory/request id, cold start, trace id). */
export const LOG_ENVELOPE_BYTES = 420;

export interface RunMeasure {
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
  items: { fetched: number; new: number; duplicates: number };
  feeds: { ok: number; notModified: number; failed: number };
  counts: RequestCounts;
  log: { lines: number; bytes: number };
  /** Peaks sampled every 50 ms during the run, in MB. */
  peakMemoryMB: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
}

export interface CycleChildResult {
  mode: 'separate' | 'in-process';
  feeds: number;
  itemsPerFeed: number;
  concurrency: number;
  runs: { first: RunMeasure; unchanged: RunMeasure; unchangedNoDigest: RunMeasure; republished: RunMeasure; empty: RunMeasure };
  maxRssMB: number;
  /** After makeDeps, before the first run. */
  baselineMemoryMB: { rss: number; heapUsed: number; external: number };
}

const [dataDir, ...rest] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: cycle-child.ts <dataDir> [--in-process [feeds] [itemsPerFeed]]');
const inProcess = rest[0] === '--in-process';
/** Only the first run (the 5,000-item cycle), e.g. under a heap limit. */
const firstOnly = process.argv.includes('--first-only');
const CONCURRENCY = 16;

let feedUrls: string[];
let bump: () => Promise<void>;
let closeFeeds = async () => {};
let feedCount = 50;
let perFeed = 100;
const fixture = process.env.BENCH_FIXTURE ? (JSON.parse(process.env.BENCH_FIXTURE) as FixtureInfo) : undefined;
if (inProcess || !fixture) {
  feedCount = Number(rest[1] ?? 50);
  perFeed = Number(rest[2] ?? 100);
  const servers = await startFeedServers(feedCount, perFeed);
  feedUrls = servers.urls;
  bump = async () => servers.bump();
  closeFeeds = () => servers.close();
} else {
  feedUrls = fixture.feeds;
  feedCount = feedUrls.length;
  bump = async () => void (await fetch(`${fixture.control}/bump`, { method: 'POST' })).arrayBuffer();
}

const logStats = { lines: 0, bytes: 0 };
const logged = (message: string, extra?: Record<string, unknown>) => {
  logStats.lines++;
  logStats.bytes += LOG_ENVELOPE_BYTES + Buffer.byteLength(message) + (extra ? Buffer.byteLength(JSON.stringify(extra)) : 0);
};
// Lambda logs at INFO (the Powertools default): debug lines are not written.
const log: Log = { debug() {}, info: logged, warn: logged, error: logged };
const counter = createRequestCounter(GSI_KEYS);
const env = loadEnv({ CLAIMWATCH_DATA_DIR: dataDir, CLAIMWATCH_FEED_CONCURRENCY: String(CONCURRENCY) });
const feeds = parseFeedsFile(JSON.stringify({ feeds: feedUrls.map((url) => ({ url })) }), 'bench');
const sink = new Writable({ write: (_c, _e, cb) => cb() });

let overrides: Partial<Deps> = { feeds };
let closeClients = async () => {};
if (fixture && !inProcess) {
  // The same adapters makeDeps builds, pointed at the fixture's servers.
  const clients = makeAwsClients({ local: true, dynamoEndpoint: fixture.storage.dynamoEndpoint, s3Endpoint: fixture.storage.s3Endpoint, instrument: counter.instrument });
  await ensureTable(clients.dynamo, fixture.storage.tableName);
  await ensureBucket(clients.s3, fixture.storage.bucketName);
  overrides = {
    ...overrides,
    store: new DynamoStore({ client: clients.dynamo, tableName: fixture.storage.tableName }),
    archive: new S3Archive({ client: clients.s3, bucketName: fixture.storage.bucketName }),
  };
  closeClients = async () => {
    clients.dynamo.destroy();
    clients.s3.destroy();
  };
}
const deps = await makeDeps(env, { log, terminal: sink, overrides, instrument: counter.instrument });

async function measure(run: () => Promise<{ items: RunMeasure['items']; feeds: Array<{ ok: boolean; notModified?: boolean }> }>): Promise<RunMeasure> {
  const before = counter.snapshot();
  const logBefore = { ...logStats };
  const peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    for (const k of Object.keys(peak) as Array<keyof typeof peak>) peak[k] = Math.max(peak[k], m[k] / 1024 / 1024);
  };
  const sampler = setInterval(sample, 50);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const summary = await run().finally(() => clearInterval(sampler));
  const seconds = (performance.now() - t) / 1000;
  sample();
  const used = process.cpuUsage(cpu);
  return {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    items: summary.items,
    feeds: {
      ok: summary.feeds.filter((f) => f.ok && !f.notModified).length,
      notModified: summary.feeds.filter((f) => f.notModified).length,
      failed: summary.feeds.filter((f) => !f.ok).length,
    },
    counts: diffCounts(counter.snapshot(), before),
    log: { lines: logStats.lines - logBefore.lines, bytes: logStats.bytes - logBefore.bytes },
    peakMemoryMB: Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v)])) as RunMeasure['peakMemoryMB'],
  };
}

const cycle = async (d: Deps, digest = true) => {
  const s = await cycleNow(d, { digest });
  return { items: s.items, feeds: s.feeds.map((f) => ({ ok: f.ok, notModified: f.status === 304 })) };
};

const mb = (n: number) => Math.round(n / 1024 / 1024);
const m0 = process.memoryUsage();
const baselineMemoryMB = { rss: mb(m0.rss), heapUsed: mb(m0.heapUsed), external: mb(m0.external) };
const first = await measure(() => cycle(deps));
const skipped = (): Promise<RunMeasure> => Promise.resolve({ ...first, seconds: 0, cpuSeconds: 0, counts: diffCounts(first.counts, first.counts), log: { lines: 0, bytes: 0 } });
const unchanged = firstOnly ? await skipped() : await measure(() => cycle(deps));
// Unit costs come from runs without the digest (in Lambda the digest is a daily function of its own).
const unchangedNoDigest = firstOnly ? await skipped() : await measure(() => cycle(deps, false));
if (!firstOnly) await bump();
const republished = firstOnly ? await skipped() : await measure(() => cycle(deps, false));
const empty = firstOnly ? await skipped() : await measure(() => cycle({ ...deps, feeds: [] }, false));

await deps.close();
await closeClients();
await closeFeeds();
const result: CycleChildResult = {
  mode: fixture && !inProcess ? 'separate' : 'in-process',
  feeds: feedCount,
  itemsPerFeed: perFeed,
  concurrency: CONCURRENCY,
  runs: { first, unchanged, unchangedNoDigest, republished, empty },
  maxRssMB: process.resourceUsage().maxRSS / 1024,
  baselineMemoryMB,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
