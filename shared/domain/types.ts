// The vocabulary of claimwatch: pure data, no I/O.

/** Watched subjects. */
export const TOPICS = ['kazakhstan', 'sco', 'csto', 'china'] as const;
export type Topic = (typeof TOPICS)[number];

/** How an item relates to a claim (see ../shared/eval/README.md). */
export const STANCES = ['supports', 'contradicts', 'updates', 'mentions'] as const;
export type Stance = (typeof STANCES)[number];

/** One feed to watch, as in a feeds file. Only `url` is required in the file; `id` is derived. */
export interface FeedSpec {
  id: string;
  url: string;
  name?: string;
  topics?: Topic[];
  language?: string;
}

/** One claim, as in a claims file: `id` and `text` required, the rest optional. */
export interface Claim {
  id: string;
  text: string;
  seeds?: string[];
  quote?: string;
}

/** An entry as read from a source (feed entry or seed article), before identity and cleaning. */
export interface RawEntry {
  /** Feed id, or `seed` for the seed articles. */
  feedId: string;
  /** Human name of the source (site or outlet). */
  source: string;
  guid?: string;
  link?: string;
  title: string;
  /** Text as received (HTML stripped or not); cleaned later. */
  text: string;
  /** ISO 8601 publication date when the source gives one. */
  published?: string;
  language?: string;
}

/** A normalised item: what is stored and classified. */
export interface Item {
  /** Stable id from canonical URL, else GUID, else title + date (see identity.ts). */
  id: string;
  feedId: string;
  source: string;
  url?: string;
  canonicalUrl?: string;
  guid?: string;
  title: string;
  /** Cleaned text. */
  text: string;
  /** Text as received. */
  rawText: string;
  /** ISO 8601; the fetch time when the source gives no date, never in the future. */
  publishedAt: string;
  fetchedAt: string;
  /** ISO 639-1 where detected (`en`, `ru`), else `und`. */
  language: string;
  /** Near-duplicate fingerprint (hex). */
  fingerprint: string;
  /** Story this item belongs to: the id of the story's first item. */
  storyId: string;
}

/** A change of a figure or state that an `updates` link records. */
export interface ClaimUpdate {
  /** What changed, e.g. `killed`, `detained`, `troops`. */
  subject?: string;
  old: string;
  new: string;
}

/** One item–claim link. */
export interface ClaimLink {
  claim: string;
  stance: Stance;
  /** Sentence copied verbatim from the item's title or text. */
  evidence: string;
  score: number;
  update?: ClaimUpdate;
}

/** The classifier's verdict for one item. */
export interface Classification {
  id: string;
  relevant: boolean;
  topics: Topic[];
  claims: ClaimLink[];
}

/** What the classifier needs of an item. */
export interface ClassifiableItem {
  id: string;
  title: string;
  text: string;
  date?: string;
  language?: string;
}

/** An item with its classification, as stored. */
export interface StoredItem extends Item {
  relevant: boolean;
  topics: Topic[];
  claims: ClaimLink[];
  /** When the item was first stored (drives "new since T"). */
  ingestedAt: string;
  /** S3 key of the normalised JSON copy. */
  archiveKey?: string;
  /** True when `text` was too large for DynamoDB and lives only in S3. */
  textInArchive?: boolean;
}

/** Persistent per-feed state: conditional GET validators and health. */
export interface FeedState {
  feedId: string;
  url: string;
  etag?: string;
  lastModified?: string;
  lastSuccessAt?: string;
  lastStatus?: number;
  lastErrorCode?: string;
  lastErrorAt?: string;
  consecutiveFailures: number;
  lastItemCount?: number;
}

/** Outcome of one feed in one run. */
export interface FeedRunResult {
  feedId: string;
  url: string;
  ok: boolean;
  /** HTTP status, 0 when no response arrived. */
  status: number;
  error?: string;
  message?: string;
  entries: number;
  notModified?: boolean;
}

/** Summary of one cycle, as printed by `run --json` (plus bookkeeping fields). */
export interface RunSummary {
  runId: string;
  startedAt: string;
  finishedAt?: string;
  items: { fetched: number; new: number; duplicates: number };
  feeds: Array<{ url: string; ok: boolean; status: number; error?: string }>;
  classified: number;
  matched: number;
  digest: { items: number; target: 'terminal' | 'slack' | 'none' };
  /** Items that could not be stored this run (picked up by the next run). */
  failed?: number;
}

/** A claim link as stored for "items for claim C by date" and the claim timeline. */
export interface ClaimLinkRecord extends ClaimLink {
  itemId: string;
  storyId: string;
  publishedAt: string;
  title: string;
  source: string;
  url?: string;
}

/** Minimal item view used for near-duplicate grouping. */
export interface FingerprintRecord {
  id: string;
  storyId: string;
  fingerprint: string;
  publishedAt: string;
}

/** The stored record of one item–claim link. */
export function claimLinkRecord(item: StoredItem, link: ClaimLink): ClaimLinkRecord {
  return { ...link, itemId: item.id, storyId: item.storyId, publishedAt: item.publishedAt, title: item.title, source: item.source, url: item.url };
}
