import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signSlackRequest } from '../../shared/domain/slack-signature.ts';
import type { RunSummary } from '../../shared/domain/types.ts';
import { ClaimwatchError } from '../../shared/errors.ts';
import { acknowledgeSlashCommand, parseSlashJob, runSlashJob, type SlashJob, type SlashWorkerDeps } from '../../shared/use-cases/slash-command.ts';
import { fixedClock, quietLog } from '../helpers/fakes.ts';

const signingSecret = 'test-signing-secret';
const clock = fixedClock('2026-11-23T08:00:00.000Z');
const nowSec = Math.floor(clock.now().getTime() / 1000);

function form(text: string, responseUrl = 'https://hooks.slack.com/commands/T1/2/abc') {
  return new URLSearchParams({ token: 'legacy', team_id: 'T1', channel_id: 'C123', user_id: 'U1', command: '/claimwatch', text, response_url: responseUrl }).toString();
}
function signed(rawBody: string, ts = nowSec) {
  return { headers: { 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': signSlackRequest({ signingSecret, timestamp: ts, rawBody }), 'content-type': 'application/x-www-form-urlencoded' }, rawBody };
}
function ackDeps() {
  const jobs: SlashJob[] = [];
  return { jobs, deps: { signingSecret, clock, enqueue: async (j: SlashJob) => void jobs.push(j) } };
}

describe('acknowledgeSlashCommand', () => {
  it('answers 401 and enqueues nothing for unsigned, stale and tampered requests', async () => {
    const { jobs, deps } = ackDeps();
    const body = form('run');
    const unsigned = await acknowledgeSlashCommand(deps, { headers: {}, rawBody: body });
    const stale = await acknowledgeSlashCommand(deps, signed(body, nowSec - 600));
    const good = signed(body);
    const tampered = await acknowledgeSlashCommand(deps, { headers: good.headers, rawBody: form('feeds') });
    assert.deepEqual([unsigned.statusCode, stale.statusCode, tampered.statusCode], [401, 401, 401]);
    assert.equal(JSON.parse(stale.body).reason, 'stale');
    assert.equal(jobs.length, 0);
  });

  it('acknowledges a signed `run` with an ephemeral message and enqueues one job', async () => {
    const { jobs, deps } = ackDeps();
    const res = await acknowledgeSlashCommand(deps, signed(form('run')));
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/json');
    const body = JSON.parse(res.body);
    assert.equal(body.response_type, 'ephemeral');
    assert.match(body.text, /Starting a run/);
    assert.equal(jobs.length, 1);
    assert.deepEqual({ ...jobs[0] }, { subcommand: 'run', args: '', responseUrl: 'https://hooks.slack.com/commands/T1/2/abc', userId: 'U1', channelId: 'C123', requestedAt: '2026-11-23T08:00:00.000Z' });
  });

  it('passes the arguments of `digest [since]`', async () => {
    const { jobs, deps } = ackDeps();
    await acknowledgeSlashCommand(deps, signed(form('  Digest   7d ')));
    assert.equal(jobs[0].subcommand, 'digest');
    assert.equal(jobs[0].args, '7d');
  });

  it('answers help, an empty command and unknown commands with the help text and enqueues nothing', async () => {
    const { jobs, deps } = ackDeps();
    for (const text of ['help', '', 'frobnicate now']) {
      const res = await acknowledgeSlashCommand(deps, signed(form(text)));
      const body = JSON.parse(res.body);
      assert.equal(res.statusCode, 200);
      assert.equal(body.response_type, 'ephemeral');
      assert.match(body.text, /\/claimwatch run/);
      assert.match(body.text, /\/claimwatch digest \[since\]/);
    }
    assert.equal(jobs.length, 0);
  });

  it('says at once that a run is in progress, without enqueuing', async () => {
    const { jobs, deps } = ackDeps();
    const res = await acknowledgeSlashCommand({ ...deps, isBusy: async () => true }, signed(form('run')));
    assert.match(JSON.parse(res.body).text, /already in progress/);
    assert.equal(jobs.length, 0);
  });

  it('does no slow work: it returns once the job is handed over, before the job runs', async () => {
    // Prepare: the "worker" is started by enqueue but would take a long time.
    let workerStarted = false;
    let workerFinished = false;
    const enqueue = async () => {
      setImmediate(() => {
        workerStarted = true;
        setTimeout(() => (workerFinished = true), 60_000).unref();
      });
    };
    // Act
    const res = await acknowledgeSlashCommand({ signingSecret, clock, enqueue }, signed(form('run')));
    // Assess
    assert.equal(res.statusCode, 200);
    assert.equal(workerStarted, false, 'the job had not even started when the acknowledgement was ready');
    assert.equal(workerFinished, false);
  });

  it('reports a job that could not be queued instead of failing silently', async () => {
    const res = await acknowledgeSlashCommand({ signingSecret, clock, enqueue: async () => Promise.reject(new Error('throttled')) }, signed(form('claims')));
    assert.equal(res.statusCode, 200);
    assert.match(JSON.parse(res.body).text, /could not start/);
  });
});

const summary: RunSummary = {
  runId: 'r1',
  startedAt: '2026-11-23T08:00:00.000Z',
  items: { fetched: 10, new: 4, duplicates: 6 },
  feeds: [{ url: 'https://a', ok: true, status: 200 }, { url: 'https://b', ok: false, status: 0, error: 'feed_timeout' }],
  classified: 4,
  matched: 2,
  digest: { items: 4, target: 'slack' },
};

function workerDeps(over: Partial<SlashWorkerDeps> = {}) {
  const replies: Array<{ url: string; text: string }> = [];
  let runs = 0;
  let locked = false;
  const deps: SlashWorkerDeps = {
    runCycle: async () => {
      runs++;
      return summary;
    },
    digest: async (since) => `digest since ${since ?? 'last'}`,
    claims: async () => 'C1: timeline',
    feeds: async () => 'feeds ok',
    respond: async (url, m) => void replies.push({ url, text: m.text }),
    tryLock: async () => (locked ? false : (locked = true)),
    unlock: async () => void (locked = false),
    log: quietLog,
    ...over,
  };
  return { deps, replies, runs: () => runs };
}
const job = (subcommand: SlashJob['subcommand'], args = ''): SlashJob => ({ subcommand, args, responseUrl: 'https://hooks/r', requestedAt: '2026-11-23T08:00:00.000Z' });

describe('runSlashJob', () => {
  it('runs a cycle and replies with its summary', async () => {
    const { deps, replies, runs } = workerDeps();
    await runSlashJob(deps, job('run'));
    assert.equal(runs(), 1);
    assert.match(replies[0].text, /4 new items \(10 fetched, 6 duplicates\), 1\/2 feeds ok, 2 linked to claims; digest: 4 items → slack/);
    assert.equal(replies[0].url, 'https://hooks/r');
  });

  it('does not start a run twice: a run in progress gets "already in progress"', async () => {
    const { deps, replies, runs } = workerDeps({ tryLock: async () => false });
    await runSlashJob(deps, job('run'));
    assert.equal(runs(), 0);
    assert.match(replies[0].text, /already in progress/);
  });

  it('maps run_in_progress from the cycle lock to the same answer and releases its own lock', async () => {
    let unlocked = 0;
    const { deps, replies } = workerDeps({
      runCycle: async () => Promise.reject(new ClaimwatchError('run_in_progress', 'busy')),
      tryLock: async () => true,
      unlock: async () => void unlocked++,
    });
    await runSlashJob(deps, job('run'));
    assert.match(replies[0].text, /already in progress/);
    assert.equal(unlocked, 1);
  });

  it('answers digest, claims and feeds through the response_url', async () => {
    const { deps, replies } = workerDeps();
    await runSlashJob(deps, job('digest', '7d'));
    await runSlashJob(deps, job('digest'));
    await runSlashJob(deps, job('claims'));
    await runSlashJob(deps, job('feeds'));
    assert.deepEqual(replies.map((r) => r.text), ['digest since 7d', 'digest since last', 'C1: timeline', 'feeds ok']);
  });

  it('reports a failure with its code instead of throwing', async () => {
    const { deps, replies } = workerDeps({ feeds: async () => Promise.reject(new ClaimwatchError('store_unavailable', 'table throttled')) });
    await runSlashJob(deps, job('feeds'));
    assert.match(replies[0].text, /failed \(store_unavailable\)/);
  });
});

describe('parseSlashJob', () => {
  it('accepts what acknowledgeSlashCommand enqueues and refuses anything else', () => {
    const good = { subcommand: 'digest', args: '7d', responseUrl: 'https://hooks/r', requestedAt: '2026-11-23T08:00:00.000Z' };
    assert.deepEqual(parseSlashJob(JSON.parse(JSON.stringify(good))), { ...good, userId: undefined, channelId: undefined });
    assert.throws(() => parseSlashJob({ ...good, subcommand: 'rm -rf' }), (e: unknown) => e instanceof ClaimwatchError && e.code === 'input_invalid');
    assert.throws(() => parseSlashJob({ ...good, responseUrl: undefined }), /responseUrl/);
    assert.throws(() => parseSlashJob(undefined), /subcommand/);
  });
});
