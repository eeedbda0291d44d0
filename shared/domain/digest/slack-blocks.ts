// Renders a digest model as Slack Block Kit messages within Slack's limits: a parent message and,
// for what does not fit, thread replies in order, then an "and N more" summary. Nothing is cut
// mid-word or dropped without being counted. Pure.
import { STANCE_EMOJI, escapeMrkdwn, formatDate, plural, safeUrl, truncateWords } from './format.ts';
import type { DigestClaimEntry, DigestModel, DigestStory } from './model.ts';

export interface SlackMessage {
  text: string;
  blocks: object[];
}

export interface SlackDigest extends SlackMessage {
  replies: SlackMessage[];
  /** Entries summarised as "and N more" because they did not fit the replies (0 normally). */
  hidden: number;
}

/** Slack's limits and ours (a message far below the size at which Slack refuses it). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionChars: 3000,
  headerChars: 150,
  contextChars: 2000,
  messageJsonChars: 12_000,
  /** Beyond this many thread replies the rest is summarised as "and N more". */
  maxReplies: 15,
  titleChars: 200,
  evidenceChars: 400,
} as const;

/** One block and the digest entries it carries (for the "and N more" count). */
interface Unit {
  block: object;
  entries: number;
  /** The section a content unit belongs to, repeated when a reply continues it. */
  label?: string;
}

const section = (text: string): object => ({ type: 'section', text: { type: 'mrkdwn', text } });
/** A context block: one element per text (Slack allows 10), each within the element limit. */
const context = (...texts: string[]): object => ({
  type: 'context',
  elements: texts.slice(0, 10).map((text) => ({ type: 'mrkdwn', text: truncateWords(text, SLACK_LIMITS.contextChars) })),
});
const divider = (): object => ({ type: 'divider' });
const size = (o: unknown) => JSON.stringify(o).length;

/** `<url|title>` with the title escaped; the URL is kept as is except for characters that end the link. */
function link(title: string, url: string | undefined): string {
  const t = escapeMrkdwn(truncateWords(title || '(untitled)', SLACK_LIMITS.titleChars));
  const u = safeUrl(url);
  if (!u) return t;
  return `<${u.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C')}|${t}>`;
}

function sourcesLine(story: DigestStory, timeZone: string): string {
  const parts = [escapeMrkdwn(story.source), formatDate(story.publishedAt, timeZone)];
  if (story.otherSources.length > 0) {
    const names = truncateWords(story.otherSources.join(', '), 200);
    parts.push(`+${plural(story.otherSources.length, 'source')} (${escapeMrkdwn(names)})`);
  }
  return parts.join(' · ');
}

/** One claim entry as mrkdwn; shortened (at word boundaries) until it fits a section. */
export function entryMrkdwn(e: DigestClaimEntry, timeZone: string, evidenceChars: number = SLACK_LIMITS.evidenceChars): string {
  const lines = [
    `${STANCE_EMOJI[e.stance]} *${e.stance}* · ${link(e.title, e.url)}`,
    sourcesLine(e, timeZone),
  ];
  if (e.evidence) lines.push(`> ${escapeMrkdwn(truncateWords(e.evidence, evidenceChars))}`);
  if (e.update) {
    const subject = e.update.subject ? `${escapeMrkdwn(truncateWords(e.update.subject, 60))}: ` : '';
    lines.push(`:chart_with_upwards_trend: ${subject}${escapeMrkdwn(truncateWords(e.update.old, 100))} → *${escapeMrkdwn(truncateWords(e.update.new, 100))}*`);
  }
  const text = lines.join('\n');
  if (text.length <= SLACK_LIMITS.sectionChars || evidenceChars < 20) return text.slice(0, SLACK_LIMITS.sectionChars);
  return entryMrkdwn(e, timeZone, Math.floor(evidenceChars / 2));
}

function storyMrkdwn(s: DigestStory, timeZone: string): string {
  return `• ${link(s.title, s.url)}\n   ${sourcesLine(s, timeZone)}`;
}

/** Packs chunks (each ≤ the section limit) into as few sections as fit, keeping order. */
function pack(chunks: string[], sep: string, label: string): Unit[] {
  const units: Unit[] = [];
  let cur: string[] = [];
  let len = 0;
  const flush = () => {
    if (cur.length === 0) return;
    units.push({ block: section(cur.join(sep)), entries: cur.length, label });
    cur = [];
    len = 0;
  };
  for (const c of chunks) {
    const add = (cur.length ? sep.length : 0) + c.length;
    // ~1,500 chars a section keeps messages readable and lets pagination split finely.
    if (cur.length > 0 && len + add > 1500) flush();
    cur.push(c);
    len += cur.length === 1 ? c.length : add;
  }
  flush();
  return units;
}

/** Footer figures: run figures and failing feeds. */
export function statsLine(model: DigestModel): string {
  const s = model.stats;
  const parts: string[] = [];
  if (s.fetched !== undefined) parts.push(`${s.fetched} fetched`);
  parts.push(`${s.newItems} new items`, plural(s.stories, 'story', 'stories'), `${s.linked} on claims`);
  if (s.offTopic) parts.push(`${s.offTopic} off topic`);
  return parts.join(' · ');
}

