// The classifier's rules, on claims the code has never seen (a made-up colliery disaster) and on
// general language: numbers and what they count, comparison, negation and denial, later states,
// sentences, acronyms, topics, relevance.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalClassifier } from '../../shared/adapters/local-classifier.ts';
import { buildClaimIndex, classifyItem } from '../../shared/domain/classify/classify.ts';
import { hasDenial, isNegated, laterState, negatedNear } from '../../shared/domain/classify/cues.ts';
import { compareFigures, quantities, subjectOf } from '../../shared/domain/classify/numbers.ts';
import { AcronymTable, keyOf, sentences, splitSentences, stemEnglish, tokenize } from '../../shared/domain/classify/text.ts';
import { detectTopics } from '../../shared/domain/classify/topics.ts';

describe('number extraction', () => {
  const cases: Array<[string, number[]]> = [
    ['At least 164 people were killed.', [164]],
    ['More than 3,000 people were detained', [3000]],
    ['almost 10,000 detained', [10000]],
    ['some eight thousand people', [8000]],
    ['Some 8 Thousand People Detained', [8000]],
    ['7,939 people detained', [7939]],
    ['more than three dozen dead', [36]],
    ['about 1.6 thousand personnel', [1600]],
    ['погибли 225 человек', [225]],
    ['In January 2022, on January 5, 120 tenge, 28 U.S. cents', []],
    ['on Jan. 23 and 2 January, 81% of the vote, $46mn, 1,060-mile border', []],
    ['Tokayev, 68, said', []],
    ['COVID-19 and Y-20 transports', []],
  ];
  for (const [text, values] of cases) it(text, () => assert.deepEqual(quantities(text).map((q) => q.value), values));

  it('marks bounds and vague figures', () => {
    const [atLeast] = quantities('at least 225 people');
    const [dozens] = quantities('dozens of people');
    const [fewer] = quantities('fewer than 50 deaths');
    assert.deepEqual([atLeast.bound, atLeast.figure, atLeast.raw], ['min', '225', 'at least 225']);
    assert.deepEqual([dozens.vague, fewer.bound], [true, 'max']);
  });

  it('records what a number counts, and refuses a figure that counts something else', () => {
    const subjects = new Set(['kill', 'detain']);
    const of = (text: string) => subjectOf(quantities(text)[0], tokenize(text), subjects);
    assert.equal(of('164 people were killed'), 'kill');
    assert.equal(of('security forces had detained 7,939 people in all'), 'detain');
    assert.equal(of('225 bodies had been taken to morgues'), 'kill');
    assert.equal(of('law enforcement bodies opened 4,642 criminal cases'), undefined);
    assert.equal(of('over 2,600 people had gone to hospitals'), undefined);
  });

  it('compares figures: same, larger (newer), smaller, and vague ones only when far apart', () => {
    const [claim] = quantities('164 people');
    assert.equal(compareFigures(claim, quantities('164 dead')[0]), 'same');
    assert.equal(compareFigures(claim, quantities('225 dead')[0]), 'larger');
    assert.equal(compareFigures(claim, quantities('26 dead')[0]), 'smaller');
    assert.equal(compareFigures(claim, quantities('dozens dead')[0]), 'smaller');
    assert.equal(compareFigures(quantities('3,000 people')[0], quantities('thousands')[0]), 'unclear');
  });
});

describe('negation, denial and later states', () => {
  it('tells a denial from an ordinary negation', () => {
    assert.equal(hasDenial('Officials denied the report.'), true);
    assert.equal(hasDenial('The figure was not confirmed.'), true);
    assert.equal(hasDenial('Neither the health ministry nor the police confirmed the number.'), true);
    assert.equal(hasDenial('The post was later deleted.'), true);
    assert.equal(hasDenial('Власти опровергли эти данные.'), true);
    assert.equal(hasDenial('He did not elaborate.'), false);
    assert.equal(isNegated('Kazakhstan did not ask for help.'), true);
    assert.equal(isNegated("They didn't ask."), true);
    assert.equal(isNegated('Kazakhstan asked for help.'), false);
    assert.equal(isNegated('They fired without warning, not only at night.'), false);
  });

  it('finds a negation right before the words that matter', () => {
    const [s] = sentences('', 'The governor had not asked the regional army for urgent help.');
    const asked = s.tokens.filter((t) => t.key === 'ask');
    const help = s.tokens.filter((t) => t.key === 'help');
    assert.equal(negatedNear(s, asked), true);
    assert.equal(negatedNear(s, help), false);
  });

  it('knows which states follow which', () => {
    assert.equal(laterState('Troops were sent to the city.', 'The troops were withdrawn on Monday.')?.name, 'deployment');
    assert.equal(laterState('Troops were sent to the city.', 'Peacekeepers began leaving on Thursday.')?.name, 'deployment');
    assert.equal(laterState('The mayor was arrested on suspicion of bribery.', 'The mayor was sentenced to nine years.')?.name, 'prosecution');
    assert.equal(laterState('The mayor was arrested.', 'The mayor is serving 9 years in prison.')?.name, 'prosecution');
    assert.equal(laterState('The mayor was arrested.', 'The mayor was questioned again.'), undefined);
  });
});

