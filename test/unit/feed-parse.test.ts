// Feed bytes → raw entries → items, without HTTP: formats, charsets, repairs and guards.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBody, detectCharset } from '../../shared/adapters/feed/decode.ts';
import { FeedError, parseFeedDate, parseFeedXml } from '../../shared/adapters/feed/parse.ts';
import { normaliseEntry } from '../../shared/domain/normalise.ts';
import { assignStories } from '../../shared/domain/stories.ts';
import { ENTITY_BOMB, atom, rdf, rss } from '../helpers/feed-server.ts';

const EVAL_FEEDS = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'feeds');
const DEMO = path.resolve(import.meta.dirname, '..', '..', 'seeds', 'demo-feeds');
const ctx = { feedId: 'f1', url: 'https://feeds.example/rss' };
const parse = (xml: string, over: Partial<typeof ctx & { name: string; language: string }> = {}) => parseFeedXml(xml, { ...ctx, ...over });
const code = async (xml: string) => {
  try {
    await parse(xml);
    return 'ok';
  } catch (e) {
    assert.ok(e instanceof FeedError, String(e));
    return e.code;
  }
};

describe('parseFeedXml: formats', () => {
  it('RSS 2.0: content:encoded first, HTML stripped, dates to ISO, the feed name as source', async () => {
    const [e] = await parse(rss([{ title: 'Tokayev & CSTO', link: 'https://n.example/1', guid: 'g1', date: 'Mon, 10 Jan 2022 16:00:00 +0600', description: 'short', html: '<p>Full <b>text</b>.</p><p>Second.</p>' }]), { name: 'Steppe Herald' });
    assert.equal(e.title, 'Tokayev & CSTO');
    assert.match(e.text.replace(/\s+/g, ' '), /^Full text ?\. Second\.$/);
    assert.equal(e.published, '2022-01-10T10:00:00.000Z');
    assert.equal(e.source, 'Steppe Herald');
    assert.equal(e.guid, 'g1');
    assert.equal(e.feedId, 'f1');
  });

  it('RSS 2.0 without content:encoded uses the description; no feed name → channel title', async () => {
    const [e] = await parse(rss([{ title: 'T', link: 'https://n.example/1', description: 'Plain description.' }], { title: 'Channel' }));
    assert.equal(e.text, 'Plain description.');
    assert.equal(e.source, 'Channel');
  });

  it('RSS without a version attribute and RSS 0.91 with its DOCTYPE are read', async () => {
    const noVersion = '<rss><channel><title>x</title><item><title>A</title><link>https://n.example/a</link></item></channel></rss>';
    assert.equal((await parse(noVersion))[0].title, 'A');
    const v091 = '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>x</title><item><title>B</title><link>https://n.example/b</link></item></channel></rss>';
    assert.equal((await parse(v091))[0].title, 'B');
  });

  it('RSS 1.0 / RDF: dc:date, rdf:about as GUID', async () => {
    const [e] = await parse(rdf([{ title: 'RDF item', link: 'https://r.example/1', date: '2022-01-11T08:00:00+06:00', description: 'RDF text' }]));
    assert.deepEqual({ title: e.title, link: e.link, guid: e.guid, published: e.published, text: e.text }, { title: 'RDF item', link: 'https://r.example/1', guid: 'https://r.example/1', published: '2022-01-11T02:00:00.000Z', text: 'RDF text' });
  });

  it('Atom: alternate link, id, published, HTML content', async () => {
    const xml = atom([{ title: 'Atom entry', guid: 'urn:uuid:1', link: 'https://a.example/e', date: '2022-01-10T05:00:00+05:00', html: '<p>Entry <i>text</i></p>' }]).replace('<link rel="alternate"', '<link rel="self" href="https://a.example/self.xml"/><link rel="alternate"');
    const [e] = await parse(xml);
    assert.equal(e.link, 'https://a.example/e');
    assert.equal(e.guid, 'urn:uuid:1');
    assert.equal(e.published, '2022-01-10T00:00:00.000Z');
    assert.match(e.text, /Entry\s+text/);
  });

  it('Atom with a summary only, and with an unreadable date (the entry stays, undated)', async () => {
    const xml = atom([{ title: 'S', guid: 'urn:2', link: 'https://a.example/s', description: 'Only a summary' }, { title: 'Bad date', guid: 'urn:3', link: 'https://a.example/b', date: 'yesterday-ish' }]);
    const entries = await parse(xml);
    assert.equal(entries[0].text, 'Only a summary');
    assert.equal(entries[1].title, 'Bad date');
    assert.equal(entries[1].published, undefined);
  });

  it('resolves relative links against the channel link', async () => {
    const [e] = await parse(rss([{ title: 'Rel', link: '/news/1' }]));
    assert.equal(e.link, 'https://feeds.example/news/1');
  });

  it('strips HTML from titles and skips entries with nothing in them', async () => {
    const entries = await parse(rss([{ title: '<b>Bold</b> title', link: 'https://n.example/1' }, { title: '' }]));
    assert.deepEqual(entries.map((e) => e.title), ['Bold title']);
  });

  it('takes the channel language when the feeds file gives none', async () => {
    assert.equal((await parse(rss([{ title: 'x', link: 'https://n.example/1' }], { language: 'ru-RU' })))[0].language, 'ru');
    assert.equal((await parse(rss([{ title: 'x', link: 'https://n.example/1' }], { language: 'ru-RU' }), { language: 'kk' }))[0].language, 'kk');
  });
});

