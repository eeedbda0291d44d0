// A raw entry becomes an item: identity, cleaned text (raw kept), language, sane dates, fingerprint.
import { cleanText } from './clean-text.ts';
import { itemIdentity } from './identity.ts';
import { detectLanguage } from './language.ts';
import { fingerprint } from './stories.ts';
import type { Item, RawEntry } from './types.ts';

export function normaliseEntry(entry: RawEntry, fetchedAt: string): Omit<Item, 'storyId'> {
  const rawTitle = cleanText(entry.title ?? '').replace(/\s+/g, ' ');
  const text = cleanText(entry.text ?? '', { title: rawTitle });
  const title = rawTitle || text.split(/\s+/).slice(0, 12).join(' ') || '(untitled)';
  const parsed = entry.published ? Date.parse(entry.published) : NaN;
  const fetched = Date.parse(fetchedAt);
  const publishedAt = Number.isNaN(parsed) || parsed > fetched ? new Date(fetched).toISOString() : new Date(parsed).toISOString();
  const { id, canonicalUrl } = itemIdentity({ link: entry.link, guid: entry.guid, title, published: publishedAt });
  return {
    id,
    feedId: entry.feedId,
    source: entry.source,
    url: entry.link,
    canonicalUrl,
    guid: entry.guid,
    title,
    text,
    rawText: entry.text ?? '',
    publishedAt,
    fetchedAt,
    language: entry.language ?? detectLanguage(`${title} ${text}`),
    fingerprint: fingerprint(title, text),
  };
}
