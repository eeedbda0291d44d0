// Renders a digest model as plain text for the terminal. Pure.
import { formatDate, plural, truncateWords } from './format.ts';
import type { DigestModel, DigestStory } from './model.ts';
import { failingFeedsLine, statsLine } from './slack-blocks.ts';

const STANCE_TAG = { contradicts: 'CONTRADICTS', updates: 'UPDATES', supports: 'SUPPORTS', mentions: 'MENTIONS' } as const;

function sources(s: DigestStory, tz: string): string {
  const extra = s.otherSources.length ? ` · +${plural(s.otherSources.length, 'source')} (${s.otherSources.join(', ')})` : '';
  return `${s.source} · ${formatDate(s.publishedAt, tz)}${extra}`;
}

/** The digest as readable terminal text (no ANSI codes). */
export function renderText(model: DigestModel): string {
  const tz = model.timeZone;
  const out: string[] = [];
  out.push(model.title, '='.repeat(Math.min(model.title.length, 78)));
  out.push(`${formatDate(model.since, tz)} → ${formatDate(model.until, tz)} (${tz})`, '');

  if (model.claimSections.length === 0 && model.otherStories.length === 0) {
    out.push('Nothing new on the watched topics in this window.', '');
  }
  for (const s of model.claimSections) {
    out.push(`■ Claim ${s.claimId}: ${s.claimText}`);
    if (s.timeline) out.push(`  timeline: ${s.timeline}`);
    for (const e of s.entries) {
      out.push(`  [${STANCE_TAG[e.stance]}] ${e.title}`);
      out.push(`      ${sources(e, tz)}`);
      if (e.evidence) out.push(`      “${truncateWords(e.evidence, 400)}”`);
      if (e.update) out.push(`      update: ${e.update.subject ? `${e.update.subject}: ` : ''}${e.update.old} → ${e.update.new}`);
      if (e.url) out.push(`      ${e.url}`);
    }
    out.push('');
  }
  if (model.otherStories.length > 0) {
    out.push(`■ Other news (${model.otherStories.length})`);
    for (const s of model.otherStories) {
      out.push(`  • ${s.title}`, `      ${sources(s, tz)}`);
      if (s.url) out.push(`      ${s.url}`);
    }
    out.push('');
  }
  out.push(`— ${statsLine(model)}`);
  const failing = failingFeedsLine(model);
  if (failing) out.push(`— ${failing}`);
  return `${out.join('\n')}\n`;
}
