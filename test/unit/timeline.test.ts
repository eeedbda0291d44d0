import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildClaimTimeline, formatTimeline, formatTimelineLine } from '../../shared/domain/timeline.ts';
import type { ClaimLinkRecord, Stance } from '../../shared/domain/types.ts';

const claim = { id: 'C5', text: 'At least 164 people were killed in the unrest.' };

function link(itemId: string, stance: Stance, publishedAt: string, extra: Partial<ClaimLinkRecord> = {}): ClaimLinkRecord {
  return { claim: 'C5', stance, evidence: `evidence ${itemId}`, score: 0.8, itemId, storyId: extra.storyId ?? itemId, publishedAt, title: `Title ${itemId}`, source: `Source ${itemId}`, ...extra };
}

describe('buildClaimTimeline', () => {
  it('records first and last seen, counts by stance and distinct stories', () => {
    // Prepare: out of order on purpose
    const links = [
      link('b', 'updates', '2022-01-15T10:00:00Z', { update: { subject: 'killed', old: '164', new: '225' } }),
      link('a', 'supports', '2022-01-10T08:00:00Z'),
      link('a2', 'supports', '2022-01-10T09:00:00Z', { storyId: 'a' }),
      link('c', 'contradicts', '2022-01-11T08:00:00Z'),
    ];
    // Act
    const t = buildClaimTimeline(claim, links);
    // Assess
    assert.equal(t.firstSeen, '2022-01-10T08:00:00Z');
    assert.equal(t.lastSeen, '2022-01-15T10:00:00Z');
    assert.deepEqual(t.counts, { supports: 2, contradicts: 1, updates: 1, mentions: 0 });
    assert.equal(t.stories, 3);
  });

  it('takes the latest value from the most recently published update, not the most recently stored', () => {
    const links = [
      link('late', 'updates', '2022-09-01T00:00:00Z', { source: 'Prosecutor General', update: { subject: 'killed', old: '164', new: '238' } }),
      link('early', 'updates', '2022-01-15T00:00:00Z', { update: { subject: 'killed', old: '164', new: '225' } }),
      link('later-mention', 'mentions', '2023-01-01T00:00:00Z'),
    ];
    const t = buildClaimTimeline(claim, links);
    assert.deepEqual([t.latest?.value, t.latest?.source, t.latest?.itemId], ['238', 'Prosecutor General', 'late']);
  });

  it('has no latest value without updates, and ignores links of other claims', () => {
    const t = buildClaimTimeline(claim, [link('a', 'supports', '2022-01-10T00:00:00Z'), { ...link('x', 'updates', '2022-02-01T00:00:00Z', { update: { old: '1', new: '2' } }), claim: 'C9' }]);
    assert.equal(t.latest, undefined);
    assert.equal(t.counts.updates, 0);
    assert.equal(formatTimelineLine(t, 'UTC'), undefined);
  });
});

describe('formatTimelineLine', () => {
  it('shows the seed figure, the latest one, its source and month in the given time zone', () => {
    const t = buildClaimTimeline(claim, [link('p', 'updates', '2022-08-31T22:30:00Z', { source: 'prosecutor / Reuters', update: { subject: 'killed', old: '164', new: '238' } })]);
    assert.equal(formatTimelineLine(t, 'UTC'), 'C5 killed: 164 in the seed → 238 (prosecutor / Reuters, Aug 2022)');
    // Almaty is ahead of UTC: the same instant is already September there.
    assert.equal(formatTimelineLine(t, 'Asia/Almaty'), 'C5 killed: 164 in the seed → 238 (prosecutor / Reuters, Sep 2022)');
  });

  it('shows state changes and survives a bad date or time zone', () => {
    const t = buildClaimTimeline({ id: 'C6', text: 'Troops were sent.' }, [{ ...link('w', 'updates', 'not a date', { update: { subject: 'deployment', old: 'sent', new: 'withdrawn' } }), claim: 'C6' }]);
    assert.equal(formatTimelineLine(t, 'UTC'), 'C6 deployment: sent in the seed → withdrawn (Source w)');
    const t2 = buildClaimTimeline(claim, [link('p', 'updates', '2022-03-14T00:00:00Z', { update: { old: '164', new: '230' } })]);
    assert.equal(formatTimelineLine(t2, 'Not/AZone'), 'C5: 164 in the seed → 230 (Source p, Mar 2022)');
  });
});

describe('formatTimeline', () => {
  it('summarises a claim with reports, and one without', () => {
    const t = buildClaimTimeline(claim, [link('a', 'supports', '2022-01-10T08:00:00Z'), link('b', 'updates', '2022-01-15T10:00:00Z', { update: { subject: 'killed', old: '164', new: '225' } })]);
    assert.equal(
      formatTimeline(t, 'UTC'),
      ['C5  At least 164 people were killed in the unrest.', '    first seen 2022-01-10, last 2022-01-15: 1 supports, 1 updates (2 stories)', '    latest: killed: 164 in the seed → 225 (Source b, Jan 2022)'].join('\n'),
    );
    assert.equal(formatTimeline(buildClaimTimeline(claim, []), 'UTC'), 'C5  At least 164 people were killed in the unrest.\n    no reports yet');
  });
});
