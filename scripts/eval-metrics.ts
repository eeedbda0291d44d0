// Scoring of `claimwatch classify` output against labelled items (metrics as in ../shared/eval/README.md).

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

/** Precision, recall and F1 from counts (0 where undefined). */
export function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, fp, fn };
}

class Counts {
  tp = 0;
  fp = 0;
  fn = 0;
  /** Adds one decision: `predicted` and `actual` positives. */
  add(predicted: boolean, actual: boolean, correct = predicted && actual): void {
    if (correct) this.tp++;
    else {
      if (predicted) this.fp++;
      if (actual) this.fn++;
    }
  }
  prf(): Prf {
    return prf(this.tp, this.fp, this.fn);
  }
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Does `evidence` occur in the item's title or text once whitespace is collapsed? */
export function isVerbatim(item: Pick<Gold, 'title' | 'text'>, evidence: string): boolean {
  const e = collapse(evidence);
  return e.length > 0 && (collapse(item.title).includes(e) || collapse(item.text).includes(e) || collapse(`${item.title} ${item.text}`).includes(e));
}

export interface Scores {
  relevanceF1: Prf;
  /** A pair (item, claim) is positive when it has any stance. */
  linkF1: Prf;
  /** As link, but a predicted pair counts only when its stance equals the label. */
  labelledF1: Prf;
  topicF1: Prf;
  evidenceVerbatimRate: number;
  /** Per stance: a predicted pair is a true positive when it has that stance and the label does too. */
  perStance: Record<string, Prf>;
  /** Labelled scores per claim. */
  perClaim: Record<string, Prf>;
  /** Items without a prediction (counted as not relevant, no topics, no links). */
  missing: string[];
}

export function score(gold: Gold[], preds: Pred[]): Scores {
  const byId = new Map(preds.map((p) => [p.id, p]));
  const relevance = new Counts();
  const link = new Counts();
  const labelled = new Counts();
  const topic = new Counts();
  const stances = new Map<string, Counts>();
  const claims = new Map<string, Counts>();
  const of = (m: Map<string, Counts>, k: string) => m.get(k) ?? m.set(k, new Counts()).get(k)!;
  const missing: string[] = [];
  let verbatim = 0;
  let predicted = 0;
  for (const g of gold) {
    const p = byId.get(g.id);
    if (!p) missing.push(g.id);
    const pred: Pred = p ?? { id: g.id, relevant: false, topics: [], claims: [] };
    relevance.add(pred.relevant, g.relevant);
    for (const t of new Set([...g.topics, ...pred.topics])) topic.add(pred.topics.includes(t), g.topics.includes(t));
    const predicted_ = new Map(pred.claims.map((c) => [c.claim, c]));
    for (const c of pred.claims) {
      predicted++;
      if (isVerbatim(g, c.evidence)) verbatim++;
    }
    for (const claim of new Set([...Object.keys(g.labels), ...predicted_.keys()])) {
      const gl = g.labels[claim];
      const pl = predicted_.get(claim)?.stance;
      link.add(Boolean(pl), Boolean(gl));
      labelled.add(Boolean(pl), Boolean(gl), Boolean(pl) && pl === gl);
      of(claims, claim).add(Boolean(pl), Boolean(gl), Boolean(pl) && pl === gl);
      if (pl) of(stances, pl).add(true, pl === gl, pl === gl);
      if (gl && gl !== pl) of(stances, gl).add(false, true);
    }
  }
  const sorted = (m: Map<string, Counts>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([k, v]) => [k, v.prf()]));
  return {
    relevanceF1: relevance.prf(),
    linkF1: link.prf(),
    labelledF1: labelled.prf(),
    topicF1: topic.prf(),
    evidenceVerbatimRate: predicted ? verbatim / predicted : 1,
    perStance: sorted(stances),
    perClaim: sorted(claims),
    missing,
  };
}
