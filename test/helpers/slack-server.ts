// A local server on 127.0.0.1 that speaks enough of the Slack Web API for tests: chat.postMessage
// as form posts (what @slack/web-api sends) or JSON, bearer-token checks, scripted failures
// (429 with Retry-After, platform errors, 500) and a response_url endpoint for slash commands.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PostedMessage {
  channel: string;
  text?: string;
  blocks?: Array<Record<string, unknown>>;
  thread_ts?: string;
  ts: string;
  /** Arrival time (ms), to check that Retry-After was waited for. */
  at: number;
  contentType: string;
}

export interface ResponseUrlPost {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

/** One scripted answer to the next chat.postMessage call. */
export type Failure = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

export interface SlackServerOptions {
  token?: string;
  /** When given, other channels answer channel_not_found. */
  channels?: string[];
}

export interface SlackServer {
  /** Web API base for WebClient's slackApiUrl (ends with '/'). */
  apiUrl: string;
  /** A response_url Slack would send with a slash command. */
  responseUrl: string;
  messages: PostedMessage[];
  responses: ResponseUrlPost[];
  /** Every chat.postMessage call, including refused ones. */
  calls: number[];
  /** Queues failures answered before the next successful calls, in order. */
  fail(...failures: Failure[]): void;
  /** Answers the call `n` calls from now (0 = the next one) with the failure. */
  failAfter(n: number, failure: Failure): void;
  /** Forgets recorded messages, calls and unanswered scripted failures. */
  reset(): void;
  /** Resolves when `n` response_url posts have arrived. */
  waitForResponses(n: number, timeoutMs?: number): Promise<ResponseUrlPost[]>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startSlackServer(options: SlackServerOptions = {}): Promise<SlackServer> {
  const token = options.token ?? 'xoxb-test-token';
  const messages: PostedMessage[] = [];
  const responses: ResponseUrlPost[] = [];
  const calls: number[] = [];
  const queue: Failure[] = [];
  const scheduled = new Map<number, Failure>();
  const waiters: Array<() => void> = [];
  let seq = 0;

  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const contentType = String(req.headers['content-type'] ?? '');

    if (url.pathname.startsWith('/response/')) {
      responses.push({ path: url.pathname, body: JSON.parse(raw || '{}'), at: Date.now() });
      waiters.splice(0).forEach((w) => w());
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (req.method !== 'POST' || url.pathname !== '/api/chat.postMessage') return send(404, { ok: false, error: 'unknown_method' });

    calls.push(Date.now());
    let params: Record<string, unknown>;
    if (contentType.startsWith('application/json')) params = JSON.parse(raw || '{}');
    else params = Object.fromEntries(new URLSearchParams(raw));
    const auth = String(req.headers.authorization ?? '');
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : (params.token as string | undefined);

    const failure = scheduled.get(calls.length - 1) ?? queue.shift();
    scheduled.delete(calls.length - 1);
    if (failure) {
      if ('status' in failure && failure.status === 429) return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      if ('status' in failure) return send(failure.status, { ok: false, error: 'internal_error' });
      return send(200, { ok: false, error: failure.error });
    }
    if (!given) return send(200, { ok: false, error: 'not_authed' });
    if (given !== token) return send(200, { ok: false, error: 'invalid_auth' });
    const channel = String(params.channel ?? '');
    if (!channel || (options.channels && !options.channels.includes(channel))) return send(200, { ok: false, error: 'channel_not_found' });
    const blocks = typeof params.blocks === 'string' ? JSON.parse(params.blocks) : params.blocks;
    const ts = `1700000000.${String(++seq).padStart(6, '0')}`;
    messages.push({
      channel,
      text: params.text as string | undefined,
      blocks: blocks as PostedMessage['blocks'],
      thread_ts: params.thread_ts as string | undefined,
      ts,
      at: Date.now(),
      contentType,
    });
    send(200, { ok: true, channel, ts, message: { text: params.text, ts } });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: `${base}/response/T000/1234/abcd`,
    messages,
    responses,
    calls,
    fail: (...f) => queue.push(...f),
    failAfter: (n, f) => void scheduled.set(calls.length + n, f),
    reset() {
      messages.length = 0;
      responses.length = 0;
      calls.length = 0;
      queue.length = 0;
      scheduled.clear();
    },
    async waitForResponses(n, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (responses.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} response_url posts, got ${responses.length}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
      return responses;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
