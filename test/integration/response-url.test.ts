import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createResponder } from '../../shared/adapters/response-url.ts';
import { ClaimwatchError } from '../../shared/errors.ts';

describe('response_url responder', () => {
  let server: Server;
  let base: string;
  const received: Array<{ path: string; type?: string; body: unknown }> = [];
  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', type: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString() || 'null') });
        const status = Number(/\/status\/(\d+)/.exec(req.url ?? '')?.[1] ?? 200);
        if (req.url === '/hang') return; // never answers
        res.writeHead(status).end(status === 200 ? 'ok' : 'no');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  });

  it('posts the message as JSON', async () => {
    await createResponder()(`${base}/ok`, { text: 'hello', response_type: 'ephemeral' });
    assert.deepEqual(received.at(-1), { path: '/ok', type: 'application/json; charset=utf-8', body: { text: 'hello', response_type: 'ephemeral' } });
  });

  it('maps failures to slack_* codes: 404, 500, 429 and a timeout', async () => {
    const respond = createResponder({ timeoutMs: 300 });
    const code = (p: Promise<void>) => p.then(() => 'ok', (e: unknown) => (e instanceof ClaimwatchError ? e.code : 'other'));
    assert.equal(await code(respond(`${base}/status/404`, { text: 'x' })), 'slack_request');
    assert.equal(await code(respond(`${base}/status/500`, { text: 'x' })), 'slack_unavailable');
    assert.equal(await code(respond(`${base}/status/429`, { text: 'x' })), 'slack_rate_limited');
    assert.equal(await code(respond(`${base}/hang`, { text: 'x' })), 'slack_unavailable');
    assert.equal(await code(respond('file:///etc/passwd', { text: 'x' })), 'slack_request');
  });
});
