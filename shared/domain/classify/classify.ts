// The default classifier, in two steps, for any claims file (nothing here knows a particular story).
// Retrieval: each claim is a weighted bag of concepts (general news words mapped to one concept, EN
// and RU; words rare across the claim set weigh more). Each sentence of an item, and each pair of
// neighbouring sentences, scores the share of the claim's weight it covers; it only counts if its
// neighbourhood names the claim's own entities (or the titles it gives them), says some of what the
// claim says (not only who), and, for claims about the story's event ("the unrest"), the item tells
// of that event. A claim that lists facts can be met one fact at a time.
// Stance: a figure for the same thing (larger → updates, same → supports, smaller → mentions, doubted
// → contradicts); a later state (sent → withdrawn, arrested → sentenced → updates); an explicit
// denial or a negated claim verb, on the claim the sentence restates best (→ contradicts); strong
// coverage (→ supports), weaker (→ mentions).
// Relevance also comes from the claims: the item names what most claims name (their anchor), is not
// older than the claims' first year, and reports a claim firmly, or tells of the story's kind of
// event and touches a claim, or touches two.
import type { Claim, ClaimLink, ClaimUpdate, Classification, ClassifiableItem, Stance } from '../types.ts';
import { REFERS_BACK, STATE_CHANGES, hasDenial, isNegated, negatedNear, type StateChange } from './cues.ts';
import { COUNTRY_CONCEPTS, LEXICON_CONCEPTS, ROLE_CONCEPTS, nameSkeleton } from './lexicon.ts';
import { claimSubjects, compareFigures, quantities, subjectOf, type Quantity } from './numbers.ts';
import { AcronymTable, sentences, tokenize, type Sentence } from './text.ts';
import { detectTopics } from './topics.ts';

/** Things news counts; a claim's own figure subjects are added to these. */
const COUNTABLE = ['kill', 'injure', 'detain', 'troops', 'protest'];
const SUBJECT_LABELS: Record<string, string> = { kill: 'killed', injure: 'injured', detain: 'detained', troops: 'troops', protest: 'protesters' };

export interface PreparedClaim {
  claim: Claim;
  /** Concept key → weight. */
  weights: Map<string, number>;
  total: number;
  /** The claim's count, with what it counts. */
  figure?: { q: Quantity; subjects: string[] };
  negated: boolean;
  /** Keys the claim itself negates ("without warning"): a report saying "no warning" agrees. */
  negatedKeys: Set<string>;
  /** Named things (names, acronyms) in the claim. */
  proper: Set<string>;
  /**
   * Named things in the claim other than the claim set's common anchors, each a set of keys (a
   * multi-word name is one entity) with its weight. A report about the claim names most of them.
   */
  entities: Array<{ keys: string[]; weight: number; person: boolean }>;
  /** Titles and roles the claim gives (president, minister, former, chief…). */
  roles: string[];
  entityTotal: number;
  /** Weight of the claim's words that are neither names nor anchors: what the claim says. */
  contentKeys: Map<string, number>;
  contentTotal: number;
  /** The story's event words this claim uses. */
  eventKeys: string[];
  /** States the claim is in that a later report can move on (sent → withdrawn). */
  states: StateChange[];
  /** Parts of a claim that lists several facts ("dismissed X, declared Y and promised Z"), as key sets. */
  parts: Array<Map<string, number>>;
}

export interface ClaimIndex {
  claims: PreparedClaim[];
  acronyms: AcronymTable;
  /** Entities most claims share (e.g. the country the story is about), with the share of claims naming each. */
  anchors: Map<string, number>;
  /** Words most claims share that are not names (e.g. "unrest"): what kind of event the story is. */
  eventKeys: Set<string>;
  /** Earliest year a claim names, if any: an item published before it cannot be about those events. */
  minYear?: number;
  countable: Set<string>;
  /** Key → positions of the claims that use it. */
  keyClaims: Map<string, number[]>;
  /** State changes some claim can undergo. */
  states: StateChange[];
  /** Consonant skeleton of each name in the claims → its key. */
  skeletons: Map<string, string>;
}

