// The HTTP feed source against a local feed server (test/helpers/feed-server.ts): each bad input
// ends with its own code within the timeouts and never hangs, the other feeds in the same fetchAll
// still arrive, conditional GETs give 304s, retries are bounded, one request at a time per host.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHttpFeedSource, networkError, type HttpFeedSourceOptions } from '../../shared/adapters/http-feed-source.ts';
import { parseFeedsFile } from '../../shared/domain/feeds.ts';
import { normaliseEntry } from '../../shared/domain/normalise.ts';
import type { FeedSpec, FeedState } from '../../shared/domain/types.ts';
import type { FeedFetchResult } from '../../shared/ports/index.ts';
import {
  atom,
  delayed,
  endlessBody,
  entityBomb,
  feed,
  gzipBomb,
  htmlPage,
  hugeBody,
  invalidUtf8,
  rdf,
  redirect,
  reset,
  retryAfter,
  rss,
  sequence,
  slowDrip,
  startFeedServer,
  status,
  type FeedServer,
} from '../helpers/feed-server.ts';

const EVAL_FEEDS = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'feeds');
const ITEM = { title: 'Tokayev speaks', link: 'https://news.example/2022/01/10/tokayev?utm_source=rss', guid: 'n-1', date: 'Mon, 10 Jan 2022 10:00:00 GMT', html: '<p>Text about Kazakhstan and the CSTO.</p>' };
const GOOD = rss([ITEM, { ...ITEM, title: 'Second', link: 'https://news.example/2', guid: 'n-2' }]);
const RU = rss([{ title: 'Миротворцы ОДКБ покинули Казахстан', link: 'https://ru.example/1', description: 'Последние подразделения ОДКБ вернулись домой, сообщило министерство обороны.' }], { encoding: 'windows-1251' });
const RU_KOI8 = RU.replace('windows-1251', 'KOI8-R');
const TIMEOUT = 600;

const specs = (urls: string[]): FeedSpec[] => parseFeedsFile(JSON.stringify({ feeds: urls.map((url) => ({ url })) }), 'test');
const source = (over: Partial<HttpFeedSourceOptions> = {}) => createHttpFeedSource({ timeoutMs: TIMEOUT, concurrency: 8, maxRetries: 1, sleep: async () => {}, ...over });
const byPath = (results: FeedFetchResult[]) => Object.fromEntries(results.map((r) => [new URL(r.url).pathname, r]));

