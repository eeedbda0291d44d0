// A raw entry becomes an item: identity, cleaned text (raw kept), language, sane dates, fingerprint.
import { cleanText } from './clean-text.ts';
import { itemIdentity } from './identity.ts';
import { detectLanguage } from './language.ts';
import { fingerprint } from './stories.ts';
import type { Item, RawEntry } from './types.ts';

/** Dates before this are placeholders (the epoch, year 1), not publication dates. */
const EARLIEST = Date.UTC(1971, 0, 1);
const TITLE_WORDS = 12;

/** The entry's publication time in ms when it is usable: parseable, after 1971, not after `fetchedMs`. */
function usableDate(published: string | undefined, fetchedMs: number): number | undefined {
  if (!published) return undefined;
  const t = Date.parse(published);
  if (Number.isNaN(t) || t < EARLIEST || t > fetchedMs) return undefined;
  return t;
}

/** A title from the first words of the text, for entries without one. */
function titleFromText(text: string): string {
  const first = text.split(/\n/)[0] ?? '';
  const sentence = /^(.{20,140}?[.!?])(\s|$)/u.exec(first)?.[1];
  if (sentence) return sentence;
  const words = first.split(/\s+/).filter(Boolean);
  return words.length > TITLE_WORDS ? `${words.slice(0, TITLE_WORDS).join(' ')}…` : words.join(' ');
}

/**
 * Normalises one entry fetched at `fetchedAt` (ISO). Dates that are missing, unparseable, in the
 * future or placeholders become `fetchedAt`; the id never depends on `fetchedAt`, so an undated
 * entry keeps its id from run to run. A missing title is taken from the text.
 */
export function normaliseEntry(entry: RawEntry, fetchedAt: string): Omit<Item, 'storyId'> {
  const fetchedMs = Date.parse(fetchedAt);
  const cleanedTitle = cleanText(entry.title ?? '').replace(/\s+/g, ' ').trim();
  const text = cleanText(entry.text ?? '', { title: cleanedTitle });
  const title = cleanedTitle || titleFromText(text) || '(untitled)';
  const published = usableDate(entry.published, fetchedMs);
  const publishedAt = new Date(published ?? fetchedMs).toISOString();
  const link = entry.link?.trim() || undefined;
  const { id, canonicalUrl } = itemIdentity({
    link,
    guid: entry.guid,
    title,
    published: published === undefined ? undefined : publishedAt,
    feedId: entry.feedId,
  });
  const detected = detectLanguage(`${title}\n${text}`);
  return {
    id,
    feedId: entry.feedId,
    source: entry.source,
    url: link,
    canonicalUrl,
    guid: entry.guid,
    title,
    text,
    rawText: entry.text ?? '',
    publishedAt,
    fetchedAt,
    language: detected !== 'und' ? detected : (entry.language ?? 'und'),
    fingerprint: fingerprint(title, text),
  };
}
