// Slack request verification (v0 signatures), pure: the clock and the secret are passed in.
// https://api.slack.com/authentication/verifying-requests-from-slack
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Requests older (or newer) than this are refused, against replay. */
export const SLACK_SIGNATURE_WINDOW_SECONDS = 5 * 60;

export type SlackVerification = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export interface SlackRequestToVerify {
  signingSecret: string;
  headers: { timestamp?: string; signature?: string };
  rawBody: string;
  nowSeconds: number;
}

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function signSlackRequest(args: { signingSecret: string; timestamp: string | number; rawBody: string }): string {
  return `v0=${createHmac('sha256', args.signingSecret).update(`v0:${args.timestamp}:${args.rawBody}`).digest('hex')}`;
}

/** Verifies a Slack request's signature and freshness with a timing-safe compare. */
export function verifySlackRequest(req: SlackRequestToVerify): SlackVerification {
  const { timestamp, signature } = req.headers;
  if (!req.signingSecret || !timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'stale' };
  if (Math.abs(req.nowSeconds - Number(timestamp)) > SLACK_SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signSlackRequest({ signingSecret: req.signingSecret, timestamp, rawBody: req.rawBody }));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
