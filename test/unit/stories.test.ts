import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedEntries } from '../../shared/adapters/seed-source.ts';
import { normaliseEntry } from '../../shared/domain/normalise.ts';
import { assignStories, similarity } from '../../shared/domain/stories.ts';

const items = seedEntries().map((e) => normaliseEntry(e, '2026-11-23T00:00:00Z'));
const byFile = (prefix: string) => items[seedEntries().findIndex((e) => e.guid!.startsWith(`seed:${prefix}`))];

describe('stories', () => {
  it('groups seeds 000 and 001 (one article, two copies) into one story', () => {
    const stories = assignStories(items, []);
    assert.equal(stories.get(byFile('001').id), stories.get(byFile('000').id));
  });

  it('keeps distinct articles on the same events apart', () => {
    const stories = assignStories(items, []);
    assert.equal(new Set(stories.values()).size, 4);
    for (const other of ['002', '003', '004']) assert.ok(similarity(byFile('000').fingerprint, byFile(other).fingerprint) < 0.3, other);
  });

  it('joins a later syndicated copy to the story of the original already stored', () => {
    const original = byFile('003');
    const copy = normaliseEntry({ ...seedEntries()[3], guid: 'elsewhere:1', link: 'https://mirror.example/copy', source: 'Mirror' }, '2026-11-24T00:00:00Z');
    const stories = assignStories([{ ...copy, publishedAt: '2022-04-28T00:00:00.000Z' }], [{ id: original.id, storyId: 'story-x', fingerprint: original.fingerprint, publishedAt: original.publishedAt }]);
    assert.equal(stories.get(copy.id), 'story-x');
  });
});
