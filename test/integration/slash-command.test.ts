// End to end on 127.0.0.1: a signed form POST to a local "Function URL" → ephemeral ack → the job
// runs asynchronously (as the worker Lambda would) → the digest is posted through the
// WebClient to the local Slack server → the reply arrives at the response_url.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createResponder } from '../../shared/adapters/response-url.ts';
import { createSlackNotifier } from '../../shared/adapters/slack-notifier.ts';
import type { RunSummary } from '../../shared/domain/types.ts';
import { signSlackRequest } from '../../shared/domain/slack-signature.ts';
import { sendDigest } from '../../shared/use-cases/send-digest.ts';
import { acknowledgeSlashCommand, runSlashJob, type SlashJob } from '../../shared/use-cases/slash-command.ts';
import { quietLog } from '../helpers/fakes.ts';
import { storedItem } from '../helpers/items.ts';
import { MemoryStore } from '../helpers/memory-store.ts';
import { startSlackServer, type SlackServer } from '../helpers/slack-server.ts';

const signingSecret = 'e2e-signing-secret';
const token = 'xoxb-e2e';
const channelId = 'C0E2E';
const FEED = 'https://kz.example/rss';

describe('slash command end to end', () => {
  let slack: SlackServer;
  let fnUrl: string;
  let server: Server;
  const store = new MemoryStore();
  const jobsDone: Array<Promise<void>> = [];
  let locked = false;

  before(async () => {
    slack = await startSlackServer({ token, channels: [channelId] });
    const clock = { now: () => new Date() };
    const notifier = createSlackNotifier({ token, channelId, apiUrl: slack.apiUrl, timeoutMs: 2_000, maxRetries: 1, log: quietLog });
    // The cycle's digest stage for real (sendDigest → WebClient → local Slack); ingest is covered by
    // its own tests, so this cycle "ingests" two items straight into the store the first time.
    const claims = [{ id: 'C1', text: '164 people were killed.' }];
    let cycles = 0;
    const cycle = async (): Promise<RunSummary> => {
      const fresh = cycles++ === 0;
      if (fresh) {
        const at = clock.now().toISOString();
        store.items.set('a', storedItem({ id: 'a', title: 'Death toll in Almaty revised', ingestedAt: at, claims: [{ claim: 'C1', stance: 'updates', evidence: 'Officials revised the toll to 225.', score: 0.9, update: { subject: 'killed', old: '164', new: '225' } }] }));
        store.items.set('b', storedItem({ id: 'b', title: 'CSTO troops begin withdrawal', ingestedAt: at }));
      }
      const outcome = await sendDigest({ store, notifier, clock, log: quietLog, claims, timeZone: 'Asia/Almaty' });
      return {
        runId: `r${cycles}`,
        startedAt: clock.now().toISOString(),
        items: { fetched: 2, new: fresh ? 2 : 0, duplicates: fresh ? 0 : 2 },
        feeds: [{ url: FEED, ok: true, status: 200 }],
        classified: fresh ? 2 : 0,
        matched: fresh ? 1 : 0,
        digest: outcome.status === 'posted' ? { items: outcome.items, target: outcome.target } : { items: 0, target: 'none' },
      };
    };
    const worker = {
      runCycle: cycle,
      digest: async (since?: string) => `digest since ${since ?? 'last'}`,
      claims: async () => 'C1: 164 → revised',
      feeds: async () => 'KZ wire ✓',
      respond: createResponder({ timeoutMs: 2_000 }),
      tryLock: async () => (locked ? false : (locked = true)),
      unlock: async () => void (locked = false),
      log: quietLog,
    };
    // The "asynchronous invoke": queued for later, never awaited by the acknowledgement.
    const enqueue = async (job: SlashJob) => {
      const payload = JSON.parse(JSON.stringify(job)) as SlashJob; // crosses a process boundary in Lambda
      jobsDone.push(new Promise((resolve) => setImmediate(() => resolve(runSlashJob(worker, payload)))));
    };

    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
        const out = await acknowledgeSlashCommand({ signingSecret, clock, enqueue }, { headers, rawBody: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(out.statusCode, out.headers);
        res.end(out.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    fnUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  after(async () => {
    await Promise.allSettled(jobsDone);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await slack.close();
  });

  async function slash(text: string, sign = true) {
    const body = new URLSearchParams({ command: '/claimwatch', text, team_id: 'T1', channel_id: channelId, user_id: 'U1', response_url: slack.responseUrl }).toString();
    const ts = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (sign) Object.assign(headers, { 'x-slack-request-timestamp': ts, 'x-slack-signature': signSlackRequest({ signingSecret, timestamp: ts, rawBody: body }) });
    const res = await fetch(fnUrl, { method: 'POST', headers, body });
    return { status: res.status, body: (await res.json()) as { response_type?: string; text?: string } };
  }

  it('refuses an unsigned request with 401 and does nothing', async () => {
    const res = await slash('run', false);
    assert.equal(res.status, 401);
    assert.equal(jobsDone.length, 0);
  });

  it('`run`: acknowledges at once, runs a cycle that posts the digest to the channel, replies on the response_url', async () => {
    // Act
    const ack = await slash('run');
    // Assess: the acknowledgement
    assert.equal(ack.status, 200);
    assert.equal(ack.body.response_type, 'ephemeral');
    assert.match(ack.body.text!, /Starting a run/);
    // … then the work, asynchronously
    const [reply] = await slack.waitForResponses(1);
    await Promise.all(jobsDone);
    assert.match(String(reply.body.text), /2 new items .* 1\/1 feeds ok, 1 linked to claims; digest: 2 items → slack/);
    assert.equal(reply.body.response_type, 'ephemeral');
    assert.equal(slack.messages.length, 1, 'one digest message in the channel');
    assert.equal(slack.messages[0].channel, channelId);
    assert.match(JSON.stringify(slack.messages[0].blocks), /Death toll in Almaty revised/);
  });

  it('a second `run` stores and posts nothing new', async () => {
    await slash('run');
    const replies = await slack.waitForResponses(2);
    await Promise.all(jobsDone);
    assert.match(String(replies[1].body.text), /0 new items/);
    assert.equal(slack.messages.length, 1);
  });

  it('`claims` and `feeds` reply on the response_url; `help` answers inline', async () => {
    await slash('claims');
    await slash('feeds');
    const replies = await slack.waitForResponses(4);
    assert.deepEqual(replies.slice(2).map((r) => r.body.text).sort(), ['C1: 164 → revised', 'KZ wire ✓']);
    const help = await slash('help');
    assert.match(help.body.text!, /\/claimwatch feeds/);
  });
});
