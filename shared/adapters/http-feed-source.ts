// FeedSource over HTTP: conditional GET, per-request and per-run deadlines, a cap on decoded body
// size, manual redirects, Retry-After, charsets, then rss-parser's parseString (feed/parse.ts).
// Each feed's failure becomes an error code; fetchAll never throws for a feed.
// Flow: ingest → HttpFeedSource.fetchAll → scheduler (bounded overall, one request per host) →
//       fetch (redirect: manual) → readCapped → decodeBody → parseFeedXml
import type { FeedSpec, FeedState } from '../domain/types.ts';
import type { ErrorCode } from '../errors.ts';
import type { FeedFetchResult, FeedSource, Log } from '../ports/index.ts';
import { decodeBody } from './feed/decode.ts';
import { FeedError, parseFeedXml } from './feed/parse.ts';

export { FeedError, parseFeedXml, parseFeedDate } from './feed/parse.ts';
export { decodeBody, detectCharset } from './feed/decode.ts';

export interface HttpFeedSourceOptions {
  /** Limit for one request, headers and body together (a slow drip ends here). */
  timeoutMs: number;
  /** Limit for the whole fetchAll when the caller passes no deadline (default 240 s). */
  runTimeoutMs?: number;
  /** Feeds fetched at once (across hosts; one at a time per host). */
  concurrency: number;
  /** Cap on the decoded body (default 10 MB): bigger bodies and gzip bombs give `feed_too_large`. */
  maxBytes?: number;
  /** Redirects followed (default 5). */
  maxRedirects?: number;
  /** Retries after a 5xx or 429 (default 2). */
  maxRetries?: number;
  /** Longest Retry-After honoured, in seconds (default 30); longer gives `feed_rate_limited`. */
  maxRetryAfterSeconds?: number;
  /** First backoff after a 5xx, doubled each retry (default 500 ms). */
  backoffMs?: number;
  userAgent?: string;
  log?: Log;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

const DEFAULT_UA = 'claimwatch/0.1 (news monitor; polite: conditional GET, one request per host)';
const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1';

export function createHttpFeedSource(options: HttpFeedSourceOptions): FeedSource {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const maxRetries = options.maxRetries ?? 2;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 30;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? (() => new Date());
  const userAgent = options.userAgent ?? DEFAULT_UA;

  async function fetchFeed(feed: FeedSpec, state: FeedState | undefined, deadline: number): Promise<FeedFetchResult> {
    const fetchedAt = now().toISOString();
    let url = feed.url;
    const visited = new Set<string>([url]);
    let attempt = 0;
    for (let hops = 0; ; ) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new FeedError('feed_run_deadline', 'the run deadline passed before this feed was fetched');
      const headers: Record<string, string> = { 'User-Agent': userAgent, Accept: ACCEPT, 'Accept-Encoding': 'gzip, deflate, br' };
      // Validators belong to the feed's own URL, not to wherever it redirected.
      if (url === feed.url && state?.etag) headers['If-None-Match'] = state.etag;
      if (url === feed.url && state?.lastModified) headers['If-Modified-Since'] = state.lastModified;
      const signal = AbortSignal.timeout(Math.max(1, Math.min(options.timeoutMs, remaining)));
      let res: Response;
      try {
        res = await fetch(url, { headers, redirect: 'manual', signal });
      } catch (e) {
        throw networkError(e, signal);
      }
      const status = res.status;
      if (status >= 300 && status < 400 && status !== 304) {
        await discard(res);
        const location = res.headers.get('location');
        let next: URL | undefined;
        try {
          next = location ? new URL(location, url) : undefined;
        } catch {
          next = undefined;
        }
        if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:')) throw new FeedError('feed_http_4xx', `redirect ${status} without a usable Location`, status);
        if (++hops > maxRedirects || visited.has(next.href)) throw new FeedError('feed_too_many_redirects', visited.has(next.href) ? `redirect loop at ${next.href}` : `more than ${maxRedirects} redirects`, status);
        url = next.href;
        visited.add(url);
        continue;
      }
      if (status === 304) {
        await discard(res);
        return { feedId: feed.id, url: feed.url, outcome: 'not_modified', status, entries: [], fetchedAt, etag: res.headers.get('etag') ?? state?.etag, lastModified: res.headers.get('last-modified') ?? state?.lastModified, finalUrl: url };
      }
      if (status === 429 || status >= 500) {
        await discard(res);
        const honour = status === 429 || status === 503;
        const retryAfter = honour ? parseRetryAfter(res.headers.get('retry-after'), now()) : undefined;
        const exhausted = attempt >= maxRetries;
        if (retryAfter !== undefined && (retryAfter > maxRetryAfter || Date.now() + retryAfter * 1000 >= deadline)) {
          throw new FeedError('feed_rate_limited', `HTTP ${status} with Retry-After ${retryAfter}s, beyond what this run allows`, status);
        }
        const wait = retryAfter !== undefined ? retryAfter * 1000 : backoffMs * 2 ** attempt;
        if (exhausted || Date.now() + wait >= deadline) {
          throw new FeedError(status === 429 ? 'feed_rate_limited' : 'feed_http_5xx', `HTTP ${status} after ${attempt + 1} attempt${attempt ? 's' : ''}`, status);
        }
        attempt++;
        options.log?.debug('feed retry', { feedUrl: feed.url, status, waitMs: wait, attempt });
        await sleep(wait);
        continue;
      }
      if (status >= 400) {
        await discard(res);
        throw new FeedError('feed_http_4xx', `HTTP ${status}`, status);
      }
      const body = await readCapped(res, maxBytes, signal);
      const contentType = res.headers.get('content-type') ?? undefined;
      const { text } = decodeBody(body, contentType);
      const entries = await parseFeedXml(text, { feedId: feed.id, name: feed.name, url, language: feed.language });
      return {
        feedId: feed.id,
        url: feed.url,
        outcome: 'ok',
        status,
        entries,
        body,
        contentType,
        etag: res.headers.get('etag') ?? undefined,
        lastModified: res.headers.get('last-modified') ?? undefined,
        fetchedAt,
        finalUrl: url,
      };
    }
  }

