// Classification throughput on one core: the default (local) classifier with seeds/claims.json
// over the generated corpus, after a warm-up on other items. scripts/bench.ts runs it as an esbuild
// bundle under plain node, the code Lambda runs. Prints one JSON line.
//   node --import tsx scripts/bench/classify-child.ts [items] [seed]
import { createLocalClassifier } from '../../shared/adapters/local-classifier.ts';
import { loadClaims } from '../../shared/runtime/make-deps.ts';
import { corpus } from './corpus.ts';

export interface ClassifyChildResult {
  items: number;
  seconds: number;
  itemsPerSec: number;
  meanChars: number;
  kinds: Record<string, number>;
  relevant: number;
  linked: number;
  links: number;
  claims: number;
}

const n = Number(process.argv[2] ?? 5000);
const seed = Number(process.argv[3] ?? 42);
const claims = await loadClaims(undefined);
const classifier = createLocalClassifier(claims);
const items = corpus(n, seed);
await classifier.classify(corpus(300, seed + 1)); // warm-up on other items
const t = performance.now();
const verdicts = await classifier.classify(items);
const seconds = (performance.now() - t) / 1000;
const result: ClassifyChildResult = {
  items: items.length,
  seconds,
  itemsPerSec: Math.round(items.length / seconds),
  meanChars: Math.round(items.reduce((s, i) => s + i.text.length, 0) / items.length),
  kinds: items.reduce<Record<string, number>>((o, i) => ((o[i.kind] = (o[i.kind] ?? 0) + 1), o), {}),
  relevant: verdicts.filter((v) => v.relevant).length,
  linked: verdicts.filter((v) => v.claims.length > 0).length,
  links: verdicts.reduce((s, v) => s + v.claims.length, 0),
  claims: claims.length,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
