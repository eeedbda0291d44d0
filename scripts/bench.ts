// npm run bench: classification throughput, a full local cycle (50 feeds × 100 items) and its
// 304-only rerun, bundle size and cold init per function, DynamoDB and S3 requests per new item
// and per unchanged feed, and the monthly AWS cost for 100 feeds every 30 minutes.
// Writes bench/results.json and prints a table with PASS/MISS against each target.
//   node --import tsx scripts/bench.ts [--in-process]
// --in-process: the cycle's feed servers and embedded DynamoDB/S3 run inside the measured process
// (makeDeps starts them), so its peak RSS includes them; by default they run in a process of their
// own and the measured process is the bot alone, as in Lambda.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_NAMES } from '../infra/bundling.ts';
import { bundleAll, lambdaBuildOptions } from './bundle.ts';
import type { ClassifyChildResult } from './bench/classify-child.ts';
import { PRICES, monthlyCost, type CostInput, type UnitCost } from './bench/cost.ts';
import { dynamoItemWrites, dynamoWriteRequests, diffCounts, type RequestCounts } from './bench/count-requests.ts';
import type { CycleChildResult, RunMeasure } from './bench/cycle-child.ts';
import { buildProbe, initOnce, median } from './bench/init.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FEEDS = 50;
const PER_FEED = 100;
const inProcess = process.argv.includes('--in-process');
const say = (s: string) => process.stderr.write(`${s}\n`);
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const tsx = (script: string, args: string[], extraEnv: Record<string, string> = {}) =>
  spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'inherit'] });
const lines = (child: ReturnType<typeof spawn>) => createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
const started = performance.now();

// The measured code runs as esbuild bundles built with the CDK app's options, under plain node, as
// Lambda runs it (tsx's loader adds a thread and keeps function names, which costs time in hot loops).
const outDir = path.join(ROOT, 'bench', 'tmp'); // inside the repo, so the external AWS SDK resolves from node_modules
await mkdir(outDir, { recursive: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: { 'cycle-child': path.join(ROOT, 'scripts/bench/cycle-child.ts'), 'classify-child': path.join(ROOT, 'scripts/bench/classify-child.ts') },
  outdir: outDir,
  outExtension: { '.js': '.mjs' },
  ...lambdaBuildOptions(),
});
const childBundle = path.join(outDir, 'cycle-child.mjs');
const lastLine = async (child: ReturnType<typeof spawn>) => {
  let out = '';
  for await (const line of lines(child)) out = line;
  return out;
};

// ── 1. Classification throughput, one core, default (local) classifier, seeds/claims.json.
const classifyOut = await lastLine(spawn(process.execPath, [path.join(outDir, 'classify-child.mjs'), '5000', '42'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] }));
const classifyDetail = JSON.parse(classifyOut) as ClassifyChildResult;
const classifyItemsPerSec = classifyDetail.itemsPerSec;
say(`classify: ${classifyItemsPerSec} items/s (${classifyDetail.relevant} of ${classifyDetail.items} relevant, ${classifyDetail.meanChars} characters on average)`);

