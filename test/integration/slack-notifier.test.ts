// Real @slack/web-api calls against the local Slack-compatible server on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createSlackNotifier } from '../../shared/adapters/slack-notifier.ts';
import { buildDigest } from '../../shared/domain/digest/build.ts';
import { SLACK_LIMITS } from '../../shared/domain/digest/slack-blocks.ts';
import { ClaimwatchError } from '../../shared/errors.ts';
import { sendDigest } from '../../shared/use-cases/send-digest.ts';
import { fixedClock, quietLog } from '../helpers/fakes.ts';
import { storedItem } from '../helpers/items.ts';
import { MemoryStore } from '../helpers/memory-store.ts';
import { startSlackServer, type SlackServer } from '../helpers/slack-server.ts';

const token = 'xoxb-test-token';
const channelId = 'C0DIGEST';
const claims = [{ id: 'C1', text: 'Protesters were killed in Almaty.' }];
const window = { since: '2026-11-22T00:00:00.000Z', until: '2026-11-23T00:00:00.000Z', timeZone: 'Asia/Almaty' };

function model(stories: number) {
  const items = Array.from({ length: stories }, (_, s) =>
    storedItem({
      id: `s${s}`,
      title: `Headline ${s} on the January events in Almaty and the CSTO deployment`,
      claims: s % 2 ? [{ claim: 'C1', stance: 'supports', evidence: `Witnesses in Almaty described shooting near the square, report ${s} said.`, score: 0.7 }] : [],
    }),
  );
  return buildDigest({ items, claims, ...window });
}

describe('Slack notifier against a local Slack Web API', () => {
  let slack: SlackServer;
  before(async () => {
    slack = await startSlackServer({ token, channels: [channelId] });
  });
  after(() => slack.close());
  beforeEach(() => {
    slack.reset();
  });

  const notifier = (over: Partial<Parameters<typeof createSlackNotifier>[0]> = {}) =>
    createSlackNotifier({ token, channelId, apiUrl: slack.apiUrl, timeoutMs: 2_000, maxRetries: 2, log: quietLog, ...over });

  it('posts the parent message as a form post with blocks, then the overflow as thread replies in order', async () => {
    const res = await notifier().post(model(300));
    assert.ok(slack.messages.length > 1);
    const [parent, ...replies] = slack.messages;
    assert.equal(res.ts, parent.ts);
    assert.match(parent.contentType, /application\/x-www-form-urlencoded/);
    assert.equal(parent.channel, channelId);
    assert.equal(parent.thread_ts, undefined);
    assert.equal((parent.blocks?.[0] as any).type, 'header');
    for (const r of replies) assert.equal(r.thread_ts, parent.ts);
    for (const m of slack.messages) assert.ok((m.blocks?.length ?? 0) <= SLACK_LIMITS.blocksPerMessage);
    // Order is kept: story numbers of the claim entries never go backwards across messages.
    const all = slack.messages.map((m) => JSON.stringify(m.blocks)).join('');
    assert.ok(all.includes('Headline 299') || all.includes('more entries not shown'));
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    slack.fail({ status: 429, retryAfter: 1 });
    const res = await notifier().post(model(2));
    assert.ok(res.ts);
    assert.equal(slack.calls.length, 2);
    assert.ok(slack.calls[1] - slack.calls[0] >= 950, `retried after ${slack.calls[1] - slack.calls[0]} ms, before Retry-After`);
    assert.equal(slack.messages.length, 1);
  });

  it('fails fast with slack_rate_limited when Retry-After is beyond the budget', async () => {
    slack.fail({ status: 429, retryAfter: 600 });
    await assert.rejects(notifier({ maxRetryAfterSeconds: 5 }).post(model(2)), (e: unknown) => e instanceof ClaimwatchError && e.code === 'slack_rate_limited');
    assert.equal(slack.calls.length, 1);
  });

  it('maps Slack errors to codes: channel_not_found, invalid_auth, 500', async () => {
    await assert.rejects(
      createSlackNotifier({ token, channelId: 'C0NOPE', apiUrl: slack.apiUrl, maxRetries: 0 }).post(model(1)),
      (e: unknown) => e instanceof ClaimwatchError && e.code === 'slack_channel' && /channel_not_found/.test(e.message),
    );
    await assert.rejects(
      createSlackNotifier({ token: 'xoxb-wrong', channelId, apiUrl: slack.apiUrl, maxRetries: 0 }).post(model(1)),
      (e: unknown) => e instanceof ClaimwatchError && e.code === 'slack_auth' && !e.message.includes('xoxb-wrong'),
    );
    slack.fail({ status: 500 }, { status: 500 }, { status: 500 });
    await assert.rejects(notifier({ maxRetries: 1 }).post(model(1)), (e: unknown) => e instanceof ClaimwatchError && e.code === 'slack_unavailable');
    assert.equal(slack.calls.length, 4, 'one call each for the first two, two (bounded retries) for the 500');
  });

  it('keeps the digest posted when a thread reply fails, and logs how many replies are missing', async () => {
    const errors: Array<Record<string, unknown> | undefined> = [];
    const log = { ...quietLog, error: (_m: string, extra?: Record<string, unknown>) => void errors.push(extra) };
    slack.failAfter(1, { error: 'channel_not_found' }); // the first reply
    const res = await notifier({ log }).post(model(300));
    assert.ok(res.ts);
    assert.equal(slack.messages.length, 1, 'only the parent arrived');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.error, 'slack_channel');
    assert.ok(Number(errors[0]?.repliesMissing) > 0);
  });

  it('a retried sendDigest posts once; Slack down leaves it pending and the next run posts it', async () => {
    // Prepare
    const store = new MemoryStore();
    const clock = fixedClock('2026-11-23T08:00:00.000Z');
    store.items.set('a', storedItem({ id: 'a', ingestedAt: '2026-11-23T07:00:00.000Z' }));
    const deps = { store, notifier: notifier({ maxRetries: 0 }), clock, log: quietLog, claims, timeZone: 'Asia/Almaty' };
    // Act: Slack is down for the first run
    slack.fail({ status: 500 });
    const down = await sendDigest(deps);
    clock.advance(30 * 60_000);
    const retried = await sendDigest(deps);
    const again = await sendDigest(deps);
    // Assess
    assert.equal(down.status, 'failed');
    assert.equal(down.error, 'slack_unavailable');
    assert.equal(retried.status, 'posted');
    assert.equal(again.status, 'empty');
    assert.equal(slack.messages.length, 1);
    assert.equal(store.digests.get(retried.digestId!)?.ts, slack.messages[0].ts);
  });
});
