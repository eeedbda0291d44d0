import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isVerbatim, prf, score, type Gold, type Pred } from '../../scripts/eval-metrics.ts';

const gold = (id: string, labels: Record<string, string>, relevant = true, topics: string[] = ['kazakhstan']): Gold => ({
  id,
  title: `Title ${id}`,
  text: `First sentence of ${id}.\nSecond   sentence of ${id}.`,
  labels,
  topics,
  relevant,
});
const pred = (id: string, claims: Array<[string, string, string?]>, relevant = true, topics: string[] = ['kazakhstan']): Pred => ({
  id,
  relevant,
  topics,
  claims: claims.map(([claim, stance, evidence]) => ({ claim, stance, evidence: evidence ?? `First sentence of ${id}.` })),
});

describe('prf', () => {
  it('computes precision, recall and F1, and 0 where undefined', () => {
    assert.deepEqual(prf(2, 2, 0), { p: 0.5, r: 1, f1: 2 / 3, tp: 2, fp: 2, fn: 0 });
    assert.deepEqual(prf(0, 0, 0), { p: 0, r: 0, f1: 0, tp: 0, fp: 0, fn: 0 });
  });
});

describe('score', () => {
  it('counts link, labelled and per-stance figures over (item, claim) pairs', () => {
    // Prepare: a1 has C1 supports (right) and C2 updates (predicted mentions); a2 has nothing but C3 is predicted.
    const g = [gold('a1', { C1: 'supports', C2: 'updates' }), gold('a2', {}, false)];
    const p = [pred('a1', [['C1', 'supports'], ['C2', 'mentions']]), pred('a2', [['C3', 'supports']], false)];
    // Act
    const s = score(g, p);
    // Assess
    assert.deepEqual([s.linkF1.tp, s.linkF1.fp, s.linkF1.fn], [2, 1, 0]);
    assert.deepEqual([s.labelledF1.tp, s.labelledF1.fp, s.labelledF1.fn], [1, 2, 1]);
    assert.deepEqual([s.perStance.supports.tp, s.perStance.supports.fp, s.perStance.supports.fn], [1, 1, 0]);
    assert.deepEqual([s.perStance.mentions.fp, s.perStance.updates.fn], [1, 1]);
    assert.deepEqual([s.perClaim.C2.fp, s.perClaim.C2.fn, s.perClaim.C3.fp], [1, 1, 1]);
    assert.equal(s.relevanceF1.f1, 1);
  });

  it('scores relevance and topics, and treats a missing prediction as empty', () => {
    const g = [gold('a1', {}, true, ['kazakhstan', 'csto']), gold('a2', {}, true), gold('a3', {}, false, [])];
    const p = [pred('a1', [], true, ['kazakhstan', 'china']), pred('a3', [], true, [])];
    const s = score(g, p);
    assert.deepEqual([s.relevanceF1.tp, s.relevanceF1.fp, s.relevanceF1.fn], [1, 1, 1]);
    assert.deepEqual([s.topicF1.tp, s.topicF1.fp, s.topicF1.fn], [1, 1, 2]);
    assert.deepEqual(s.missing, ['a2']);
  });

  it('measures the evidence verbatim rate with whitespace collapsed', () => {
    const g = [gold('a1', { C1: 'supports', C2: 'supports', C3: 'supports', C4: 'supports' })];
    const p = [pred('a1', [['C1', 'supports', 'Second sentence of a1.'], ['C2', 'supports', 'Title a1'], ['C3', 'supports', 'Not in the item.'], ['C4', 'supports', ' First  sentence\nof a1. ']])];
    assert.equal(score(g, p).evidenceVerbatimRate, 3 / 4);
  });
});

describe('isVerbatim', () => {
  it('rejects empty evidence and accepts a span of title or text', () => {
    const item = { title: 'A title', text: 'One two.  Three four.' };
    assert.equal(isVerbatim(item, ''), false);
    assert.equal(isVerbatim(item, 'two. Three'), true);
    assert.equal(isVerbatim(item, 'A title'), true);
    assert.equal(isVerbatim(item, 'five'), false);
  });
});
