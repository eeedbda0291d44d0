// Slash-command reply → Slack response_url (HTTP POST of JSON) with a timeout; a non-2xx answer
// is an error with a slack_* code.
import { ClaimwatchError } from '../errors.ts';

export interface ResponderOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Returns `(responseUrl, message) => Promise<void>` posting the message as JSON. */
export function createResponder(options: ResponderOptions = {}) {
  const doFetch = options.fetch ?? fetch;
  return async (responseUrl: string, message: { text: string; response_type?: string; replace_original?: boolean }): Promise<void> => {
    if (!/^https?:\/\//.test(responseUrl)) throw new ClaimwatchError('slack_request', 'response_url must be an http(s) URL');
    let res: Response;
    try {
      res = await doFetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(message),
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
    } catch (e) {
      throw new ClaimwatchError('slack_unavailable', `response_url post failed: ${(e as Error).message}`, { cause: e });
    }
    await res.text().catch(() => '');
    if (res.status === 429) throw new ClaimwatchError('slack_rate_limited', 'response_url rate limited');
    if (res.status >= 500) throw new ClaimwatchError('slack_unavailable', `response_url answered ${res.status}`);
    if (res.status >= 300) throw new ClaimwatchError('slack_request', `response_url answered ${res.status}`);
  };
}