export interface ClassifyOptions {
  /** Minimum coverage of a claim by a sentence (or a pair) to link it. */
  linkThreshold?: number;
  /** Coverage from which a link supports rather than mentions. */
  supportThreshold?: number;
  /** Coverage of the best claim for an item to count as relevant. */
  relevanceThreshold?: number;
}

const DEFAULTS: Required<ClassifyOptions> = { linkThreshold: 0.35, supportThreshold: 0.55, relevanceThreshold: 0.45 };

/** Prepares the claims once: concept weights, figures, anchors. */
export function buildClaimIndex(claims: Claim[]): ClaimIndex {
  const acronyms = new AcronymTable();
  for (const c of claims) acronyms.learn(c.text);
  const tokenLists = claims.map((c) => tokenize(c.text, acronyms));
  const df = new Map<string, number>();
  const properDf = new Map<string, number>();
  for (const tokens of tokenLists) {
    for (const k of new Set(tokens.map((t) => t.key))) df.set(k, (df.get(k) ?? 0) + 1);
    for (const k of new Set(tokens.filter((t) => t.proper || COUNTRY_CONCEPTS.has(t.key)).map((t) => t.key))) properDf.set(k, (properDf.get(k) ?? 0) + 1);
  }
  const n = claims.length;
  const countable = new Set(COUNTABLE);
  const anchors = new Map<string, number>();
  // The entity most claims name (and any other named by over a third of them), if named at least twice.
  const top = Math.max(0, ...properDf.values());
  for (const [k, count] of properDf) if (count >= 2 && (count === top || count >= n * 0.35)) anchors.set(k, count / n);
  const anchorKeys = new Set(anchors.keys());
  const prepared = claims.map((claim, i): PreparedClaim => {
    const tokens = tokenLists[i];
    const weights = new Map<string, number>();
    for (const t of tokens) {
      const idf = Math.log(1 + n / (df.get(t.key) ?? 1));
      const w = Math.pow(idf, TUNING.idfPower) * (t.proper ? TUNING.properBoost : 1);
      weights.set(t.key, Math.max(weights.get(t.key) ?? 0, w));
    }
    const q = quantities(claim.text).find((x) => !x.vague);
    let figure: PreparedClaim['figure'];
    if (q) {
      const subjects = claimSubjects(q, tokens, countable);
      if (subjects.length) {
        figure = { q, subjects };
        for (const s of subjects) countable.add(s);
      }
    }
    const negatedKeys = new Set<string>();
    const words = [...claim.text.matchAll(/\p{L}+/gu)].map((m) => m[0].toLowerCase());
    words.forEach((w, j) => {
      if (/^(?:without|no|not|never)$/.test(w)) for (const t of tokens) if (t.pos > j && t.pos - j <= 3) negatedKeys.add(t.key);
    });
    const proper = new Set(tokens.filter((t) => t.proper && !COUNTRY_CONCEPTS.has(t.key)).map((t) => t.key));
    const entities: PreparedClaim['entities'] = [];
    let lastPos = -2;
    for (const t of tokens) {
      const named = (t.proper && !LEXICON_CONCEPTS.has(t.key)) || COUNTRY_CONCEPTS.has(t.key);
      if (!named || anchorKeys.has(t.key)) {
        lastPos = -2;
        continue;
      }
      const w = weights.get(t.key) ?? 0;
      const last = entities.at(-1);
      if (last && t.pos === lastPos + 1 && !COUNTRY_CONCEPTS.has(t.key)) {
        last.keys.push(t.key);
        last.weight = Math.max(last.weight, w);
      } else if (!entities.some((e) => e.keys.includes(t.key))) entities.push({ keys: [t.key], weight: w, person: !COUNTRY_CONCEPTS.has(t.key) && !t.caps });
      lastPos = t.pos;
    }
    const parts = claimParts(claim.text, acronyms)
      .map((keys) => new Map(keys.filter((k) => weights.has(k)).map((k) => [k, weights.get(k)!])))
      .filter((m) => m.size >= 2);
    const contentKeys = new Map([...weights].filter(([k]) => !anchorKeys.has(k) && !ROLE_CONCEPTS.has(k) && !entities.some((e) => e.keys.includes(k)) && !proper.has(k)));
    return {
      claim,
      weights,
      contentKeys,
      contentTotal: [...contentKeys.values()].reduce((a, b) => a + b, 0),
      total: [...weights.values()].reduce((a, b) => a + b, 0),
      figure,
      negated: isNegated(claim.text.replace(/\bwithout\b/gi, '')),
      negatedKeys,
      eventKeys: [],
      states: STATE_CHANGES.filter((st) => st.from.test(claim.text) && !st.to.test(claim.text)),
      proper,
      entities,
      roles: [...new Set(tokens.filter((t) => ROLE_CONCEPTS.has(t.key) && t.key !== 'government').map((t) => t.key))],
      entityTotal: entities.reduce((a, e) => a + e.weight, 0),
      parts: parts.length >= 3 ? parts : [],
    };
  });
  const eventKeys = new Set<string>();
  // The word most claims use that is not a name ("unrest"), and any other used by over 40% of them.
  const plain = [...df].filter(([k, count]) => count >= Math.max(2, n * 0.25) && !anchorKeys.has(k) && !properDf.has(k) && !k.startsWith('date:'));
  const topPlain = Math.max(0, ...plain.map(([, count]) => count));
  for (const [k, count] of plain) if (count === topPlain || count >= n * 0.4) eventKeys.add(k);
  const years = claims.flatMap((c) => [...c.text.matchAll(/\b(19\d\d|20\d\d)\b/g)].map((m) => Number(m[1])));
  for (const c of prepared) c.eventKeys = [...eventKeys].filter((k) => c.weights.has(k));
  // Names in the claims by consonant skeleton, so that a Russian report's "Токаева" meets "Tokayev".
  const skeletons = new Map<string, string>();
  for (const tokens of tokenLists) for (const t of tokens) if (t.proper && !t.caps && !LEXICON_CONCEPTS.has(t.key) && !COUNTRY_CONCEPTS.has(t.key)) {
    const sk = nameSkeleton(t.word);
    if (sk && !skeletons.has(sk)) skeletons.set(sk, t.key);
  }
  const keyClaims = new Map<string, number[]>();
  prepared.forEach((c, j) => {
    for (const k of c.weights.keys()) keyClaims.set(k, [...(keyClaims.get(k) ?? []), j]);
  });
  const states = STATE_CHANGES.filter((st) => prepared.some((c) => c.states.includes(st)));
  return { claims: prepared, acronyms, anchors, eventKeys, minYear: years.length ? Math.min(...years) : undefined, countable, keyClaims, states, skeletons };
}

