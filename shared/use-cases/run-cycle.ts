// One full cycle: ingest (seeds + feeds) → classify → store → digest, recorded as a run.
// Called by the CLI (`claimwatch run`), the slash-command worker and, in parts, by the Lambdas.
import { randomUUID } from 'node:crypto';
import { ClaimwatchError } from '../errors.ts';
import type { Claim, FeedSpec, RawEntry, RunSummary } from '../domain/types.ts';
import type { Notifier, RunRecord } from '../ports/index.ts';
import { ingest, runRecordOf, type IngestDeps } from './ingest.ts';
import { sendDigest } from './send-digest.ts';
import { claimTimelineLines } from './claim-timeline.ts';

export interface RunCycleDeps extends IngestDeps {
  notifier: Notifier;
  claims: Claim[];
  feeds: FeedSpec[];
  digest: { timeZone: string; postEmpty: boolean; failingFeedThreshold: number };
  fetchTimeoutMs?: number;
}

export interface RunCycleInput {
  runId?: string;
  /** Entries from no feed, ingested first (the seed articles). */
  extraEntries?: RawEntry[];
  /** Skip the digest (e.g. the ingest-only Lambda). */
  digest?: boolean;
  /** Deadline for fetching feeds. */
  deadline?: Date;
  /** How long the run lock is held at most (a crashed run frees it then). */
  lockMs?: number;
}

export const CYCLE_LOCK = 'cycle';

/**
 * Runs one cycle and returns its summary. A run already in progress is not started twice:
 * throws ClaimwatchError `run_in_progress` when another holds the lock.
 */
export async function runCycle(deps: RunCycleDeps, input: RunCycleInput = {}): Promise<RunSummary> {
  const { store, clock, log, progress } = deps;
  const runId = input.runId ?? `${clock.now().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
  const startedAt = clock.now();
  const lockUntil = new Date(startedAt.getTime() + (input.lockMs ?? 15 * 60_000));
  if (!(await store.acquireLock(CYCLE_LOCK, runId, lockUntil, startedAt))) {
    throw new ClaimwatchError('run_in_progress', 'a run is already in progress; try again when it has finished');
  }
  try {
    const result = await ingest(deps, {
      runId,
      feeds: deps.feeds,
      extraEntries: input.extraEntries,
      deadline: input.deadline,
    });
    const summary: RunRecord = runRecordOf(result, runId, startedAt);

    if (input.digest !== false) {
      const outcome = await sendDigest(
        {
          store,
          notifier: deps.notifier,
          clock,
          log,
          metrics: deps.metrics,
          claims: deps.claims,
          timeZone: deps.digest.timeZone,
          postEmpty: deps.digest.postEmpty,
          failingFeedThreshold: deps.digest.failingFeedThreshold,
          timelines: () => claimTimelineLines({ store, claims: deps.claims }, { timeZone: deps.digest.timeZone }),
        },
        { runStats: { fetched: result.fetched, newItems: result.new } },
      );
      if (outcome.status === 'posted') summary.digest = { items: outcome.items, target: outcome.target };
      if (outcome.status === 'failed') log.error('digest not posted; the next run retries it', { runId, error: outcome.error });
      progress.stage('digest', `${outcome.status}: ${outcome.items} items → ${outcome.target}`);
    }

    summary.finishedAt = clock.now().toISOString();
    await store.putRun(summary);
    const { feedResults: _omit, ...publicSummary } = summary;
    return publicSummary;
  } finally {
    await store.releaseLock(CYCLE_LOCK, runId).catch((e) => log.warn('lock not released', { runId, error: (e as Error).message }));
  }
}
