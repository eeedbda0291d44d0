// Feed health: each configured feed joined with its stored state.
import type { FeedSpec } from '../domain/types.ts';
import type { FeedStateStore } from '../ports/index.ts';

export interface FeedHealthRow {
  feedId: string;
  url: string;
  name?: string;
  lastSuccessAt?: string;
  lastStatus?: number;
  lastErrorCode?: string;
  lastErrorAt?: string;
  consecutiveFailures: number;
  /** Failing past the threshold (not a single blip). */
  failing: boolean;
}

export async function feedHealth(deps: { store: FeedStateStore; feeds: FeedSpec[]; threshold: number }): Promise<FeedHealthRow[]> {
  const states = await deps.store.getFeedStates(deps.feeds.map((f) => f.id));
  return deps.feeds.map((f) => {
    const s = states.get(f.id);
    const consecutiveFailures = s?.consecutiveFailures ?? 0;
    return {
      feedId: f.id,
      url: f.url,
      name: f.name,
      lastSuccessAt: s?.lastSuccessAt,
      lastStatus: s?.lastStatus,
      lastErrorCode: consecutiveFailures > 0 ? s?.lastErrorCode : undefined,
      lastErrorAt: s?.lastErrorAt,
      consecutiveFailures,
      failing: consecutiveFailures >= deps.threshold,
    };
  });
}
