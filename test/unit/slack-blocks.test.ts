import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDigest } from '../../shared/domain/digest/build.ts';
import { truncateWords, escapeMrkdwn } from '../../shared/domain/digest/format.ts';
import { SLACK_LIMITS, renderSlack, type SlackDigest } from '../../shared/domain/digest/slack-blocks.ts';
import type { StoredItem } from '../../shared/domain/types.ts';
import { storedItem } from '../helpers/items.ts';

const claims = Array.from({ length: 6 }, (_, i) => ({ id: `C${i + 1}`, text: `Claim number ${i + 1} says something important about Kazakhstan & the CSTO <troops>.` }));
const window = { since: '2026-11-22T00:00:00.000Z', until: '2026-11-23T00:00:00.000Z', timeZone: 'Asia/Almaty' };
const stances = ['supports', 'contradicts', 'updates', 'mentions'] as const;
const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => `word${(seed * 7 + i) % 97}`).join(' ');

/** 300 stories: two thirds linked to claims (some to two), long titles and quotes, several sources each. */
function bigCorpus(): StoredItem[] {
  const items: StoredItem[] = [];
  for (let s = 0; s < 300; s++) {
    const linked = s % 3 !== 0;
    const claimLinks = linked
      ? [
          { claim: `C${(s % 6) + 1}`, stance: stances[s % 4], evidence: `Evidence ${s}: ${words(80, s)} & <more>.`, score: (s % 10) / 10, ...(s % 4 === 2 ? { update: { subject: 'killed', old: '164', new: String(200 + s) } } : {}) },
          ...(s % 5 === 0 ? [{ claim: `C${((s + 1) % 6) + 1}`, stance: 'mentions' as const, evidence: `Also ${s}`, score: 0.2 }] : []),
        ]
      : [];
    for (let k = 0; k < 3; k++) {
      items.push(
        storedItem({
          id: `s${s}-${k}`,
          storyId: `s${s}`,
          source: `Outlet ${k} of ${s}`,
          title: `Story ${s} ${words(40, s)}`,
          url: `https://news.example/${s}/${k}?a=1&b=2`,
          publishedAt: new Date(Date.UTC(2022, 0, 5, 0, s, k)).toISOString(),
          claims: claimLinks,
        }),
      );
    }
  }
  return items;
}

const messages = (d: SlackDigest) => [{ text: d.text, blocks: d.blocks }, ...d.replies];
const textOf = (b: any): string[] => [b.text?.text, ...(b.elements ?? []).map((e: any) => e.text)].filter((t): t is string => typeof t === 'string');

