// Ingest: fetch feeds (conditional GET) → archive raw bodies → normalise entries into items →
// skip known ids → group near-duplicates into stories → classify → archive item JSON → store.
// Feed validators (ETag, Last-Modified) advance only when every item of the feed is stored, so a
// run that could not store something refetches it next time: nothing is lost, nothing doubled.
import { forEachLimited } from '../domain/limit.ts';
import { normaliseEntry } from '../domain/normalise.ts';
import { assignStories } from '../domain/stories.ts';
import type { FeedRunResult, FeedSpec, FeedState, Item, RawEntry, StoredItem } from '../domain/types.ts';
import type { Archive, Classifier, Clock, FeedFetchResult, FeedSource, Log, Metrics, Progress, RunRecord, Store } from '../ports/index.ts';

export interface IngestDeps {
  store: Store;
  archive: Archive;
  feedSource: FeedSource;
  classifier: Classifier;
  clock: Clock;
  log: Log;
  metrics: Metrics;
  progress: Progress;
}

export interface IngestInput {
  runId: string;
  feeds: FeedSpec[];
  /** Entries that come from no feed (the seed articles). */
  extraEntries?: RawEntry[];
  deadline?: Date;
  /** How far back near-duplicates are looked for. */
  storyWindowDays?: number;
}

export interface IngestResult {
  fetched: number;
  new: number;
  duplicates: number;
  /** Items that could not be stored; the next run picks them up. */
  failed: number;
  classified: number;
  /** New items linked to at least one claim. */
  matched: number;
  feedResults: FeedRunResult[];
  newItemIds: string[];
}

const ARCHIVE_CONCURRENCY = 8;

export async function ingest(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  const { store, archive, feedSource, classifier, clock, log, metrics, progress } = deps;
  const now = clock.now();
  const nowIso = now.toISOString();

  // 1. Fetch
  const states = input.feeds.length ? await store.getFeedStates(input.feeds.map((f) => f.id)) : new Map<string, FeedState>();
  const fetched = input.feeds.length ? await feedSource.fetchAll(input.feeds, states, { deadline: input.deadline }) : [];
  const okCount = fetched.filter((r) => r.outcome !== 'error').length;
  progress.stage('fetch', `${input.feeds.length} feeds: ${okCount} ok (${fetched.filter((r) => r.outcome === 'not_modified').length} unchanged), ${fetched.length - okCount} failed`);
  for (const r of fetched.filter((r) => r.outcome === 'error')) {
    log.warn('feed failed', { feedUrl: r.url, error: r.error, status: r.status, detail: r.message });
  }
  metrics.count('FeedFailures', fetched.length - okCount);

  // 2. Archive raw bodies; a feed whose body could not be archived is not committed this run.
  const uncommitted = new Set<string>();
  await forEachLimited(fetched.filter((r) => r.outcome === 'ok' && r.body), ARCHIVE_CONCURRENCY, async (r) => {
    try {
      await archive.putFeedBody(r.feedId, r.fetchedAt, r.body!, r.contentType);
    } catch (e) {
      uncommitted.add(r.feedId);
      log.error('raw feed body not archived', { feedUrl: r.url, error: (e as Error).message });
    }
  });

  // 3. Normalise and de-duplicate within the run.
  const entries: RawEntry[] = [...(input.extraEntries ?? []), ...fetched.flatMap((r) => (uncommitted.has(r.feedId) ? [] : r.entries))];
  const byId = new Map<string, Omit<Item, 'storyId'>>();
  const feedsOfItem = new Map<string, Set<string>>();
  let duplicates = 0;
  for (const entry of entries) {
    let item: Omit<Item, 'storyId'>;
    try {
      item = normaliseEntry(entry, nowIso);
    } catch (e) {
      log.warn('entry skipped', { feedId: entry.feedId, title: entry.title?.slice(0, 80), error: (e as Error).message });
      continue;
    }
    if (!feedsOfItem.has(item.id)) feedsOfItem.set(item.id, new Set());
    feedsOfItem.get(item.id)!.add(entry.feedId);
    if (byId.has(item.id)) duplicates++;
    else byId.set(item.id, item);
  }

  // 4. Skip what is already stored.
  const known = byId.size ? await store.existingIds([...byId.keys()]) : new Set<string>();
  duplicates += known.size;
  const fresh = [...byId.values()].filter((i) => !known.has(i.id));
  progress.stage('ingest', `${entries.length} entries: ${fresh.length} new, ${duplicates} already seen`);

  // 5. Stories: near-duplicates of recent items (or of each other) join the earliest one's story.
  const windowDays = input.storyWindowDays ?? 30;
  const recent = fresh.length ? await store.recentFingerprints(new Date(now.getTime() - windowDays * 86_400_000).toISOString()) : [];
  const storyOf = assignStories(
    fresh.map((i) => ({ id: i.id, fingerprint: i.fingerprint, publishedAt: i.publishedAt })),
    recent,
  );

  // 6. Classify.
  const verdicts = fresh.length
    ? await classifier.classify(fresh.map((i) => ({ id: i.id, title: i.title, text: i.text, date: i.publishedAt, language: i.language })))
    : [];
  const verdictOf = new Map(verdicts.map((v) => [v.id, v]));
  const matched = verdicts.filter((v) => v.claims.length > 0).length;
  progress.stage('classify', `${verdicts.length} items with ${classifier.name}: ${matched} linked to claims, ${verdicts.filter((v) => v.relevant).length} relevant`);

  // 7. Archive item JSON, then 8. store (the conditional put is the commit point).
  const failedIds = new Set<string>();
  const storable: StoredItem[] = [];
  await forEachLimited(fresh, ARCHIVE_CONCURRENCY, async (i) => {
    const v = verdictOf.get(i.id);
    const item: StoredItem = {
      ...i,
      storyId: storyOf.get(i.id) ?? i.id,
      relevant: v?.relevant ?? false,
      topics: v?.topics ?? [],
      claims: v?.claims ?? [],
      ingestedAt: nowIso,
    };
    try {
      item.archiveKey = await archive.putItem(item);
      storable.push(item);
    } catch (e) {
      failedIds.add(i.id);
      log.error('item not archived', { itemId: i.id, error: (e as Error).message });
    }
  });
  const put = storable.length ? await store.putItems(storable) : { created: [], existing: [], failed: [] };
  duplicates += put.existing.length;
  for (const f of put.failed) {
    failedIds.add(f.id);
    log.error('item not stored', { itemId: f.id, error: f.error, detail: f.message });
  }
  const created = new Set(put.created);
  const createdItems = storable.filter((i) => created.has(i.id));
  metrics.count('ItemsIngested', created.size);
  metrics.count('ClaimLinks', createdItems.reduce((n, i) => n + i.claims.length, 0));
  metrics.count('ClaimUpdates', createdItems.reduce((n, i) => n + i.claims.filter((c) => c.stance === 'updates').length, 0));
  progress.stage('store', `${created.size} stored, ${failedIds.size} failed`);

  // 9. Feed state: write only what changed (a 304 on a healthy feed costs no write).
  const feedFailed = new Set<string>(uncommitted);
  for (const id of failedIds) for (const feedId of feedsOfItem.get(id) ?? []) feedFailed.add(feedId);
  const stateWrites: FeedState[] = [];
  const results: FeedRunResult[] = fetched.map((r) => {
    const next = nextFeedState(states.get(r.feedId), r, nowIso, feedFailed.has(r.feedId));
    if (next) stateWrites.push(next);
    return {
      feedId: r.feedId,
      url: r.url,
      ok: r.outcome !== 'error',
      status: r.status,
      ...(r.error ? { error: r.error } : {}),
      ...(r.message ? { message: r.message } : {}),
      entries: r.entries.length,
      ...(r.outcome === 'not_modified' ? { notModified: true } : {}),
    };
  });
  if (stateWrites.length) await store.putFeedStates(stateWrites);

  return {
    fetched: entries.length,
    new: created.size,
    duplicates,
    failed: failedIds.size,
    classified: verdicts.length,
    matched: createdItems.filter((i) => i.claims.length > 0).length,
    feedResults: results,
    newItemIds: [...created],
  };
}

