// Notifier → Slack Web API (chat.postMessage): the parent message, then thread replies.
// One WebClient per container with a timeout and bounded retries; 429 honours Retry-After within
// our budget and fails fast with `slack_rate_limited` beyond it; errors are mapped by their code.
import { WebClient, type Logger as SlackLogger, LogLevel } from '@slack/web-api';
import { renderSlack } from '../domain/digest/slack-blocks.ts';
import type { DigestModel } from '../domain/digest/model.ts';
import { ClaimwatchError, type ErrorCode } from '../errors.ts';
import type { Log, Notifier, PostResult } from '../ports/index.ts';

export interface SlackNotifierOptions {
  token: string;
  channelId: string;
  /** Web API base, ending with '/' (tests and local runs point it at a local server). */
  apiUrl?: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Retries of a failed request: 5xx, network errors and 429 (default 2). */
  maxRetries?: number;
  /** Longest Retry-After we wait for; a longer one fails with `slack_rate_limited` (default 10 s). */
  maxRetryAfterSeconds?: number;
  /** Kept for symmetry with the other renderers; the model carries its own time zone. */
  timeZone?: string;
  log?: Log;
}

const AUTH = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'no_permission', 'missing_scope', 'not_allowed_token_type']);
const CHANNEL = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'restricted_action']);
const UNAVAILABLE = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Maps an error thrown by the WebClient to a ClaimwatchError with a `slack_*` code. */
export function slackError(e: unknown, what = 'chat.postMessage'): ClaimwatchError {
  if (e instanceof ClaimwatchError) return e;
  const err = e as { code?: string; data?: { error?: string }; statusCode?: number; retryAfter?: number; message?: string };
  let code: ErrorCode = 'slack_unavailable';
  let detail = err?.message ?? String(e);
  if (err?.code === 'slack_webapi_rate_limited_error') {
    code = 'slack_rate_limited';
    detail = `rate limited, Retry-After ${err.retryAfter}s`;
  } else if (err?.code === 'slack_webapi_platform_error') {
    const name = err.data?.error ?? 'unknown_error';
    detail = name;
    code = AUTH.has(name) ? 'slack_auth' : CHANNEL.has(name) ? 'slack_channel' : name === 'ratelimited' ? 'slack_rate_limited' : UNAVAILABLE.has(name) ? 'slack_unavailable' : 'slack_request';
  } else if (err?.code === 'slack_webapi_http_error') {
    const status = err.statusCode ?? 0;
    detail = `HTTP ${status}`;
    code = status === 429 ? 'slack_rate_limited' : status >= 500 ? 'slack_unavailable' : 'slack_request';
  } else if (err?.code === 'slack_webapi_request_error') {
    code = 'slack_unavailable';
  }
  return new ClaimwatchError(code, `Slack ${what} failed: ${detail}`, { cause: e });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Forwards the WebClient's warnings to our log; its debug output (which could echo requests) is dropped. */
function slackLogger(log?: Log): SlackLogger {
  let level = LogLevel.WARN;
  const text = (msg: unknown[]) => msg.map(String).join(' ').replace(/xox[a-z]-[\w-]+/gi, 'xox…');
  return {
    debug() {},
    info() {},
    warn: (...msg: unknown[]) => log?.warn(`slack: ${text(msg)}`),
    error: (...msg: unknown[]) => log?.error(`slack: ${text(msg)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName() {},
  };
}

/** A Notifier that posts digests to one Slack channel. */
export function createSlackNotifier(options: SlackNotifierOptions): Notifier & { client: WebClient } {
  const maxRetries = options.maxRetries ?? 2;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 10;
  const client = new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    timeout: options.timeoutMs ?? 10_000,
    // 5xx and network errors: bounded, short backoff. 429 is handled below so that a long
    // Retry-After cannot hold the Lambda past its timeout.
    retryConfig: { retries: maxRetries, factor: 2, minTimeout: 200, maxTimeout: 2_000, maxRetryTime: 15_000 },
    rejectRateLimitedCalls: true,
    logger: slackLogger(options.log),
    logLevel: LogLevel.WARN,
  });

  async function postMessage(args: { text: string; blocks: object[]; thread_ts?: string }): Promise<string | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await client.chat.postMessage({
          channel: options.channelId,
          text: args.text,
          blocks: args.blocks as never,
          ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
        return res.ts;
      } catch (e) {
        const retryAfter = (e as { code?: string; retryAfter?: number }).code === 'slack_webapi_rate_limited_error' ? (e as { retryAfter: number }).retryAfter : undefined;
        if (retryAfter !== undefined && retryAfter <= maxRetryAfter && attempt < maxRetries) {
          options.log?.warn('slack rate limited; waiting as told by Retry-After', { retryAfterSeconds: retryAfter, attempt: attempt + 1 });
          await sleep(retryAfter * 1000);
          continue;
        }
        throw slackError(e);
      }
    }
  }

  return {
    target: 'slack',
    client,
    async post(digest: DigestModel): Promise<PostResult> {
      const rendered = renderSlack(digest);
      const ts = await postMessage({ text: rendered.text, blocks: rendered.blocks });
      // The parent is what makes the digest posted: a failed reply is logged, not re-posted with
      // a second parent on the next run.
      if (!ts && rendered.replies.length > 0) {
        options.log?.error('digest thread replies not posted: Slack returned no ts for the parent', { repliesMissing: rendered.replies.length });
        return { ts };
      }
      for (let i = 0; i < rendered.replies.length; i++) {
        try {
          await postMessage({ ...rendered.replies[i], thread_ts: ts });
        } catch (e) {
          options.log?.error('digest thread replies not posted', {
            error: (e as ClaimwatchError).code,
            message: (e as Error).message,
            repliesMissing: rendered.replies.length - i,
          });
          break;
        }
      }
      return { ts };
    },
  };
}