// ── 2. The full local cycle in fresh processes.
/** One cycle child (and, unless in-process, its fixture process) on a fresh data directory. */
async function runCycleChild(nodeFlags: string[], childArgs: string[], together = inProcess): Promise<{ cycle: CycleChildResult; fixtureRssMB?: number }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'claimwatch-bench-'));
  try {
    let fixtureEnv: Record<string, string> = {};
    let fixture: ReturnType<typeof spawn> | undefined;
    let fixtureLines: AsyncIterator<string> | undefined;
    if (!together) {
      fixture = tsx('scripts/bench/fixture-child.ts', [path.join(dataDir, 'storage'), String(FEEDS), String(PER_FEED)]);
      fixtureLines = lines(fixture);
      const ready = await fixtureLines.next();
      if (ready.done) throw new Error('bench: the fixture process ended before it was ready');
      fixtureEnv = { BENCH_FIXTURE: ready.value };
    }
    const args = together ? [dataDir, '--in-process', String(FEEDS), String(PER_FEED), ...childArgs] : [path.join(dataDir, 'bot'), ...childArgs];
    const child = spawn(process.execPath, [...nodeFlags, childBundle, ...args], { cwd: ROOT, env: { ...env, ...fixtureEnv }, stdio: ['ignore', 'pipe', 'inherit'] });
    const out = await lastLine(child);
    if (!out) throw new Error(`bench: the cycle process ${nodeFlags.join(' ')} printed no result`);
    const cycle = JSON.parse(out) as CycleChildResult;
    let fixtureRssMB: number | undefined;
    if (fixture && fixtureLines) {
      fixture.stdin!.end();
      const last = await fixtureLines.next();
      fixtureRssMB = last.done ? undefined : (JSON.parse(last.value) as { maxRssMB: number }).maxRssMB;
    }
    return { cycle, fixtureRssMB };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const { cycle, fixtureRssMB } = await runCycleChild([], []);
// The same first run with V8's old space capped: how little memory the cycle can live in.
const HEAP_CAP_MB = 160;
const capped = await runCycleChild([`--max-old-space-size=${HEAP_CAP_MB}`], ['--first-only']).catch((e: Error) => ({ error: e.message }));
// And everything in one process, as `npm start` runs it (makeDeps starting dynalite and s3rver).
const together = inProcess ? undefined : await runCycleChild([], ['--first-only'], true).catch((e: Error) => ({ error: e.message }));
const togetherFirst = together && 'cycle' in together ? together.cycle.runs.first : undefined;
const { first, unchanged, unchangedNoDigest, republished, empty } = cycle.runs;
const cappedFirst = 'cycle' in capped ? capped.cycle.runs.first : undefined;
say(
  `cycle: ${first.seconds.toFixed(1)} s, ${first.maxRssMB.toFixed(0)} MB peak RSS${fixtureRssMB ? ` (servers: ${fixtureRssMB.toFixed(0)} MB in their own process)` : ''}; 304 run ${unchanged.seconds.toFixed(2)} s; ` +
    (cappedFirst ? `with a ${HEAP_CAP_MB} MB heap: ${cappedFirst.seconds.toFixed(1)} s, ${cappedFirst.maxRssMB.toFixed(0)} MB` : `with a ${HEAP_CAP_MB} MB heap: failed`),
);

// ── 3. Bundles as the CDK app builds them, and cold init (median of 5 fresh processes).
const bundles = await bundleAll(outDir);
const bundleKB: Record<string, number> = {};
const initMs: Record<string, number> = {};
const initDetail: Record<string, { importMs: number; depsMs: number; samples: number[]; probeKB: number }> = {};
for (const fn of FUNCTION_NAMES) {
  bundleKB[fn] = Math.round(bundles[fn]!.bytes / 1024);
  const probe = await buildProbe(ROOT, fn, outDir);
  const samples = [];
  for (let i = 0; i < 5; i++) samples.push(await initOnce(ROOT, fn, probe.file));
  initMs[fn] = Math.round(median(samples.map((s) => s.totalMs)));
  initDetail[fn] = {
    importMs: Math.round(median(samples.map((s) => s.importMs))),
    depsMs: Math.round(median(samples.map((s) => s.depsMs))),
    samples: samples.map((s) => Math.round(s.totalMs)),
    probeKB: Math.round(probe.bytes / 1024),
  };
}
say(`bundles KB ${JSON.stringify(bundleKB)}; init ms ${JSON.stringify(initMs)}`);

// ── 4. Requests per new item and per unchanged feed.
const per = (c: RequestCounts, n: number) => ({
  itemWrites: dynamoItemWrites(c) / n,
  writeRequests: dynamoWriteRequests(c) / n,
  wru: c.wru / n,
  rru: c.rru / n,
  s3Puts: (c.requests['s3:PutObject'] ?? 0) / n,
  s3Gets: (c.requests['s3:GetObject'] ?? 0) / n,
  requests: Object.fromEntries(Object.entries(c.requests).map(([k, v]) => [k, v / n])),
  byEntity: Object.fromEntries(Object.entries(c.byEntity).map(([k, v]) => [k, { writes: v.writes / n, wru: v.wru / n }])),
});
// A new item: the first run less the same feeds republished with every item known.
const newItems = first.items.new;
const newItemCounts = diffCounts(first.counts, republished.counts);
// An unchanged feed: a 304-only run less a run without feeds (both without the digest).
const unchangedFeedCounts = diffCounts(unchangedNoDigest.counts, empty.counts);
const changedFeedCounts = diffCounts(republished.counts, unchangedNoDigest.counts);
const perNewItem = per(newItemCounts, newItems);
const perUnchangedFeed = per(unchangedFeedCounts, unchangedNoDigest.feeds.notModified);
const perChangedFeed = per(changedFeedCounts, republished.feeds.ok);
const dynamoWritesPerNewItem = perNewItem.itemWrites;
const dynamoWritesPerUnchangedFeed = perUnchangedFeed.itemWrites;

// ── 5. Monthly cost: 100 feeds every 30 minutes.
const unit = (c: RequestCounts, m: { cpuSeconds: number; log: { bytes: number } }, mBase: { cpuSeconds: number; log: { bytes: number } } | undefined, n: number): UnitCost => ({
  wru: c.wru / n,
  rru: c.rru / n,
  s3Puts: (c.requests['s3:PutObject'] ?? 0) / n,
  s3Bytes: c.s3Bytes / n,
  dynamoBytes: c.dynamoBytes / n,
  cpuSeconds: Math.max(0, m.cpuSeconds - (mBase?.cpuSeconds ?? 0)) / n,
  logBytes: Math.max(0, m.log.bytes - (mBase?.log.bytes ?? 0)) / n,
});
const costInput: CostInput = {
  workload: { feeds: 100, runsPerDay: 48, days: 30, newItemsPerFeedPerRun: 2, changedFeedShare: 0.5, entriesPerFeed: 30 },
  deployment: {
    memoryGb: { plan: 0.5, ingest: 1, digest: 0.5 },
    initSeconds: { plan: initMs['plan-ingest']! / 1000, ingest: initMs['ingest-feeds']! / 1000, digest: initMs['send-digest']! / 1000 },
    coldShare: 1,
    feedsPerMessage: 5,
    messagesPerInvocation: 2,
    fetchWaitSecondsPerBatch: 0.5,
    ingestCpuShare: 1024 / 1769,
    planSeconds: empty.seconds + 0.2,
    digestSeconds: 2,
    sqsIdlePollsPerMonth: 5 * 3 * 60 * 24 * 30,
    logBytesPerInvocation: 1200,
    fixed: { secrets: 2, alarms: 9, customMetrics: 6, dashboards: 1 },
  },
  benchEntriesPerFeed: PER_FEED,
  perNewItem: unit(newItemCounts, first, republished, newItems),
  perChangedFeed: unit(changedFeedCounts, republished, unchangedNoDigest, republished.feeds.ok),
  perUnchangedFeed: unit(unchangedFeedCounts, unchangedNoDigest, empty, unchangedNoDigest.feeds.notModified),
  perRun: unit(empty.counts, empty, undefined, 1),
};
const cost = monthlyCost(costInput);
const sensitivity = Object.fromEntries(
  [0.5, 1, 2, 4].map((n) => [`${n} new items/feed/run`, Number(monthlyCost({ ...costInput, workload: { ...costInput.workload, newItemsPerFeedPerRun: n } }).usageTotal.toFixed(2))]),
);

// ── 6. Results.
const r2 = (x: number) => Number(x.toFixed(2));
const r3 = (x: number) => Number(x.toFixed(3));
const runSummary = (m: RunMeasure) => ({
  seconds: r2(m.seconds),
  cpuSeconds: r2(m.cpuSeconds),
  maxRssMB: Math.round(m.maxRssMB),
  peakMemoryMB: m.peakMemoryMB,
  items: m.items,
  feeds: m.feeds,
  itemWrites: dynamoItemWrites(m.counts),
  wru: Math.round(m.counts.wru),
  rru: Math.round(m.counts.rru),
  requests: m.counts.requests,
  byEntity: m.counts.byEntity,
  s3MB: r2(m.counts.s3Bytes / 1024 / 1024),
  storageLatencySeconds: Object.fromEntries(Object.entries(m.counts.latencyMs).map(([k, v]) => [k, r2(v / 1000)])),
  logLines: m.log.lines,
});
const roundAll = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? r3(v) : v && typeof v === 'object' && !Array.isArray(v) ? roundAll(v as Record<string, unknown>) : v]));

