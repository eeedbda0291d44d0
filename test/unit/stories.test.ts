import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { seedEntries } from '../../shared/adapters/seed-source.ts';
import { cleanText } from '../../shared/domain/clean-text.ts';
import { normaliseEntry } from '../../shared/domain/normalise.ts';
import { assignStories, fingerprint, similarity, STORY_THRESHOLD } from '../../shared/domain/stories.ts';

const SEED_DIR = path.resolve(import.meta.dirname, '..', '..', 'seeds', 'articles');
const DEV = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'dev.jsonl');

/** The seed files as they are on disk: first line as title, the rest cleaned. */
const seedFiles = readdirSync(SEED_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => {
    const raw = readFileSync(path.join(SEED_DIR, f), 'utf8');
    return { key: f.slice(0, 3), raw, fp: fingerprint('', cleanText(raw)) };
  });
const fp = (key: string) => seedFiles.find((s) => s.key === key)!.fp;
const rec = (id: string, fingerprint: string, publishedAt: string, storyId = id) => ({ id, fingerprint, publishedAt, storyId });

describe('fingerprint', () => {
  it('is a 128 × 16-bit MinHash signature in hex, deterministic', () => {
    const a = fingerprint('Title', 'Some words about the CSTO and Kazakhstan in January.');
    assert.match(a, /^[0-9a-f]{512}$/);
    assert.equal(a, fingerprint('Title', 'Some words about the CSTO and Kazakhstan in January.'));
  });
  it('is empty for an item without words, and empty fingerprints match nothing', () => {
    assert.equal(fingerprint('', ' … — '), '');
    assert.equal(similarity('', ''), 0);
    const stories = assignStories([rec('a', '', '2022-01-01'), rec('b', '', '2022-01-02')], []);
    assert.deepEqual([...stories.entries()], [['a', 'a'], ['b', 'b']]);
  });
  it('ignores case, ё/е and apostrophes', () => {
    assert.equal(fingerprint('', 'Всё ОДКБ в Казахстане, Tokayev’s order'), fingerprint('', 'все одкб в казахстане tokayevs order'));
  });
});

describe('stories on the real seed files', () => {
  it('seeds 000 and 001 (one article, two copies worded differently) are near-duplicates', () => {
    assert.ok(similarity(fp('000'), fp('001')) >= STORY_THRESHOLD, String(similarity(fp('000'), fp('001'))));
    const stories = assignStories(
      seedFiles.map((s, i) => rec(s.key, s.fp, `2022-01-0${i + 1}`)),
      [],
    );
    assert.equal(stories.get('001'), '000');
    assert.equal(new Set(stories.values()).size, 4, 'the other three seeds are stories of their own');
  });

  it('distinct seeds on the same events stay apart', () => {
    for (const [a, b] of [['000', '002'], ['000', '003'], ['000', '004'], ['001', '003'], ['002', '004'], ['003', '004']]) {
      assert.ok(similarity(fp(a), fp(b)) < STORY_THRESHOLD / 2, `${a}~${b}: ${similarity(fp(a), fp(b))}`);
    }
  });

  it('the same holds for the seed articles as ingested (seeds/articles.json)', () => {
    const items = seedEntries().map((e) => normaliseEntry(e, '2026-11-23T00:00:00Z'));
    const stories = assignStories(items, []);
    const byFile = (prefix: string) => items[seedEntries().findIndex((e) => e.guid!.startsWith(`seed:${prefix}`))];
    assert.equal(stories.get(byFile('001').id), stories.get(byFile('000').id));
    assert.equal(new Set(stories.values()).size, 4);
  });

  it('a syndicated copy on another site, with its own furniture, joins the stored original', () => {
    const original = seedFiles.find((s) => s.key === '003')!;
    const copyText = `Republished from RT with permission.\n\n${cleanText(original.raw)}\n\nFollow Caspian Syndicate for more news from Central Asia.`;
    const copy = fingerprint('China warns of "color revolution" in Kazakhstan - Caspian Syndicate', copyText);
    const stories = assignStories([rec('copy', copy, '2022-04-28T08:00:00Z')], [rec('orig', original.fp, '2022-04-27T10:12:00Z', 'story-x')]);
    assert.equal(stories.get('copy'), 'story-x');
  });
});

