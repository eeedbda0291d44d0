import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { signSlackRequest, verifySlackRequest } from '../../shared/domain/slack-signature.ts';

const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'token=x&team_id=T1&command=%2Fclaimwatch&text=run&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1';
const now = 1_700_000_000;

/** Signs exactly as Slack documents it, independently of signSlackRequest. */
const slackSign = (ts: number, raw: string, secret = signingSecret) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${raw}`).digest('hex')}`;

describe('verifySlackRequest', () => {
  it('accepts a correctly signed request', () => {
    const headers = { timestamp: String(now - 10), signature: slackSign(now - 10, body) };
    assert.deepEqual(verifySlackRequest({ signingSecret, headers, rawBody: body, nowSeconds: now }), { ok: true });
  });

  it('signSlackRequest produces what Slack sends', () => {
    assert.equal(signSlackRequest({ signingSecret, timestamp: now, rawBody: body }), slackSign(now, body));
  });

  it('refuses an unsigned request', () => {
    assert.deepEqual(verifySlackRequest({ signingSecret, headers: {}, rawBody: body, nowSeconds: now }), { ok: false, reason: 'missing' });
    assert.deepEqual(verifySlackRequest({ signingSecret, headers: { timestamp: String(now) }, rawBody: body, nowSeconds: now }), { ok: false, reason: 'missing' });
  });

  it('refuses a stale request (older or newer than five minutes), even when signed', () => {
    const old = now - 301;
    assert.deepEqual(verifySlackRequest({ signingSecret, headers: { timestamp: String(old), signature: slackSign(old, body) }, rawBody: body, nowSeconds: now }), { ok: false, reason: 'stale' });
    const future = now + 301;
    assert.deepEqual(verifySlackRequest({ signingSecret, headers: { timestamp: String(future), signature: slackSign(future, body) }, rawBody: body, nowSeconds: now }), { ok: false, reason: 'stale' });
    const edge = now - 300;
    assert.equal(verifySlackRequest({ signingSecret, headers: { timestamp: String(edge), signature: slackSign(edge, body) }, rawBody: body, nowSeconds: now }).ok, true);
  });

  it('refuses a tampered body, a wrong secret and a malformed signature', () => {
    const headers = { timestamp: String(now), signature: slackSign(now, body) };
    assert.deepEqual(verifySlackRequest({ signingSecret, headers, rawBody: body.replace('text=run', 'text=feeds'), nowSeconds: now }), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifySlackRequest({ signingSecret: 'another-secret', headers, rawBody: body, nowSeconds: now }), { ok: false, reason: 'mismatch' });
    assert.deepEqual(verifySlackRequest({ signingSecret, headers: { timestamp: String(now), signature: 'v0=abc' }, rawBody: body, nowSeconds: now }), { ok: false, reason: 'mismatch' });
    // A signature for another timestamp does not carry over.
    assert.deepEqual(verifySlackRequest({ signingSecret, headers: { timestamp: String(now - 1), signature: slackSign(now, body) }, rawBody: body, nowSeconds: now }), { ok: false, reason: 'mismatch' });
  });

  it('refuses a non-numeric timestamp', () => {
    assert.equal(verifySlackRequest({ signingSecret, headers: { timestamp: 'abc', signature: slackSign(now, body) }, rawBody: body, nowSeconds: now }).ok, false);
  });
});