describe('sentences and words', () => {
  it('splits title and text into verbatim sentences, minding abbreviations', () => {
    const s = sentences('A title here', 'First sentence is here. Second one follows! "Third," he said.\nMr. Smith met Gen. Jones on Jan. 7 in the U.S. capital. Done.');
    assert.deepEqual(
      s.map((x) => x.text),
      ['A title here', 'First sentence is here.', 'Second one follows!', '"Third," he said.', 'Mr. Smith met Gen. Jones on Jan. 7 in the U.S. capital.', 'Done.'],
    );
    assert.deepEqual(s.map((x) => x.inTitle), [true, false, false, false, false, false]);
  });

  it('keeps a span verbatim even with odd spacing', () => {
    assert.deepEqual(splitSentences('One  two.   Three four.'), ['One  two.', 'Three four.']);
  });

  it('stems inflections and maps news words to one concept', () => {
    assert.equal(stemEnglish('requested'), stemEnglish('requests'));
    assert.equal(stemEnglish('stopped'), 'stop');
    assert.equal(keyOf('killed'), keyOf('deaths'));
    assert.equal(keyOf('detained'), keyOf('custody'));
    assert.equal(keyOf('peacekeepers'), keyOf('troops'));
    assert.equal(keyOf('kazakh'), keyOf('kazakhstan'));
    assert.equal(keyOf('погибли'), keyOf('killed'));
    assert.equal(keyOf('the'), undefined);
    assert.equal(keyOf('us', 'US'), 'usa');
  });

  it('reads two-word expressions and dates as one key', () => {
    const keys = tokenize('Troops put down the riots that broke out on 2 January').map((t) => t.key);
    assert.ok(keys.includes('quell') && keys.includes('begin') && keys.includes('date:01-2'), keys.join(' '));
    assert.ok(tokenize('on Jan. 2').some((t) => t.key === 'date:01-2'));
  });

  it('splits words glued by a lost space, keeping CamelCase-free names', () => {
    assert.deepEqual(tokenize('KazakhstanLarge protests').map((t) => t.word), ['kazakhstan', 'large', 'protests']);
  });

  it('learns acronyms from their definitions and reads the long form as the acronym', () => {
    const table = new AcronymTable();
    table.learn('The North Atlantic Treaty Organization (NATO) met.');
    const keys = table.apply(tokenize('the North Atlantic Treaty Organization said')).map((t) => t.key);
    assert.ok(keys.includes('nato') && !keys.includes('atlantic'), keys.join(' '));
  });
});

describe('stance rules (claims the code has never seen)', () => {
  const claims = [
    { id: 'T1', text: 'At least 40 miners were killed in the explosion at the Ridgeback colliery.' },
    { id: 'T2', text: 'The regional governor resigned after the explosion at the Ridgeback colliery.' },
    { id: 'T3', text: 'Rescue teams from the army were sent to the Ridgeback colliery.' },
    { id: 'T4', text: 'The Ridgeback colliery owner did not report the gas leak to inspectors.' },
  ];
  const index = buildClaimIndex(claims);
  const verdict = (title: string, text: string, date?: string) => classifyItem(index, { id: 'x', title, text, date });
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

  it('a smaller, earlier figure only mentions the claim; a doubted one contradicts it', () => {
    const early = verdict('Ridgeback colliery blast', 'At least 12 miners were killed in the explosion at the Ridgeback colliery, the first reports said.');
    assert.equal(stanceFor(early, 'T1')?.stance, 'mentions');
    const doubted = verdict('Colliery blast', 'A post said 40 miners were killed in the explosion at the Ridgeback colliery. The company said that figure was not confirmed and the post was deleted.');
    assert.equal(stanceFor(doubted, 'T1')?.stance, 'contradicts');
  });

  it('a figure that counts something else does not touch the claim', () => {
    const v = verdict('Colliery inquiry', 'Investigators at the Ridgeback colliery opened 400 criminal cases after the explosion.');
    assert.equal(stanceFor(v, 'T1'), undefined);
  });

  it('a denial contradicts the claim', () => {
    const v = verdict('Governor stays', 'The regional governor denied reports that he resigned after the explosion at the Ridgeback colliery.');
    assert.equal(stanceFor(v, 'T2')?.stance, 'contradicts');
    assert.notEqual(stanceFor(v, 'T3')?.stance, 'contradicts', 'the denial is about the resignation, not the rescue teams');
  });

  it('a later state updates a claim about a state (sent → withdrawn)', () => {
    const v = verdict('Army leaves colliery', 'Army rescue teams sent to the Ridgeback colliery were withdrawn on Monday.');
    assert.equal(stanceFor(v, 'T3')?.stance, 'updates');
    assert.deepEqual(stanceFor(v, 'T3')?.update, { subject: 'deployment', old: 'sent', new: 'withdrawn' });
    assert.equal(hasDenial('Army rescue teams were withdrawn on Monday.'), false, 'withdrawn troops are not a withdrawn statement');
    assert.equal(hasDenial('The statement was withdrawn on Monday.'), true);
  });

  it('a negated claim is supported only by a negating report', () => {
    const yes = verdict('Owner kept silent', 'The Ridgeback colliery owner never reported the gas leak to inspectors.');
    assert.equal(stanceFor(yes, 'T4')?.stance, 'supports');
    const no = verdict('Owner informed inspectors', 'The Ridgeback colliery owner reported the gas leak to inspectors in March.');
    assert.equal(stanceFor(no, 'T4'), undefined);
  });

  it('an unrelated item links to nothing and is not relevant', () => {
    const v = verdict('Football results', 'The home side won three goals to one on Saturday.');
    assert.deepEqual(v.claims, []);
    assert.equal(v.relevant, false);
  });

  it('an item about another place with the same kind of event is not relevant', () => {
    const v = verdict('Blast at Greyfield mine', 'At least 30 miners were killed in an explosion at the Greyfield mine in Poland on Tuesday.');
    assert.equal(v.relevant, false);
    assert.deepEqual(v.claims, []);
  });

  it('an item published before the year the claims name cannot be about them', () => {
    const dated = buildClaimIndex([{ id: 'D1', text: 'In May 2031 at least 40 miners were killed at the Ridgeback colliery.' }, { id: 'D2', text: 'The Ridgeback colliery reopened in 2032.' }]);
    const text = 'At least 40 miners were killed at the Ridgeback colliery, officials said.';
    assert.equal(classifyItem(dated, { id: 'a', title: 'Ridgeback colliery', text, date: '2031-05-20' }).relevant, true);
    assert.equal(classifyItem(dated, { id: 'b', title: 'Ridgeback colliery', text, date: '2019-05-20' }).relevant, false);
  });

  it('keeps evidence verbatim through the classifier port', async () => {
    const item = { id: 'y', title: 'Explosion', text: 'Rescue  teams from the army were sent to the Ridgeback colliery on Sunday.' };
    const [v] = await createLocalClassifier(claims).classify([item]);
    assert.ok(v.claims.length > 0);
    for (const c of v.claims) assert.ok(`${item.title} ${item.text}`.replace(/\s+/g, ' ').includes(c.evidence.replace(/\s+/g, ' ')));
  });
});

