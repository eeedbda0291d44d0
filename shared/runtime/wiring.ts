// Small adapters from the composition root's Deps to each use case's dependency object, shared by
// the Lambda handlers, the slash-command worker and the CLI so they cannot drift apart.
import { seedEntries } from '../adapters/seed-source.ts';
import type { RunSummary } from '../domain/types.ts';
import { claimTimelineLines } from '../use-cases/claim-timeline.ts';
import { runCycle } from '../use-cases/run-cycle.ts';
import { sendDigest } from '../use-cases/send-digest.ts';
import type { Deps } from './deps.ts';

/** Posts (or, with `since`, previews) the digest with the configured target and settings. */
export function digestNow(deps: Deps, since?: string) {
  return sendDigest(
    {
      store: deps.store,
      notifier: deps.notifier,
      clock: deps.clock,
      log: deps.log,
      metrics: deps.metrics,
      claims: deps.claims,
      timeZone: deps.env.digest.timeZone,
      postEmpty: deps.env.digest.postEmpty,
      failingFeedThreshold: deps.env.digest.failingFeedThreshold,
      timelines: () => claimTimelineLines(deps, { timeZone: deps.env.digest.timeZone }),
    },
    since ? { since } : {},
  );
}

/** One full cycle: the seed articles plus the configured feeds, then the digest. */
export function cycleNow(deps: Deps, options: { digest?: boolean } = {}): Promise<RunSummary> {
  return runCycle(
    { ...deps, digest: deps.env.digest },
    {
      extraEntries: seedEntries(),
      digest: options.digest,
      deadline: new Date(deps.clock.now().getTime() + deps.env.fetch.runTimeoutMs),
    },
  );
}