/** A claim that lists facts ("by dismissing X, declaring Y and promising Z") split into its items. */
function claimParts(text: string, acronyms: AcronymTable): string[][] {
  const pieces = text.split(/,\s*(?:and\s+|or\s+)?|;\s*|\s+(?:and|or)\s+(?=\p{L}+ing\b)/u);
  return pieces.map((p) => tokenize(p, acronyms).map((t) => t.key));
}

type Has = { has(key: string): boolean };

function coverage(c: PreparedClaim, keys: Has, byParts = true): number {
  let hit = 0;
  for (const [k, w] of c.weights) if (keys.has(k)) hit += w;
  let score = c.total > 0 ? hit / c.total : 0;
  // A sentence may report one item (or several) of a list the claim gives.
  if (byParts && c.parts.length) {
    const parts = c.parts.map((part) => {
      let partHit = 0;
      let partTotal = 0;
      for (const [k, w] of part) {
        partTotal += w;
        if (keys.has(k)) partHit += w;
      }
      return partTotal > 0 ? partHit / partTotal : 0;
    });
    parts.sort((a, b) => b - a);
    score = Math.max(score, TUNING.partFactor * Math.min(1, parts[0] + 0.5 * parts[1] + 0.25 * (parts[2] ?? 0)));
  }
  return score;
}

