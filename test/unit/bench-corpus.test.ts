import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_CHARS, MIN_CHARS, corpus, prng } from '../../scripts/bench/corpus.ts';

describe('bench corpus', () => {
  it('is the same for the same seed and different for another', () => {
    const a = corpus(200, 1);
    assert.deepEqual(a, corpus(200, 1));
    assert.notDeepEqual(a.map((i) => i.text), corpus(200, 2).map((i) => i.text));
  });

  it('gives the number of items asked for, with unique ids', () => {
    const items = corpus(1234, 9);
    assert.equal(items.length, 1234);
    assert.equal(new Set(items.map((i) => i.id)).size, 1234);
    assert.deepEqual(corpus(0), []);
  });

  it('keeps every text within the realistic length range', () => {
    for (const item of corpus(2000, 3)) {
      assert.ok(item.text.length >= MIN_CHARS && item.text.length <= MAX_CHARS, `${item.id}: ${item.text.length} characters`);
      assert.ok(item.title.length > 5);
    }
  });

  it('mixes on-topic and off-topic items in English and Russian', () => {
    const items = corpus(2000, 4);
    const share = (kind: string) => items.filter((i) => i.kind === kind).length / items.length;
    assert.ok(share('on-topic-en') > 0.3 && share('on-topic-en') < 0.5);
    assert.ok(share('on-topic-ru') > 0.08 && share('on-topic-ru') < 0.22);
    assert.ok(share('off-topic-en') > 0.2 && share('off-topic-en') < 0.4);
    assert.ok(share('off-topic-ru') > 0.05);
    assert.ok(share('passing-mention-en') > 0.02);
    for (const item of items.filter((i) => i.language === 'ru').slice(0, 50)) assert.match(item.text, /[а-яё]/i);
    assert.ok(items.filter((i) => i.kind === 'on-topic-en').every((i) => /Kazakh|Tokayev|CSTO|SCO|Almaty|Zhanaozen|Aktau|Nur-Sultan|Masimov/.test(i.text)));
  });

  it('leaves no template slot unfilled and dates every item in January–February 2022', () => {
    for (const item of corpus(500, 5)) {
      assert.doesNotMatch(item.text + item.title, /[{}]/);
      assert.ok(item.date >= '2022-01-02' && item.date < '2022-02-02', item.date);
    }
  });

  it('draws its PRNG values from [0, 1), reproducibly', () => {
    const a = prng(123);
    const b = prng(123);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      assert.equal(x, b());
      assert.ok(x >= 0 && x < 1);
    }
  });
});
