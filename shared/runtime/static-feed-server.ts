// A small HTTP server on 127.0.0.1 that serves feed files from a folder, with ETag and
// Last-Modified so that conditional GETs get 304s: the offline demo's stand-in for the web.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface StaticFeedServer {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startStaticFeedServer(dir: string): Promise<StaticFeedServer> {
  const root = path.resolve(dir);
  const server: Server = createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const [body, info] = await Promise.all([readFile(file), stat(file)]);
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      const lastModified = info.mtime.toUTCString();
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag, 'Last-Modified': lastModified }).end();
        return;
      }
      const type = file.endsWith('.atom') ? 'application/atom+xml' : file.endsWith('.rdf') ? 'application/rdf+xml' : file.endsWith('.xml') || file.endsWith('.rss') ? 'application/xml' : 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type, ETag: etag, 'Last-Modified': lastModified, 'Content-Length': body.length });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
