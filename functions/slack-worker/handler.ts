// Lambda(async, from slack-command) → slack-worker → run cycle / digest / claims / feeds → response_url
import { randomUUID } from 'node:crypto';
import { createResponder } from '../../shared/adapters/response-url.ts';
import { formatFeedHealth } from '../../shared/cli/commands/feeds.ts';
import { parseSince } from '../../shared/cli/commands/digest.ts';
import { escapeMrkdwn } from '../../shared/domain/digest/format.ts';
import { renderText } from '../../shared/domain/digest/render-text.ts';
import { lambdaContext } from '../../shared/runtime/lambda.ts';
import type { Deps } from '../../shared/runtime/deps.ts';
import { cycleNow } from '../../shared/runtime/wiring.ts';
import { claimTimelineLines } from '../../shared/use-cases/claim-timeline.ts';
import { feedHealth } from '../../shared/use-cases/feed-health.ts';
import { EPOCH, digestModel } from '../../shared/use-cases/send-digest.ts';
import { parseSlashJob, runSlashJob } from '../../shared/use-cases/slash-command.ts';

const respond = createResponder({ timeoutMs: 5_000 });
const SLASH_LOCK = 'slash-run';

/** The digest of a window as text, recording nothing: since the given time, else since the last posted digest. */
async function digestText(deps: Deps, since?: string): Promise<string> {
  const timeZone = deps.env.digest.timeZone;
  const from = since ? parseSince(since, deps.clock.now()) : ((await deps.store.lastPostedDigest(deps.notifier.target))?.until ?? EPOCH);
  const model = await digestModel(
    { ...deps, timeZone, failingFeedThreshold: deps.env.digest.failingFeedThreshold, timelines: () => claimTimelineLines(deps, { timeZone }) },
    { since: from, until: deps.clock.now().toISOString() },
  );
  return escapeMrkdwn(renderText(model));
}

async function claimsText(deps: Deps): Promise<string> {
  const lines = await claimTimelineLines(deps, { timeZone: deps.env.digest.timeZone });
  return deps.claims.map((c) => `*${escapeMrkdwn(c.id)}*: ${escapeMrkdwn(c.text)}\n    ${escapeMrkdwn(lines.get(c.id) ?? 'no linked items yet')}`).join('\n') || 'No claims configured.';
}

export const handler = async (event: unknown): Promise<void> => {
  const job = parseSlashJob(event); // a malformed event fails here, before any dependency is built
  const { deps, flush } = await lambdaContext();
  const owner = `slash-${randomUUID()}`;
  try {
    await runSlashJob(
      {
        runCycle: () => cycleNow(deps),
        digest: (since) => digestText(deps, since),
        claims: () => claimsText(deps),
        feeds: async () => escapeMrkdwn(formatFeedHealth(await feedHealth({ store: deps.store, feeds: deps.feeds, threshold: deps.env.digest.failingFeedThreshold }))),
        respond,
        tryLock: () => deps.store.acquireLock(SLASH_LOCK, owner, new Date(deps.clock.now().getTime() + 15 * 60_000), deps.clock.now()),
        unlock: () => deps.store.releaseLock(SLASH_LOCK, owner),
        log: deps.log,
      },
      job,
    );
  } finally {
    flush();
  }
};