/** Knobs of the retrieval step (exported for experiments; the defaults are the measured ones). */
export const TUNING = {
  /** A fully covered part of a listing claim counts as this much of the whole. */
  partFactor: 0.75,
  /** Weight of names against other words. */
  properBoost: 1.2,
  /** Discount of a pair of neighbouring sentences against one sentence. */
  pairDiscount: 0.9,
  idfPower: 1,
  /** Share of a claim's entity weight a sentence's neighbourhood must name. */
  entityShare: 0.5,
  /** Sentences either side that count as the neighbourhood. */
  entityWindow: 2,
  /** Share of a claim's content (non-name) weight a sentence must cover. */
  contentShare: 0.3,
  /** Added to the best claim score of an item that tells of the same kind of event. */
  eventBonus: 0.2,
};

/** What one claim gets from one item, before the link is decided. */
export interface ClaimEvidence {
  claim: string;
  /** Best coverage by one sentence, or by two neighbouring sentences (discounted). */
  score: number;
  sentence: Sentence;
  stance?: Stance;
  update?: ClaimUpdate;
  /** Why, for `explain`. */
  reason: string;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const matchedKeys = (c: PreparedClaim, s: Sentence) => [...c.weights.keys()].filter((k) => s.keys.has(k)).length;

/** What is worked out once per item, whatever the claim: sentences, neighbourhoods, figures, cues. */
export interface ItemView {
  sents: Sentence[];
  /** Keys of each sentence's neighbourhood (TUNING.entityWindow sentences either side). */
  around: Array<Set<string>>;
  /** Figures of each sentence with what they count. */
  figures: Array<Array<{ q: Quantity; subject?: string }>>;
  /** Does sentence i dispute something ("denied", "not confirmed")? (memoised) */
  denied(i: number): boolean;
  /** Does sentence i report the later state of this change (withdrawn, sentenced…)? (memoised) */
  later(i: number, change: StateChange): boolean;
  /** Keys of the whole item. */
  all: Set<string>;
  /** For each sentence, how many keys of each claim (by position in the index) it has. */
  hits: Uint16Array[];
}

export function itemView(index: ClaimIndex, sents: Sentence[]): ItemView {
  const w = TUNING.entityWindow;
  const around = sents.map((_, i) => {
    const keys = new Set<string>();
    for (let j = Math.max(0, i - w); j <= Math.min(sents.length - 1, i + w); j++) for (const k of sents[j].keys) keys.add(k);
    return keys;
  });
  const hits = sents.map((s) => {
    const counts = new Uint16Array(index.claims.length);
    for (const k of s.keys) for (const j of index.keyClaims.get(k) ?? []) counts[j]++;
    return counts;
  });
  const denied: Array<boolean | undefined> = [];
  const later: Array<Map<string, boolean> | undefined> = [];
  const hasDigit = (t: string) => /\d|dozen|hundred|thousand|million|тысяч|десят|сотн/i.test(t);
  return {
    sents,
    around,
    figures: sents.map((s) => (hasDigit(s.text) ? quantities(s.text).map((q) => ({ q, subject: subjectOf(q, s.tokens, index.countable) })) : [])),
    denied: (i) => (denied[i] ??= hasDenial(sents[i].text)),
    later: (i, change) => {
      const m = (later[i] ??= new Map());
      let v = m.get(change.name);
      if (v === undefined) m.set(change.name, (v = change.to.test(sents[i].text)));
      return v;
    },
    hits,
    all: new Set(sents.flatMap((s) => [...s.keys])),
  };
}

/** The figure relation between a claim and an item: the strongest finding over all sentences. */
function figureEvidence(c: PreparedClaim, view: ItemView): ClaimEvidence | undefined {
  if (!c.figure) return undefined;
  const sents = view.sents;
  const subjects = new Set(c.figure.subjects);
  let larger: { s: Sentence; q: Quantity } | undefined;
  let same: { s: Sentence; q: Quantity; denied: boolean } | undefined;
  let smaller: { s: Sentence; q: Quantity; denied: boolean } | undefined;
  sents.forEach((s, i) => {
    for (const { q, subject } of view.figures[i]) {
      if (!subject || !subjects.has(subject)) continue;
      const rel = compareFigures(c.figure!.q, q);
      const next = sents[i + 1];
      const denied = view.denied(i) || Boolean(next && !next.inTitle && REFERS_BACK.test(next.text) && view.denied(i + 1));
      if (rel === 'larger' && !q.vague && q.bound !== 'max') {
        if (!larger || q.value > larger.q.value) larger = { s, q };
      } else if (rel === 'same' && !q.vague) {
        // An asserted figure in the title outweighs a later doubt in the body.
        if (!same || (same.denied && !denied && s.inTitle)) same = { s, q, denied: denied && !s.inTitle };
      } else if ((rel === 'smaller' && q.value >= c.figure!.q.value * 0.1) || (rel === 'larger' && q.bound === 'max')) {
        if (!smaller) smaller = { s, q, denied };
      }
    }
  });
  const subject = SUBJECT_LABELS[c.figure.subjects[0]] ?? c.figure.subjects[0];
  if (larger) return { claim: c.claim.id, score: 1, sentence: larger.s, stance: 'updates', update: { subject, old: c.figure.q.figure, new: larger.q.raw.replace(/^\p{Lu}/u, (x) => x.toLowerCase()) }, reason: 'larger figure' };
  if (same) return { claim: c.claim.id, score: 1, sentence: same.s, stance: same.denied ? 'contradicts' : 'supports', reason: same.denied ? 'same figure, denied' : 'same figure' };
  if (smaller) return { claim: c.claim.id, score: 0.6, sentence: smaller.s, stance: smaller.denied ? 'contradicts' : 'mentions', reason: 'smaller figure' };
  return undefined;
}

/** Scores one claim against an item's sentences and decides its stance. */
export function claimEvidence(index: ClaimIndex, position: number, view: ItemView, o: Required<ClassifyOptions>): ClaimEvidence | undefined {
  const c = index.claims[position];
  const sents = view.sents;
  // Sentences that share no word with the claim score 0 without further work.
  const touches = view.hits.map((h) => h[position] > 0);
  let best: { s: Sentence; cov: number } | undefined;
  // A sentence counts only if it, or the sentences around it, name the claim's own entities.
  const eventKeys = c.eventKeys;
  const namedIn = (keys: Has) => {
    // A claim about the story's event ("the unrest") is told where that event is.
    if (eventKeys.length && !eventKeys.some((k) => view.all.has(k))) return false;
    if (c.entityTotal === 0) return true;
    // A person may be named by the titles the claim gives them ("the former security chief").
    const titled = c.roles.length >= 2 && c.roles.every((k) => keys.has(k));
    let hit = 0;
    for (const e of c.entities) if (e.keys.some((k) => keys.has(k)) || (titled && e.person)) hit += e.weight;
    return hit / c.entityTotal >= TUNING.entityShare;
  };
  const plain = c.entityTotal === 0 && eventKeys.length === 0;
  const namedAt = sents.map((_, i) => touches[i] && (plain || namedIn(view.around[i])));
  const named = (from: number, to: number) => plain || (from === to ? namedAt[from] : namedIn({ has: (k) => view.around[from].has(k) || view.around[to].has(k) }));
  // …and says something of what the claim says, not only who it is about.
  const says = (keys: Has) => {
    if (c.contentTotal === 0) return true;
    let hit = 0;
    for (const [k, w] of c.contentKeys) if (keys.has(k)) hit += w;
    if (hit / c.contentTotal >= TUNING.contentShare) return true;
    // For a listing claim, enough of one listed fact will do.
    return c.parts.some((part) => {
      let partHit = 0;
      let partTotal = 0;
      for (const [k, w] of part) {
        if (!c.contentKeys.has(k)) continue;
        partTotal += w;
        if (keys.has(k)) partHit += w;
      }
      return partTotal > 0 && partHit / partTotal >= TUNING.contentShare;
    });
  };
  const raw = sents.map((s, i) => (namedAt[i] ? coverage(c, s.keys) : 0));
  const covs = sents.map((s, i) => (raw[i] > 0 && says(s.keys) ? raw[i] : 0));
  sents.forEach((s, i) => {
    if (!best || covs[i] > best.cov) best = { s, cov: covs[i] };
  });
  if (!best) return undefined;
  // Two neighbouring sentences often tell one fact between them.
  let pair = 0;
  let pairSentence: Sentence | undefined;
  for (let i = 0; i + 1 < sents.length; i++) {
    if ((!touches[i] && !touches[i + 1]) || sents[i].inTitle !== sents[i + 1].inTitle || !named(i, i + 1)) continue;
    const a = sents[i].keys;
    const b = sents[i + 1].keys;
    const keys = { has: (k: string) => a.has(k) || b.has(k) };
    if (!says(keys)) continue;
    // (One listed fact is told in one sentence: parts are not pooled across two.)
    const cov = coverage(c, keys, false) * TUNING.pairDiscount;
    if (cov > pair) {
      pair = cov;
      pairSentence = covs[i + 1] > covs[i] ? sents[i + 1] : sents[i];
    }
  }
  const score = Math.max(best.cov, pair);
  // The evidence is the best single sentence, or the stronger half of the best pair.
  const evidenceSentence = pair > best.cov && pairSentence ? pairSentence : best.s;
  const fig = figureEvidence(c, view);
  if (c.figure) {
    // A claim about a figure is linked through a figure for the same thing, or not at all
    // unless a sentence restates nearly all of it.
    return fig ? { ...fig, score: round(fig.stance === 'mentions' ? Math.max(0.5, Math.min(score, 0.6)) : Math.max(score, 0.8)) } : undefined;
  }
  // A later state (sent → withdrawn) may be told in a sentence that names only part of the claim,
  // in other words than the claim's own verb.
  for (let i = 0; i < sents.length && c.states.length; i++) {
    const s = sents[i];
    const cov = raw[i];
    const change = raw[i] > 0 ? c.states.find((st) => view.later(i, st)) : undefined;
    if (change && cov >= o.linkThreshold * 0.6 && matchedKeys(c, s) >= 2) {
      return { claim: c.claim.id, score: round(Math.max(score, cov)), sentence: s, stance: 'updates', update: { subject: change.name, old: change.fromLabel, new: change.toLabel }, reason: `state ${change.name}` };
    }
  }
  if (score < o.linkThreshold) return undefined;
  // Stance from the sentences that are about the claim, strongest first.
  const about = sents.map((s, i) => ({ s, cov: covs[i] })).filter((x) => x.cov >= o.linkThreshold * 0.8).sort((a, b) => b.cov - a.cov);
  const matched = (s: Sentence) => s.tokens.filter((t) => c.weights.has(t.key) && !c.negatedKeys.has(t.key));
  if (c.negated) {
    // "X did not ask": only a sentence that negates too, about the same named things, restates it.
    const neg = about.find(({ s }) => isNegated(s.text) && [...c.proper].every((k) => s.keys.has(k)));
    if (!neg) return undefined;
    return { claim: c.claim.id, score: round(neg.cov), sentence: neg.s, stance: neg.cov >= o.supportThreshold ? 'supports' : 'mentions', reason: 'negated claim' };
  }
  // A denial is about the claim it restates best: a sentence denying another claim does not count.
  const rivalled = (s: Sentence, cov: number) => index.claims.some((o, j) => j !== position && coverage(o, s.keys) > cov + 0.05);
  for (const { s, cov } of about) {
    // An explicit denial ("denied", "rather than") may be short; a negated verb needs a full restatement.
    if (view.denied(s.index) && !rivalled(s, cov)) return { claim: c.claim.id, score: round(score), sentence: s, stance: 'contradicts', reason: 'denial' };
    if (cov < o.supportThreshold * 0.9) continue;
    if (negatedNear(s, matched(s)) && !rivalled(s, cov)) return { claim: c.claim.id, score: round(score), sentence: s, stance: 'contradicts', reason: 'denial' };
  }
  const stance: Stance = score >= o.supportThreshold ? 'supports' : 'mentions';
  return { claim: c.claim.id, score: round(score), sentence: evidenceSentence, stance, reason: pair > best.cov ? 'coverage (pair)' : 'coverage' };
}

export interface ItemExplanation {
  relevanceScore: number;
  anchor: number;
  evidence: ClaimEvidence[];
}

/** Gives Cyrillic names the key of the same name in the claims (Токаев → tokayev). */
function nameCyrillic(index: ClaimIndex, s: Sentence): void {
  let changed = false;
  for (const t of s.tokens) {
    if (!t.key.startsWith('ru:')) continue;
    const sk = nameSkeleton(t.word);
    const key = sk && index.skeletons.get(sk);
    if (key) {
      t.key = key;
      changed = true;
    }
  }
  if (changed) s.keys = new Set(s.tokens.map((t) => t.key));
}

/** Classifies one item against the prepared claims. */
export function classifyItem(index: ClaimIndex, item: ClassifiableItem, options: ClassifyOptions = {}, explain?: (e: ItemExplanation) => void): Classification {
  const o = { ...DEFAULTS, ...options };
  const acronyms = index.acronyms.clone();
  acronyms.learn(`${item.title}\n${item.text}`);
  const sents = sentences(item.title, item.text, acronyms);
  if (index.skeletons.size && /[\u0400-\u04ff]/.test(item.title + item.text)) for (const s of sents) nameCyrillic(index, s);
  const topics = detectTopics(item.title, item.text);
  const view = itemView(index, sents);
  const evidence = index.claims.map((_, j) => claimEvidence(index, j, view, o)).filter((e): e is ClaimEvidence => Boolean(e));

  // Relevance: the item names what the claims are about, and either reports one claim firmly or
  // tells of the same kind of event (an anchor and an event word in one sentence) and touches a claim.
  const keys = new Set(sents.flatMap((s) => [...s.keys]));
  let anchor = 0;
  for (const [k, share] of index.anchors) if (keys.has(k)) anchor = Math.max(anchor, share);
  const hasAnchor = (s: Sentence) => index.anchors.size === 0 || [...index.anchors.keys()].some((k) => s.keys.has(k));
  const hasEvent = (s: Sentence) => [...index.eventKeys].some((k) => s.keys.has(k));
  const event = sents.some((s) => hasAnchor(s) && hasEvent(s));
  const firm = Math.max(0, ...evidence.filter((e) => e.stance !== 'mentions').map((e) => e.score));
  const any = Math.max(0, ...evidence.map((e) => e.score));
  const headline = sents.some((s) => s.inTitle && hasAnchor(s) && hasEvent(s));
  const linked = evidence.filter((e) => e.score >= o.linkThreshold).length;
  let relevanceScore = Math.max(firm, event ? any + TUNING.eventBonus : 0, headline || linked >= 2 ? o.relevanceThreshold : 0);
  if (index.anchors.size > 0 && anchor === 0) relevanceScore = 0;
  const year = item.date ? Number(/^(\d{4})/.exec(item.date)?.[1]) : undefined;
  if (index.minYear && year && year < index.minYear) relevanceScore = 0;
  const relevant = relevanceScore >= o.relevanceThreshold;
  explain?.({ relevanceScore, anchor, evidence });

  const claims: ClaimLink[] = relevant
    ? evidence.map((e) => ({ claim: e.claim, stance: e.stance ?? 'mentions', evidence: e.sentence.text, score: e.score, ...(e.update ? { update: e.update } : {}) }))
    : [];
  return { id: item.id, relevant, topics, claims };
}
