// Scoring of classify output against labelled items (metrics as in ../shared/eval/README.md).

export interface Gold {
  id: string;
  title: string;
  text: string;
  labels: Record<string, string>;
  topics: string[];
  relevant: boolean;
}
export interface Pred {
  id: string;
  relevant: boolean;
  topics: string[];
  claims: Array<{ claim: string; stance: string; evidence: string }>;
}

export interface Prf {
  p: number;
  r: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, fp, fn };
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

export function score(gold: Gold[], preds: Pred[]) {
  const byId = new Map(preds.map((p) => [p.id, p]));
  const count = { rel: [0, 0, 0], link: [0, 0, 0], lab: [0, 0, 0], topic: [0, 0, 0] };
  const stances = new Map<string, number[]>();
  const perClaim = new Map<string, number[]>();
  const bump = (m: Map<string, number[]>, k: string, i: number) => {
    if (!m.has(k)) m.set(k, [0, 0, 0]);
    m.get(k)![i]++;
  };
  let verbatim = 0;
  let predicted = 0;
  for (const g of gold) {
    const p = byId.get(g.id) ?? { id: g.id, relevant: false, topics: [], claims: [] };
    count.rel[g.relevant && p.relevant ? 0 : p.relevant ? 1 : g.relevant ? 2 : 3 % 3] += g.relevant || p.relevant ? 1 : 0;
    for (const t of new Set([...g.topics, ...p.topics])) count.topic[g.topics.includes(t) && p.topics.includes(t) ? 0 : p.topics.includes(t) ? 1 : 2]++;
    const source = collapse(`${g.title} ${g.text}`);
    const predMap = new Map(p.claims.map((c) => [c.claim, c]));
    for (const c of p.claims) {
      predicted++;
      if (source.includes(collapse(c.evidence))) verbatim++;
    }
    for (const claim of new Set([...Object.keys(g.labels), ...predMap.keys()])) {
      const gl = g.labels[claim];
      const pl = predMap.get(claim)?.stance;
      count.link[gl && pl ? 0 : pl ? 1 : 2]++;
      count.lab[gl && pl === gl ? 0 : 3]++;
      if (pl && pl !== gl) count.lab[1]++;
      if (gl && pl !== gl) count.lab[2]++;
      bump(perClaim, claim, gl && pl === gl ? 0 : pl && pl !== gl ? 1 : 2);
      if (gl && pl && gl !== pl) bump(perClaim, claim, 2);
      if (pl) bump(stances, pl, pl === gl ? 0 : 1);
      if (gl && gl !== pl) bump(stances, gl, 2);
    }
  }
  const f = (a: number[]) => prf(a[0], a[1], a[2]);
  return {
    relevanceF1: f(count.rel),
    linkF1: f(count.link),
    labelledF1: f(count.lab),
    topicF1: f(count.topic),
    evidenceVerbatimRate: predicted ? verbatim / predicted : 1,
    perStance: Object.fromEntries([...stances].map(([k, v]) => [k, f(v)])),
    perClaim: Object.fromEntries([...perClaim].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([k, v]) => [k, f(v)])),
  };
}
