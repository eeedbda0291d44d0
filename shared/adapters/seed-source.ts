// The seed articles as raw entries, ingested like any other source. They are bundled as data
// (seeds/articles.json) so the same code works in the CLI and in Lambda without file access.
import articles from '../../seeds/articles.json' with { type: 'json' };
import type { RawEntry } from '../domain/types.ts';

interface SeedArticle {
  file: string;
  title: string;
  source: string;
  published: string;
  text: string;
}

export const SEED_FEED_ID = 'seed';

/** The seed articles, each with a stable GUID (`seed:<file>`) and its publication date. */
export function seedEntries(): RawEntry[] {
  return (articles.articles as SeedArticle[]).map((a) => ({
    feedId: SEED_FEED_ID,
    source: a.source,
    guid: `seed:${a.file}`,
    title: a.title,
    text: a.text,
    published: new Date(`${a.published}T00:00:00Z`).toISOString(),
    language: 'en',
  }));
}
