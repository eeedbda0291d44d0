// Claim timeline: what the stored links say about one claim over time. Pure: the caller passes the
// links (oldest first or not) and the time zone for display.
import { STANCES, type Claim, type ClaimLinkRecord, type Stance } from './types.ts';

export interface ClaimTimeline {
  claim: Claim;
  /** Publication date of the first report linked to the claim. */
  firstSeen?: string;
  lastSeen?: string;
  /** Reports (links) per stance. */
  counts: Record<Stance, number>;
  /** Distinct stories among the links. */
  stories: number;
  /**
   * The latest figure or state from an `updates` link (latest by publication date; on the same
   * date, the higher score), with where and when it was reported.
   */
  latest?: { old: string; value: string; subject?: string; source: string; date: string; itemId: string; title: string; url?: string };
}

/** Builds the timeline of one claim from its stored links. */
export function buildClaimTimeline(claim: Claim, links: ClaimLinkRecord[]): ClaimTimeline {
  const own = links.filter((l) => l.claim === claim.id);
  const counts = Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number>;
  const sorted = [...own].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.score - b.score);
  for (const l of sorted) counts[l.stance]++;
  const last = [...sorted].reverse().find((l) => l.stance === 'updates' && l.update?.new);
  return {
    claim,
    firstSeen: sorted[0]?.publishedAt,
    lastSeen: sorted.at(-1)?.publishedAt,
    counts,
    stories: new Set(sorted.map((l) => l.storyId)).size,
    latest:
      last && last.update
        ? { old: last.update.old, value: last.update.new, subject: last.update.subject, source: last.source, date: last.publishedAt, itemId: last.itemId, title: last.title, url: last.url }
        : undefined,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Sep 2022" in the given time zone (UTC when the zone is unknown); fixed names, whatever the ICU data. */
function monthYear(iso: string, timeZone: string): string | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en', { month: 'numeric', year: 'numeric', timeZone });
  } catch {
    format = new Intl.DateTimeFormat('en', { month: 'numeric', year: 'numeric', timeZone: 'UTC' });
  }
  const parts = Object.fromEntries(format.formatToParts(d).map((p) => [p.type, p.value]));
  return `${MONTHS[Number(parts.month) - 1]} ${parts.year}`;
}

/**
 * One line for a claim whose figure or state has moved on, e.g.
 * "C5 killed: 164 in the seed → 238 (Reuters, Sep 2022)"; undefined when nothing updated it.
 */
export function formatTimelineLine(t: ClaimTimeline, timeZone: string): string | undefined {
  if (!t.latest) return undefined;
  const subject = t.latest.subject ? ` ${t.latest.subject}` : '';
  const when = monthYear(t.latest.date, timeZone);
  const where = [t.latest.source, when].filter(Boolean).join(', ');
  return `${t.claim.id}${subject}: ${t.latest.old} in the seed → ${t.latest.value}${where ? ` (${where})` : ''}`;
}

/** A fuller summary for `claimwatch claims`. */
export function formatTimeline(t: ClaimTimeline, timeZone: string): string {
  const counts = STANCES.filter((s) => t.counts[s] > 0).map((s) => `${t.counts[s]} ${s}`).join(', ');
  const lines = [`${t.claim.id}  ${t.claim.text}`];
  if (!t.firstSeen) lines.push('    no reports yet');
  else {
    lines.push(`    first seen ${t.firstSeen.slice(0, 10)}, last ${t.lastSeen!.slice(0, 10)}: ${counts} (${t.stories} ${t.stories === 1 ? 'story' : 'stories'})`);
    const line = formatTimelineLine(t, timeZone);
    if (line) lines.push(`    latest: ${line.slice(t.claim.id.length + 1).trim()}`);
  }
  return lines.join('\n');
}
