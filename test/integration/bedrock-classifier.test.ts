// The Bedrock classifier against a local server that speaks the Bedrock Runtime Converse HTTP API
// (POST /model/{modelId}/converse; HTTP/2 cleartext, as the SDK's Bedrock client talks HTTP/2), with
// dummy credentials: JSON answers, invented evidence,
// malformed answers, a failing call retried, a slow call timed out, and the per-run budget.
import assert from 'node:assert/strict';
import { createServer, type Http2Server, type Http2ServerRequest, type Http2ServerResponse, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createBedrockClassifier, extractJson } from '../../shared/adapters/bedrock-classifier.ts';
import type { Log } from '../../shared/ports/index.ts';

const MODEL = 'anthropic.claude-test-v1:0';
const claims = [
  { id: 'M1', text: 'At least 40 miners were killed in the explosion at the Ridgeback colliery.' },
  { id: 'M2', text: 'Army rescue teams were sent to the Ridgeback colliery.' },
];

interface Seen {
  path: string;
  auth?: string;
  body: { system?: Array<{ text: string }>; messages: Array<{ content: Array<{ text: string }> }>; inferenceConfig?: unknown };
}

function converse(res: Http2ServerResponse, text: string, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ output: { message: { role: 'assistant', content: [{ text }] } }, stopReason: 'end_turn', usage: { inputTokens: 100, outputTokens: 40, totalTokens: 140 }, metrics: { latencyMs: 5 } }));
}

