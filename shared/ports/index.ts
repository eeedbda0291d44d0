// Ports: what the use cases need from the outside world. Adapters in ../adapters implement them;
// tests pass fakes (see test/helpers/memory-store.ts). Only types here, no I/O.
import type {
  ClaimLinkRecord,
  FingerprintRecord,
  Claim,
  Classification,
  ClassifiableItem,
  ClaimLink,
  FeedRunResult,
  FeedSpec,
  FeedState,
  RawEntry,
  RunSummary,
  StoredItem,
  Topic,
} from '../domain/types.ts';
import type { ErrorCode } from '../errors.ts';

export interface Clock {
  now(): Date;
}

/** The subset of the Powertools logger the use cases use. */
export interface Log {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** Business metrics (Powertools metrics in Lambda, counters locally). Names PascalCase plural. */
export interface Metrics {
  count(name: string, value?: number): void;
}

/** Progress for people at a terminal: one line per stage. A no-op in Lambda. */
export interface Progress {
  stage(name: string, detail?: string): void;
}

// ---------------------------------------------------------------- feeds

/** What one conditional fetch of a feed produced. */
export interface FeedFetchResult {
  feedId: string;
  url: string;
  /** `ok`: body parsed into entries; `not_modified`: 304; `error`: see `error`. */
  outcome: 'ok' | 'not_modified' | 'error';
  /** HTTP status of the final response, 0 when none arrived. */
  status: number;
  error?: ErrorCode;
  message?: string;
  entries: RawEntry[];
  /** Body bytes exactly as received (after transfer decoding), for the raw archive. */
  body?: Uint8Array;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  fetchedAt: string;
  /** Final URL after redirects. */
  finalUrl?: string;
}

export interface FeedSource {
  /**
   * Fetches every feed with bounded concurrency and at most one request at a time per host,
   * sending conditional GETs from `states`. Never throws for a feed's failure: each result
   * carries its own error code.
   */
  fetchAll(feeds: FeedSpec[], states: Map<string, FeedState>, options?: { deadline?: Date }): Promise<FeedFetchResult[]>;
}

/** A batch of feeds for one ingest worker invocation (the Lambda fan-out). */
export interface FeedBatch {
  runId: string;
  feedIds: string[];
}

export interface FeedQueue {
  /** Enqueues every batch; throws when some could not be sent. */
  enqueue(batches: FeedBatch[]): Promise<void>;
}

// ---------------------------------------------------------------- classification

export interface Classifier {
  readonly name: string;
  classify(items: ClassifiableItem[]): Promise<Classification[]>;
}

// ---------------------------------------------------------------- storage

export interface PutItemsResult {
  created: string[];
  existing: string[];
  /** Ids that could not be stored (throttled, unavailable): the next run retries them. */
  failed: Array<{ id: string; error: ErrorCode; message?: string }>;
}

export interface ItemStore {
  /** Which of these ids are already stored. */
  existingIds(ids: string[]): Promise<Set<string>>;
  /**
   * Stores each item with a conditional put on its id: a retried or overlapping run never stores
   * an item twice. Claim links are written before the item, so a stored item always has its links.
   */
  putItems(items: StoredItem[]): Promise<PutItemsResult>;
  getItem(id: string): Promise<StoredItem | undefined>;
  /** Items first stored in [since, until), oldest first. */
  listItemsSince(since: string, until?: string): Promise<StoredItem[]>;
  /** Every stored item (for reclassify), oldest first. */
  listAllItems(): Promise<StoredItem[]>;
  listStoryMembers(storyId: string): Promise<StoredItem[]>;
  /** Fingerprints of items published since `since`, for near-duplicate grouping. */
  recentFingerprints(since: string): Promise<FingerprintRecord[]>;
  /** Links of one claim, oldest first. */
  listClaimLinks(claimId: string): Promise<ClaimLinkRecord[]>;
  /** Replaces an item's classification and its claim links (reclassify). */
  replaceClassification(item: StoredItem, classification: Classification): Promise<void>;
}

export interface FeedStateStore {
  getFeedStates(feedIds: string[]): Promise<Map<string, FeedState>>;
  /** Writes only the states given; callers skip unchanged ones (a 304 costs no write). */
  putFeedStates(states: FeedState[]): Promise<void>;
  listFeedStates(): Promise<FeedState[]>;
}

export interface RunRecord extends RunSummary {
  feedResults?: FeedRunResult[];
}

export interface RunStore {
  putRun(run: RunRecord): Promise<void>;
  /** Most recent first. */
  listRuns(limit: number): Promise<RunRecord[]>;
  /** A lease so that a run already in progress is not started twice. */
  acquireLock(name: string, owner: string, until: Date, now: Date): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
}

export type DigestTarget = 'slack' | 'terminal';

export interface DigestRecord {
  /** `<target>#<since>`: the window start makes a retried digest the same record. */
  id: string;
  target: DigestTarget;
  since: string;
  until: string;
  status: 'pending' | 'posted';
  itemIds: string[];
  createdAt: string;
  postedAt?: string;
  /** Slack message ts of the parent message. */
  ts?: string;
  attempts: number;
  leaseUntil?: string;
}

export interface DigestStore {
  /** The most recent posted digest for a target. */
  lastPostedDigest(target: DigestTarget): Promise<DigestRecord | undefined>;
  /** Oldest digest for a target that was recorded but never posted. */
  pendingDigest(target: DigestTarget): Promise<DigestRecord | undefined>;
  /** Conditional create: `exists` when a digest with this id is already recorded. */
  createDigest(record: DigestRecord): Promise<'created' | 'exists'>;
  getDigest(id: string): Promise<DigestRecord | undefined>;
  /** Takes the posting lease if the digest is not posted and no live lease exists. */
  claimDigest(id: string, leaseUntil: Date, now: Date): Promise<boolean>;
  markDigestPosted(id: string, postedAt: string, ts?: string): Promise<void>;
}

export type Store = ItemStore & FeedStateStore & RunStore & DigestStore;

/** Raw and normalised copies in S3. */
export interface Archive {
  /** Stores a feed body as received; returns its key (`feeds/<feed id>/<date>/…`). */
  putFeedBody(feedId: string, fetchedAt: string, body: Uint8Array, contentType?: string): Promise<string>;
  /** Stores an item's normalised JSON at `items/<yyyy>/<mm>/<id>.json`; returns the key. */
  putItem(item: StoredItem): Promise<string>;
  getItem(key: string): Promise<StoredItem | undefined>;
}

// ---------------------------------------------------------------- digest delivery

export interface PostResult {
  /** Slack ts of the parent message, when posted to Slack. */
  ts?: string;
}

export interface Notifier {
  readonly target: DigestTarget;
  /** Posts a rendered digest. Throws ClaimwatchError with a `slack_*` code on failure. */
  post(digest: import('../domain/digest/model.ts').DigestModel): Promise<PostResult>;
}

export type { Claim, ClaimLinkRecord, FeedSpec, FingerprintRecord, Topic };
