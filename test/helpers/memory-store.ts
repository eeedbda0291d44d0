// An in-memory Store for unit tests of the use cases: same contract as the DynamoDB adapter.
import type {
  ClaimLinkRecord,
  DigestRecord,
  DigestTarget,
  FingerprintRecord,
  PutItemsResult,
  RunRecord,
  Store,
} from '../../shared/ports/index.ts';
import { claimLinkRecord, type Classification, type FeedState, type StoredItem } from '../../shared/domain/types.ts';

const clone = <T>(v: T): T => structuredClone(v);

export class MemoryStore implements Store {
  items = new Map<string, StoredItem>();
  links = new Map<string, ClaimLinkRecord>(); // key claim#publishedAt#itemId
  feedStates = new Map<string, FeedState>();
  runs: RunRecord[] = [];
  locks = new Map<string, { owner: string; until: number }>();
  digests = new Map<string, DigestRecord>();
  /** Counts calls by method name, for tests that assert "no writes". */
  calls: Record<string, number> = {};
  /** Ids whose put fails (simulates throttling). */
  failPutIds = new Set<string>();

  private hit(name: string) {
    this.calls[name] = (this.calls[name] ?? 0) + 1;
  }

  async existingIds(ids: string[]) {
    this.hit('existingIds');
    return new Set(ids.filter((id) => this.items.has(id)));
  }

  async putItems(items: StoredItem[]): Promise<PutItemsResult> {
    this.hit('putItems');
    const out: PutItemsResult = { created: [], existing: [], failed: [] };
    for (const item of items) {
      if (this.failPutIds.has(item.id)) {
        out.failed.push({ id: item.id, error: 'store_unavailable', message: 'injected failure' });
        continue;
      }
      for (const l of item.claims) this.putLink(item, l);
      if (this.items.has(item.id)) out.existing.push(item.id);
      else {
        this.items.set(item.id, clone(item));
        out.created.push(item.id);
      }
    }
    return out;
  }

  private putLink(item: StoredItem, l: StoredItem['claims'][number]) {
    const rec = claimLinkRecord(item, l);
    this.links.set(`${l.claim}#${item.publishedAt}#${item.id}`, rec);
  }

  async getItem(id: string) {
    const v = this.items.get(id);
    return v && clone(v);
  }

  async listItemsSince(since: string, until?: string) {
    return [...this.items.values()]
      .filter((i) => i.ingestedAt >= since && (until === undefined || i.ingestedAt < until))
      .sort((a, b) => a.ingestedAt.localeCompare(b.ingestedAt) || a.id.localeCompare(b.id))
      .map(clone);
  }

  async listAllItems() {
    return this.listItemsSince('');
  }

  async listStoryMembers(storyId: string) {
    return [...this.items.values()]
      .filter((i) => i.storyId === storyId)
      .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))
      .map(clone);
  }

  async recentFingerprints(since: string): Promise<FingerprintRecord[]> {
    return [...this.items.values()]
      .filter((i) => i.publishedAt >= since)
      .map(({ id, storyId, fingerprint, publishedAt }) => ({ id, storyId, fingerprint, publishedAt }));
  }

  async listClaimLinks(claimId: string) {
    return [...this.links.entries()]
      .filter(([k]) => k.startsWith(`${claimId}#`))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, v]) => clone(v));
  }

  async replaceClassification(item: StoredItem, c: Classification) {
    this.hit('replaceClassification');
    for (const [k, v] of this.links) if (v.itemId === item.id) this.links.delete(k);
    const next = { ...item, relevant: c.relevant, topics: c.topics, claims: c.claims };
    this.items.set(item.id, clone(next));
    for (const l of c.claims) this.putLink(next, l);
  }

  async getFeedStates(feedIds: string[]) {
    const m = new Map<string, FeedState>();
    for (const id of feedIds) {
      const s = this.feedStates.get(id);
      if (s) m.set(id, clone(s));
    }
    return m;
  }

  async putFeedStates(states: FeedState[]) {
    this.hit('putFeedStates');
    for (const s of states) this.feedStates.set(s.feedId, clone(s));
  }

  async listFeedStates() {
    return [...this.feedStates.values()].map(clone);
  }

  async putRun(run: RunRecord) {
    this.hit('putRun');
    this.runs = this.runs.filter((r) => r.runId !== run.runId);
    this.runs.push(clone(run));
  }

  async listRuns(limit: number) {
    return [...this.runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, limit).map(clone);
  }

  async acquireLock(name: string, owner: string, until: Date, now: Date) {
    const cur = this.locks.get(name);
    if (cur && cur.until > now.getTime() && cur.owner !== owner) return false;
    this.locks.set(name, { owner, until: until.getTime() });
    return true;
  }

  async releaseLock(name: string, owner: string) {
    if (this.locks.get(name)?.owner === owner) this.locks.delete(name);
  }

  async lastPostedDigest(target: DigestTarget) {
    const posted = [...this.digests.values()]
      .filter((d) => d.target === target && d.status === 'posted')
      .sort((a, b) => b.until.localeCompare(a.until));
    return posted[0] && clone(posted[0]);
  }

  async pendingDigest(target: DigestTarget) {
    const pending = [...this.digests.values()]
      .filter((d) => d.target === target && d.status === 'pending')
      .sort((a, b) => a.since.localeCompare(b.since));
    return pending[0] && clone(pending[0]);
  }

  async createDigest(record: DigestRecord) {
    this.hit('createDigest');
    if (this.digests.has(record.id)) return 'exists' as const;
    this.digests.set(record.id, clone(record));
    return 'created' as const;
  }

  async getDigest(id: string) {
    const d = this.digests.get(id);
    return d && clone(d);
  }

  async claimDigest(id: string, leaseUntil: Date, now: Date) {
    const d = this.digests.get(id);
    if (!d || d.status === 'posted') return false;
    if (d.leaseUntil && d.leaseUntil > now.toISOString()) return false;
    d.leaseUntil = leaseUntil.toISOString();
    d.attempts += 1;
    return true;
  }

  async markDigestPosted(id: string, postedAt: string, ts?: string) {
    this.hit('markDigestPosted');
    const d = this.digests.get(id);
    if (!d) throw new Error(`no digest ${id}`);
    d.status = 'posted';
    d.postedAt = postedAt;
    d.ts = ts;
    delete d.leaseUntil;
  }
}