function recordingLog(): Log & { lines: Array<[string, string, Record<string, unknown> | undefined]> } {
  const lines: Array<[string, string, Record<string, unknown> | undefined]> = [];
  const at = (level: string) => (message: string, extra?: Record<string, unknown>) => void lines.push([level, message, extra]);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('createBedrockClassifier (local Converse server)', () => {
  let server: Http2Server;
  const sessions = new Set<ServerHttp2Session>();
  let endpoint: string;
  const seen: Seen[] = [];
  let failuresLeft = 0;
  const saved: Record<string, string | undefined> = {};

  before(async () => {
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_PROFILE']) saved[k] = process.env[k];
    process.env.AWS_ACCESS_KEY_ID = 'dummy';
    process.env.AWS_SECRET_ACCESS_KEY = 'dummy';
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    server = createServer((req: Http2ServerRequest, res: Http2ServerResponse) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const body = JSON.parse(raw) as Seen['body'];
        seen.push({ path: decodeURIComponent(req.url ?? ''), auth: req.headers.authorization, body });
        const user = body.messages[0].content[0].text;
        if (user.includes('FAIL-ONCE') && failuresLeft > 0) {
          failuresLeft--;
          res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalServerException' });
          res.end(JSON.stringify({ message: 'boom' }));
          return;
        }
        if (user.includes('SLOW')) {
          setTimeout(() => converse(res, '{"relevant": false, "topics": [], "claims": []}'), 1_500).unref();
          return;
        }
        if (user.includes('GARBAGE')) return converse(res, 'I am sorry, I cannot help with that.');
        if (user.includes('INVENT')) {
          return converse(res, JSON.stringify({ relevant: true, topics: ['kazakhstan'], claims: [{ claim: 'M1', stance: 'supports', evidence: 'A sentence that is not in the item.', score: 0.9 }, { claim: 'M9', stance: 'supports', evidence: 'Ridgeback', score: 0.9 }] }));
        }
        // The usual answer, wrapped in a code fence as models like to do.
        converse(res, '```json\n' + JSON.stringify({ relevant: true, topics: ['csto', 'moon'], claims: [{ claim: 'M1', stance: 'updates', evidence: '52 miners were killed in the explosion at the Ridgeback colliery,  officials said.', score: 0.93 }, { claim: 'M2', stance: 'sideways', evidence: 'x' }] }) + '\n```');
      });
    });
    server.on('session', (session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    for (const session of sessions) session.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  const make = (over: Partial<Parameters<typeof createBedrockClassifier>[0]> = {}) =>
    createBedrockClassifier({ claims, modelId: MODEL, endpoint, region: 'us-east-1', maxCalls: 10, timeoutMs: 3_000, maxAttempts: 2, ...over });

  const item = (id: string, marker = '') => ({ id, title: `Ridgeback update ${marker}`.trim(), text: 'Officials spoke on Friday. 52 miners were killed in the explosion at the Ridgeback colliery, officials said.' });

  it('sends a signed Converse request with the claims and keeps verbatim, well-formed links', async () => {
    // Prepare
    seen.length = 0;
    // Act
    const [v] = await make().classify([item('a')]);
    // Assess
    assert.equal(seen.length, 1);
    assert.equal(seen[0].path, `/model/${MODEL}/converse`);
    assert.match(seen[0].auth ?? '', /^AWS4-HMAC-SHA256 Credential=dummy\//);
    assert.match(seen[0].body.system?.[0].text ?? '', /M1: At least 40 miners/);
    assert.match(seen[0].body.messages[0].content[0].text, /Ridgeback colliery/);
    assert.equal(v.relevant, true);
    assert.deepEqual(v.topics, ['csto'], 'unknown topics dropped; local topic words none here');
    assert.deepEqual(v.claims, [{ claim: 'M1', stance: 'updates', evidence: '52 miners were killed in the explosion at the Ridgeback colliery, officials said.', score: 0.93 }]);
  });

  it('drops invented evidence and unknown claims', async () => {
    const [v] = await make().classify([item('b', 'INVENT')]);
    assert.deepEqual(v.claims, []);
  });

  it('falls back to the local rules for an answer that is not JSON, and logs it', async () => {
    const log = recordingLog();
    const [v] = await make({ log }).classify([item('c', 'GARBAGE')]);
    assert.equal(v.id, 'c');
    assert.equal(v.claims.find((c) => c.claim === 'M1')?.stance, 'updates', 'the local rules see 40 → 52');
    assert.ok(log.lines.some(([level, message, extra]) => level === 'warn' && /local rules used/.test(message) && extra?.itemId === 'c'));
  });

  it('retries a failed call within maxAttempts', async () => {
    seen.length = 0;
    failuresLeft = 1;
    const log = recordingLog();
    const [v] = await make({ log }).classify([item('d', 'FAIL-ONCE')]);
    assert.equal(seen.length, 2);
    assert.equal(v.claims[0]?.score, 0.93, 'the model answered on the second attempt');
    assert.ok(!log.lines.some(([level]) => level === 'warn'));
  });

  it('gives up on a slow call after timeoutMs and uses the local rules', async () => {
    const log = recordingLog();
    const [v] = await make({ timeoutMs: 300, maxAttempts: 1, log }).classify([item('e', 'SLOW')]);
    // The slow answer would say "not relevant"; the local rules see the 40 → 52 update instead.
    assert.equal(v.relevant, true);
    assert.equal(v.claims.find((c) => c.claim === 'M1')?.stance, 'updates');
    assert.ok(log.lines.some(([level, , extra]) => level === 'warn' && extra?.itemId === 'e'));
  });

  it('spends at most maxCalls calls per run, classifies the rest locally, in order, and says so', async () => {
    seen.length = 0;
    const log = recordingLog();
    const classifier = make({ maxCalls: 2, log });
    const items = ['f1', 'f2', 'f3', 'f4'].map((id) => item(id));
    const verdicts = await classifier.classify(items);
    assert.equal(seen.length, 2);
    assert.deepEqual(verdicts.map((v) => v.id), ['f1', 'f2', 'f3', 'f4']);
    assert.ok(log.lines.some(([level, message, extra]) => level === 'warn' && /budget spent/.test(message) && extra?.local === 2));
    // A new run has a new budget.
    await classifier.classify([item('g')]);
    assert.equal(seen.length, 3);
  });
});

describe('extractJson', () => {
  it('finds the object in prose or a code fence, and nothing in garbage', () => {
    assert.deepEqual(extractJson('Sure! ```json\n{"relevant": false}\n``` done'), { relevant: false });
    assert.equal(extractJson('no json here'), undefined);
    assert.equal(extractJson('{broken'), undefined);
  });
});
