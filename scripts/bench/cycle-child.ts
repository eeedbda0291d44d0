// Runs two full local cycles over a local feed server (50 feeds × 100 items) in a fresh process and
// prints one JSON line: wall times, peak RSS and SDK requests by command. Used by scripts/bench.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFeedsFile } from '../../shared/domain/feeds.ts';
import { loadEnv } from '../../shared/runtime/load-env.ts';
import { makeDeps } from '../../shared/runtime/make-deps.ts';
import { cycleNow } from '../../shared/runtime/wiring.ts';
import { corpus } from './corpus.ts';

const FEEDS = 50;
const PER_FEED = 100;
const items = corpus(FEEDS * PER_FEED, 7);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const servers: Server[] = [];
const urls: string[] = [];
for (let f = 0; f < FEEDS; f++) {
  const body = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench ${f}</title>${items
    .slice(f * PER_FEED, (f + 1) * PER_FEED)
    .map((it, i) => `<item><title>${esc(it.title)} (${f}-${i})</title><link>https://bench${f}.example/${i}</link><pubDate>Mon, 10 Jan 2022 10:00:00 GMT</pubDate><description>${esc(it.text)}</description></item>`)
    .join('')}</channel></rss>`;
  const etag = `"bench-${f}"`;
  const server = createServer((req, res) => {
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
    res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: etag }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  // One port per feed: the feed source allows one request at a time per host:port.
  urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`);
}

const requests: Record<string, number> = {};
const writeItems = { count: 0 };
const dir = await mkdtemp(path.join(tmpdir(), 'claimwatch-bench-'));
const env = loadEnv({ CLAIMWATCH_DATA_DIR: dir, CLAIMWATCH_FEED_CONCURRENCY: '16' });
const { Writable } = await import('node:stream');
const deps = await makeDeps(env, {
  log: { debug() {}, info() {}, warn() {}, error() {} },
  terminal: new Writable({ write: (_c, _e, cb) => cb() }),
  overrides: { feeds: parseFeedsFile(JSON.stringify({ feeds: urls.map((url) => ({ url })) }), 'bench') },
  instrument: (client, service) => {
    (client.middlewareStack as unknown as { add: (mw: unknown, o: unknown) => void }).add(
      (next: (a: unknown) => Promise<unknown>, ctx: { commandName: string }) => async (args: { input: { RequestItems?: Record<string, unknown[]> } }) => {
        const key = `${service}:${ctx.commandName.replace(/Command$/, '')}`;
        requests[key] = (requests[key] ?? 0) + 1;
        if (key === 'dynamodb:BatchWriteItem') writeItems.count += Object.values(args.input.RequestItems ?? {}).reduce((n, v) => n + v.length, 0);
        return next(args);
      },
      { step: 'initialize', name: 'benchCounter' },
    );
  },
});
const snapshot = () => ({ ...requests });
let t = performance.now();
const first = await cycleNow(deps);
const firstSeconds = (performance.now() - t) / 1000;
const afterFirst = snapshot();
t = performance.now();
const second = await cycleNow(deps);
const secondSeconds = (performance.now() - t) / 1000;
const afterSecond = snapshot();
await deps.close();
for (const s of servers) s.close();
await rm(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ firstSeconds, secondSeconds, maxRssMB: process.resourceUsage().maxRSS / 1024, first: first.items, second: second.items, secondFeedsNotModified: second.feeds.filter((f) => f.ok).length, afterFirst, afterSecond, batchWriteItems: writeItems.count })}\n`,
);
process.exit(0);