  return {
    async fetchAll(feeds, states, opts = {}) {
      const deadline = opts.deadline?.getTime() ?? Date.now() + (options.runTimeoutMs ?? 240_000);
      const results = new Array<FeedFetchResult>(feeds.length);
      const pending = feeds.map((_, i) => i);
      const busyHosts = new Set<string>();
      let waiters: Array<() => void> = [];
      const released = () => new Promise<void>((r) => waiters.push(r));

      // Takes the first waiting feed whose host has no request in flight.
      const take = (): number | undefined => {
        const k = pending.findIndex((i) => !busyHosts.has(hostOf(feeds[i].url)));
        return k < 0 ? undefined : pending.splice(k, 1)[0];
      };

      const runOne = async (i: number) => {
        const feed = feeds[i];
        const started = Date.now();
        try {
          const r = await fetchFeed(feed, states.get(feed.id), deadline);
          options.log?.debug('feed fetched', { feedUrl: feed.url, status: r.status, outcome: r.outcome, entries: r.entries.length, bytes: r.body?.byteLength ?? 0, ms: Date.now() - started });
          results[i] = r;
        } catch (e) {
          const err = e instanceof FeedError ? e : new FeedError('feed_malformed', String((e as Error)?.message ?? e));
          // The ingest use case logs failures at warn level with the run id; here only the timing.
          options.log?.debug('feed failed', { feedUrl: feed.url, error: err.code, status: err.status, ms: Date.now() - started });
          results[i] = { feedId: feed.id, url: feed.url, outcome: 'error', status: err.status, error: err.code, message: err.message, entries: [], fetchedAt: now().toISOString() };
        }
      };

      const worker = async () => {
        for (;;) {
          if (pending.length === 0) return;
          const i = take();
          if (i === undefined) {
            await released();
            continue;
          }
          const host = hostOf(feeds[i].url);
          busyHosts.add(host);
          try {
            await runOne(i);
          } finally {
            busyHosts.delete(host);
            const woken = waiters;
            waiters = [];
            for (const w of woken) w();
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, feeds.length)) }, worker));
      return results;
    },
  };
}

/** host:port, the unit of politeness. */
function hostOf(u: string): string {
  try {
    return new URL(u).host.toLowerCase();
  } catch {
    return u;
  }
}

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

/** The error code of a failed fetch: timeout, DNS, TLS, else connection (reset, refused, …). */
export function networkError(e: unknown, signal?: AbortSignal): FeedError {
  const err = e as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string; name?: string } };
  const code = err.cause?.code ?? err.code ?? '';
  const msg = `${err.message ?? e}${err.cause?.message ? `: ${err.cause.message}` : ''}`;
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || err.cause?.name === 'TimeoutError' || signal?.aborted || /^UND_ERR_(HEADERS|BODY|CONNECT)_TIMEOUT$/.test(code) || code === 'ETIMEDOUT') {
    return new FeedError('feed_timeout', `no complete response in time (${msg})`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') return new FeedError('feed_dns', msg);
  if (/CERT|SSL|TLS|HOSTNAME_MISMATCH|ALTNAME|UNABLE_TO_(GET|VERIFY)|SELF_SIGNED|EPROTO/i.test(code) || /certificate|\btls\b|\bssl\b/i.test(msg)) return new FeedError('feed_tls', msg);
  return new FeedError('feed_connection', msg);
}

/** Retry-After in seconds (delta or HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.ceil((t - now.getTime()) / 1000));
}

/**
 * Reads the body, already decompressed by fetch, stopping at `maxBytes` of decoded bytes: a gzip
 * bomb is cut off after `maxBytes` of output, whatever its compressed size.
 */
async function readCapped(res: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes && !res.headers.get('content-encoding')) {
    await discard(res);
    throw new FeedError('feed_too_large', `body of ${declared} bytes exceeds ${maxBytes}`, res.status);
  }
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new FeedError('feed_too_large', `body exceeds ${maxBytes} bytes`, res.status);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof FeedError) throw e;
    if (signal.aborted) throw new FeedError('feed_timeout', 'the body did not arrive in time', res.status);
    const err = networkError(e);
    throw new FeedError(err.code, err.message, res.status);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}
