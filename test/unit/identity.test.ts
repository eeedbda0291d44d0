import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalUrl, itemIdentity } from '../../shared/domain/identity.ts';

describe('canonicalUrl', () => {
  const same: Array<[string, string]> = [
    ['https://Example.com/news/1', 'https://example.com/news/1'],
    ['https://example.com/news/1?utm_source=rss&utm_medium=feed', 'https://example.com/news/1'],
    ['https://example.com/news/1?fbclid=abc', 'https://example.com/news/1'],
    ['https://example.com/news/1?gclid=x&yclid=y', 'https://example.com/news/1'],
    ['https://example.com/news/1#comments', 'https://example.com/news/1'],
    ['https://example.com/news/1/', 'https://example.com/news/1'],
    ['https://example.com:443/news/1', 'https://example.com/news/1'],
    ['http://example.com:80/news/1', 'https://example.com/news/1'],
    ['https://www.example.com/news/1', 'https://example.com/news/1'],
    ['https://m.example.com/news/1', 'https://example.com/news/1'],
    ['https://amp.example.com/news/1', 'https://example.com/news/1'],
    ['https://example.com/news/1/amp', 'https://example.com/news/1'],
    ['https://example.com/news/1?amp', 'https://example.com/news/1'],
    ['https://example.com/amp/news/1', 'https://example.com/news/1'],
    ['https://example.com/a?b=2&a=1', 'https://example.com/a?a=1&b=2'],
  ];
  for (const [input, expected] of same) {
    it(`${input} → ${expected}`, () => assert.equal(canonicalUrl(input), expected));
  }
  it('keeps query parameters that identify the article', () => {
    assert.notEqual(canonicalUrl('https://example.com/a?id=1'), canonicalUrl('https://example.com/a?id=2'));
  });
  it('rejects what is not an http(s) URL', () => {
    for (const bad of ['not a url', 'ftp://example.com/x', 'urn:uuid:1234']) assert.equal(canonicalUrl(bad), undefined);
  });
});

describe('itemIdentity', () => {
  it('prefers the canonical URL, so tracking and GUID changes keep the id', () => {
    const a = itemIdentity({ link: 'https://example.com/x?utm_source=a', guid: 'g1', title: 'T' });
    const b = itemIdentity({ link: 'https://www.example.com/x/', guid: 'g2', title: 'Other title' });
    assert.equal(a.id, b.id);
    assert.equal(a.canonicalUrl, 'https://example.com/x');
  });
  it('falls back to the GUID, then to title and date', () => {
    assert.equal(itemIdentity({ guid: 'abc', title: 'One' }).id, itemIdentity({ guid: 'abc', title: 'Two' }).id);
    assert.equal(itemIdentity({ title: 'Same  Title!', published: '2022-01-05T10:00:00Z' }).id, itemIdentity({ title: 'same title', published: '2022-01-05T18:00:00Z' }).id);
    assert.notEqual(itemIdentity({ title: 'Same title', published: '2022-01-05' }).id, itemIdentity({ title: 'Same title', published: '2022-01-06' }).id);
  });
});
