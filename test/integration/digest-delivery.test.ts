// sendDigest against the real adapters: the DynamoDB store (embedded) and the Slack WebClient
// (local Slack server). Slack rate limited or down: retried next run, nothing marked posted that
// was not; overlapping runs post once.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createSlackNotifier } from '../../shared/adapters/slack-notifier.ts';
import { sendDigest, type SendDigestDeps } from '../../shared/use-cases/send-digest.ts';
import { fixedClock, quietLog } from '../helpers/fakes.ts';
import { storedItem } from '../helpers/items.ts';
import { startLocalAws } from '../helpers/local-aws.ts';
import { startSlackServer, type SlackServer } from '../helpers/slack-server.ts';

describe('digest delivery over DynamoDB and the Slack Web API', () => {
  let aws: Awaited<ReturnType<typeof startLocalAws>>;
  let slack: SlackServer;
  const clock = fixedClock('2026-11-23T08:00:00.000Z');
  let deps: SendDigestDeps;

  before(async () => {
    aws = await startLocalAws();
    slack = await startSlackServer({ token: 'xoxb-d', channels: ['C0D'] });
    deps = {
      store: aws.store,
      notifier: createSlackNotifier({ token: 'xoxb-d', channelId: 'C0D', apiUrl: slack.apiUrl, timeoutMs: 2_000, maxRetries: 1, maxRetryAfterSeconds: 2, log: quietLog }),
      clock,
      log: quietLog,
      claims: [{ id: 'C1', text: 'Protesters were killed in Almaty.' }],
      timeZone: 'Asia/Almaty',
    };
  });
  after(async () => {
    await slack.close();
    await aws.close();
  });
  beforeEach(() => slack.reset());

  const put = (id: string) =>
    aws.store.putItems([storedItem({ id, ingestedAt: clock.now().toISOString(), claims: [{ claim: 'C1', stance: 'supports', evidence: `Evidence ${id}.`, score: 0.8 }] })]);

  it('rate limited beyond the budget: nothing marked posted; the next run posts the same digest once', async () => {
    // Prepare
    await put('a');
    slack.fail({ status: 429, retryAfter: 120 });
    // Act
    const limited = await sendDigest(deps);
    const pending = await aws.store.pendingDigest('slack');
    clock.advance(30 * 60_000);
    const retried = await sendDigest(deps);
    const again = await sendDigest(deps);
    // Assess
    assert.equal(limited.status, 'failed');
    assert.equal(limited.error, 'slack_rate_limited');
    assert.equal(pending?.id, limited.digestId);
    assert.equal(await aws.store.lastPostedDigest('slack').then((d) => d?.id), retried.digestId);
    assert.equal(retried.status, 'posted');
    assert.equal(retried.digestId, limited.digestId);
    assert.equal(again.status, 'empty');
    assert.equal(slack.messages.length, 1);
    assert.match(JSON.stringify(slack.messages[0].blocks), /Evidence a\./);
  });

  it('overlapping runs post once', async () => {
    clock.advance(60 * 60_000);
    await put('b');
    const outcomes = await Promise.all([sendDigest(deps), sendDigest(deps), sendDigest(deps)]);
    assert.equal(outcomes.filter((o) => o.status === 'posted').length, 1, JSON.stringify(outcomes.map((o) => o.status)));
    assert.equal(slack.messages.length, 1);
    assert.match(JSON.stringify(slack.messages[0].blocks), /Evidence b\./);
    assert.doesNotMatch(JSON.stringify(slack.messages[0].blocks), /Evidence a\./);
  });
});