describe('parseFeedXml: repairs and guards', () => {
  it('repairs bare ampersands, HTML entities and control characters', async () => {
    const xml = '<rss version="2.0"><channel><title>x</title><item><title>AT&T &nbsp;and\u0001 Tokayev &mdash; CSTO</title><link>https://n.example/?a=1&b=2</link></item></channel></rss>';
    const [e] = await parse(xml);
    assert.equal(e.title, 'AT&T \u00a0and Tokayev — CSTO'.replace(/\s+/g, ' '));
    assert.equal(e.link, 'https://n.example/?a=1&b=2');
  });

  const table: Array<[string, string, string]> = [
    ['entity declarations (billion laughs)', ENTITY_BOMB, 'feed_entity_expansion'],
    ['an external entity', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>', 'feed_entity_expansion'],
    ['entity declarations behind a fake root in a comment', `<?xml version="1.0"?><!-- <rss> -->${ENTITY_BOMB.replace('<?xml version="1.0"?>', '')}`, 'feed_entity_expansion'],
    ['an HTML page', '<!DOCTYPE html><html><head><title>x</title></head><body>Not a feed</body></html>', 'feed_not_xml'],
    ['an HTML page that mentions rss', '<html><body><a href="/rss">rss feed</a></body></html>', 'feed_not_xml'],
    ['JSON', '{"items": []}', 'feed_not_xml'],
    ['XML that is not a feed', '<?xml version="1.0"?><urlset><url/></urlset>', 'feed_not_xml'],
    ['malformed XML', '<?xml version="1.0"?><rss version="2.0"><channel><item><title>broken</channel>', 'feed_malformed'],
    ['a truncated feed', rss([{ title: 'x', link: 'https://n.example/1' }]).slice(0, -30), 'feed_malformed'],
    ['no entries', rss([]), 'feed_empty'],
    ['an empty body', '   ', 'feed_empty'],
  ];
  for (const [name, xml, expected] of table) it(`${name} → ${expected}`, async () => assert.equal(await code(xml), expected));
});

describe('decodeBody', () => {
  const ru = 'Миротворцы ОДКБ покинули Казахстан';
  const doc = (enc: string) => `<?xml version="1.0" encoding="${enc}"?><rss version="2.0"><channel><title>${ru}</title></channel></rss>`;
  const table: Array<[string, Buffer, string | undefined, string]> = [
    ['windows-1251 named in the header', iconv.encode(doc('windows-1251'), 'win1251'), 'application/rss+xml; charset=windows-1251', 'windows-1251'],
    ['windows-1251 named in the declaration only', iconv.encode(doc('windows-1251'), 'win1251'), 'text/xml', 'windows-1251'],
    ['KOI8-R named in the declaration', iconv.encode(doc('KOI8-R'), 'koi8-r'), undefined, 'koi8-r'],
    ['a UTF-8 header over a windows-1251 file: the bytes decide', iconv.encode(doc('windows-1251'), 'win1251'), 'text/xml; charset=utf-8', 'windows-1251'],
    ['a windows-1251 declaration over UTF-8 bytes served as UTF-8', Buffer.from(doc('windows-1251')), 'text/xml; charset=UTF-8', 'utf-8'],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('utf-8'))]), 'text/xml; charset=windows-1251', 'utf-8'],
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(doc('UTF-16'), 'utf-16le')]), undefined, 'utf-16le'],
    ['an unknown charset label falls back to UTF-8', Buffer.from(doc('x-made-up')), 'text/xml; charset=x-made-up', 'utf-8'],
  ];
  for (const [name, bytes, type, charset] of table) {
    it(name, () => {
      assert.equal(detectCharset(bytes, type).charset, charset);
      assert.match(decodeBody(bytes, type).text, new RegExp(ru));
    });
  }
  it('invalid UTF-8 becomes U+FFFD', () => {
    assert.equal(decodeBody(Buffer.from([0x41, 0xff, 0x42]), 'text/xml; charset=utf-8').text, 'A\uFFFDB');
  });
});

