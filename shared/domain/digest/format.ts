// Small text helpers shared by the digest renderers (Slack, terminal, HTML). Pure.
import type { Stance } from '../types.ts';

/** Cuts `text` to at most `max` characters at a word boundary, ending with "…"; never mid-word unless one word is longer than `max`. */
export function truncateWords(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  if (max <= 1) return '…';
  const room = clean.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  // A single word longer than the room (e.g. a URL) is the only case cut inside a word.
  const cut = space > 0 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Only http(s) URLs are linked; anything else is shown as plain text. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

/** "10 Jan 2022, 14:05" in the given IANA zone. */
export function formatDate(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}

/** "10 Jan 2022" in the given IANA zone. */
export function formatDay(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}

export const STANCE_RANK: Record<Stance, number> = { contradicts: 0, updates: 1, supports: 2, mentions: 3 };

export const STANCE_EMOJI: Record<Stance, string> = {
  contradicts: ':x:',
  updates: ':arrows_counterclockwise:',
  supports: ':white_check_mark:',
  mentions: ':speech_balloon:',
};

export const STANCE_SYMBOL: Record<Stance, string> = { contradicts: '✗', updates: '↻', supports: '✓', mentions: '…' };

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