describe('HttpFeedSource: every bad input gets its own code, the good feeds still arrive', { timeout: 20_000 }, () => {
  let server: FeedServer;
  let results: Record<string, FeedFetchResult>;
  const hostile = {
    '/malformed.xml': feed('<?xml version="1.0"?><rss version="2.0"><channel><item><title>broken</channel>'),
    '/page.html': htmlPage(),
    '/empty-feed.xml': feed(rss([])),
    '/empty-body.xml': feed(''),
    '/not-a-feed.xml': feed('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>'),
    '/huge.xml': hugeBody(50 * 1024 * 1024),
    '/huge-chunked.xml': hugeBody(50 * 1024 * 1024, { chunked: true }),
    '/endless.xml': endlessBody(),
    '/drip.xml': slowDrip(1000),
    '/loop.xml': redirect('/loop.xml', 302),
    '/bomb.xml': entityBomb(),
    '/gzip-bomb.xml': gzipBomb(),
    '/reset.xml': reset(),
    '/error500.xml': status(500),
    '/missing.xml': status(404),
    '/gone.xml': status(410),
  };
  const good = {
    '/good.xml': feed(GOOD),
    '/atom.xml': feed(atom([{ title: 'Atom entry', guid: 'urn:uuid:1', link: 'https://a.example/e', date: '2022-01-10T00:00:00Z', html: '<p>Summary</p>' }]), { contentType: 'application/atom+xml' }),
    '/rdf.xml': feed(rdf([{ title: 'RDF item', link: 'https://r.example/1', date: '2022-01-11T08:00:00+06:00', description: 'RDF text' }]), { contentType: 'application/rdf+xml' }),
    '/gzip.xml': feed(GOOD, { encoding: 'gzip' }),
    '/deflate.xml': feed(GOOD, { encoding: 'deflate' }),
    '/br.xml': feed(GOOD, { encoding: 'br' }),
    '/cp1251-header.xml': feed(RU, { charset: 'windows-1251' }),
    '/cp1251-decl.xml': feed(RU, { charset: 'windows-1251', charsetInHeader: false, contentType: 'text/xml' }),
    '/koi8.xml': feed(RU_KOI8, { charset: 'koi8-r', charsetInHeader: false }),
    '/bad-utf8.xml': invalidUtf8(),
    '/nolinks.xml': feed(rss([{ title: 'No link or date', description: 'Body' }, { title: 'Future', date: 'Tue, 01 Jan 2999 00:00:00 GMT', description: 'From the future' }])),
    '/html-typed-feed.xml': feed(GOOD, { contentType: 'text/html' }),
    '/eval-cp1251.xml': feed(readFileSync(path.join(EVAL_FEEDS, 'ru_business_cp1251.xml')), { contentType: 'application/rss+xml' }),
  };

  before(async () => {
    server = await startFeedServer({ ...hostile, ...good });
    const feeds = specs(Object.keys({ ...hostile, ...good }).map((p) => server.url(p)));
    results = byPath(await source().fetchAll(feeds, new Map(), { deadline: new Date(Date.now() + 15_000) }));
  });
  after(() => server.close());

  const expected: Record<string, string> = {
    '/malformed.xml': 'feed_malformed',
    '/page.html': 'feed_not_xml',
    '/empty-feed.xml': 'feed_empty',
    '/empty-body.xml': 'feed_empty',
    '/not-a-feed.xml': 'feed_not_xml',
    '/huge.xml': 'feed_too_large',
    '/huge-chunked.xml': 'feed_too_large',
    '/endless.xml': 'feed_too_large',
    '/drip.xml': 'feed_timeout',
    '/loop.xml': 'feed_too_many_redirects',
    '/bomb.xml': 'feed_entity_expansion',
    '/gzip-bomb.xml': 'feed_too_large',
    '/reset.xml': 'feed_connection',
    '/error500.xml': 'feed_http_5xx',
    '/missing.xml': 'feed_http_4xx',
    '/gone.xml': 'feed_http_4xx',
  };
  for (const [p, code] of Object.entries(expected)) {
    it(`${p} → ${code}`, () => {
      assert.equal(results[p].outcome, 'error');
      assert.equal(results[p].error, code, results[p].message);
      assert.deepEqual(results[p].entries, []);
    });
  }
  for (const p of Object.keys(good)) {
    it(`${p} → ok with entries`, () => {
      assert.equal(results[p].outcome, 'ok', `${results[p].error}: ${results[p].message}`);
      assert.ok(results[p].entries.length > 0);
    });
  }

  it('reports the HTTP status of failures that had one', () => {
    assert.equal(results['/error500.xml'].status, 500);
    assert.equal(results['/missing.xml'].status, 404);
    assert.equal(results['/reset.xml'].status, 0);
  });

  it('retries a 5xx a bounded number of times', () => assert.equal(server.hits('/error500.xml'), 2));

  it('follows a redirect loop only until it repeats', () => assert.ok(server.hits('/loop.xml') <= 6));

  it('reads RSS 2.0, Atom and RDF fields', () => {
    const [first] = results['/good.xml'].entries;
    assert.deepEqual(
      { title: first.title, link: first.link, guid: first.guid, published: first.published, text: first.text },
      { title: 'Tokayev speaks', link: 'https://news.example/2022/01/10/tokayev?utm_source=rss', guid: 'n-1', published: '2022-01-10T10:00:00.000Z', text: 'Text about Kazakhstan and the CSTO.' },
    );
    assert.equal(results['/atom.xml'].entries[0].link, 'https://a.example/e');
    assert.equal(results['/atom.xml'].entries[0].guid, 'urn:uuid:1');
    assert.equal(results['/rdf.xml'].entries[0].published, '2022-01-11T02:00:00.000Z');
    assert.equal(results['/rdf.xml'].entries[0].text, 'RDF text');
  });

  it('keeps the body as received (decompressed) for the archive, with its content type', () => {
    assert.equal(Buffer.from(results['/gzip.xml'].body!).toString('utf8'), GOOD);
    assert.equal(results['/gzip.xml'].contentType, 'application/rss+xml');
    assert.deepEqual(results['/br.xml'].entries.map((e) => e.title), ['Tokayev speaks', 'Second']);
  });

  it('decodes windows-1251 and KOI8-R, from the header or the XML declaration', () => {
    for (const p of ['/cp1251-header.xml', '/cp1251-decl.xml', '/koi8.xml']) {
      assert.equal(results[p].entries[0].title, 'Миротворцы ОДКБ покинули Казахстан', p);
      assert.match(results[p].entries[0].text, /министерство обороны/);
    }
    assert.match(results['/eval-cp1251.xml'].entries[0].title, /^[А-ЯЁа-яё0-9 ,.:«»"—-]+/);
    assert.doesNotMatch(results['/eval-cp1251.xml'].entries.map((e) => e.title).join(' '), /[ÐÑ�]/);
  });

  it('replaces invalid UTF-8 with U+FFFD instead of failing', () => {
    assert.match(results['/bad-utf8.xml'].entries[0].title, /^Bad \uFFFD+ bytes$/);
  });

  it('entries without links or dates, or with future dates, become clean items with stable ids', () => {
    const entries = results['/nolinks.xml'].entries;
    assert.equal(entries[0].link, undefined);
    assert.equal(entries[0].published, undefined);
    const fetchedAt = '2026-11-23T08:00:00.000Z';
    const items = entries.map((e) => normaliseEntry(e, fetchedAt));
    assert.deepEqual(items.map((i) => i.publishedAt), [fetchedAt, fetchedAt]);
    assert.notEqual(items[0].id, items[1].id);
    assert.deepEqual(entries.map((e) => normaliseEntry(e, '2026-11-24T08:00:00.000Z').id), items.map((i) => i.id), 'same ids on the next day');
  });

  it('never keeps more than the body cap in memory', () => {
    for (const r of Object.values(results)) assert.ok((r.body?.byteLength ?? 0) <= 10 * 1024 * 1024);
  });
});

describe('HttpFeedSource: conditional GET', { timeout: 10_000 }, () => {
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer({ '/a.xml': feed(GOOD, { etag: '"v1"', lastModified: 'Mon, 10 Jan 2022 10:00:00 GMT' }), '/b.xml': feed(GOOD, { etag: '"v2"' }) });
  });
  after(() => server.close());

  it('keeps the validators, sends them back, and a 304 gives not_modified with nothing to parse', async () => {
    const feeds = specs([server.url('/a.xml')]);
    const [first] = await source().fetchAll(feeds, new Map());
    assert.equal(first.outcome, 'ok');
    assert.equal(first.etag, '"v1"');
    assert.equal(first.lastModified, 'Mon, 10 Jan 2022 10:00:00 GMT');
    assert.equal(server.requests.at(-1)!.headers['if-none-match'], undefined);

    const state: FeedState = { feedId: feeds[0].id, url: feeds[0].url, etag: first.etag, lastModified: first.lastModified, consecutiveFailures: 0 };
    const [second] = await source().fetchAll(feeds, new Map([[feeds[0].id, state]]));
    assert.equal(second.outcome, 'not_modified');
    assert.equal(second.status, 304);
    assert.deepEqual(second.entries, []);
    assert.equal(second.body, undefined);
    assert.equal(second.etag, '"v1"');
    const sent = server.requests.at(-1)!.headers;
    assert.equal(sent['if-none-match'], '"v1"');
    assert.equal(sent['if-modified-since'], 'Mon, 10 Jan 2022 10:00:00 GMT');
  });

  it('If-Modified-Since alone is enough', async () => {
    const feeds = specs([server.url('/a.xml')]);
    const state: FeedState = { feedId: feeds[0].id, url: feeds[0].url, lastModified: 'Mon, 10 Jan 2022 10:00:00 GMT', consecutiveFailures: 0 };
    const [r] = await source().fetchAll(feeds, new Map([[feeds[0].id, state]]));
    assert.equal(r.outcome, 'not_modified');
  });

  it('a stale ETag gets the full body', async () => {
    const feeds = specs([server.url('/b.xml')]);
    const state: FeedState = { feedId: feeds[0].id, url: feeds[0].url, etag: '"old"', consecutiveFailures: 0 };
    const [r] = await source().fetchAll(feeds, new Map([[feeds[0].id, state]]));
    assert.equal(r.outcome, 'ok');
    assert.equal(r.etag, '"v2"');
  });
});

