// npm run eval: runs `claimwatch classify` (a child process, exactly as outside checks run it) on the
// labelled dev set, prints the figures and writes them to bench/eval-results.json.
//   npm run eval [-- --items FILE.jsonl --claims FILE.json]
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
const items = path.resolve(arg('items') ?? path.join(EVAL, 'dev.jsonl'));
const claims = path.resolve(arg('claims') ?? path.join(EVAL, 'claims.json'));
const tmp = await mkdtemp(path.join(tmpdir(), 'claimwatch-eval-'));
const out = path.join(tmp, 'predictions.jsonl');

const started = performance.now();
await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'claimwatch.js'), 'classify', '--claims', claims, '--items', items, '--out', out], { cwd: ROOT });
const seconds = (performance.now() - started) / 1000;
const gold = (await readFile(items, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Gold);
const preds = (await readFile(out, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Pred);
await rm(tmp, { recursive: true, force: true });
const s = score(gold, preds);

const f = (x: number) => x.toFixed(3);
const rows: Array<[string, number, number | undefined]> = [
  ['relevance F1', s.relevanceF1.f1, 0.95],
  ['link F1', s.linkF1.f1, 0.85],
  ['labelled F1', s.labelledF1.f1, 0.7],
  ['topic F1', s.topicF1.f1, undefined],
  ['evidence verbatim', s.evidenceVerbatimRate, 1],
];
const rel = (p: string) => path.relative(ROOT, p);
console.log(`claimwatch eval: ${gold.length} items from ${rel(items)}, claims ${rel(claims)} (${seconds.toFixed(1)} s with start-up)\n`);
for (const [name, v, t] of rows) console.log(`${name.padEnd(20)} ${f(v)}${t !== undefined ? `   target ≥ ${t}  ${v >= t ? 'PASS' : 'MISS'}` : ''}`);
if (s.missing.length) console.log(`\nno prediction for ${s.missing.length} items: ${s.missing.join(', ')}`);
const table = (title: string, m: Record<string, { p: number; r: number; f1: number; tp: number; fp: number; fn: number }>) => {
  console.log(`\n${title.padEnd(16)}   P      R      F1    tp  fp  fn`);
  for (const [k, v] of Object.entries(m)) console.log(`  ${k.padEnd(14)} ${f(v.p)}  ${f(v.r)}  ${f(v.f1)}  ${String(v.tp).padStart(3)} ${String(v.fp).padStart(3)} ${String(v.fn).padStart(3)}`);
};
table('per stance', s.perStance);
table('per claim', s.perClaim);

await mkdir(path.join(ROOT, 'bench'), { recursive: true });
await writeFile(
  path.join(ROOT, 'bench', 'eval-results.json'),
  JSON.stringify(
    {
      items: path.basename(items),
      claims: path.basename(claims),
      relevanceF1: s.relevanceF1.f1,
      linkF1: s.linkF1.f1,
      labelledF1: s.labelledF1.f1,
      topicF1: s.topicF1.f1,
      evidenceVerbatimRate: s.evidenceVerbatimRate,
      relevance: s.relevanceF1,
      link: s.linkF1,
      labelled: s.labelledF1,
      perStance: s.perStance,
      perClaim: s.perClaim,
    },
    null,
    2,
  ) + '\n',
);
