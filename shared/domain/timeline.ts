// Claim timeline: what stored links say about a claim over time.
import { STANCES, type Claim, type ClaimLinkRecord, type Stance } from './types.ts';

export interface ClaimTimeline {
  claim: Claim;
  firstSeen?: string;
  lastSeen?: string;
  counts: Record<Stance, number>;
  /** Latest figure or state from an `updates` link, with where and when it was reported. */
  latest?: { old: string; value: string; subject?: string; source: string; date: string; itemId: string };
}

export function buildClaimTimeline(claim: Claim, links: ClaimLinkRecord[]): ClaimTimeline {
  const counts = Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number>;
  const sorted = [...links].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
  for (const l of sorted) counts[l.stance]++;
  const lastUpdate = [...sorted].reverse().find((l) => l.stance === 'updates' && l.update);
  return {
    claim,
    firstSeen: sorted[0]?.publishedAt,
    lastSeen: sorted.at(-1)?.publishedAt,
    counts,
    latest: lastUpdate?.update
      ? { old: lastUpdate.update.old, value: lastUpdate.update.new, subject: lastUpdate.update.subject, source: lastUpdate.source, date: lastUpdate.publishedAt, itemId: lastUpdate.itemId }
      : undefined,
  };
}

const monthYear = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone }).format(new Date(iso));

/** One line, e.g. "C5 killed: 164 in the seed → 238 (Reuters, Sep 2022)"; undefined without updates. */
export function formatTimelineLine(t: ClaimTimeline, timeZone: string): string | undefined {
  if (!t.latest) return undefined;
  const subject = t.latest.subject ? ` ${t.latest.subject}` : '';
  return `${t.claim.id}${subject}: ${t.latest.old} in the seed → ${t.latest.value} (${t.latest.source}, ${monthYear(t.latest.date, timeZone)})`;
}

/** A fuller summary for `claimwatch claims`. */
export function formatTimeline(t: ClaimTimeline, timeZone: string): string {
  const counts = STANCES.filter((s) => t.counts[s] > 0).map((s) => `${t.counts[s]} ${s}`).join(', ');
  const lines = [`${t.claim.id}  ${t.claim.text}`];
  if (!t.firstSeen) lines.push('    no reports yet');
  else {
    lines.push(`    first seen ${t.firstSeen.slice(0, 10)}, last ${t.lastSeen!.slice(0, 10)}: ${counts}`);
    const line = formatTimelineLine(t, timeZone);
    if (line) lines.push(`    latest: ${line.slice(t.claim.id.length + 1).trim()}`);
  }
  return lines.join('\n');
}
