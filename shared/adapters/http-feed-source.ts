// FeedSource over HTTP: conditional GET, timeouts, body cap, manual redirects, charsets, then
// rss-parser's parseString. Each feed's failure becomes an error code; fetchAll never throws.
// Flow: ingest → HttpFeedSource → fetch (per host one at a time, bounded overall) → rss-parser
import iconv from 'iconv-lite';
import Parser from 'rss-parser';
import { htmlToText } from '../domain/clean-text.ts';
import type { FeedSpec, FeedState, RawEntry } from '../domain/types.ts';
import type { ErrorCode } from '../errors.ts';
import type { FeedFetchResult, FeedSource, Log } from '../ports/index.ts';

export interface HttpFeedSourceOptions {
  timeoutMs: number;
  runTimeoutMs?: number;
  concurrency: number;
  maxBytes?: number;
  maxRedirects?: number;
  maxRetries?: number;
  /** Longest Retry-After honoured, in seconds. */
  maxRetryAfterSeconds?: number;
  userAgent?: string;
  log?: Log;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

class FeedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status = 0,
  ) {
    super(message);
  }
}

const parser = new Parser({ timeout: 0, customFields: { item: [['content:encoded', 'contentEncoded'], ['dc:date', 'dcDate']] } });

export function createHttpFeedSource(options: HttpFeedSourceOptions): FeedSource {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const maxRetries = options.maxRetries ?? 2;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 30;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? (() => new Date());
  const userAgent = options.userAgent ?? 'claimwatch/0.1 (+https://github.com/claimwatch; feed reader)';

  async function fetchOnce(feed: FeedSpec, state: FeedState | undefined, deadline: number): Promise<FeedFetchResult> {
    const fetchedAt = now().toISOString();
    const base = { feedId: feed.id, url: feed.url, fetchedAt, entries: [] as RawEntry[] };
    let url = feed.url;
    let attempt = 0;
    for (let hops = 0; ; ) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new FeedError('feed_run_deadline', 'the run deadline passed before this feed was fetched');
      const headers: Record<string, string> = {
        'User-Agent': userAgent,
        Accept: 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1',
        'Accept-Encoding': 'gzip, deflate, br',
      };
      if (url === feed.url && state?.etag) headers['If-None-Match'] = state.etag;
      if (url === feed.url && state?.lastModified) headers['If-Modified-Since'] = state.lastModified;
      const signal = AbortSignal.timeout(Math.min(options.timeoutMs, remaining));
      let res: Response;
      try {
        res = await fetch(url, { headers, redirect: 'manual', signal });
      } catch (e) {
        throw networkError(e);
      }
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel().catch(() => undefined);
        const loc = res.headers.get('location');
        if (!loc) throw new FeedError('feed_http_4xx', `redirect ${res.status} without Location`, res.status);
        if (++hops > maxRedirects) throw new FeedError('feed_too_many_redirects', `more than ${maxRedirects} redirects`, res.status);
        url = new URL(loc, url).href;
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel().catch(() => undefined);
        return { ...base, outcome: 'not_modified', status: 304, etag: state?.etag, lastModified: state?.lastModified, finalUrl: url };
      }
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel().catch(() => undefined);
        const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now());
        const code: ErrorCode = res.status === 429 ? 'feed_rate_limited' : 'feed_http_5xx';
        const honour = res.status === 429 || res.status === 503;
        const wait = honour && retryAfter !== undefined ? retryAfter * 1000 : 200 * 2 ** attempt;
        if (attempt >= maxRetries || (honour && retryAfter !== undefined && retryAfter > maxRetryAfter) || Date.now() + wait > deadline) {
          throw new FeedError(code, `HTTP ${res.status} after ${attempt + 1} attempts`, res.status);
        }
        attempt++;
        await sleep(wait);
        continue;
      }
      if (res.status >= 400) {
        await res.body?.cancel().catch(() => undefined);
        throw new FeedError('feed_http_4xx', `HTTP ${res.status}`, res.status);
      }
      const body = await readCapped(res, maxBytes, signal);
      const contentType = res.headers.get('content-type') ?? undefined;
      const xml = decode(body, contentType);
      const entries = await parseFeed(xml, feed, url);
      return {
        ...base,
        outcome: 'ok',
        status: res.status,
        entries,
        body,
        contentType,
        etag: res.headers.get('etag') ?? undefined,
        lastModified: res.headers.get('last-modified') ?? undefined,
        finalUrl: url,
      };
    }
  }

  return {
    async fetchAll(feeds, states, opts = {}) {
      const deadline = opts.deadline?.getTime() ?? Date.now() + (options.runTimeoutMs ?? 240_000);
      const results = new Array<FeedFetchResult>(feeds.length);
      const hostBusy = new Map<string, Promise<void>>();
      let next = 0;
      const worker = async () => {
        while (next < feeds.length) {
          const i = next++;
          const feed = feeds[i];
          const host = safeHost(feed.url);
          // At most one request at a time per host: chain behind the previous one.
          const previous = hostBusy.get(host) ?? Promise.resolve();
          let release!: () => void;
          const mine = new Promise<void>((r) => (release = r));
          hostBusy.set(host, previous.then(() => mine));
          await previous;
          try {
            results[i] = await fetchOnce(feed, states.get(feed.id), deadline);
          } catch (e) {
            const err = e instanceof FeedError ? e : new FeedError('feed_malformed', (e as Error).message);
            options.log?.debug('feed failed', { feedUrl: feed.url, error: err.code });
            results[i] = { feedId: feed.id, url: feed.url, outcome: 'error', status: err.status, error: err.code, message: err.message, entries: [], fetchedAt: now().toISOString() };
          } finally {
            release();
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, feeds.length)) }, worker));
      return results;
    },
  };
}

