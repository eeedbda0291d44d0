// Slash command /claimwatch: verify → acknowledge within 3 s → the work runs later in a worker.
// acknowledgeSlashCommand is the fast path (Function URL); runSlashJob is the slow path (the
// worker Lambda invoked asynchronously), replying through Slack's response_url.
import { verifySlackRequest } from '../domain/slack-signature.ts';
import type { RunSummary } from '../domain/types.ts';
import { ClaimwatchError, errorCode } from '../errors.ts';
import type { Clock, Log } from '../ports/index.ts';

export const SLASH_SUBCOMMANDS = ['run', 'digest', 'claims', 'feeds'] as const;
export type SlashSubcommand = (typeof SLASH_SUBCOMMANDS)[number];

/** The work the acknowledgement hands to the worker. */
export interface SlashJob {
  subcommand: SlashSubcommand;
  /** The rest of the command text, e.g. the `since` of `digest 7d`. */
  args: string;
  responseUrl: string;
  userId?: string;
  channelId?: string;
  requestedAt: string;
}

/** Validates a job as received by the worker (the async invoke payload). */
export function parseSlashJob(event: unknown): SlashJob {
  const e = (event ?? {}) as Partial<Record<keyof SlashJob, unknown>>;
  if (typeof e.subcommand !== 'string' || !(SLASH_SUBCOMMANDS as readonly string[]).includes(e.subcommand)) {
    throw new ClaimwatchError('input_invalid', `slash job: unknown subcommand ${JSON.stringify(e.subcommand)}`);
  }
  if (typeof e.responseUrl !== 'string' || !/^https?:\/\//.test(e.responseUrl)) throw new ClaimwatchError('input_invalid', 'slash job: responseUrl is required');
  return {
    subcommand: e.subcommand as SlashSubcommand,
    args: typeof e.args === 'string' ? e.args : '',
    responseUrl: e.responseUrl,
    userId: typeof e.userId === 'string' ? e.userId : undefined,
    channelId: typeof e.channelId === 'string' ? e.channelId : undefined,
    requestedAt: typeof e.requestedAt === 'string' ? e.requestedAt : new Date(0).toISOString(),
  };
}

export interface SlashResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export const SLASH_HELP = [
  '*claimwatch* watches news on Kazakhstan, the SCO and the CSTO against the claims of the seed articles.',
  '`/claimwatch run`: ingest, classify and post a digest now',
  '`/claimwatch digest [since]`: show the digest since a date or duration (e.g. `digest 7d`, `digest 2022-01-05`)',
  '`/claimwatch claims`: the claim timeline',
  '`/claimwatch feeds`: feed health',
  '`/claimwatch help`: this text',
].join('\n');

const ACK: Record<SlashSubcommand, string> = {
  run: ':hourglass_flowing_sand: Starting a run: ingest, classify and digest. I will reply here when it is done.',
  digest: ':hourglass_flowing_sand: Preparing the digest…',
  claims: ':hourglass_flowing_sand: Reading the claim timeline…',
  feeds: ':hourglass_flowing_sand: Checking feed health…',
};

const json = (statusCode: number, body: unknown): SlashResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const ephemeral = (text: string) => json(200, { response_type: 'ephemeral', text });

const header = (headers: Record<string, string | undefined>, name: string): string | undefined => {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
};

/** Splits the command text into a subcommand (lower case) and the rest. */
export function parseSlashText(text: string): { subcommand: string; args: string } {
  const [first = '', ...rest] = text.trim().split(/\s+/);
  return { subcommand: first.toLowerCase(), args: rest.join(' ') };
}

export interface AcknowledgeDeps {
  signingSecret: string;
  clock: Clock;
  /** Hands the job to the worker (an asynchronous invoke); must not wait for the work itself. */
  enqueue: (job: SlashJob) => Promise<void>;
  /** True when a run is in progress, so `run` can say so at once. */
  isBusy?: () => Promise<boolean>;
  log?: Log;
}

/**
 * The 3-second path: verifies the signature before anything else (401 otherwise), parses the form
 * body, enqueues the job and answers with an ephemeral acknowledgement. Does no slow work.
 */
export async function acknowledgeSlashCommand(
  deps: AcknowledgeDeps,
  request: { headers: Record<string, string | undefined>; rawBody: string },
): Promise<SlashResponse> {
  const verdict = verifySlackRequest({
    signingSecret: deps.signingSecret,
    headers: { timestamp: header(request.headers, 'x-slack-request-timestamp'), signature: header(request.headers, 'x-slack-signature') },
    rawBody: request.rawBody,
    nowSeconds: Math.floor(deps.clock.now().getTime() / 1000),
  });
  if (!verdict.ok) {
    deps.log?.warn('slash command refused: bad signature', { reason: verdict.reason });
    return json(401, { error: 'invalid_signature', reason: verdict.reason });
  }

  const form = new URLSearchParams(request.rawBody);
  const { subcommand, args } = parseSlashText(form.get('text') ?? '');
  if (!(SLASH_SUBCOMMANDS as readonly string[]).includes(subcommand)) {
    const prefix = subcommand && subcommand !== 'help' ? `Unknown command \`${subcommand.slice(0, 40)}\`.\n` : '';
    return ephemeral(prefix + SLASH_HELP);
  }
  const responseUrl = form.get('response_url');
  if (!responseUrl || !/^https?:\/\//.test(responseUrl)) return json(400, { error: 'missing response_url' });

  const sub = subcommand as SlashSubcommand;
  if (sub === 'run' && deps.isBusy && (await deps.isBusy().catch(() => false))) {
    return ephemeral(':no_entry: A run is already in progress; try again when it has finished.');
  }
  const job: SlashJob = {
    subcommand: sub,
    args,
    responseUrl,
    userId: form.get('user_id') ?? undefined,
    channelId: form.get('channel_id') ?? undefined,
    requestedAt: deps.clock.now().toISOString(),
  };
  try {
    await deps.enqueue(job);
  } catch (e) {
    deps.log?.error('slash command job not queued', { subcommand: sub, error: errorCode(e), message: (e as Error).message });
    return ephemeral(':warning: Sorry, I could not start that just now; please try again.');
  }
  return ephemeral(ACK[sub]);
}

export interface SlashWorkerDeps {
  runCycle: () => Promise<RunSummary>;
  /** The digest since `since` (or since the last posted one) as text. */
  digest: (since?: string) => Promise<string>;
  claims: () => Promise<string>;
  feeds: () => Promise<string>;
  respond: (responseUrl: string, message: { text: string; response_type?: string }) => Promise<void>;
  tryLock: () => Promise<boolean>;
  unlock: () => Promise<void>;
  log: Log;
}

/** One line summing up a run for Slack. */
export function runSummaryText(s: RunSummary): string {
  const ok = s.feeds.filter((f) => f.ok).length;
  const digest = s.digest.target === 'none' ? 'no digest posted' : `digest: ${s.digest.items} items → ${s.digest.target}`;
  return `:white_check_mark: Run \`${s.runId}\` done: ${s.items.new} new items (${s.items.fetched} fetched, ${s.items.duplicates} duplicates), ${ok}/${s.feeds.length} feeds ok, ${s.matched} linked to claims; ${digest}.`;
}

/** Slack truncates long response_url messages; keep well under its 40k limit. */
const clip = (text: string) => (text.length <= 3900 ? text : `${text.slice(0, text.lastIndexOf('\n', 3800) > 0 ? text.lastIndexOf('\n', 3800) : 3800)}\n…(truncated; run the CLI for the full text)`);

/** The slow path: runs the job and replies through its response_url. Never throws. */
export async function runSlashJob(deps: SlashWorkerDeps, job: SlashJob): Promise<void> {
  const reply = (text: string) =>
    deps.respond(job.responseUrl, { text: clip(text), response_type: 'ephemeral' }).catch((e: unknown) =>
      deps.log.error('slash command reply not delivered', { subcommand: job.subcommand, error: errorCode(e), message: (e as Error).message }),
    );
  try {
    switch (job.subcommand) {
      case 'run': {
        if (!(await deps.tryLock())) {
          await reply(':no_entry: A run is already in progress; try again when it has finished.');
          return;
        }
        try {
          await reply(runSummaryText(await deps.runCycle()));
        } finally {
          await deps.unlock().catch(() => undefined);
        }
        return;
      }
      case 'digest':
        await reply(await deps.digest(job.args.trim() || undefined));
        return;
      case 'claims':
        await reply(await deps.claims());
        return;
      case 'feeds':
        await reply(await deps.feeds());
        return;
    }
  } catch (e) {
    const code = errorCode(e);
    deps.log.error('slash command failed', { subcommand: job.subcommand, error: code, message: (e as Error).message });
    await reply(
      code === 'run_in_progress'
        ? ':no_entry: A run is already in progress; try again when it has finished.'
        : `:warning: \`${job.subcommand}\` failed (${code}): ${(e as Error).message.slice(0, 300)}`,
    );
  }
}