describe('assignStories', () => {
  const base = cleanText(seedFiles.find((s) => s.key === '004')!.raw);
  const other = cleanText(seedFiles.find((s) => s.key === '002')!.raw);

  it('fresh items match each other; the story is named by its earliest item whatever the input order', () => {
    const items = [rec('late', fingerprint('', base), '2022-01-10'), rec('early', fingerprint('', `${base} Updated.`), '2022-01-09'), rec('x', fingerprint('', other), '2022-01-08')];
    for (const order of [items, [...items].reverse(), [items[1], items[2], items[0]]]) {
      const stories = assignStories(order, []);
      assert.deepEqual(Object.fromEntries(stories), { early: 'early', late: 'early', x: 'x' });
    }
  });

  it('keeps the stored story id even when the fresh copy is older than the stored twin', () => {
    const stories = assignStories([rec('fresh', fingerprint('', base), '2022-01-01')], [rec('stored', fingerprint('', base), '2022-01-09', 'stored')]);
    assert.equal(stories.get('fresh'), 'stored');
  });

  it('a story whose first item left the recent window is still found through its members', () => {
    const stories = assignStories([rec('new', fingerprint('', base), '2022-02-01')], [rec('member', fingerprint('', base), '2022-01-20', 'root-gone')]);
    assert.equal(stories.get('new'), 'root-gone');
  });

  it('ignores fingerprints of another format (older versions)', () => {
    const stories = assignStories([rec('new', fingerprint('', base), '2022-02-01')], [rec('old', 'ab'.repeat(192), '2022-01-20')]);
    assert.equal(stories.get('new'), 'new');
  });

  it('does not chain: an item like a member but unlike the story’s first item starts its own story', () => {
    const words = base.split(/\s+/);
    const half = Math.floor(words.length / 2);
    const a = words.join(' ');
    // b shares the second half of a; c shares b's second half but nothing of a.
    const b = [...words.slice(half), ...other.split(/\s+/).slice(0, half)].join(' ');
    const c = [...other.split(/\s+/).slice(0, half), ...seedFiles.find((s) => s.key === '003')!.raw.split(/\s+/).slice(0, half)].join(' ');
    const stories = assignStories([rec('a', fingerprint('', a), '2022-01-01'), rec('b', fingerprint('', b), '2022-01-02'), rec('c', fingerprint('', c), '2022-01-03')], []);
    assert.equal(stories.get('b'), 'a');
    assert.equal(stories.get('c'), 'c');
  });

  it('groups thousands of items quickly enough to stay linear (LSH candidates, not all pairs)', () => {
    const many = Array.from({ length: 3000 }, (_, i) => rec(`i${i}`, fingerprint(`Item ${i}`, `Report number ${i} on topic ${i % 7} with figure ${i * 13} and ${base.slice(i % 500, (i % 500) + 80)}`), `2022-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`));
    const stories = assignStories(many, []);
    assert.equal(stories.size, 3000);
  });
});

describe('stories on the labelled dev set', { skip: !existsSync(DEV) && 'no ../shared/eval/dev.jsonl' }, () => {
  it('no two distinct reports merge, and seeds 000/001 still do', () => {
    const dev = existsSync(DEV)
      ? readFileSync(DEV, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { id: string; date: string; title: string; text: string })
      : [];
    const records = [...dev.map((d) => rec(d.id, fingerprint(d.title, cleanText(d.text)), d.date)), ...seedFiles.map((s) => rec(`seed-${s.key}`, s.fp, '2022-01-10'))];
    const stories = assignStories(records, []);
    const groups = new Map<string, string[]>();
    for (const [id, story] of stories) groups.set(story, [...(groups.get(story) ?? []), id]);
    const merged = [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort().join('+'));
    assert.deepEqual(merged, ['seed-000+seed-001']);
  });
});