const safeHost = (u: string) => {
  try {
    return new URL(u).host;
  } catch {
    return u;
  }
};

function networkError(e: unknown): FeedError {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? '';
  const msg = `${err.message ?? e}${err.cause?.message ? `: ${err.cause.message}` : ''}`;
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return new FeedError('feed_timeout', msg);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL') return new FeedError('feed_dns', msg);
  if (/CERT|SSL|TLS/i.test(code) || /certificate|tls|ssl/i.test(msg)) return new FeedError('feed_tls', msg);
  return new FeedError('feed_connection', msg);
}

export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.ceil((t - now.getTime()) / 1000));
}

/** Reads the (already decompressed) body, stopping at `maxBytes`: also bounds gzip bombs. */
async function readCapped(res: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes && !res.headers.get('content-encoding')) {
    await res.body?.cancel().catch(() => undefined);
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
    throw networkError(e);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/** Decodes by the Content-Type charset, else the XML declaration, else UTF-8 (bad bytes replaced). */
export function decode(body: Uint8Array, contentType?: string): string {
  const head = Buffer.from(body.subarray(0, 512)).toString('latin1');
  const fromHeader = /charset=["']?([\w.-]+)/i.exec(contentType ?? '')?.[1];
  const fromDecl = /<\?xml[^>]*encoding=["']([\w.-]+)["']/i.exec(head)?.[1];
  let charset = (fromHeader ?? fromDecl ?? 'utf-8').toLowerCase();
  if (!iconv.encodingExists(charset)) charset = 'utf-8';
  const text = iconv.decode(Buffer.from(body), charset);
  return text.replace(/^\uFEFF/, '');
}

async function parseFeed(xml: string, feed: FeedSpec, url: string): Promise<RawEntry[]> {
  const start = xml.slice(0, 2048).trimStart().toLowerCase();
  if (/<!entity/i.test(xml.slice(0, 65536))) throw new FeedError('feed_entity_expansion', 'the document declares XML entities', 200);
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || (!start.startsWith('<?xml') && !/^<(rss|feed|rdf:rdf)\b/.test(start))) {
    if (!/<(rss|feed|rdf:rdf)[\s>]/i.test(xml.slice(0, 4096))) throw new FeedError('feed_not_xml', 'the response is not an RSS or Atom document', 200);
  }
  let parsed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    parsed = await parser.parseString(xml);
  } catch (e) {
    throw new FeedError('feed_malformed', `malformed feed: ${(e as Error).message.slice(0, 200)}`, 200);
  }
  const source = feed.name ?? parsed.title?.trim() ?? safeHost(url);
  const entries: RawEntry[] = (parsed.items ?? []).map((it) => {
    const item = it as typeof it & { contentEncoded?: string; dcDate?: string; summary?: string; id?: string };
    const html = item.contentEncoded ?? item.content ?? item.summary ?? '';
    const text = /<[a-z][\s\S]*>/i.test(html) ? htmlToText(html) : (item.contentSnippet ?? html);
    const published = item.isoDate ?? item.pubDate ?? item.dcDate;
    return {
      feedId: feed.id,
      source,
      guid: item.guid ?? item.id,
      link: item.link,
      title: (item.title ?? '').trim(),
      text: text.trim(),
      published: published && !Number.isNaN(Date.parse(published)) ? new Date(published).toISOString() : undefined,
      language: feed.language,
    };
  });
  if (entries.length === 0) throw new FeedError('feed_empty', 'the feed has no entries', 200);
  return entries;
}