/** "Failing feeds: A (feed_timeout ×4), …", at most `max` named and the rest counted. */
export function failingFeedsLine(model: DigestModel, max = Infinity): string | undefined {
  if (model.failingFeeds.length === 0) return undefined;
  const list = model.failingFeeds.slice(0, max).map((f) => `${truncateWords(f.name ?? f.url, 100)} (${f.error ?? 'error'} ×${f.consecutiveFailures})`);
  const more = model.failingFeeds.length - list.length;
  return `Failing feeds: ${list.join(', ')}${more > 0 ? ` and ${more} more (claimwatch feeds)` : ''}`;
}

/** Renders the digest for chat.postMessage: the parent message and thread replies. */
export function renderSlack(model: DigestModel): SlackDigest {
  const tz = model.timeZone;
  const windowLine = `${formatDate(model.since, tz)} → ${formatDate(model.until, tz)} (${tz})`;
  const header: object = { type: 'header', text: { type: 'plain_text', text: truncateWords(model.title, SLACK_LIMITS.headerChars), emoji: true } };

  // Content units in reading order.
  const units: Unit[] = [];
  for (const s of model.claimSections) {
    let head = `*Claim ${escapeMrkdwn(s.claimId)}:* ${escapeMrkdwn(truncateWords(s.claimText, 600))}`;
    if (s.timeline) head += `\n:calendar: _${escapeMrkdwn(truncateWords(s.timeline, 600))}_`;
    units.push({ block: divider(), entries: 0 }, { block: section(head), entries: 0 });
    units.push(...pack(s.entries.map((e) => entryMrkdwn(e, tz)), '\n\n', `Claim ${escapeMrkdwn(s.claimId)}`));
  }
  if (model.otherStories.length > 0) {
    units.push({ block: divider(), entries: 0 }, { block: section(`*Other news* (${model.otherStories.length})`), entries: 0 });
    units.push(...pack(model.otherStories.map((s) => storyMrkdwn(s, tz)), '\n', 'Other news'));
  }
  const totalEntries = units.reduce((n, u) => n + u.entries, 0);

  const failing = failingFeedsLine(model, 12);
  const footer = context(`:bar_chart: ${escapeMrkdwn(statsLine(model))}`, ...(failing ? [`:warning: ${escapeMrkdwn(failing)}`] : []));
  const intro = context(escapeMrkdwn(windowLine));
  const fallback = escapeMrkdwn(truncateWords(`${model.title}. ${statsLine(model)}.${failing ? ` ${failing}.` : ''}`, 2900));
  const replyTitle = escapeMrkdwn(truncateWords(model.title, 200));

  if (totalEntries === 0) {
    return { text: fallback, blocks: [header, intro, section('Nothing new on the watched topics in this window.'), footer], replies: [], hidden: 0 };
  }

  // Greedy pagination: each message ≤ 50 blocks and ≤ the JSON budget, order preserved.
  const budget = SLACK_LIMITS.messageJsonChars;
  const fits = (blocks: object[], extra: object[]) =>
    blocks.length + extra.length <= SLACK_LIMITS.blocksPerMessage && size([...blocks, ...extra]) + 600 <= budget;

  const continued = (n: number) => context(`:thread: ${plural(n, 'more entry', 'more entries')} in the thread`);
  // A divider and a claim heading travel with the first entries under them (no orphaned headings).
  const chunkEnd = (from: number) => {
    let j = from;
    while (j < units.length && units[j].entries === 0) j++;
    return Math.min(j + 1, units.length);
  };
  const take = (blocks: object[], from: number, reserve: object[]): number => {
    let k = from;
    while (k < units.length) {
      const end = chunkEnd(k);
      const chunk = units.slice(k, end).map((u) => u.block);
      if (!fits([...blocks, ...chunk], reserve)) break;
      blocks.push(...chunk);
      k = end;
    }
    return k;
  };
  const entriesIn = (from: number, to: number) => units.slice(from, to).reduce((n, u) => n + u.entries, 0);

  const parent: object[] = [header, intro];
  // The parent keeps room for the footer and a "continued" note.
  let i = take(parent, 0, [footer, continued(totalEntries)]);
  const shownInParent = entriesIn(0, i);
  if (i < units.length) parent.push(continued(totalEntries - shownInParent));
  parent.push(footer);

  const replies: SlackMessage[] = [];
  let shown = shownInParent;
  while (i < units.length) {
    const last = replies.length === SLACK_LIMITS.maxReplies - 1;
    const blocks: object[] = [];
    if (units[i].entries > 0 && units[i].label) blocks.push(context(`_${units[i].label}, continued_`));
    const reserve = last ? [context('x'.repeat(160))] : [];
    const start = i;
    i = take(blocks, i, reserve);
    if (i === start) {
      // Cannot happen with the section cap (a chunk is far below the message budget); never loop.
      throw new Error('digest unit larger than a Slack message');
    }
    shown += entriesIn(start, i);
    const part = replies.length + 2;
    if (last && i < units.length) {
      const hidden = totalEntries - shown;
      blocks.push(context(`…and ${plural(hidden, 'more entry', 'more entries')} not shown here; run \`claimwatch digest\` for the full list.`));
      replies.push({ text: `${replyTitle} (part ${part}, and ${hidden} more)`, blocks });
      return { text: fallback, blocks: parent, replies, hidden };
    }
    replies.push({ text: `${replyTitle} (part ${part})`, blocks });
  }

  return { text: fallback, blocks: parent, replies, hidden: 0 };
}
