// The digest as data: built from stored items by buildDigest, rendered for Slack, the terminal and
// HTML. Pure; no I/O.
import type { ClaimUpdate, Stance, Topic } from '../types.ts';

/** One story in the digest (a group of near-duplicate items told by one or more outlets). */
export interface DigestStory {
  storyId: string;
  title: string;
  url?: string;
  source: string;
  publishedAt: string;
  topics: Topic[];
  /** Other outlets that told the same story ("+N sources"). */
  otherSources: string[];
  itemIds: string[];
}

/** A story's link to one claim. */
export interface DigestClaimEntry extends DigestStory {
  stance: Stance;
  evidence: string;
  score: number;
  update?: ClaimUpdate;
}

export interface DigestClaimSection {
  claimId: string;
  claimText: string;
  /** One line from the claim timeline, e.g. "killed: 164 in the seed → 238 (prosecutor, Sep 2022)". */
  timeline?: string;
  entries: DigestClaimEntry[];
}

export interface FailingFeed {
  url: string;
  name?: string;
  error?: string;
  consecutiveFailures: number;
}

export interface DigestStats {
  runs?: number;
  fetched?: number;
  newItems: number;
  stories: number;
  linked: number;
  offTopic?: number;
}

export interface DigestModel {
  title: string;
  since: string;
  until: string;
  /** IANA zone dates are shown in, e.g. Asia/Almaty. */
  timeZone: string;
  claimSections: DigestClaimSection[];
  /** On-topic stories that touch no claim. */
  otherStories: DigestStory[];
  stats: DigestStats;
  failingFeeds: FailingFeed[];
  /** Every item id the digest covers (recorded so items are posted once). */
  itemIds: string[];
}
