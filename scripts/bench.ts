// npm run bench: classification throughput, a full local cycle (50 feeds × 100 items) and its
// 304-only rerun, bundle sizes and cold init per function, storage requests, monthly cost.
// Writes bench/results.json and prints a table with each target.
import { execFile } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { createLocalClassifier } from '../shared/adapters/local-classifier.ts';
import { loadClaims } from '../shared/runtime/make-deps.ts';
import { corpus } from './bench/corpus.ts';
import { monthlyCost } from './bench/cost.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const FUNCTIONS = ['plan-ingest', 'ingest-feeds', 'send-digest', 'slack-command', 'slack-worker'];

// 1. Classification throughput, one core.
const claims = await loadClaims(undefined);
const classifier = createLocalClassifier(claims);
const items = corpus(5000);
await classifier.classify(items.slice(0, 200)); // warm-up
let t = performance.now();
await classifier.classify(items);
const classifyItemsPerSec = Math.round(5000 / ((performance.now() - t) / 1000));
console.error(`classify: ${classifyItemsPerSec} items/s`);

// 2. Full cycle in a fresh process (peak RSS is that process's own).
const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench/cycle-child.ts')], {
  cwd: ROOT,
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  maxBuffer: 16 * 1024 * 1024,
});
const cycle = JSON.parse(stdout.trim().split('\n').at(-1)!);
const writes = (r: Record<string, number>) => ['PutItem', 'BatchWriteItem', 'UpdateItem', 'DeleteItem'].reduce((n, c) => n + (r[`dynamodb:${c}`] ?? 0), 0);
const firstWrites = writes(cycle.afterFirst);
const secondWrites = writes(cycle.afterSecond) - firstWrites;
const dynamoWritesPerNewItem = firstWrites / cycle.first.new;
const dynamoWritesPerUnchangedFeed = secondWrites / cycle.secondFeedsNotModified;
console.error(`cycle: ${cycle.firstSeconds.toFixed(1)} s, ${cycle.maxRssMB.toFixed(0)} MB; 304 run ${cycle.secondSeconds.toFixed(2)} s`);

// 3. Bundles as the CDK construct builds them, and cold init in fresh processes.
// Inside the repo so the externals (@aws-sdk/*, provided by the Lambda runtime) resolve from node_modules.
const outDir = path.join(ROOT, 'bench', 'tmp');
const bundleKB: Record<string, number> = {};
const initMs: Record<string, number> = {};
for (const fn of FUNCTIONS) {
  const outfile = path.join(outDir, fn, 'index.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'functions', fn, 'handler.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    outfile,
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*', 'dynalite', 's3rver'],
    banner: { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" },
    logLevel: 'silent',
  });
  bundleKB[fn] = Math.round((await stat(outfile)).size / 1024);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const probe = `const t=performance.now();await import(${JSON.stringify(outfile)});process.stdout.write(String(performance.now()-t));`;
    const r = await run(process.execPath, ['--input-type=module', '-e', probe], {
      cwd: ROOT,
      env: { ...process.env, CLAIMWATCH_TABLE_NAME: 'bench', CLAIMWATCH_BUCKET_NAME: 'bench', SLACK_SIGNING_SECRET: 'bench', CLAIMWATCH_WORKER_FUNCTION_NAME: 'bench-worker', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    times.push(Number(r.stdout));
  }
  initMs[fn] = Math.round(times.sort((a, b) => a - b)[2]);
}
console.error(`bundles: ${JSON.stringify(bundleKB)} KB; init ${JSON.stringify(initMs)} ms`);

// 4. Cost for 100 feeds every 30 minutes.
const cost = monthlyCost({
  feeds: 100,
  runsPerDay: 48,
  newItemsPerFeedPerRun: 0.5,
  dynamoWritesPerNewItem,
  s3PutsPerNewItem: (cycle.afterFirst['s3:PutObject'] ?? 0) / cycle.first.new,
  ingestSecondsPerFeed: cycle.firstSeconds / 50 / 20, // the bench feeds carry 100 new items; a real run a handful
  notModifiedSecondsPerFeed: cycle.secondSeconds / 50,
  lambdaMemoryGB: 1,
});

const results = {
  classifyItemsPerSec,
  cycleSeconds: Number(cycle.firstSeconds.toFixed(2)),
  cyclePeakRssMB: Math.round(cycle.maxRssMB),
  notModifiedRunSeconds: Number(cycle.secondSeconds.toFixed(2)),
  bundleKB,
  initMs,
  dynamoWritesPerNewItem: Number(dynamoWritesPerNewItem.toFixed(3)),
  dynamoWritesPerUnchangedFeed: Number(dynamoWritesPerUnchangedFeed.toFixed(3)),
  monthlyCostUSD: Number(cost.total.toFixed(2)),
  details: { cycle, cost, machine: { node: process.version, cpus: (await import('node:os')).cpus().length } },
};
const targets: Array<[string, number | string, string, boolean]> = [
  ['classification items/s', classifyItemsPerSec, '≥ 2000', classifyItemsPerSec >= 2000],
  ['5,000-item cycle s', results.cycleSeconds, '≤ 20', results.cycleSeconds <= 20],
  ['cycle peak RSS MB', results.cyclePeakRssMB, '≤ 300', results.cyclePeakRssMB <= 300],
  ['304-only run s', results.notModifiedRunSeconds, '≤ 2', results.notModifiedRunSeconds <= 2],
  ['largest bundle KB', Math.max(...Object.values(bundleKB)), '≤ 300', Math.max(...Object.values(bundleKB)) <= 300],
  ['slowest init ms', Math.max(...Object.values(initMs)), '≤ 250', Math.max(...Object.values(initMs)) <= 250],
  ['DynamoDB writes / new item', results.dynamoWritesPerNewItem, '≤ 1.5', results.dynamoWritesPerNewItem <= 1.5],
  ['DynamoDB writes / unchanged feed', results.dynamoWritesPerUnchangedFeed, '0', results.dynamoWritesPerUnchangedFeed === 0],
  ['monthly cost USD', results.monthlyCostUSD, '≤ 2', results.monthlyCostUSD <= 2],
];
await mkdir(path.join(ROOT, 'bench'), { recursive: true });
await writeFile(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nmeasure                            value      target   ');
for (const [name, v, target, ok] of targets) console.log(`${name.padEnd(34)} ${String(v).padStart(9)}  ${target.padEnd(7)}  ${ok ? 'PASS' : 'MISS'}`);
console.log('\nper function: ' + FUNCTIONS.map((f) => `${f} ${bundleKB[f]} KB / ${initMs[f]} ms`).join(', '));
console.log('written to bench/results.json');
