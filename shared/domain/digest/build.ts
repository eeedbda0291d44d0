// Builds the digest model from stored items: on-topic items only, grouped into stories, stories
// grouped by claim (most newsworthy first), then on-topic stories that touch no claim. Pure.
import type { Claim, ClaimLink, StoredItem } from '../types.ts';
import { STANCE_RANK, formatDay } from './format.ts';
import type { DigestClaimEntry, DigestClaimSection, DigestModel, DigestStats, DigestStory, FailingFeed } from './model.ts';

export interface BuildDigestInput {
  items: StoredItem[];
  claims: Claim[];
  since: string;
  until: string;
  timeZone: string;
  /** One timeline line per claim id (see use-cases/claim-timeline.ts). */
  timelines?: Map<string, string>;
  /** Run figures to show in the context line; computed ones fill the gaps. */
  stats?: Partial<DigestStats>;
  failingFeeds?: FailingFeed[];
  title?: string;
}

/** An item belongs in the digest when it touches a watched topic, is relevant or is linked to a claim. */
export const isDigestible = (i: StoredItem): boolean => i.topics.length > 0 || i.relevant || i.claims.length > 0;

const byLinkStrength = (a: ClaimLink, b: ClaimLink) => STANCE_RANK[a.stance] - STANCE_RANK[b.stance] || b.score - a.score;

const newestFirst = (a: { publishedAt: string }, b: { publishedAt: string }) => b.publishedAt.localeCompare(a.publishedAt);

/** Builds the digest model for the window [since, until). */
export function buildDigest(input: BuildDigestInput): DigestModel {
  const digestible = input.items.filter(isDigestible);

  // Stories: items sharing a storyId; the representative is the earliest item.
  const groups = new Map<string, StoredItem[]>();
  for (const item of digestible) {
    const g = groups.get(item.storyId);
    if (g) g.push(item);
    else groups.set(item.storyId, [item]);
  }

  const stories: Array<{ story: DigestStory; links: Map<string, ClaimLink> }> = [];
  for (const [storyId, members] of groups) {
    members.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
    const rep = members[0];
    const otherSources = [...new Set(members.map((m) => m.source))].filter((s) => s !== rep.source);
    const story: DigestStory = {
      storyId,
      title: rep.title,
      url: rep.url,
      source: rep.source,
      publishedAt: rep.publishedAt,
      topics: [...new Set(members.flatMap((m) => m.topics))],
      otherSources,
      itemIds: members.map((m) => m.id),
    };
    // Per claim, the strongest link any member has (contradicts > updates > supports > mentions, then score).
    const links = new Map<string, ClaimLink>();
    for (const link of members.flatMap((m) => m.claims)) {
      const cur = links.get(link.claim);
      if (!cur || byLinkStrength(link, cur) < 0) links.set(link.claim, link);
    }
    stories.push({ story, links });
  }

  const claimOrder = new Map(input.claims.map((c, i) => [c.id, i]));
  const claimText = new Map(input.claims.map((c) => [c.id, c.text]));
  const sections = new Map<string, DigestClaimSection>();
  const other: DigestStory[] = [];
  for (const { story, links } of stories) {
    if (links.size === 0) {
      other.push(story);
      continue;
    }
    for (const [claimId, link] of links) {
      let section = sections.get(claimId);
      if (!section) {
        section = { claimId, claimText: claimText.get(claimId) ?? claimId, timeline: input.timelines?.get(claimId), entries: [] };
        sections.set(claimId, section);
      }
      const entry: DigestClaimEntry = { ...story, stance: link.stance, evidence: link.evidence, score: link.score };
      if (link.update) entry.update = link.update;
      section.entries.push(entry);
    }
  }

  for (const s of sections.values()) {
    s.entries.sort((a, b) => STANCE_RANK[a.stance] - STANCE_RANK[b.stance] || b.score - a.score || newestFirst(a, b) || a.storyId.localeCompare(b.storyId));
  }
  const claimSections = [...sections.values()].sort((a, b) => {
    const [ea, eb] = [a.entries[0], b.entries[0]];
    return (
      STANCE_RANK[ea.stance] - STANCE_RANK[eb.stance] ||
      b.entries.length - a.entries.length ||
      (claimOrder.get(a.claimId) ?? Infinity) - (claimOrder.get(b.claimId) ?? Infinity) ||
      a.claimId.localeCompare(b.claimId)
    );
  });
  other.sort((a, b) => newestFirst(a, b) || a.storyId.localeCompare(b.storyId));

  const linked = stories.length - other.length;
  const stats: DigestStats = {
    ...input.stats,
    newItems: input.stats?.newItems ?? input.items.length,
    stories: stories.length,
    linked,
    offTopic: input.items.length - digestible.length,
  };

  return {
    title: input.title ?? defaultTitle(input, stories.length, linked),
    since: input.since,
    until: input.until,
    timeZone: input.timeZone,
    claimSections,
    otherStories: other,
    stats,
    failingFeeds: input.failingFeeds ?? [],
    itemIds: digestible.map((i) => i.id),
  };
}

function defaultTitle(input: BuildDigestInput, stories: number, linked: number): string {
  const day = formatDay(input.until, input.timeZone);
  if (stories === 0) return `claimwatch · ${day} · nothing new`;
  return `claimwatch · ${day} · ${stories} new ${stories === 1 ? 'story' : 'stories'}, ${linked} on claims`;
}

/** Distinct stories in a digest (claim-linked and other). */
export function storyCount(model: DigestModel): number {
  return new Set([...model.claimSections.flatMap((s) => s.entries.map((e) => e.storyId)), ...model.otherStories.map((s) => s.storyId)]).size;
}