const results = {
  classifyItemsPerSec,
  cycleSeconds: r2(first.seconds),
  cyclePeakRssMB: Math.round(first.maxRssMB),
  notModifiedRunSeconds: r2(unchanged.seconds),
  bundleKB,
  initMs,
  dynamoWritesPerNewItem: r3(dynamoWritesPerNewItem),
  dynamoWritesPerUnchangedFeed: r3(dynamoWritesPerUnchangedFeed),
  monthlyCostUSD: r2(cost.usageTotal),
  monthlyCostWithFixedUSD: r2(cost.total),
  targets: {
    classifyItemsPerSec: '>= 2000',
    cycleSeconds: '<= 20',
    cyclePeakRssMB: '<= 300',
    notModifiedRunSeconds: '<= 2',
    bundleKB: '<= 300 each',
    initMs: '<= 250 each',
    dynamoWritesPerNewItem: '<= 1.5',
    dynamoWritesPerUnchangedFeed: '0',
    monthlyCostUSD: '<= 2',
  },
  definitions: {
    dynamoWritesPerNewItem:
      'DynamoDB item writes (each PutItem, UpdateItem, DeleteItem, and each put or delete inside a BatchWriteItem: what DynamoDB bills per item) per new item: the first run less the same feeds republished with every item known, over the new items. Write requests (calls) and write units are in details.perNewItem.',
    dynamoWritesPerUnchangedFeed: 'item writes of a run where every feed answers 304, less a run without feeds (both without the digest), per feed',
    cyclePeakRssMB: inProcess
      ? 'peak RSS of the process running the cycle, up to the end of the 5,000-item run, with the feed servers and the embedded DynamoDB and S3 in it'
      : 'peak RSS of the process running the cycle (the bot, bundled as for Lambda: makeDeps, feed source, classifier, store and archive adapters), up to the end of the 5,000-item run, default node flags; the feed servers and the embedded DynamoDB and S3 run in a process of their own (details.cycle.serversPeakRssMB); details.cycle.heapCapped is the same run with V8 old space capped',
    monthlyCostUSD: 'usage cost per month (Lambda, DynamoDB, S3, SQS, Scheduler, CloudWatch Logs) from the measured unit costs, us-east-1 list prices, no free tier; monthlyCostWithFixedUSD adds the resources billed whatever the load (secrets, alarms, custom metrics, dashboard)',
    initMs: 'median of 5 fresh node processes: import of the bundle plus lambdaContext() (env, Powertools, makeDeps); node start-up itself not included',
  },
  details: {
    classify: roundAll(classifyDetail as unknown as Record<string, unknown>),
    cycle: {
      mode: cycle.mode,
      feeds: cycle.feeds,
      itemsPerFeed: cycle.itemsPerFeed,
      feedConcurrency: cycle.concurrency,
      serversPeakRssMB: fixtureRssMB === undefined ? undefined : Math.round(fixtureRssMB),
      processPeakRssMB: Math.round(cycle.maxRssMB),
      baselineMemoryMB: cycle.baselineMemoryMB,
      allInOneProcess: inProcess
        ? undefined
        : togetherFirst
          ? { seconds: r2(togetherFirst.seconds), maxRssMB: Math.round(togetherFirst.maxRssMB), cpuSeconds: r2(togetherFirst.cpuSeconds), note: 'the first run with the feed servers and makeDeps-started dynalite and s3rver in the measured process, as npm start runs it' }
          : { error: (together as { error?: string } | undefined)?.error },
      heapCapped: cappedFirst
        ? { maxOldSpaceSizeMB: HEAP_CAP_MB, seconds: r2(cappedFirst.seconds), maxRssMB: Math.round(cappedFirst.maxRssMB), peakMemoryMB: cappedFirst.peakMemoryMB, items: cappedFirst.items }
        : { maxOldSpaceSizeMB: HEAP_CAP_MB, error: (capped as { error: string }).error },
      runs: { first: runSummary(first), unchanged: runSummary(unchanged), unchangedNoDigest: runSummary(unchangedNoDigest), republished: runSummary(republished), empty: runSummary(empty) },
    },
    perNewItem: roundAll(perNewItem),
    perUnchangedFeed: roundAll(perUnchangedFeed),
    perChangedFeed: roundAll({ ...perChangedFeed, note: `a feed answering 200 with ${PER_FEED} known entries` }),
    bundles: Object.fromEntries(FUNCTION_NAMES.map((fn) => [fn, { KB: bundleKB[fn], largestInputsKB: Object.fromEntries((bundles[fn]!.inputs ?? []).slice(0, 6).map((i) => [i.name, Math.round(i.bytes / 1024)])) }])),
    init: initDetail,
    cost: { prices: PRICES, input: roundAll(costInput as unknown as Record<string, unknown>), ...roundAll(cost as unknown as Record<string, unknown>), usageByNewItemsPerFeedPerRun: sensitivity },
    machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, platform: `${os.platform()} ${os.arch()}`, benchSeconds: 0 },
  },
};

