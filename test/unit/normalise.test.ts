import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseEntry } from '../../shared/domain/normalise.ts';
import type { RawEntry } from '../../shared/domain/types.ts';

const FETCHED = '2026-11-23T08:00:00.000Z';
const entry = (over: Partial<RawEntry> = {}): RawEntry => ({
  feedId: 'f1',
  source: 'Steppe Herald',
  title: 'CSTO troops leave Kazakhstan',
  text: '<p>The last CSTO troops left Kazakhstan on Wednesday, the defence ministry said.</p><p>Share | Tweet</p>',
  link: 'https://www.steppe.example/2022/01/19/csto?utm_source=rss',
  guid: 'sh-1',
  published: '2022-01-19T11:00:00Z',
  ...over,
});

describe('normaliseEntry', () => {
  it('builds identity, cleaned text with the raw text kept, language and fingerprint', () => {
    const item = normaliseEntry(entry(), FETCHED);
    assert.equal(item.canonicalUrl, 'https://steppe.example/2022/01/19/csto');
    assert.match(item.id, /^[0-9a-f]{16}$/);
    assert.equal(item.text, 'The last CSTO troops left Kazakhstan on Wednesday, the defence ministry said.');
    assert.match(item.rawText, /<p>Share \| Tweet<\/p>/);
    assert.equal(item.language, 'en');
    assert.equal(item.publishedAt, '2022-01-19T11:00:00.000Z');
    assert.equal(item.fetchedAt, FETCHED);
    assert.match(item.fingerprint, /^[0-9a-f]{512}$/);
    assert.equal(item.url, 'https://www.steppe.example/2022/01/19/csto?utm_source=rss');
  });

  const dates: Array<[string, string | undefined, string]> = [
    ['a missing date becomes the fetch time', undefined, FETCHED],
    ['an unparseable date becomes the fetch time', 'next Tuesday-ish', FETCHED],
    ['a future date becomes the fetch time', '2999-01-01T00:00:00Z', FETCHED],
    ['the epoch placeholder becomes the fetch time', '1970-01-01T00:00:00Z', FETCHED],
    ['an RFC 822 date with an offset is converted to UTC', 'Mon, 10 Jan 2022 16:00:00 +0600', '2022-01-10T10:00:00.000Z'],
  ];
  for (const [name, published, expected] of dates) it(name, () => assert.equal(normaliseEntry(entry({ published }), FETCHED).publishedAt, expected));

  it('an entry without link, GUID or date keeps the same id from run to run', () => {
    const a = normaliseEntry(entry({ link: undefined, guid: undefined, published: undefined }), FETCHED);
    const b = normaliseEntry(entry({ link: undefined, guid: undefined, published: undefined }), '2026-11-24T08:00:00.000Z');
    assert.equal(a.id, b.id);
    assert.equal(a.url, undefined);
    assert.equal(a.canonicalUrl, undefined);
  });

  it('a missing title is taken from the first sentence or words of the text', () => {
    assert.equal(normaliseEntry(entry({ title: '' }), FETCHED).title, 'The last CSTO troops left Kazakhstan on Wednesday, the defence ministry said.');
    const long = normaliseEntry(entry({ title: '  ', text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen' }), FETCHED).title;
    assert.equal(long, 'one two three four five six seven eight nine ten eleven twelve…');
    assert.equal(normaliseEntry(entry({ title: '', text: '' }), FETCHED).title, '(untitled)');
  });

  it('cleans HTML and entities out of titles', () => {
    assert.equal(normaliseEntry(entry({ title: 'Tokayev &amp; <b>CSTO</b>' }), FETCHED).title, 'Tokayev & CSTO');
  });

  it('detects Russian text, and falls back to the feed language when the text says nothing', () => {
    assert.equal(normaliseEntry(entry({ title: 'Миротворцы ОДКБ покинули Казахстан', text: 'Последние подразделения ОДКБ вернулись домой, сообщило министерство обороны.', language: 'en' }), FETCHED).language, 'ru');
    assert.equal(normaliseEntry(entry({ title: 'ОДКБ', text: '', language: 'ru' }), FETCHED).language, 'ru');
    assert.equal(normaliseEntry(entry({ title: 'ОДКБ', text: '', language: undefined }), FETCHED).language, 'und');
  });
});
