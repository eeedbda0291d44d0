import type { StoredItem } from '../../shared/domain/types.ts';

/** A stored item with sensible defaults, for tests. */
export function storedItem(overrides: Partial<StoredItem> & { id: string }): StoredItem {
  return {
    feedId: 'feed-1',
    source: 'Example News',
    url: `https://example.com/${overrides.id}`,
    title: `Title ${overrides.id}`,
    text: `Text of ${overrides.id}.`,
    rawText: `Text of ${overrides.id}.`,
    publishedAt: '2022-01-10T00:00:00.000Z',
    fetchedAt: '2026-11-23T00:00:00.000Z',
    language: 'en',
    fingerprint: '0000000000000000',
    storyId: overrides.id,
    relevant: true,
    topics: ['kazakhstan'],
    claims: [],
    ingestedAt: '2026-11-23T00:00:00.000Z',
    ...overrides,
  };
}
