import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalUrl, itemIdentity } from '../../shared/domain/identity.ts';

describe('canonicalUrl', () => {
  const table: Array<[string, string, string]> = [
    ['lowercases the host', 'https://Example.COM/news/1', 'https://example.com/news/1'],
    ['keeps the path case', 'https://example.com/News/Article-1', 'https://example.com/News/Article-1'],
    ['drops utm_* parameters', 'https://example.com/news/1?utm_source=rss&utm_medium=feed&utm_campaign=x', 'https://example.com/news/1'],
    ['drops fbclid', 'https://example.com/news/1?fbclid=IwAR0abc', 'https://example.com/news/1'],
    ['drops gclid and yclid', 'https://example.com/news/1?gclid=x&yclid=y', 'https://example.com/news/1'],
    ['drops mc_cid / mc_eid', 'https://example.com/news/1?mc_cid=1&mc_eid=2', 'https://example.com/news/1'],
    ['drops the fragment', 'https://example.com/news/1#comments', 'https://example.com/news/1'],
    ['drops a trailing slash', 'https://example.com/news/1/', 'https://example.com/news/1'],
    ['drops doubled slashes', 'https://example.com//news///1', 'https://example.com/news/1'],
    ['drops index.html', 'https://example.com/news/index.html', 'https://example.com/news'],
    ['drops the default https port', 'https://example.com:443/news/1', 'https://example.com/news/1'],
    ['drops the default http port and unifies the scheme', 'http://example.com:80/news/1', 'https://example.com/news/1'],
    ['keeps a non-default port', 'https://example.com:8443/news/1', 'https://example.com:8443/news/1'],
    ['drops www.', 'https://www.example.com/news/1', 'https://example.com/news/1'],
    ['drops m. (mobile)', 'https://m.example.com/news/1', 'https://example.com/news/1'],
    ['drops mobile.', 'https://mobile.example.com/news/1', 'https://example.com/news/1'],
    ['drops amp. host', 'https://amp.example.com/news/1', 'https://example.com/news/1'],
    ['keeps a two-label host whole', 'https://m.kz/news/1', 'https://m.kz/news/1'],
    ['drops a trailing /amp', 'https://example.com/news/1/amp', 'https://example.com/news/1'],
    ['drops a trailing /amp/', 'https://example.com/news/1/amp/', 'https://example.com/news/1'],
    ['drops an /amp/ segment', 'https://example.com/amp/news/1', 'https://example.com/news/1'],
    ['drops a .amp suffix', 'https://example.com/news/world-asia-59882218.amp', 'https://example.com/news/world-asia-59882218'],
    ['drops .amp before .html', 'https://example.com/news/1.amp.html', 'https://example.com/news/1.html'],
    ['drops ?amp', 'https://example.com/news/1?amp', 'https://example.com/news/1'],
    ['drops ?amp=1', 'https://example.com/news/1?amp=1', 'https://example.com/news/1'],
    ['drops outputType=amp', 'https://example.com/news/1?outputType=amp', 'https://example.com/news/1'],
    ['drops the mobile switch m=1', 'https://example.blogspot.com/2022/01/post.html?m=1', 'https://example.blogspot.com/2022/01/post.html'],
    ['sorts the remaining query', 'https://example.com/a?b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['sorts and strips together', 'https://www.example.com/a/?utm_source=x&id=7&page=2#top', 'https://example.com/a?id=7&page=2'],
    ['drops an empty query', 'https://example.com/a?', 'https://example.com/a'],
    ['upper-cases percent escapes', 'https://example.com/%d0%ba%d0%b7', 'https://example.com/%D0%BA%D0%B7'],
    ['encodes Cyrillic paths like their escaped form', 'https://example.com/кз', 'https://example.com/%D0%BA%D0%B7'],
    ['puts IDN hosts in punycode', 'https://пример.рф/a', 'https://xn--e1afmkfd.xn--p1ai/a'],
    ['drops user info', 'https://user:pw@example.com/a', 'https://example.com/a'],
    ['drops a trailing dot in the host', 'https://example.com./a', 'https://example.com/a'],
    ['trims whitespace', '  https://example.com/a \n', 'https://example.com/a'],
    ['keeps the bare host', 'https://www.example.com/', 'https://example.com'],
  ];
  for (const [name, input, expected] of table) it(`${name}: ${input}`, () => assert.equal(canonicalUrl(input), expected));

  it('keeps query parameters that identify the article', () => {
    assert.notEqual(canonicalUrl('https://example.com/a?id=1'), canonicalUrl('https://example.com/a?id=2'));
    assert.notEqual(canonicalUrl('https://example.com/a?m=2'), canonicalUrl('https://example.com/a'));
  });

  it('rejects what is not an http(s) URL', () => {
    for (const bad of ['not a url', 'ftp://example.com/x', 'urn:uuid:1234', 'javascript:alert(1)', 'mailto:x@example.com', '', '/relative/path']) {
      assert.equal(canonicalUrl(bad), undefined, bad);
    }
  });
});

describe('itemIdentity', () => {
  const table: Array<[string, Parameters<typeof itemIdentity>[0], Parameters<typeof itemIdentity>[0], boolean]> = [
    ['tracking and www do not change the id', { link: 'https://example.com/x?utm_source=a', title: 'T' }, { link: 'https://www.example.com/x/', title: 'T' }, true],
    ['a changed GUID keeps the id when the link is the same', { link: 'https://example.com/x', guid: 'g1', title: 'T' }, { link: 'https://example.com/x', guid: 'g2', title: 'T' }, true],
    ['a changed title keeps the id when the link is the same', { link: 'https://example.com/x', title: 'Old' }, { link: 'https://example.com/x', title: 'New headline' }, true],
    ['AMP and canonical pages are one item', { link: 'https://amp.example.com/news/1', title: 'T' }, { link: 'https://example.com/news/1/amp', title: 'T' }, true],
    ['different links are different items', { link: 'https://example.com/x', title: 'T' }, { link: 'https://example.com/y', title: 'T' }, false],
    ['a URL GUID stands in for a missing link', { guid: 'https://example.com/x?utm_medium=rss', title: 'T' }, { link: 'https://example.com/x', title: 'Other' }, true],
    ['an opaque global GUID is global', { guid: 'urn:uuid:6a0e1c6e-1b5e-4f3e-9d2b-1a2b3c4d5e6f', title: 'A', feedId: 'f1' }, { guid: 'urn:uuid:6a0e1c6e-1b5e-4f3e-9d2b-1a2b3c4d5e6f', title: 'B', feedId: 'f2' }, true],
    ['a numeric GUID is scoped by its feed', { guid: '12345', title: 'A', feedId: 'f1' }, { guid: '12345', title: 'A', feedId: 'f2' }, false],
    ['the same numeric GUID in one feed is one item', { guid: '12345', title: 'A', feedId: 'f1' }, { guid: '12345', title: 'B', feedId: 'f1' }, true],
    ['title and day: punctuation and case do not matter', { title: 'Same  Title!', published: '2022-01-05T10:00:00Z' }, { title: 'same title', published: '2022-01-05T18:00:00Z' }, true],
    ['title and day: another day is another item', { title: 'Same title', published: '2022-01-05' }, { title: 'Same title', published: '2022-01-06' }, false],
    ['title without a date is stable', { title: 'Undated', feedId: 'f' }, { title: 'Undated', feedId: 'f' }, true],
    ['a home-page link is not an identity', { link: 'https://example.com/', title: 'One', feedId: 'f' }, { link: 'https://example.com/', title: 'Two', feedId: 'f' }, false],
  ];
  for (const [name, a, b, same] of table) {
    it(name, () => (same ? assert.equal : assert.notEqual)(itemIdentity(a).id, itemIdentity(b).id));
  }

  it('returns a 16-hex id and the canonical URL it came from', () => {
    const r = itemIdentity({ link: 'https://www.example.com/x/?fbclid=1', title: 'T' });
    assert.match(r.id, /^[0-9a-f]{16}$/);
    assert.equal(r.canonicalUrl, 'https://example.com/x');
    assert.equal(itemIdentity({ guid: 'abc', title: 'T' }).canonicalUrl, undefined);
  });

  it('ignores an unparseable link and falls back to the GUID', () => {
    assert.equal(itemIdentity({ link: 'not a link', guid: 'urn:uuid:6a0e1c6e-1b5e', title: 'T' }).id, itemIdentity({ guid: 'urn:uuid:6a0e1c6e-1b5e', title: 'X' }).id);
  });
});
