// A configurable feed server on 127.0.0.1 for tests and the benchmark: well-behaved routes with ETag /
// Last-Modified and 304s, and hostile ones (slow drip, endless body, gzip bomb, redirect loop, entity
// bomb, reset, 5xx, 429/503 with Retry-After, HTML, huge bodies, invalid UTF-8, legacy charsets).
//
//   const server = await startFeedServer({ '/a.xml': feed(rss([...])), '/bomb.xml': gzipBomb() });
//   server.url('/a.xml'); server.requests; server.maxInFlight; await server.close();
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

export type Route = (req: IncomingMessage, res: ServerResponse, ctx: { hits: number }) => void | Promise<void>;

export interface FeedServer {
  baseUrl: string;
  url(path: string): string;
  /** Every request in arrival order. */
  requests: Array<{ path: string; headers: IncomingHttpHeaders; at: number }>;
  /** Requests on one path. */
  hits(path: string): number;
  /** Most requests this server was handling at the same time. */
  readonly maxInFlight: number;
  setRoute(path: string, route: Route): void;
  close(): Promise<void>;
}

export async function startFeedServer(routes: Record<string, Route>): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const requests: FeedServer['requests'] = [];
  const counts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, headers: req.headers, at: Date.now() });
    const hits = (counts.get(path) ?? 0) + 1;
    counts.set(path, hits);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        inFlight--;
      }
    };
    res.on('close', finish);
    res.on('finish', finish);
    const route = table.get(path);
    if (!route) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    Promise.resolve(route(req, res, { hits })).catch(() => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    url: (p) => `${baseUrl}${p.startsWith('/') ? p : `/${p}`}`,
    requests,
    hits: (p) => counts.get(p) ?? 0,
    get maxInFlight() {
      return maxInFlight;
    },
    setRoute: (p, route) => void table.set(p, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------- documents

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface FixtureItem {
  title?: string;
  link?: string;
  guid?: string;
  date?: string;
  /** HTML allowed; put in content:encoded (RSS 2.0) or content (Atom). */
  html?: string;
  description?: string;
}

/** An RSS 2.0 document. */
export function rss(items: FixtureItem[], opts: { title?: string; encoding?: string; language?: string } = {}): string {
  const body = items
    .map(
      (i) =>
        `<item>${i.title !== undefined ? `<title>${esc(i.title)}</title>` : ''}${i.link ? `<link>${esc(i.link)}</link>` : ''}${i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''}${i.date ? `<pubDate>${i.date}</pubDate>` : ''}${i.description !== undefined ? `<description>${esc(i.description)}</description>` : ''}${i.html ? `<content:encoded><![CDATA[${i.html}]]></content:encoded>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="${opts.encoding ?? 'UTF-8'}"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${esc(opts.title ?? 'Test feed')}</title><link>https://feeds.example/</link>${opts.language ? `<language>${opts.language}</language>` : ''}\n${body}\n</channel></rss>`;
}

/** An Atom document. */
export function atom(items: FixtureItem[], opts: { title?: string } = {}): string {
  const body = items
    .map(
      (i) =>
        `<entry>${i.title !== undefined ? `<title>${esc(i.title)}</title>` : ''}${i.guid ? `<id>${esc(i.guid)}</id>` : ''}${i.link ? `<link rel="alternate" href="${esc(i.link)}"/>` : ''}${i.date ? `<published>${i.date}</published>` : ''}${i.description !== undefined ? `<summary>${esc(i.description)}</summary>` : ''}${i.html ? `<content type="html">${esc(i.html)}</content>` : ''}</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(opts.title ?? 'Test Atom')}</title><id>urn:test</id><updated>2022-01-10T00:00:00Z</updated>\n${body}\n</feed>`;
}

/** An RSS 1.0 (RDF) document. */
export function rdf(items: FixtureItem[], opts: { title?: string } = {}): string {
  const body = items
    .map(
      (i) =>
        `<item rdf:about="${esc(i.link ?? i.guid ?? '')}">${i.title !== undefined ? `<title>${esc(i.title)}</title>` : ''}${i.link ? `<link>${esc(i.link)}</link>` : ''}${i.date ? `<dc:date>${i.date}</dc:date>` : ''}${i.description !== undefined ? `<description>${esc(i.description)}</description>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://feeds.example/"><title>${esc(opts.title ?? 'Test RDF')}</title><link>https://feeds.example/</link></channel>\n${body}\n</rdf:RDF>`;
}

// ---------------------------------------------------------------- well-behaved routes

/**
 * Serves a document with ETag and Last-Modified, answering 304 to matching validators.
 * `encoding` compresses the body; `charset` encodes it with iconv and names it in Content-Type
 * (set `charsetInHeader: false` to rely on the XML declaration alone).
 */
export function feed(
  doc: string | Buffer,
  opts: { contentType?: string; etag?: string; lastModified?: string; encoding?: 'gzip' | 'deflate' | 'br'; charset?: string; charsetInHeader?: boolean; validators?: boolean } = {},
): Route {
  let bytes = typeof doc === 'string' ? (opts.charset ? iconv.encode(doc, opts.charset) : Buffer.from(doc, 'utf8')) : doc;
  const etag = opts.etag ?? `"${createHash('sha1').update(bytes).digest('hex').slice(0, 12)}"`;
  const lastModified = opts.lastModified ?? 'Mon, 10 Jan 2022 10:00:00 GMT';
  const type = `${opts.contentType ?? 'application/rss+xml'}${opts.charset && opts.charsetInHeader !== false ? `; charset=${opts.charset}` : ''}`;
  const encoded = opts.encoding === 'gzip' ? gzipSync(bytes) : opts.encoding === 'deflate' ? deflateSync(bytes) : opts.encoding === 'br' ? brotliCompressSync(bytes) : bytes;
  bytes = encoded;
  return (req, res) => {
    const validators = opts.validators === false ? {} : { ETag: etag, 'Last-Modified': lastModified };
    if (opts.validators !== false && (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === lastModified))) {
      return void res.writeHead(304, validators).end();
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': bytes.length, ...(opts.encoding ? { 'Content-Encoding': opts.encoding } : {}), ...validators }).end(bytes);
  };
}

/** Answers each request with the next route; the last one repeats. */
export function sequence(...routes: Route[]): Route {
  return (req, res, ctx) => routes[Math.min(ctx.hits, routes.length) - 1](req, res, ctx);
}

/** Delays another route (for per-host serialisation checks). */
export function delayed(ms: number, route: Route): Route {
  return (req, res, ctx) => new Promise<void>((r) => setTimeout(() => r(route(req, res, ctx) as undefined), ms));
}

export function status(code: number, headers: Record<string, string> = {}, body = ''): Route {
  return (_req, res) => void res.writeHead(code, headers).end(body);
}

export const retryAfter = (code: 429 | 503, seconds: number | string): Route => status(code, { 'Retry-After': String(seconds) });

export function redirect(to: string, code = 301): Route {
  return (_req, res) => void res.writeHead(code, { Location: to }).end();
}

// ---------------------------------------------------------------- hostile routes

/** Sends one byte every `intervalMs` and never finishes. */
export function slowDrip(intervalMs = 1000): Route {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
    res.write('<');
    const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), intervalMs);
    res.on('close', () => clearInterval(t));
  };
}

/** Streams feed-looking XML forever (no Content-Length), as fast as the client reads. */
export function endlessBody(): Route {
  const chunk = Buffer.from(`<item><title>${'x'.repeat(1000)}</title></item>`.repeat(64));
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
    res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>endless</title>');
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  };
}

let bombCache: Buffer | undefined;
/** ~40 KB of gzip that inflates to 40 MB. */
export function gzipBomb(): Route {
  bombCache ??= gzipSync(Buffer.concat([Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>'), Buffer.alloc(40 * 1024 * 1024, 'a')]), { level: 9 });
  const bytes = bombCache;
  return (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Encoding': 'gzip', 'Content-Length': bytes.length }).end(bytes);
}

/** A body of `bytes` bytes, streamed with back-pressure and an honest Content-Length unless `chunked`. */
export function hugeBody(bytes = 50 * 1024 * 1024, opts: { chunked?: boolean } = {}): Route {
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml', ...(opts.chunked ? {} : { 'Content-Length': bytes }) });
    let sent = 0;
    const pump = () => {
      while (!res.destroyed && sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}

/** The classic billion-laughs document. */
export const ENTITY_BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>bomb</title><item><title>&lol9;</title></item></channel></rss>`;

export const entityBomb = (): Route => feed(ENTITY_BOMB);

/** Closes the connection without a response. */
export function reset(): Route {
  return (req) => void req.socket.destroy();
}

export const htmlPage = (): Route => feed('<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>Not a feed</h1></body></html>', { contentType: 'text/html; charset=utf-8' });

/** An RSS document whose title contains bytes that are not UTF-8, served as UTF-8. */
export function invalidUtf8(): Route {
  const bytes = Buffer.concat([
    Buffer.from('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title><item><title>Bad '),
    Buffer.from([0xff, 0xfe, 0xc3]),
    Buffer.from(' bytes</title><link>https://bad.example/1</link><description>Body text.</description></item></channel></rss>'),
  ]);
  return feed(bytes, { contentType: 'application/rss+xml; charset=utf-8' });
}