const maxOf = (o: Record<string, number>) => Math.max(...Object.values(o));
const rows: Array<[string, string, string, boolean | undefined]> = [
  ['classification, one core (items/s)', String(classifyItemsPerSec), '≥ 2000', classifyItemsPerSec >= 2000],
  [`cycle ${FEEDS}×${PER_FEED} items (s)`, String(results.cycleSeconds), '≤ 20', results.cycleSeconds <= 20],
  ['cycle peak RSS (MB)', String(results.cyclePeakRssMB), '≤ 300', results.cyclePeakRssMB <= 300],
  [`  same run, V8 old space ≤ ${HEAP_CAP_MB} MB: RSS (MB)`, cappedFirst ? String(Math.round(cappedFirst.maxRssMB)) : 'failed', '', undefined],
  ...(fixtureRssMB ? [['  feed servers + dynalite + s3rver process (MB)', String(Math.round(fixtureRssMB)), '', undefined] as [string, string, string, undefined]] : []),
  ...(togetherFirst
    ? [['  all in one process as npm start: s / MB', `${r2(togetherFirst.seconds)} / ${Math.round(togetherFirst.maxRssMB)}`, '', undefined] as [string, string, string, undefined]]
    : []),
  ['304-only run (s)', String(results.notModifiedRunSeconds), '≤ 2', results.notModifiedRunSeconds <= 2],
  ...FUNCTION_NAMES.map((fn): [string, string, string, boolean] => [`bundle ${fn} (KB)`, String(bundleKB[fn]), '≤ 300', bundleKB[fn]! <= 300]),
  ...FUNCTION_NAMES.map((fn): [string, string, string, boolean] => [`cold init ${fn} (ms)`, String(initMs[fn]), '≤ 250', initMs[fn]! <= 250]),
  ['DynamoDB item writes / new item', String(results.dynamoWritesPerNewItem), '≤ 1.5', results.dynamoWritesPerNewItem <= 1.5],
  ['  write requests / new item', r3(perNewItem.writeRequests).toString(), '', undefined],
  ['  write units / new item', r2(perNewItem.wru).toString(), '', undefined],
  ['  S3 PUTs / new item', r3(perNewItem.s3Puts).toString(), '', undefined],
  ['DynamoDB item writes / unchanged feed', String(results.dynamoWritesPerUnchangedFeed), '0', results.dynamoWritesPerUnchangedFeed === 0],
  ['  read units / unchanged feed', r3(perUnchangedFeed.rru).toString(), '', undefined],
  ['  S3 PUTs / unchanged feed', r3(perUnchangedFeed.s3Puts).toString(), '', undefined],
  ['monthly cost, usage (USD)', String(results.monthlyCostUSD), '≤ 2', results.monthlyCostUSD <= 2],
  ['  with fixed resources (USD)', String(results.monthlyCostWithFixedUSD), '', undefined],
];
results.details.machine.benchSeconds = Math.round((performance.now() - started) / 1000);
await writeFile(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${'measure'.padEnd(w)}  ${'value'.padStart(9)}  target`);
for (const [name, value, target, ok] of rows) console.log(`${name.padEnd(w)}  ${value.padStart(9)}  ${target.padEnd(6)}  ${ok === undefined ? '' : ok ? 'PASS' : 'MISS'}`);
console.log(`\ncost by service (USD/month): ${Object.entries(cost.usage).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}`);
console.log(`fixed (USD/month): ${Object.entries(cost.fixed).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
console.log(`usage at other loads: ${Object.entries(sensitivity).map(([k, v]) => `${k}: $${v}`).join(', ')}`);
console.log(`\nwritten to bench/results.json (${results.details.machine.benchSeconds} s)`);