/** The run record of an ingest (digest filled in by the caller when it posts one). */
export function runRecordOf(result: IngestResult, runId: string, startedAt: Date): RunRecord {
  return {
    runId,
    startedAt: startedAt.toISOString(),
    items: { fetched: result.fetched, new: result.new, duplicates: result.duplicates },
    feeds: result.feedResults.map((f) => ({ url: f.url, ok: f.ok, status: f.status, ...(f.error ? { error: f.error } : {}) })),
    classified: result.classified,
    matched: result.matched,
    digest: { items: 0, target: 'none' },
    ...(result.failed ? { failed: result.failed } : {}),
    feedResults: result.feedResults,
  };
}

/**
 * The feed's next state, or undefined when nothing changed. Validators advance only when the
 * feed's items were all stored (`incomplete` false), so a partial run refetches in full.
 */
export function nextFeedState(prev: FeedState | undefined, r: FeedFetchResult, nowIso: string, incomplete: boolean): FeedState | undefined {
  const base: FeedState = prev ?? { feedId: r.feedId, url: r.url, consecutiveFailures: 0 };
  if (r.outcome === 'error') {
    return {
      ...base,
      url: r.url,
      lastStatus: r.status,
      lastErrorCode: r.error ?? 'internal',
      lastErrorAt: nowIso,
      consecutiveFailures: base.consecutiveFailures + 1,
    };
  }
  if (r.outcome === 'not_modified') {
    // A healthy feed that did not change costs no write; the run record keeps the 304.
    if (prev && prev.consecutiveFailures === 0) return undefined;
    return { ...base, lastStatus: 304, lastSuccessAt: nowIso, consecutiveFailures: 0, lastErrorCode: undefined };
  }
  if (incomplete) return undefined;
  return {
    ...base,
    url: r.url,
    etag: r.etag,
    lastModified: r.lastModified,
    lastStatus: r.status,
    lastSuccessAt: nowIso,
    consecutiveFailures: 0,
    lastErrorCode: undefined,
    lastItemCount: r.entries.length,
  };
}
