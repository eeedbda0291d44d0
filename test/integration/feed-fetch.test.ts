// The HTTP feed source against a hostile local server: each bad input ends with its own code
// within the timeouts, the other feeds still arrive, conditional GETs give 304s.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createHttpFeedSource } from '../../shared/adapters/http-feed-source.ts';
import { parseFeedsFile } from '../../shared/domain/feeds.ts';
import type { FeedState } from '../../shared/domain/types.ts';

const EVAL_FEEDS = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'feeds');
const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;
const GOOD = rss('<item><title>Tokayev speaks</title><link>https://x.example/1</link><pubDate>Mon, 10 Jan 2022 10:00:00 GMT</pubDate><description>Text about Kazakhstan.</description></item>');

type Handler = (res: ServerResponse, headers: IncomingHttpHeaders) => void;
const routes: Record<string, Handler> = {
  '/good.xml': (res, h) => (h['if-none-match'] === '"g1"' ? res.writeHead(304).end() : res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: '"g1"' }).end(GOOD)),
  '/atom.xml': (res) => res.writeHead(200).end('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>E</title><id>urn:1</id><link href="https://a.example/e"/><updated>2022-01-10T00:00:00Z</updated><summary>S</summary></entry></feed>'),
  '/malformed.xml': (res) => res.writeHead(200).end('<?xml version="1.0"?><rss><channel><item><title>broken</channel>'),
  '/page.html': (res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><html><body>Not a feed</body></html>'),
  '/empty.xml': (res) => res.writeHead(200).end(rss('')),
  '/huge.xml': (res) => {
    res.writeHead(200, { 'Content-Type': 'application/xml' });
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < 50 && res.write(chunk)) sent++;
      if (sent >= 50) res.end();
      else res.once('drain', pump);
    };
    pump();
  },
  '/drip.xml': (res) => {
    res.writeHead(200, { 'Content-Type': 'application/xml' });
    const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write('<')), 1000);
    res.on('close', () => clearInterval(t));
  },
  '/loop.xml': (res) => res.writeHead(302, { Location: '/loop.xml' }).end(),
  '/bomb.xml': (res) => res.writeHead(200).end('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss><channel><item><title>&lol2;</title></item></channel></rss>'),
  '/gzip-bomb.xml': (res) => res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Type': 'application/xml' }).end(gzipSync(Buffer.alloc(40 * 1024 * 1024, ' '))),
  '/reset.xml': (res) => res.socket?.destroy(),
  '/error500.xml': (res) => res.writeHead(500).end(),
  '/bad-utf8.xml': (res) => res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8' }).end(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title><item><title>Bad '), Buffer.from([0xff, 0xfe]), Buffer.from(' bytes</title><description>x</description></item></channel></rss>')])),
  '/nolinks.xml': (res) => res.writeHead(200).end(rss('<item><title>No link or date</title><description>Body</description></item><item><title>Future</title><pubDate>Tue, 01 Jan 2999 00:00:00 GMT</pubDate></item>')),
  '/cp1251.xml': (res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(readFileSync(path.join(EVAL_FEEDS, 'ru_business_cp1251.xml'))),
};
let retryCount = 0;
routes['/busy.xml'] = (res) => {
  retryCount++;
  if (retryCount === 1) res.writeHead(429, { 'Retry-After': '1' }).end();
  else res.writeHead(200).end(GOOD);
};

describe('HttpFeedSource against a hostile server', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  before(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url!, headers: req.headers });
      (routes[req.url!] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res, req.headers);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('gives each bad input its own code, never hangs, and still ingests the good feeds', async () => {
    const paths = Object.keys(routes).filter((p) => p !== '/busy.xml');
    const feeds = parseFeedsFile(JSON.stringify({ feeds: paths.map((p) => ({ url: base + p })) }), 'test');
    const source = createHttpFeedSource({ timeoutMs: 1500, concurrency: 16, maxRetries: 1, sleep: async () => {} });
    const results = await source.fetchAll(feeds, new Map(), { deadline: new Date(Date.now() + 20_000) });
    const by = Object.fromEntries(results.map((r) => [new URL(r.url).pathname, r]));
    const codes = Object.fromEntries(Object.entries(by).map(([p, r]) => [p, r.error ?? 'ok']));
    assert.deepEqual(codes, {
      '/good.xml': 'ok',
      '/atom.xml': 'ok',
      '/malformed.xml': 'feed_malformed',
      '/page.html': 'feed_not_xml',
      '/empty.xml': 'feed_empty',
      '/huge.xml': 'feed_too_large',
      '/drip.xml': 'feed_timeout',
      '/loop.xml': 'feed_too_many_redirects',
      '/bomb.xml': 'feed_entity_expansion',
      '/gzip-bomb.xml': 'feed_too_large',
      '/reset.xml': 'feed_connection',
      '/error500.xml': 'feed_http_5xx',
      '/bad-utf8.xml': 'ok',
      '/nolinks.xml': 'ok',
      '/cp1251.xml': 'ok',
    });
    assert.equal(seen.filter((s) => s.path === '/error500.xml').length, 2, '5xx retried a bounded number of times');
    assert.match(by['/bad-utf8.xml'].entries[0].title, /Bad \uFFFD\uFFFD bytes/);
    assert.equal(by['/nolinks.xml'].entries[0].link, undefined);
    assert.match(by['/cp1251.xml'].entries[0].title, /[А-Яа-я]/, 'windows-1251 decoded to Cyrillic');
    assert.equal(by['/atom.xml'].entries[0].link, 'https://a.example/e');
  });

  it('sends validators and gets not_modified with no entries', async () => {
    const feeds = parseFeedsFile(JSON.stringify({ feeds: [{ url: `${base}/good.xml` }] }), 'test');
    const state: FeedState = { feedId: feeds[0].id, url: feeds[0].url, etag: '"g1"', consecutiveFailures: 0 };
    const [r] = await createHttpFeedSource({ timeoutMs: 1000, concurrency: 1 }).fetchAll(feeds, new Map([[feeds[0].id, state]]));
    assert.equal(r.outcome, 'not_modified');
    assert.equal(r.status, 304);
    assert.equal(seen.at(-1)?.headers['if-none-match'], '"g1"');
  });

  it('honours Retry-After on 429', async () => {
    const waits: number[] = [];
    const feeds = parseFeedsFile(JSON.stringify({ feeds: [{ url: `${base}/busy.xml` }] }), 'test');
    const [r] = await createHttpFeedSource({ timeoutMs: 1000, concurrency: 1, sleep: async (ms) => void waits.push(ms) }).fetchAll(feeds, new Map());
    assert.equal(r.outcome, 'ok');
    assert.deepEqual(waits, [1000]);
  });
});
