// The benchmark's stand-in for the web: N RSS feeds of M generated items each, every feed on its
// own 127.0.0.1 port (the feed source serialises requests per host:port, so one port per feed lets
// the run fetch them concurrently, as it would fetch feeds of different sites). Each feed has an
// ETag and answers a matching If-None-Match with 304; `bump()` changes every ETag without changing
// the items (a feed that was republished with nothing new).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { corpus } from './corpus.ts';

export interface FeedServers {
  urls: string[];
  /** New ETags for every feed, same items. */
  bump(): void;
  stats: { ok: number; notModified: number };
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The RSS 2.0 document of feed `f`. */
export function feedXml(f: number, items: ReturnType<typeof corpus>): string {
  const entries = items.map(
    (it, i) =>
      `<item><title>${esc(it.title)}</title><link>https://news${f}.example/${it.date.slice(0, 10)}/story-${i}</link><guid isPermaLink="false">bench-${f}-${i}</guid><pubDate>${new Date(it.date).toUTCString()}</pubDate><description>${esc(it.text)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench feed ${f}</title><link>https://news${f}.example/</link><description>generated</description>${entries.join('\n')}</channel></rss>\n`;
}

export async function startFeedServers(feeds: number, itemsPerFeed: number, seed = 7): Promise<FeedServers> {
  const items = corpus(feeds * itemsPerFeed, seed);
  const servers: Server[] = [];
  const urls: string[] = [];
  const stats = { ok: 0, notModified: 0 };
  let generation = 0;
  for (let f = 0; f < feeds; f++) {
    const body = Buffer.from(feedXml(f, items.slice(f * itemsPerFeed, (f + 1) * itemsPerFeed)));
    const server = createServer((req, res) => {
      const etag = `"bench-${f}-${generation}"`;
      if (req.headers['if-none-match'] === etag) {
        stats.notModified++;
        res.writeHead(304, { ETag: etag }).end();
        return;
      }
      stats.ok++;
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Content-Length': body.length, ETag: etag }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/feed-${f}.xml`);
  }
  return {
    urls,
    bump: () => void generation++,
    stats,
    async close() {
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
