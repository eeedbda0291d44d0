// Digest: what is new since the last posted digest → recorded (conditional write) → posted once.
// Called by the send-digest Lambda, run-cycle, the CLI and the slash-command worker.
//
// Why this order: the digest is recorded with a conditional create BEFORE posting, posted under a
// lease, and marked posted AFTER, so a retried or overlapping invocation never posts twice and a
// failed post stays pending. The next run retries a pending digest first, re-rendering exactly the
// items it recorded; items newer than that go into the following digest (which starts where the
// pending one ends), so no item is posted twice or skipped. Each window also re-reads the last few
// minutes of the previous one (minus what it posted) for items stored late by a concurrent ingest.
import { buildDigest } from '../domain/digest/build.ts';
import type { DigestModel, DigestStats, FailingFeed } from '../domain/digest/model.ts';
import type { Claim, StoredItem } from '../domain/types.ts';
import { errorCode } from '../errors.ts';
import type { Clock, DigestRecord, DigestTarget, Log, Metrics, Notifier, Store } from '../ports/index.ts';

export interface SendDigestDeps {
  store: Store;
  notifier: Notifier;
  clock: Clock;
  log: Log;
  metrics?: Metrics;
  claims: Claim[];
  timeZone: string;
  /** Post a "nothing new" digest for an empty window (default false: post nothing). */
  postEmpty?: boolean;
  /** Consecutive failures before a feed is listed as failing (default 3). */
  failingFeedThreshold?: number;
  timelines?: () => Promise<Map<string, string>>;
  /** How long one posting attempt holds the digest (default 5 minutes). */
  leaseMs?: number;
}

export interface SendDigestInput {
  /** Preview the window [since, now) without recording anything (CLI `digest --since`). */
  since?: string;
  runStats?: Partial<DigestStats>;
}

export interface SendDigestOutcome {
  /**
   * `posted`: delivered (and recorded, unless a preview); `empty`: nothing new, nothing posted;
   * `already_posted`: another invocation posted this digest; `busy`: another invocation holds the
   * posting lease; `failed`: the post failed and the digest stays pending for the next run.
   */
  status: 'posted' | 'empty' | 'already_posted' | 'failed' | 'busy';
  items: number;
  stories: number;
  target: DigestTarget;
  digestId?: string;
  error?: string;
  /** True for a `since` preview, which records nothing. */
  preview?: boolean;
}

export const EPOCH = '1970-01-01T00:00:00.000Z';

/** The failing feeds to show in a digest. */
export async function failingFeeds(store: Pick<Store, 'listFeedStates'>, threshold: number): Promise<FailingFeed[]> {
  const states = await store.listFeedStates();
  return states
    .filter((s) => s.consecutiveFailures >= threshold)
    .sort((a, b) => b.consecutiveFailures - a.consecutiveFailures || a.url.localeCompare(b.url))
    .map((s) => ({ url: s.url, error: s.lastErrorCode, consecutiveFailures: s.consecutiveFailures }));
}

/** Builds the digest model of a window from the store, without recording or posting anything. */
export async function digestModel(
  deps: Pick<SendDigestDeps, 'store' | 'claims' | 'timeZone' | 'failingFeedThreshold' | 'timelines' | 'log'>,
  window: { since: string; until: string; items?: StoredItem[]; stats?: Partial<DigestStats> },
): Promise<DigestModel> {
  const items = window.items ?? (await deps.store.listItemsSince(window.since, window.until));
  // Timelines read every claim link; they only annotate claim sections, so skip them when no item
  // in the window links to a claim (e.g. a run where every feed answered 304).
  const needTimelines = items.some((i) => i.claims.length > 0);
  const [timelines, failing] = await Promise.all([
    deps.timelines && needTimelines
      ? deps.timelines().catch((e: unknown) => {
          deps.log.warn('claim timelines unavailable; digest sent without them', { error: (e as Error).message });
          return new Map<string, string>();
        })
      : Promise.resolve(new Map<string, string>()),
    failingFeeds(deps.store, deps.failingFeedThreshold ?? 3),
  ]);
  return buildDigest({ items, claims: deps.claims, since: window.since, until: window.until, timeZone: deps.timeZone, timelines, failingFeeds: failing, stats: window.stats });
}

/** How far back a window re-reads, for items stamped before the last digest but stored after it. */
export const LATE_ITEM_OVERLAP_MS = 5 * 60_000;

/** The end of a window includes items stamped in its last millisecond (the cycle's own items). */
const inclusive = (iso: string) => new Date(new Date(iso).getTime() + 1).toISOString();

/**
 * Items new since the last posted digest. The window re-reads a few minutes before its start and
 * leaves out what the last digest posted, so an item stamped just before a digest but visible only
 * after it (a concurrent ingest) is not lost, and nothing is posted twice.
 */
