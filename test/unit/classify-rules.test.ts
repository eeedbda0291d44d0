import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalClassifier } from '../../shared/adapters/local-classifier.ts';
import { buildClaimIndex, classifyItem } from '../../shared/domain/classify/classify.ts';
import { hasDenial, isNegated } from '../../shared/domain/classify/cues.ts';
import { quantities, subjectOf } from '../../shared/domain/classify/numbers.ts';
import { sentences, tokenize } from '../../shared/domain/classify/text.ts';
import { detectTopics } from '../../shared/domain/classify/topics.ts';

describe('number extraction', () => {
  const cases: Array<[string, number[]]> = [
    ['At least 164 people were killed.', [164]],
    ['More than 3,000 people were detained', [3000]],
    ['almost 10,000 detained', [10000]],
    ['some eight thousand people', [8000]],
    ['7,939 people detained', [7939]],
    ['In January 2022, on January 5, 120 tenge', []],
    ['погибли 225 человек', [225]],
  ];
  for (const [text, values] of cases) it(text, () => assert.deepEqual(quantities(text).map((q) => q.value), values));
  it('records what a number counts', () => {
    const text = '164 people were killed';
    assert.equal(subjectOf(quantities(text)[0], tokenize(text), new Set(['kill', 'detain'])), 'kill');
  });
});

describe('negation and denial', () => {
  it('tells a denial from an ordinary negation', () => {
    assert.equal(hasDenial('Officials denied the report.'), true);
    assert.equal(hasDenial('The figure was not confirmed.'), true);
    assert.equal(hasDenial('He did not elaborate.'), false);
    assert.equal(isNegated('Kazakhstan did not ask for help.'), true);
    assert.equal(isNegated('Kazakhstan asked for help.'), false);
  });
});

describe('sentences', () => {
  it('splits title and text into verbatim sentences', () => {
    const s = sentences('A title here', 'First sentence is here. Second one follows! "Third," he said.');
    assert.deepEqual(s.map((x) => x.text), ['A title here', 'First sentence is here.', 'Second one follows!', '"Third," he said.']);
  });
});

describe('stance rules (claims the code has never seen)', () => {
  const claims = [
    { id: 'T1', text: 'At least 40 miners were killed in the explosion at the Ridgeback colliery.' },
    { id: 'T2', text: 'The regional governor resigned after the explosion at the Ridgeback colliery.' },
    { id: 'T3', text: 'Rescue teams from the army were sent to the Ridgeback colliery.' },
  ];
  const index = buildClaimIndex(claims);
  const verdict = (title: string, text: string) => classifyItem(index, { id: 'x', title, text });
  const stanceFor = (v: ReturnType<typeof verdict>, id: string) => v.claims.find((c) => c.claim === id);

  it('a newer, higher figure for the same thing updates the claim and records old → new', () => {
    const v = verdict('Ridgeback colliery toll rises', 'Officials said on Friday that 52 miners were killed in the explosion at the Ridgeback colliery, raising the toll.');
    assert.equal(stanceFor(v, 'T1')?.stance, 'updates');
    assert.deepEqual([stanceFor(v, 'T1')?.update?.old, stanceFor(v, 'T1')?.update?.new], ['40', '52']);
  });

  it('the same figure supports the claim, with the sentence as evidence', () => {
    const text = 'At the Ridgeback colliery, 40 miners were killed in the explosion, officials said.';
    const l = stanceFor(verdict('Explosion at colliery', text), 'T1');
    assert.equal(l?.stance, 'supports');
    assert.equal(l?.evidence, text);
  });

  it('a denial contradicts the claim', () => {
    const v = verdict('Governor stays', 'The regional governor denied reports that he resigned after the explosion at the Ridgeback colliery.');
    assert.equal(stanceFor(v, 'T2')?.stance, 'contradicts');
  });

  it('a later state updates a claim about a state (sent → withdrawn)', () => {
    const v = verdict('Army leaves colliery', 'Army rescue teams sent to the Ridgeback colliery were withdrawn on Monday.');
    assert.equal(stanceFor(v, 'T3')?.stance, 'updates');
  });

  it('an unrelated item links to nothing', () => {
    const v = verdict('Football results', 'The home side won three goals to one on Saturday.');
    assert.deepEqual(v.claims, []);
    assert.equal(v.relevant, false);
  });

  it('keeps evidence verbatim through the classifier port', async () => {
    const item = { id: 'y', title: 'Explosion', text: 'Rescue  teams from the army were sent to the Ridgeback colliery on Sunday.' };
    const [v] = await createLocalClassifier(claims).classify([item]);
    for (const c of v.claims) assert.ok(`${item.title} ${item.text}`.replace(/\s+/g, ' ').includes(c.evidence.replace(/\s+/g, ' ')));
  });
});

describe('topics', () => {
  it('detects watched topics in English and Russian', () => {
    assert.deepEqual(detectTopics('Tokayev meets Xi Jinping', 'Kazakhstan and China signed deals in Astana.'), ['kazakhstan', 'china']);
    assert.deepEqual(detectTopics('Саммит ОДКБ', 'Токаев прибыл на саммит ОДКБ. Казахстан председательствует.'), ['kazakhstan', 'csto']);
    assert.deepEqual(detectTopics('Саммит ШОС в Астане', 'Саммит ШОС пройдет в Астане.'), ['kazakhstan', 'sco']);
    assert.deepEqual(detectTopics('Weather', 'Rain in London.'), []);
  });
});
