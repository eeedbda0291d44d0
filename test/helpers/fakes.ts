// Fakes of our own ports for unit tests (no module mocking).
import type { Classification, ClassifiableItem, FeedSpec, FeedState, RawEntry, StoredItem } from '../../shared/domain/types.ts';
import type { Archive, Classifier, Clock, FeedFetchResult, FeedSource, Log, Metrics, Notifier, PostResult, Progress } from '../../shared/ports/index.ts';
import type { DigestModel } from '../../shared/domain/digest/model.ts';

export const quietLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
export const noProgress: Progress = { stage() {} };
export const noMetrics: Metrics = { count() {} };

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set(v) {
      t = new Date(v).getTime();
    },
    advance(ms) {
      t += ms;
    },
  };
}

/** Links an item to claim `C1` when its text contains "[C1 supports]" and so on. */
export const markerClassifier: Classifier & { calls: number } = {
  name: 'marker',
  calls: 0,
  async classify(items: ClassifiableItem[]): Promise<Classification[]> {
    this.calls += items.length;
    return items.map((i) => {
      const claims = [...`${i.title} ${i.text}`.matchAll(/\[(C\d+) (supports|contradicts|updates|mentions)\]/g)].map((m) => ({
        claim: m[1],
        stance: m[2] as Classification['claims'][number]['stance'],
        evidence: i.title,
        score: 0.9,
      }));
      return { id: i.id, relevant: claims.length > 0, topics: ['kazakhstan'], claims };
    });
  },
};

/** A feed source that answers from a table: per feed URL, entries or an error, and 304 when told. */
export class TableFeedSource implements FeedSource {
  requests: Array<{ url: string; etag?: string }> = [];
  constructor(public table: Record<string, { entries?: Omit<RawEntry, 'feedId'>[]; error?: FeedFetchResult['error']; status?: number; etag?: string }>) {}

  async fetchAll(feeds: FeedSpec[], states: Map<string, FeedState>): Promise<FeedFetchResult[]> {
    return feeds.map((f) => {
      const row = this.table[f.url];
      const prev = states.get(f.id);
      this.requests.push({ url: f.url, etag: prev?.etag });
      const base = { feedId: f.id, url: f.url, fetchedAt: '2026-11-23T08:00:00.000Z' };
      if (!row) return { ...base, outcome: 'error', status: 404, error: 'feed_http_4xx', entries: [] };
      if (row.error) return { ...base, outcome: 'error', status: row.status ?? 0, error: row.error, entries: [] };
      if (row.etag && prev?.etag === row.etag) return { ...base, outcome: 'not_modified', status: 304, entries: [] };
      const body = new TextEncoder().encode(`<rss>${f.url}</rss>`);
      return {
        ...base,
        outcome: 'ok',
        status: 200,
        etag: row.etag,
        body,
        contentType: 'application/rss+xml',
        entries: (row.entries ?? []).map((e) => ({ ...e, feedId: f.id })),
      };
    });
  }
}

export class MemoryArchive implements Archive {
  objects = new Map<string, unknown>();
  failItemIds = new Set<string>();
  async putFeedBody(feedId: string, fetchedAt: string, body: Uint8Array) {
    const key = `feeds/${feedId}/${fetchedAt.slice(0, 10)}/${this.objects.size}.xml`;
    this.objects.set(key, body);
    return key;
  }
  async putItem(item: StoredItem) {
    if (this.failItemIds.has(item.id)) throw new Error('injected archive failure');
    const key = `items/${item.publishedAt.slice(0, 4)}/${item.publishedAt.slice(5, 7)}/${item.id}.json`;
    this.objects.set(key, structuredClone(item));
    return key;
  }
  async getItem(key: string) {
    return this.objects.get(key) as StoredItem | undefined;
  }
}

export class RecordingNotifier implements Notifier {
  posted: DigestModel[] = [];
  failNext = 0;
  constructor(readonly target: 'slack' | 'terminal' = 'slack') {}
  async post(digest: DigestModel): Promise<PostResult> {
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error('slack down'), { code: 'slack_unavailable' });
    }
    this.posted.push(digest);
    return { ts: String(this.posted.length) };
  }
}
