import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDigest } from '../../shared/domain/digest/build.ts';
import { renderText } from '../../shared/domain/digest/render-text.ts';
import { renderHtml } from '../../shared/domain/digest/render-html.ts';
import { storedItem } from '../helpers/items.ts';

const claims = [
  { id: 'C1', text: 'Protesters were killed in Almaty.' },
  { id: 'C2', text: 'CSTO troops were deployed.' },
  { id: 'C3', text: 'The SCO met in Samarkand.' },
];
const window = { since: '2026-11-22T00:00:00.000Z', until: '2026-11-23T00:00:00.000Z', timeZone: 'Asia/Almaty' };

describe('buildDigest', () => {
  it('groups items into stories by storyId with the earliest item as representative and +N other sources', () => {
    // Prepare
    const items = [
      storedItem({ id: 'b', storyId: 'a', source: 'Reuters', publishedAt: '2022-01-06T10:00:00.000Z', title: 'Later copy' }),
      storedItem({ id: 'a', storyId: 'a', source: 'AP', publishedAt: '2022-01-06T08:00:00.000Z', title: 'First report' }),
      storedItem({ id: 'c', storyId: 'a', source: 'Reuters', publishedAt: '2022-01-06T11:00:00.000Z' }),
      storedItem({ id: 'd', storyId: 'a', source: 'AP', publishedAt: '2022-01-06T12:00:00.000Z' }),
    ];
    // Act
    const model = buildDigest({ items, claims, ...window });
    // Assess
    assert.equal(model.otherStories.length, 1);
    const story = model.otherStories[0];
    assert.equal(story.title, 'First report');
    assert.equal(story.source, 'AP');
    assert.deepEqual(story.otherSources, ['Reuters']);
    assert.deepEqual(story.itemIds, ['a', 'b', 'c', 'd']);
    assert.equal(model.stats.stories, 1);
  });

  it('leaves out items with no watched topic that are neither relevant nor linked', () => {
    const items = [
      storedItem({ id: 'on', topics: ['sco'] }),
      storedItem({ id: 'off', topics: [], relevant: false }),
      storedItem({ id: 'linked', topics: [], relevant: false, claims: [{ claim: 'C1', stance: 'mentions', evidence: 'x', score: 0.3 }] }),
    ];
    const model = buildDigest({ items, claims, ...window });
    assert.deepEqual(model.itemIds.sort(), ['linked', 'on']);
    assert.equal(model.stats.offTopic, 1);
  });

  it('orders claims and entries by newsworthiness: contradicts and updates before supports, then mentions, then score', () => {
    const link = (claim: string, stance: 'supports' | 'contradicts' | 'updates' | 'mentions', score = 0.5) => ({ claim, stance, evidence: `${claim} ${stance}`, score });
    const items = [
      storedItem({ id: 's1', claims: [link('C3', 'supports', 0.9)] }),
      storedItem({ id: 's2', claims: [link('C1', 'mentions')] }),
      storedItem({ id: 's3', claims: [link('C1', 'supports', 0.6)] }),
      storedItem({ id: 's4', claims: [link('C2', 'updates', 0.4)] }),
      storedItem({ id: 's5', claims: [link('C1', 'contradicts', 0.7)] }),
      storedItem({ id: 's6', claims: [link('C1', 'supports', 0.8)] }),
    ];
    const model = buildDigest({ items, claims, ...window });
    assert.deepEqual(model.claimSections.map((s) => s.claimId), ['C1', 'C2', 'C3']);
    assert.deepEqual(model.claimSections[0].entries.map((e) => e.storyId), ['s5', 's6', 's3', 's2']);
    assert.equal(model.claimSections[0].claimText, claims[0].text);
  });

  it('shows a story under every claim it touches but keeps claim-linked stories out of other news', () => {
    const items = [
      storedItem({
        id: 'x',
        claims: [
          { claim: 'C1', stance: 'updates', evidence: 'Now 225 dead.', score: 0.8, update: { subject: 'killed', old: '164', new: '225' } },
          { claim: 'C2', stance: 'supports', evidence: 'Troops arrived.', score: 0.8 },
        ],
      }),
      storedItem({ id: 'y' }),
    ];
    const timelines = new Map([['C1', 'killed: 164 → 225']]);
    const model = buildDigest({ items, claims, ...window, timelines });
    assert.deepEqual(model.claimSections.map((s) => s.claimId), ['C1', 'C2']);
    assert.deepEqual(model.claimSections[0].entries[0].update, { subject: 'killed', old: '164', new: '225' });
    assert.equal(model.claimSections[0].timeline, 'killed: 164 → 225');
    assert.deepEqual(model.otherStories.map((s) => s.storyId), ['y']);
    assert.equal(model.stats.linked, 1);
    assert.equal(model.stats.stories, 2);
  });

  it('takes the strongest link of any member of a story', () => {
    const items = [
      storedItem({ id: 'a', storyId: 'a', publishedAt: '2022-01-06T08:00:00.000Z', claims: [{ claim: 'C1', stance: 'mentions', evidence: 'weak', score: 0.9 }] }),
      storedItem({ id: 'b', storyId: 'a', source: 'Other', publishedAt: '2022-01-06T09:00:00.000Z', claims: [{ claim: 'C1', stance: 'contradicts', evidence: 'strong', score: 0.4 }] }),
    ];
    const model = buildDigest({ items, claims, ...window });
    assert.equal(model.claimSections[0].entries.length, 1);
    assert.equal(model.claimSections[0].entries[0].stance, 'contradicts');
    assert.equal(model.claimSections[0].entries[0].evidence, 'strong');
  });

  it('renders text and HTML with everything escaped in the HTML', () => {
    const items = [storedItem({ id: 'h', title: '<script>alert(1)</script> & co', source: 'A "quoted" <b>source</b>', claims: [{ claim: 'C1', stance: 'supports', evidence: 'Killed <200>', score: 1 }] })];
    const failingFeeds = [{ url: 'https://bad.example/rss', error: 'feed_timeout', consecutiveFailures: 4 }];
    const model = buildDigest({ items, claims, ...window, failingFeeds });
    const html = renderHtml(model);
    assert.ok(!html.includes('<script>alert'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co'));
    assert.ok(html.includes('Killed &lt;200&gt;'));
    assert.ok(html.includes('feed_timeout'));
    const text = renderText(model);
    assert.match(text, /Claim C1: Protesters were killed in Almaty\./);
    assert.match(text, /\[SUPPORTS\] <script>alert\(1\)<\/script> & co/);
    assert.match(text, /Failing feeds: https:\/\/bad\.example\/rss \(feed_timeout ×4\)/);
  });

  it('shows dates in the digest time zone', () => {
    const items = [storedItem({ id: 'z', publishedAt: '2022-01-05T20:30:00.000Z' })];
    const text = renderText(buildDigest({ items, claims, ...window }));
    assert.match(text, /6 Jan 2022, 02:30/); // Asia/Almaty was UTC+6 in 2022
  });
});