describe('HttpFeedSource: retries, Retry-After, redirects, deadlines', { timeout: 10_000 }, () => {
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer({
      '/flaky.xml': sequence(status(502), feed(GOOD)),
      '/down.xml': status(500),
      '/busy.xml': sequence(retryAfter(429, 1), feed(GOOD)),
      '/busy-date.xml': sequence(retryAfter(503, new Date(Date.now() + 2000).toUTCString()), feed(GOOD)),
      '/closed-for-an-hour.xml': retryAfter(503, 3600),
      '/always-429.xml': status(429),
      '/r1.xml': redirect('/r2.xml', 301),
      '/r2.xml': redirect('/r3.xml', 308),
      '/r3.xml': feed(GOOD),
      '/chain0.xml': redirect('/chain1.xml'),
      '/chain1.xml': redirect('/chain2.xml'),
      '/chain2.xml': redirect('/chain3.xml'),
      '/chain3.xml': redirect('/chain4.xml'),
      '/chain4.xml': redirect('/chain5.xml'),
      '/chain5.xml': redirect('/chain6.xml'),
      '/chain6.xml': feed(GOOD),
      '/to-ftp.xml': redirect('ftp://x.example/feed'),
      '/drip.xml': slowDrip(1000),
      '/after-drip.xml': feed(GOOD),
    });
  });
  after(() => server.close());

  it('retries a 5xx with growing backoff and succeeds when the server recovers', async () => {
    const waits: number[] = [];
    const [r] = await source({ maxRetries: 2, sleep: async (ms) => void waits.push(ms) }).fetchAll(specs([server.url('/flaky.xml')]), new Map());
    assert.equal(r.outcome, 'ok');
    assert.deepEqual(waits, [500]);
  });

  it('gives up after the bounded retries with feed_http_5xx', async () => {
    const waits: number[] = [];
    const before = server.hits('/down.xml');
    const [r] = await source({ maxRetries: 2, sleep: async (ms) => void waits.push(ms) }).fetchAll(specs([server.url('/down.xml')]), new Map());
    assert.equal(r.error, 'feed_http_5xx');
    assert.equal(server.hits('/down.xml') - before, 3);
    assert.deepEqual(waits, [500, 1000]);
  });

  it('honours Retry-After in seconds on 429', async () => {
    const waits: number[] = [];
    const [r] = await source({ sleep: async (ms) => void waits.push(ms) }).fetchAll(specs([server.url('/busy.xml')]), new Map());
    assert.equal(r.outcome, 'ok');
    assert.deepEqual(waits, [1000]);
  });

  it('honours Retry-After as an HTTP date on 503', async () => {
    const waits: number[] = [];
    const [r] = await source({ sleep: async (ms) => void waits.push(ms) }).fetchAll(specs([server.url('/busy-date.xml')]), new Map());
    assert.equal(r.outcome, 'ok');
    assert.equal(waits.length, 1);
    assert.ok(waits[0] > 0 && waits[0] <= 3000, String(waits[0]));
  });

  it('a Retry-After beyond what the run allows gives feed_rate_limited at once', async () => {
    const waits: number[] = [];
    const [r] = await source({ sleep: async (ms) => void waits.push(ms) }).fetchAll(specs([server.url('/closed-for-an-hour.xml')]), new Map());
    assert.equal(r.error, 'feed_rate_limited');
    assert.equal(r.status, 503);
    assert.deepEqual(waits, []);
  });

  it('429 without Retry-After backs off, then gives feed_rate_limited', async () => {
    const [r] = await source().fetchAll(specs([server.url('/always-429.xml')]), new Map());
    assert.equal(r.error, 'feed_rate_limited');
  });

  it('follows redirects (301, 308) and reports the final URL', async () => {
    const [r] = await source().fetchAll(specs([server.url('/r1.xml')]), new Map());
    assert.equal(r.outcome, 'ok');
    assert.equal(r.finalUrl, server.url('/r3.xml'));
    assert.equal(r.url, server.url('/r1.xml'));
  });

  it('stops after 5 redirects', async () => {
    const [r] = await source().fetchAll(specs([server.url('/chain0.xml')]), new Map());
    assert.equal(r.error, 'feed_too_many_redirects');
    assert.equal(server.hits('/chain6.xml'), 0);
  });

  it('refuses a redirect to another scheme', async () => {
    const [r] = await source().fetchAll(specs([server.url('/to-ftp.xml')]), new Map());
    assert.equal(r.outcome, 'error');
    assert.equal(r.status, 301);
  });

  it('ends at the run deadline: the slow feed times out, the feed queued behind it is not started', async () => {
    const feeds = specs([server.url('/drip.xml'), server.url('/after-drip.xml')]);
    const results = await source({ timeoutMs: 5000 }).fetchAll(feeds, new Map(), { deadline: new Date(Date.now() + 400) });
    assert.deepEqual(results.map((r) => r.error), ['feed_timeout', 'feed_run_deadline']);
    assert.equal(server.hits('/after-drip.xml'), 0);
  });
});