describe('renderSlack', () => {
  const model = buildDigest({ items: bigCorpus(), claims, ...window, failingFeeds: [{ url: 'https://bad.example/feed', error: 'feed_timeout', consecutiveFailures: 5 }] });
  const digest = renderSlack(model);

  it('keeps a digest of 300 stories within every Slack limit', () => {
    assert.equal(model.stats.stories, 300);
    for (const m of messages(digest)) {
      assert.ok(m.blocks.length <= SLACK_LIMITS.blocksPerMessage, `${m.blocks.length} blocks`);
      assert.ok(JSON.stringify(m).length <= SLACK_LIMITS.messageJsonChars, `${JSON.stringify(m).length} chars of JSON`);
      assert.ok(m.text.length > 0 && m.text.length <= 3000);
      for (const b of m.blocks as any[]) {
        if (b.type === 'section') assert.ok(b.text.text.length <= SLACK_LIMITS.sectionChars, `section of ${b.text.text.length}`);
        if (b.type === 'header') assert.ok(b.text.text.length <= SLACK_LIMITS.headerChars);
        if (b.type === 'context') for (const t of textOf(b)) assert.ok(t.length <= SLACK_LIMITS.contextChars);
      }
    }
    assert.ok(digest.replies.length > 0, 'overflow went into thread replies');
    assert.ok(digest.replies.length <= SLACK_LIMITS.maxReplies);
    assert.match(JSON.stringify(digest.blocks), /more entries in the thread/);
  });

  it('loses nothing: every entry is shown in the parent or a reply, or counted in "and N more"', () => {
    const all = messages(digest).flatMap((m) => m.blocks).flatMap(textOf).join('\n');
    const expected = [
      ...model.claimSections.flatMap((s) => s.entries.map((e) => `${s.claimId}:${e.storyId}`)),
      ...model.otherStories.map((s) => `other:${s.storyId}`),
    ];
    // Each rendered entry links its representative URL once per appearance.
    const shown = [...all.matchAll(/<https:\/\/news\.example\/(\d+)\/0\?a=1&amp;b=2\|/g)].length;
    assert.equal(shown + digest.hidden, expected.length);
    // Every story appears at least once or the summary covers the remainder.
    const seen = new Set([...all.matchAll(/news\.example\/(\d+)\//g)].map((m) => m[1]));
    if (digest.hidden === 0) assert.equal(seen.size, 300);
  });

  it('renders the parts of an entry: linked title, source, stance, quote, +N sources, update, claim and footer', () => {
    const parent = digest.blocks.flatMap(textOf).join('\n');
    assert.match(parent, /\*Claim C\d:\* Claim number \d says something important about Kazakhstan &amp; the CSTO &lt;troops&gt;\./);
    assert.match(parent, /<https:\/\/news\.example\/\d+\/0\?a=1&amp;b=2\|Story \d+/);
    assert.match(parent, /\+2 sources \(Outlet 1 of \d+, Outlet 2 of \d+\)/);
    assert.match(parent, /\n> Evidence \d+: word\d+ word\d+/);
    assert.match(parent, /\*contradicts\*/);
    assert.match(parent, /Failing feeds: https:\/\/bad\.example\/feed \(feed_timeout ×5\)/);
    assert.match(parent, /300 stories/);
    const all = messages(digest).flatMap((m) => m.blocks).flatMap(textOf).join('\n');
    assert.match(all, /killed: 164 → \*2\d\d\*/);
    if (digest.hidden === 0) assert.match(all, /\*Other news\* \(100\)/);
    else assert.match(all, /…and \d+ more entries not shown here/);
  });

  it('never cuts a word: shortened text ends at a word boundary with an ellipsis', () => {
    for (const t of messages(digest).flatMap((m) => m.blocks).flatMap(textOf)) {
      for (const m of t.matchAll(/(\S*)…/g)) assert.match(m[1], /^(word\d+|[^\w]*|.*\w)$/, `suspicious cut before … in ${m[0]}`);
    }
    const header = (digest.blocks[0] as any).text.text as string;
    assert.ok(header.length <= 150);
  });

  it('never leaves a claim heading or divider at the end of a message, and labels continued sections', () => {
    for (const m of messages(digest)) {
      const content = (m.blocks as any[]).filter((b) => b.type !== 'context');
      const lastBlock = content[content.length - 1];
      assert.ok(lastBlock.type !== 'divider', 'message ends with a divider');
      assert.ok(!/^\*(Claim C\d|Other news)/.test(lastBlock.text?.text ?? ''), `message ends with a heading: ${lastBlock.text?.text?.slice(0, 40)}`);
    }
    for (const r of digest.replies) {
      const first = r.blocks[0] as any;
      assert.ok(first.type === 'divider' || /continued/.test(first.elements?.[0]?.text ?? ''), 'a reply starts with a new section or says what it continues');
    }
  });

  it('summarises what does not fit the replies as "and N more", counted exactly', () => {
    const huge = buildDigest({ items: bigCorpus().concat(bigCorpus().map((i) => ({ ...i, id: `x${i.id}`, storyId: `x${i.storyId}` }))), claims, ...window });
    const d = renderSlack(huge);
    const total = huge.claimSections.reduce((n, s) => n + s.entries.length, 0) + huge.otherStories.length;
    assert.ok(d.hidden > 0);
    assert.equal(d.replies.length, SLACK_LIMITS.maxReplies);
    const all = messages(d).flatMap((m) => m.blocks).flatMap(textOf).join('\n');
    const shown = [...all.matchAll(/<https:\/\/news\.example\/(\d+)\/0\?a=1&amp;b=2\|/g)].length;
    assert.equal(shown + d.hidden, total);
    assert.match(JSON.stringify(d.replies.at(-1)), new RegExp(`and ${d.hidden} more entries not shown`));
    for (const m of messages(d)) assert.ok(JSON.stringify(m).length <= SLACK_LIMITS.messageJsonChars);
  });

  it('names at most a dozen failing feeds in the footer and counts the rest', () => {
    const failingFeeds = Array.from({ length: 40 }, (_, i) => ({ url: `https://feed${i}.example/rss`, error: 'feed_timeout', consecutiveFailures: 3 + i }));
    const d = renderSlack(buildDigest({ items: [storedItem({ id: 'a' })], claims, ...window, failingFeeds }));
    const footer = JSON.stringify(d.blocks.at(-1));
    assert.match(footer, /feed11\.example/);
    assert.doesNotMatch(footer, /feed12\.example/);
    assert.match(footer, /and 28 more \(claimwatch feeds\)/);
  });

  it('cuts a long header at a word boundary', () => {
    const long = buildDigest({ items: [storedItem({ id: 'a' })], claims, ...window, title: 'alpha '.repeat(40) + 'omega' });
    const header = (renderSlack(long).blocks[0] as any).text.text as string;
    assert.ok(header.length <= 150);
    assert.match(header, /alpha…$/);
  });

  it('escapes &, < and > in titles, quotes and sources', () => {
    const one = buildDigest({
      items: [storedItem({ id: 'e', title: 'A <b> & c', source: 'S&P <x>', claims: [{ claim: 'C1', stance: 'supports', evidence: 'Quote <1> & 2', score: 1 }] })],
      claims,
      ...window,
    });
    const text = renderSlack(one).blocks.flatMap(textOf).join('\n');
    assert.match(text, /\|A &lt;b&gt; &amp; c>/);
    assert.match(text, /S&amp;P &lt;x&gt;/);
    assert.match(text, /> Quote &lt;1&gt; &amp; 2/);
    assert.ok(!/<b>|<1>|<x>/.test(text));
  });

  it('posts an explicit "nothing new" message for an empty digest', () => {
    const empty = renderSlack(buildDigest({ items: [], claims, ...window }));
    assert.equal(empty.replies.length, 0);
    assert.match(JSON.stringify(empty.blocks), /Nothing new/);
  });
});

describe('truncateWords and escapeMrkdwn', () => {
  it('cuts at the last whole word and adds an ellipsis', () => {
    assert.equal(truncateWords('the quick brown fox jumps', 14), 'the quick…');
    assert.equal(truncateWords('short', 10), 'short');
    assert.ok(truncateWords('a'.repeat(50), 10).length <= 10);
  });
  it('escapes the three mrkdwn control characters', () => {
    assert.equal(escapeMrkdwn('a & <b> c'), 'a &amp; &lt;b&gt; c');
  });
});
