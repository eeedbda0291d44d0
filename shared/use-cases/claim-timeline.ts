// Claim timeline: for each claim, its history from the stored links (first seen, counts by stance,
// latest value for numeric claims). Used by `claimwatch claims`, the slash command and the digest.
import { buildClaimTimeline, formatTimelineLine, type ClaimTimeline } from '../domain/timeline.ts';
import type { Claim } from '../domain/types.ts';
import type { ItemStore } from '../ports/index.ts';

export interface ClaimTimelineDeps {
  store: Pick<ItemStore, 'listClaimLinks'>;
  claims: Claim[];
}

export async function claimTimelines(deps: ClaimTimelineDeps): Promise<ClaimTimeline[]> {
  return Promise.all(deps.claims.map(async (c) => buildClaimTimeline(c, await deps.store.listClaimLinks(c.id))));
}

/** One formatted line per claim that has a history worth showing, keyed by claim id. */
export async function claimTimelineLines(deps: ClaimTimelineDeps, options: { timeZone: string }): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const t of await claimTimelines(deps)) {
    const line = formatTimelineLine(t, options.timeZone);
    if (line) out.set(t.claim.id, line);
  }
  return out;
}
