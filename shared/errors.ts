/** Error codes callers branch on. Feed codes end up in `run --json` output and in feed health. */
export type ErrorCode =
  // configuration and input
  | 'config_invalid'
  | 'input_invalid'
  | 'claims_invalid'
  | 'feeds_invalid'
  // feeds
  | 'feed_timeout'
  | 'feed_dns'
  | 'feed_tls'
  | 'feed_connection'
  | 'feed_http_4xx'
  | 'feed_http_5xx'
  | 'feed_rate_limited'
  | 'feed_too_many_redirects'
  | 'feed_too_large'
  | 'feed_not_xml'
  | 'feed_malformed'
  | 'feed_empty'
  | 'feed_entity_expansion'
  | 'feed_bad_encoding'
  | 'feed_run_deadline'
  // storage
  | 'store_unavailable'
  | 'store_conflict'
  | 'archive_unavailable'
  // slack
  | 'slack_rate_limited'
  | 'slack_auth'
  | 'slack_channel'
  | 'slack_request'
  | 'slack_unavailable'
  | 'slack_signature'
  // classification
  | 'classifier_unavailable'
  | 'classifier_budget'
  // anything else
  | 'run_in_progress'
  | 'internal';

/** The one error type of claimwatch: a stable `code`, a human message, the original `cause`. */
export class ClaimwatchError extends Error {
  override readonly name: string = 'ClaimwatchError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bad configuration or input: the message names the file, line or key at fault (CLI exit code 1). */
export class ConfigError extends ClaimwatchError {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly problems: string[] = [message],
    code: ErrorCode = 'config_invalid',
  ) {
    super(code, message);
  }
}

export const isClaimwatchError = (e: unknown): e is ClaimwatchError => e instanceof ClaimwatchError;

/** The code of any error, `internal` for errors that are not ours. */
export const errorCode = (e: unknown): ErrorCode => (isClaimwatchError(e) ? e.code : 'internal');