describe('Russian reports against English claims', () => {
  const index = buildClaimIndex([
    { id: 'R1', text: 'At least 164 people were killed in the unrest in Kazakhstan.' },
    { id: 'R2', text: "Troops of the Collective Security Treaty Organization (CSTO) were sent to Kazakhstan at President Tokayev's request." },
    { id: 'R3', text: 'Former security chief Karim Masimov was arrested on suspicion of treason over the unrest in Kazakhstan.' },
  ]);
  const of = (title: string, text: string) => classifyItem(index, { id: 'r', title, text });

  it('reads figures, later states and names written in Cyrillic', () => {
    const toll = of('В беспорядках в Казахстане погибли 238 человек', 'Генпрокуратура Казахстана сообщила, что в ходе беспорядков погибли 238 человек.');
    assert.deepEqual([toll.relevant, toll.claims[0]?.claim, toll.claims[0]?.stance, toll.claims[0]?.update?.new], [true, 'R1', 'updates', '238']);
    const left = of('Миротворцы ОДКБ покинули Казахстан', 'Контингент ОДКБ, направленный по просьбе Токаева после беспорядков, полностью покинул Казахстан.');
    assert.equal(left.claims.find((c) => c.claim === 'R2')?.stance, 'updates');
    const sentenced = of('Карим Масимов приговорен к 18 годам', 'Суд в Астане приговорил бывшего главу КНБ Карима Масимова к 18 годам по делу о государственной измене во время беспорядков.');
    assert.equal(sentenced.claims.find((c) => c.claim === 'R3')?.stance, 'updates');
  });

  it('leaves an unrelated Russian item alone', () => {
    const v = of('В Алматы прошел концерт', 'В Алматы в субботу прошел большой концерт симфонического оркестра.');
    assert.deepEqual([v.relevant, v.claims], [false, []]);
  });
});

describe('topics', () => {
  it('detects watched topics in English and Russian', () => {
    assert.deepEqual(detectTopics('Tokayev meets Xi Jinping', 'Kazakhstan and China signed deals in Astana.'), ['kazakhstan', 'china']);
    assert.deepEqual(detectTopics('Саммит ОДКБ', 'Токаев прибыл на саммит ОДКБ. Казахстан председательствует.'), ['kazakhstan', 'csto']);
    assert.deepEqual(detectTopics('Саммит ШОС в Астане', 'Саммит ШОС пройдет в Астане.'), ['kazakhstan', 'sco']);
    assert.deepEqual(detectTopics('Weather', 'Rain in London.'), []);
  });

  it('knows the CSTO by its description, and wants China twice in the text', () => {
    assert.deepEqual(detectTopics('Troops arrive', 'A Russian-led military alliance sent troops.'), ['csto']);
    assert.deepEqual(detectTopics('Oil exports', 'Some oil goes by pipeline to China.'), []);
  });
});
