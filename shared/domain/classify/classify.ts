// The default classifier: retrieval of candidate claim–sentence pairs by weighted stem overlap,
// then stance rules (numbers and states that changed → updates, negation → contradicts, strong
// overlap → supports, weaker → mentions). Works from the claim texts alone, for any claims file.
import type { Claim, Classification, ClassifiableItem, ClaimLink } from '../types.ts';
import { STATE_CHANGE, contentStems, hasDenial, hasNegation, hasUpdateCue, quantities, sentences, type Quantity, type Sentence } from './text.ts';
import { detectTopics } from './topics.ts';

export interface ClaimIndex {
  claims: Array<{ claim: Claim; stems: Map<string, number>; total: number; quantities: Quantity[]; negated: boolean }>;
  /** Stems weighted by how specific they are to the claim set, for relevance. */
  vocabulary: Map<string, number>;
}

export interface ClassifyOptions {
  linkThreshold?: number;
  supportThreshold?: number;
  relevanceThreshold?: number;
  /** Weight of whole-item coverage against the best sentence's. */
  docWeight?: number;
}

/** Prepares claims once: their stems weighted by inverse frequency across the claims. */
export function buildClaimIndex(claims: Claim[]): ClaimIndex {
  const df = new Map<string, number>();
  const stemSets = claims.map((c) => new Set(contentStems(c.text)));
  for (const set of stemSets) for (const s of set) df.set(s, (df.get(s) ?? 0) + 1);
  const n = claims.length;
  const idf = (s: string) => Math.log(1 + n / (df.get(s) ?? 1));
  const vocabulary = new Map<string, number>();
  for (const [s] of df) vocabulary.set(s, idf(s));
  return {
    vocabulary,
    claims: claims.map((claim, i) => {
      const stems = new Map([...stemSets[i]].map((s) => [s, idf(s)]));
      return { claim, stems, total: [...stems.values()].reduce((a, b) => a + b, 0), quantities: quantities(claim.text), negated: hasNegation(claim.text) };
    }),
  };
}

function coverage(c: ClaimIndex['claims'][number], s: Sentence): number {
  let hit = 0;
  for (const [stem, w] of c.stems) if (s.stems.has(stem)) hit += w;
  return c.total > 0 ? hit / c.total : 0;
}

const sharesUnit = (a: Quantity, b: Quantity) => a.unit.some((u) => b.unit.includes(u));

/** The stance of one sentence towards one claim, with the update it records. */
export function stanceOf(
  c: ClaimIndex['claims'][number],
  s: Sentence,
  cov: number,
  supportThreshold: number,
): Pick<ClaimLink, 'stance' | 'update'> {
  // Figures: a figure for the same thing that differs from the claim's.
  for (const cq of c.quantities) {
    const other = quantities(s.text).find((q) => sharesUnit(q, cq) && q.value !== cq.value);
    if (other) {
      if (other.value > cq.value || hasUpdateCue(s.text)) return { stance: 'updates', update: { subject: cq.unit[0], old: cq.raw, new: other.raw } };
      if (cov >= supportThreshold) return { stance: 'contradicts', update: { subject: cq.unit[0], old: cq.raw, new: other.raw } };
    }
    if (quantities(s.text).some((q) => q.value === cq.value && sharesUnit(q, cq)) && !hasNegation(s.text)) return { stance: 'supports' };
  }
  // States: the claim asserts a state; the sentence reports a later one.
  if (STATE_CHANGE.test(s.text) && !STATE_CHANGE.test(c.claim.text)) return { stance: 'updates', update: { old: 'as claimed', new: (STATE_CHANGE.exec(s.text)?.[0] ?? '').toLowerCase() } };
  if (hasDenial(s.text) && !c.negated && cov >= supportThreshold) return { stance: 'contradicts' };
  // A negated claim ("X did not ask") is only supported by a sentence that negates too.
  if (c.negated && !hasNegation(s.text)) return { stance: 'mentions' };
  if (cov >= supportThreshold) return { stance: 'supports' };
  return { stance: 'mentions' };
}

/** Classifies one item against the prepared claims. */
export function classifyItem(index: ClaimIndex, item: ClassifiableItem, options: ClassifyOptions = {}): Classification {
  const linkThreshold = options.linkThreshold ?? 0.45;
  const supportThreshold = options.supportThreshold ?? 0.45;
  const relevanceThreshold = options.relevanceThreshold ?? 0.5;
  const sents = sentences(item.title, item.text);
  const topics = detectTopics(item.title, item.text);
  const links: ClaimLink[] = [];
  const whole: Sentence = { text: '', stems: new Set(sents.flatMap((s) => [...s.stems])) };
  const docWeight = options.docWeight ?? 0;
  let best = 0;
  for (const c of index.claims) {
    let top: { s: Sentence; cov: number } | undefined;
    for (const s of sents) {
      const cov = coverage(c, s);
      if (!top || cov > top.cov) top = { s, cov };
    }
    if (!top) continue;
    // A claim is often told across sentences: blend the best sentence with the whole item.
    top = { s: top.s, cov: (1 - docWeight) * top.cov + docWeight * coverage(c, whole) };
    best = Math.max(best, top.cov);
    if (top.cov < linkThreshold) continue;
    const { stance, update } = stanceOf(c, top.s, top.cov, supportThreshold);
    links.push({ claim: c.claim.id, stance, evidence: top.s.text, score: Math.round(top.cov * 1000) / 1000, ...(update ? { update } : {}) });
  }
  // Relevance comes from the claims alone (they may be about any story), not from watched topics.
  const relevant = links.length > 0 && (best >= relevanceThreshold || links.length >= 2);
  return { id: item.id, relevant, topics, claims: relevant ? links : [] };
}