async function newItems(store: Store, last: DigestRecord | undefined, until: string): Promise<StoredItem[]> {
  if (!last) return store.listItemsSince(EPOCH, inclusive(until));
  const from = Math.max(new Date(last.since).getTime(), new Date(last.until).getTime() - LATE_ITEM_OVERLAP_MS);
  const posted = new Set(last.itemIds);
  return (await store.listItemsSince(new Date(from).toISOString(), inclusive(until))).filter((i) => !posted.has(i.id));
}

/** Records a window that had nothing to post as done, without posting anything. */
async function skipWindow(store: Store, w: Pick<DigestRecord, 'id' | 'target' | 'since' | 'until'>): Promise<void> {
  const created = await store.createDigest({ ...w, status: 'pending', itemIds: [], createdAt: w.until, attempts: 0 });
  if (created === 'created') await store.markDigestPosted(w.id, w.until);
}

const storiesOf = (m: DigestModel) => m.stats.stories;

/** Our code, or a `code` string the error carries (fakes, SDK errors), else `internal`. */
const codeOf = (e: unknown): string => {
  const c = errorCode(e);
  if (c !== 'internal') return c;
  const raw = (e as { code?: unknown } | undefined)?.code;
  return typeof raw === 'string' ? raw : c;
};

/** Posts what is new since the last posted digest for the notifier's target, exactly once. */
export async function sendDigest(deps: SendDigestDeps, input: SendDigestInput = {}): Promise<SendDigestOutcome> {
  const { store, notifier, clock, log } = deps;
  const target = notifier.target;
  const now = clock.now();
  const until = now.toISOString();

  if (input.since) {
    const items = await store.listItemsSince(input.since, inclusive(until));
    const model = await digestModel(deps, { since: input.since, until, items, stats: input.runStats });
    const base = { items: model.itemIds.length, stories: storiesOf(model), target, preview: true };
    if (model.itemIds.length === 0 && !deps.postEmpty) return { status: 'empty', ...base };
    try {
      await notifier.post(model);
      return { status: 'posted', ...base };
    } catch (e) {
      log.error('digest preview not delivered', { target, error: codeOf(e), message: (e as Error).message });
      return { status: 'failed', ...base, error: codeOf(e) };
    }
  }

  // A digest recorded earlier but never posted goes first, with exactly the items it recorded.
  let record = await store.pendingDigest(target);
  let model: DigestModel;
  if (record) {
    const items = (await Promise.all(record.itemIds.map((id) => store.getItem(id)))).filter((i): i is StoredItem => i !== undefined);
    model = await digestModel(deps, { since: record.since, until: record.until, items, stats: input.runStats });
    log.info('retrying pending digest', { digestId: record.id, attempts: record.attempts });
  } else {
    const last = await store.lastPostedDigest(target);
    const since = last?.until ?? EPOCH;
    const items = await newItems(store, last, until);
    model = await digestModel(deps, { since, until, items, stats: input.runStats });
    if (model.itemIds.length === 0 && !deps.postEmpty) {
      // Only off-topic items: record the window as done (nothing posted) so the next digest does
      // not read them again. A window with no items at all records nothing.
      if (items.length > 0) await skipWindow(store, { id: `${target}#${since}`, target, since, until });
      return { status: 'empty', items: 0, stories: 0, target };
    }
    const fresh: DigestRecord = {
      id: `${target}#${since}`,
      target,
      since,
      until,
      status: 'pending',
      itemIds: model.itemIds,
      createdAt: until,
      attempts: 0,
    };
    if ((await store.createDigest(fresh)) === 'created') record = fresh;
    else {
      // An overlapping invocation recorded this window first: post (or skip) its record, not ours.
      record = await store.getDigest(fresh.id);
      if (!record) return { status: 'busy', items: 0, stories: 0, target, digestId: fresh.id };
      if (record.status === 'posted') return { status: 'already_posted', items: record.itemIds.length, stories: 0, target, digestId: record.id };
      const items = (await Promise.all(record.itemIds.map((id) => store.getItem(id)))).filter((i): i is StoredItem => i !== undefined);
      model = await digestModel(deps, { since: record.since, until: record.until, items, stats: input.runStats });
    }
  }

  const base = { items: model.itemIds.length, stories: storiesOf(model), target, digestId: record.id };
  const leaseUntil = new Date(now.getTime() + (deps.leaseMs ?? 5 * 60_000));
  if (!(await store.claimDigest(record.id, leaseUntil, now))) {
    const cur = await store.getDigest(record.id);
    return { status: cur?.status === 'posted' ? 'already_posted' : 'busy', ...base };
  }

  let ts: string | undefined;
  try {
    ({ ts } = await notifier.post(model));
  } catch (e) {
    deps.metrics?.count('DigestFailures');
    log.error('digest not posted; it stays pending and the next run retries it', {
      digestId: record.id,
      target,
      error: codeOf(e),
      message: (e as Error).message,
    });
    return { status: 'failed', ...base, error: codeOf(e) };
  }
  await store.markDigestPosted(record.id, clock.now().toISOString(), ts);
  deps.metrics?.count('DigestsPosted');
  log.info('digest posted', { digestId: record.id, target, items: base.items, stories: base.stories });
  return { status: 'posted', ...base };
}