describe('HttpFeedSource: politeness and isolation', { timeout: 10_000 }, () => {
  let a: FeedServer;
  let b: FeedServer;
  before(async () => {
    const slow = delayed(150, feed(GOOD));
    a = await startFeedServer({ '/1.xml': slow, '/2.xml': slow, '/3.xml': slow, '/4.xml': slow });
    b = await startFeedServer({ '/1.xml': slow, '/2.xml': slow });
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  it('sends at most one request at a time to a host, while other hosts proceed', async () => {
    const feeds = specs([a.url('/1.xml'), a.url('/2.xml'), a.url('/3.xml'), a.url('/4.xml'), b.url('/1.xml'), b.url('/2.xml')]);
    const results = await source({ concurrency: 6 }).fetchAll(feeds, new Map());
    assert.deepEqual(results.map((r) => r.outcome), ['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    assert.equal(a.maxInFlight, 1);
    assert.equal(b.maxInFlight, 1);
    assert.equal(a.requests.length, 4);
    // b's requests were not queued behind all of a's: b started before a finished.
    assert.ok(b.requests[0].at < a.requests[3].at);
  });

  it('sends a User-Agent and asks for compressed feeds', () => {
    assert.match(String(a.requests[0].headers['user-agent']), /claimwatch/);
    assert.match(String(a.requests[0].headers['accept-encoding']), /gzip/);
    assert.match(String(a.requests[0].headers.accept), /rss\+xml/);
  });
});

describe('HttpFeedSource: network failures', { timeout: 10_000 }, () => {
  let closedPort: number;
  let tlsServer: FeedServer;
  before(async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    tlsServer = await startFeedServer({ '/feed.xml': feed(GOOD) });
  });
  after(() => tlsServer.close());

  it('connection refused → feed_connection', async () => {
    const [r] = await source().fetchAll(specs([`http://127.0.0.1:${closedPort}/feed.xml`]), new Map());
    assert.equal(r.error, 'feed_connection');
  });

  it('a TLS handshake that fails → feed_tls', async () => {
    const [r] = await source().fetchAll(specs([tlsServer.url('/feed.xml').replace('http:', 'https:')]), new Map());
    assert.equal(r.error, 'feed_tls');
  });

  it('classifies DNS, TLS, reset and timeout errors as fetch reports them', () => {
    const failed = (code: string, message = 'x') => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) });
    assert.equal(networkError(failed('ENOTFOUND')).code, 'feed_dns');
    assert.equal(networkError(failed('EAI_AGAIN')).code, 'feed_dns');
    assert.equal(networkError(failed('CERT_HAS_EXPIRED')).code, 'feed_tls');
    assert.equal(networkError(failed('ERR_TLS_CERT_ALTNAME_INVALID')).code, 'feed_tls');
    assert.equal(networkError(failed('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).code, 'feed_tls');
    assert.equal(networkError(failed('ECONNRESET')).code, 'feed_connection');
    assert.equal(networkError(failed('UND_ERR_SOCKET')).code, 'feed_connection');
    assert.equal(networkError(Object.assign(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).code, 'feed_timeout');
  });
});