describe('parseFeedDate', () => {
  const table: Array<[string | undefined, string | undefined]> = [
    ['Mon, 10 Jan 2022 10:00:00 GMT', '2022-01-10T10:00:00.000Z'],
    ['Mon, 10 Jan 2022 13:00:00 +0300', '2022-01-10T10:00:00.000Z'],
    ['Mon, 10 Jan 2022 13:00:00 MSK', '2022-01-10T10:00:00.000Z'],
    ['2022-01-10T16:00:00+06:00', '2022-01-10T10:00:00.000Z'],
    ['2022-01-10 10:00:00', '2022-01-10T10:00:00.000Z'],
    ['not a date', undefined],
    [undefined, undefined],
  ];
  for (const [input, expected] of table) it(String(input), () => assert.equal(parseFeedDate(input), expected));
});

describe('the labelled feeds in ../shared/eval/feeds', { skip: !existsSync(EVAL_FEEDS) && 'no ../shared/eval/feeds' }, () => {
  it('the windows-1251 feed decodes to proper Cyrillic and its ids ignore tracking parameters', async () => {
    const bytes = readFileSync(path.join(EVAL_FEEDS, 'ru_business_cp1251.xml'));
    const entries = await parse(decodeBody(bytes, 'application/rss+xml').text, { url: 'https://biz-lenta.example.ru/rss' });
    assert.equal(entries[0].title, 'Курс валют на 5 декабря');
    assert.match(entries[0].text, /Центральный банк/);
    const items = entries.map((e) => normaliseEntry(e, '2023-12-06T00:00:00.000Z'));
    assert.equal(items[0].canonicalUrl, 'https://biz-lenta.example.ru/a/5000');
    assert.equal(items[0].id, normaliseEntry({ ...entries[0], link: 'https://biz-lenta.example.ru/a/5000?utm_campaign=other' }, '2023-12-06T00:00:00.000Z').id);
    assert.ok(items.every((i) => i.language === 'ru'));
    assert.equal(new Set(items.map((i) => i.id)).size, items.length);
  });

  it('the UTF-8 city feed: CDATA HTML stripped, full text preferred, permalink GUIDs', async () => {
    const entries = await parse(readFileSync(path.join(EVAL_FEEDS, 'ru_city_news_utf8.xml'), 'utf8'), { url: 'https://city-news.example.ru/rss' });
    assert.equal(entries[0].title, 'В парках города открылись катки');
    assert.doesNotMatch(entries[0].text, /<p>|<img/);
    assert.match(entries[0].text, /^С 1 декабря в 14 парках/);
    assert.equal(entries[0].published, '2023-12-02T06:15:00.000Z');
    assert.equal(entries[0].source, 'Городские новости');
  });
});

describe('the demo feeds in seeds/demo-feeds', () => {
  const listing = JSON.parse(readFileSync(path.join(DEMO, 'feeds.json'), 'utf8')) as { feeds: Array<{ path: string; name: string; language?: string }> };
  for (const f of listing.feeds) {
    it(`${f.path} parses, with dated, linked, cleanly decoded entries`, async () => {
      const bytes = readFileSync(path.join(DEMO, f.path));
      const entries = await parse(decodeBody(bytes).text, { url: `http://127.0.0.1/${f.path}`, name: f.name });
      assert.ok(entries.length >= 4, `${entries.length} entries`);
      for (const e of entries) {
        assert.ok(e.link && e.published && e.title, e.title);
        assert.doesNotMatch(`${e.title} ${e.text}`, /\uFFFD|Ð|Ñ/);
        const item = normaliseEntry(e, '2026-11-23T00:00:00.000Z');
        if (f.language) assert.equal(item.language, f.language, e.title);
      }
    });
  }
  it('the syndicated copy joins its original as one story; no other demo items merge', async () => {
    const items = [];
    for (const f of listing.feeds) {
      const entries = await parse(decodeBody(readFileSync(path.join(DEMO, f.path))).text, { url: `http://127.0.0.1/${f.path}`, name: f.name });
      items.push(...entries.map((e) => normaliseEntry(e, '2026-11-23T00:00:00.000Z')));
    }
    const stories = assignStories(items, []);
    const groups = new Map<string, string[]>();
    for (const item of items) groups.set(stories.get(item.id)!, [...(groups.get(stories.get(item.id)!) ?? []), `${item.source}: ${item.title}`]);
    const merged = [...groups.values()].filter((g) => g.length > 1);
    assert.deepEqual(merged, [['Steppe Herald: Last CSTO contingent leaves Kazakhstan', 'Caspian Syndicate: Last CSTO contingent leaves Kazakhstan']]);
  });

  it('every file in the folder is listed', () => {
    const files = readdirSync(DEMO).filter((n) => n !== 'feeds.json');
    assert.deepEqual(files.sort(), listing.feeds.map((f) => f.path).sort());
  });
});
