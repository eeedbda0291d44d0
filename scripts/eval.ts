// npm run eval: runs `claimwatch classify` on the labelled dev set and prints the figures.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { score, type Gold, type Pred } from './eval-metrics.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const EVAL = path.resolve(ROOT, '..', 'shared', 'eval');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const items = arg('items') ?? path.join(EVAL, 'dev.jsonl');
const claims = arg('claims') ?? path.join(EVAL, 'claims.json');
const out = path.join(await mkdtemp(path.join(tmpdir(), 'claimwatch-eval-')), 'predictions.jsonl');

const started = performance.now();
await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'claimwatch.js'), 'classify', '--claims', claims, '--items', items, '--out', out]);
const seconds = (performance.now() - started) / 1000;
const gold = (await readFile(items, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Gold);
const preds = (await readFile(out, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Pred);
const s = score(gold, preds);

const pct = (x: number) => x.toFixed(3);
const targets: Record<string, [number, number]> = {
  'relevance F1': [s.relevanceF1.f1, 0.95],
  'link F1': [s.linkF1.f1, 0.85],
  'labelled F1': [s.labelledF1.f1, 0.7],
  'topic F1': [s.topicF1.f1, 0],
  'evidence verbatim': [s.evidenceVerbatimRate, 1],
};
console.log(`claimwatch eval: ${gold.length} items, ${path.relative(ROOT, claims)} (${seconds.toFixed(1)} s incl. start-up)\n`);
for (const [name, [v, t]] of Object.entries(targets)) console.log(`${name.padEnd(20)} ${pct(v)}${t ? `   target ≥ ${t}  ${v >= t ? 'PASS' : 'MISS'}` : ''}`);
console.log('\nper stance            P      R      F1   (tp/fp/fn)');
for (const [k, v] of Object.entries(s.perStance)) console.log(`  ${k.padEnd(14)} ${pct(v.p)}  ${pct(v.r)}  ${pct(v.f1)}   (${v.tp}/${v.fp}/${v.fn})`);
console.log('\nper claim (labelled)  P      R      F1   (tp/fp/fn)');
for (const [k, v] of Object.entries(s.perClaim)) console.log(`  ${k.padEnd(14)} ${pct(v.p)}  ${pct(v.r)}  ${pct(v.f1)}   (${v.tp}/${v.fp}/${v.fn})`);
await mkdir(path.join(ROOT, 'bench'), { recursive: true });
await writeFile(
  path.join(ROOT, 'bench', 'eval-results.json'),
  JSON.stringify({ items: path.basename(items), claims: path.basename(claims), relevanceF1: s.relevanceF1.f1, linkF1: s.linkF1.f1, labelledF1: s.labelledF1.f1, topicF1: s.topicF1.f1, evidenceVerbatimRate: s.evidenceVerbatimRate, perStance: s.perStance, perClaim: s.perClaim }, null, 2) + '\n',
);
