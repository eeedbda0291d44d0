// A deterministic corpus of news-like items for the benchmark, generated from sentence templates
// and a small vocabulary with a seeded PRNG (no real articles copied): about 55% on the January
// 2022 unrest in Kazakhstan (English and Russian; about a third of their sentences state facts the
// claims are about — figures, actors, places — the rest is context), 45% off topic (sport, weather, markets, technology, local news; English and Russian),
// some of it with a passing mention of Kazakhstan. Each text is 1,500–3,000 characters.

/** mulberry32: a small, fast, seeded PRNG returning numbers in [0, 1). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type CorpusKind = 'on-topic-en' | 'on-topic-ru' | 'off-topic-en' | 'off-topic-ru' | 'passing-mention-en';

export interface CorpusItem {
  id: string;
  title: string;
  text: string;
  date: string;
  language: 'en' | 'ru';
  kind: CorpusKind;
}

export const MIN_CHARS = 1500;
export const MAX_CHARS = 3000;

// ── Vocabulary. `{slot}` in a template is replaced by a random entry of VOCAB[slot].
const VOCAB: Record<string, string[]> = {
  // English, on topic
  leader: ['President Kassym-Jomart Tokayev', 'Tokayev', 'the Kazakh president', 'the head of state', 'former president Nursultan Nazarbayev'],
  force: ['the Collective Security Treaty Organization', 'the CSTO', 'the Russian-led military alliance', 'CSTO peacekeepers', 'Russian paratroopers'],
  sco: ['the Shanghai Cooperation Organization', 'the SCO', 'the eight-member SCO', 'the regional security bloc'],
  china: ['China', 'Beijing', "China's foreign ministry", 'the Chinese defence minister', 'President Xi Jinping'],
  city: ['Almaty', 'Zhanaozen', 'Aktau', 'Nur-Sultan', 'Taraz', 'Shymkent', 'Aktobe', 'the Mangystau region'],
  toll: ['164', '225', '227', '238', 'dozens of', 'more than 200'],
  detained: ['3,000', '5,800', 'nearly 8,000', 'about 10,000', 'more than 12,000', 'hundreds of'],
  official: ['the interior ministry', 'the prosecutor general', 'a government spokesman', 'the health ministry', 'the security council', 'state television'],
  source: ['Reuters', 'the Associated Press', 'TASS', 'Xinhua', 'AFP', 'local media', 'a rights group', 'Human Rights Watch'],
  day: ['January 2', 'January 4', 'January 5', 'January 6', 'January 7', 'January 10', 'January 11', 'January 13', 'January 19'],
  fuel: ['liquefied petroleum gas', 'LPG', 'car fuel', 'compressed gas'],
  suspect: ['Karim Masimov', 'the former head of the National Security Committee', 'a deputy security chief', 'two senior officers'],
  charge: ['high treason', 'an attempt to seize power', 'abuse of office', 'organising mass riots'],
  blame: ['foreign-trained terrorists', 'bandits and terrorists', 'radical Islamists', 'criminal groups', 'foreign militants'],
  // English, off topic
  team: ['the home side', 'the visitors', 'the league leaders', 'the champions', 'the newly promoted club'],
  player: ['the striker', 'the veteran goalkeeper', 'the young midfielder', 'the captain', 'the substitute'],
  weather: ['heavy rain', 'strong winds', 'a cold front', 'record heat', 'thick fog', 'snowfall'],
  region: ['the north', 'coastal areas', 'the capital region', 'the southern valleys', 'the mountains'],
  firm: ['the chipmaker', 'the carmaker', 'the retailer', 'the airline', 'the software company', 'the bank'],
  metric: ['revenue', 'quarterly profit', 'sales', 'operating margin', 'orders'],
  pct: ['3.2%', '7%', '12%', 'a fifth', 'a tenth', '0.8%'],
  gadget: ['smartphone', 'laptop', 'electric scooter', 'smart watch', 'battery pack'],
  council: ['the city council', 'the district mayor', 'the school board', 'the transport authority'],
  project: ['road repairs', 'a new tram line', 'a park renovation', 'the library extension', 'bike lanes'],
  // Russian, on topic
  ru_leader: ['Президент Касым-Жомарт Токаев', 'Токаев', 'глава государства', 'президент Казахстана'],
  ru_force: ['ОДКБ', 'миротворцы ОДКБ', 'российские десантники', 'Организация Договора о коллективной безопасности'],
  ru_city: ['Алматы', 'Жанаозен', 'Актау', 'Нур-Султан', 'Тараз', 'Шымкент'],
  ru_official: ['МВД', 'Генеральная прокуратура', 'Минздрав', 'пресс-служба акимата', 'Совет безопасности'],
  ru_toll: ['164', '225', '227', '238'],
  ru_detained: ['более 3 тысяч', 'около 8 тысяч', 'почти 10 тысяч', 'свыше 12 тысяч'],
  ru_day: ['2 января', '4 января', '5 января', '6 января', '11 января', '13 января'],
  // Russian, off topic
  ru_topic: ['ремонт дорог', 'новый стадион', 'отопительный сезон', 'цены на овощи', 'школьные каникулы', 'городской транспорт'],
  ru_weather: ['сильный снег', 'гололёд', 'оттепель', 'туман', 'штормовой ветер'],
};

const ON_EN = [
  'Protests began in {city} on {day} after the price of {fuel} doubled, and quickly spread to other cities including {city}.',
  '{leader} said the unrest had been organised by {blame} and ordered security forces to restore order.',
  '{official} said {toll} people had been killed in the violence, including members of the security forces.',
  'According to {official}, {detained} people were detained across the country during the unrest.',
  '{force} sent troops to Kazakhstan at the request of {leader}, the first such deployment in its history.',
  '{sco} said it was ready to help Kazakhstan if the government in Nur-Sultan asked for assistance, {source} reported.',
  '{china} said it firmly supported the measures taken by the Kazakh authorities to end the violence.',
  '{suspect} was arrested on suspicion of {charge}, {official} said in a statement.',
  'Later, {official} revised the figure, saying {toll} people had died, among them civilians caught in the shooting.',
  'The government resigned on {day} and {leader} announced a six-month cap on {fuel} prices.',
  'Witnesses in {city} described gunfire near the mayor\'s office and the airport, {source} said.',
  '{leader} said {force} would begin withdrawing on {day} because its mission had been completed.',
  'Internet access was cut across much of the country for several days, making the reports from {city} hard to verify.',
  '{source} quoted residents of {city} as saying shops had run out of bread and petrol after the clashes.',
  'Critics questioned the claim about {blame}, saying no evidence had been made public by {day}.',
  'Officials later denied that {detained} people had been detained, saying the real number was lower.',
  'Analysts said the crisis exposed a power struggle between {leader} and allies of former president Nursultan Nazarbayev.',
  '{china} warned against attempts by external forces to stage a colour revolution in Central Asia.',
  'Rights groups urged {official} to investigate reports of torture of people detained in {city}.',
  'The shoot-to-kill order by {leader} drew criticism from the United Nations and several Western governments.',
];
// Context an on-topic report carries around its facts: background, reactions, quotes.
const BACKGROUND_EN = [
  'Kazakhstan, a former Soviet republic of 19 million people, is the largest economy in Central Asia and a major oil and uranium producer.',
  'The country shares long borders with Russia and China and has long balanced its ties with both.',
  '{leader} took office in 2019 after the surprise resignation of Nursultan Nazarbayev, who had ruled since independence in 1991.',
  'Residents of {city} told {source} they were afraid to leave their homes after dark.',
  'The United States and the European Union called on all sides to show restraint.',
  '"We just want a normal life and fair prices," one demonstrator in {city} said.',
  'Economists said the price rise had hit the west of the country, where many families depend on cheap gas for their cars.',
  'Banks and shops in {city} reopened on {day}, and public transport gradually resumed.',
  'The national currency, the tenge, weakened against the dollar as markets reacted to the turmoil.',
  'Western oil companies operating in the country said production had not been affected.',
  'Many people in {city} said they had learned of events only from messaging apps before the internet was cut.',
  'Opposition figures abroad said the crisis reflected years of frustration with inequality and corruption.',
];
const BACKGROUND_RU = [
  'Казахстан — крупнейшая экономика Центральной Азии и один из ведущих производителей нефти и урана.',
  'Жители {ru_city} рассказали, что боялись выходить из дома в тёмное время суток.',
  'Банки и магазины в {ru_city} возобновили работу, общественный транспорт постепенно восстанавливается.',
  'Курс тенге ослаб на фоне событий, сообщили аналитики.',
  'Эксперты связывают протесты с многолетним недовольством неравенством и ростом цен.',
  'Многие узнавали о происходящем только из мессенджеров до отключения интернета.',
];
/** Share of an on-topic report's sentences that state a fact the claims are about; the rest is context. */
const FACT_SHARE = 0.35;

const TITLE_EN = [
  'Kazakhstan: {toll} killed as unrest spreads to {city}',
  '{force} troops begin leaving Kazakhstan',
  'Tokayev blames {blame} for deadly riots',
  '{suspect} charged with {charge}',
  'Fuel price protests shake {city}',
  'China and the SCO offer Kazakhstan support',
];
const ON_RU = [
  'Протесты начались в {ru_city} {ru_day} после резкого повышения цен на сжиженный газ и затем охватили другие города.',
  '{ru_leader} заявил, что беспорядки организовали террористы, подготовленные за рубежом, и отдал приказ стрелять без предупреждения.',
  '{ru_official} сообщило, что в ходе беспорядков погибли {ru_toll} человек, в том числе сотрудники силовых структур.',
  'По данным {ru_official}, за время беспорядков были задержаны {ru_detained} человек.',
  '{ru_force} направила контингент в Казахстан по просьбе {ru_leader}, впервые в истории организации.',
  'Шанхайская организация сотрудничества (ШОС) заявила о готовности оказать помощь Казахстану при наличии соответствующего запроса.',
  'Бывший глава КНБ Карим Масимов задержан по подозрению в государственной измене.',
  'Правительство ушло в отставку, а цены на газ были ограничены на шесть месяцев.',
  'Жители {ru_city} рассказали о стрельбе у здания акимата и в районе аэропорта.',
  'Вывод миротворцев {ru_force} из Казахстана завершился {ru_day}.',
  'Доступ к интернету был ограничен на несколько дней, что затрудняло проверку сообщений из {ru_city}.',
  'Правозащитники потребовали расследовать сообщения о пытках задержанных в {ru_city}.',
];
const TITLE_RU = ['Беспорядки в Казахстане: погибли {ru_toll} человек', 'ОДКБ начала вывод войск из Казахстана', 'Масимов обвинён в госизмене', 'Протесты в {ru_city}: что известно'];
const OFF_EN = [
  '{team} won 2-1 on Saturday after {player} scored late in the second half.',
  'The coach said {player} would miss the next three matches with a hamstring injury.',
  'Forecasters expect {weather} across {region} over the weekend, with temperatures well below the seasonal average.',
  'Drivers in {region} were advised to avoid unnecessary journeys because of {weather}.',
  '{firm} reported a rise in {metric} of {pct} in the third quarter, beating analysts\' forecasts.',
  'Shares in {firm} fell {pct} in early trading after the company cut its outlook for the year.',
  'The new {gadget} goes on sale next month with a larger battery and a brighter screen.',
  'Reviewers praised the {gadget} for its build quality but said the price was too high.',
  '{council} approved a budget for {project} on Tuesday after a lengthy debate.',
  'Residents complained that {project} had caused traffic jams for months.',
  'Grain exports rose by {pct} this season, the agriculture ministry said, helped by a strong harvest.',
  'The central bank left interest rates unchanged and said inflation was slowing faster than expected.',
  'The festival will run for four days and is expected to draw more than 50,000 visitors.',
  'The museum reopened after a two-year renovation with a new wing devoted to modern art.',
];
const TITLE_EN_OFF = ['{team} edge past rivals', '{weather} expected in {region}', '{firm} beats forecasts', '{council} backs {project}', 'New {gadget} unveiled'];
const OFF_RU = [
  'В выходные синоптики обещают {ru_weather}, водителей просят быть осторожнее.',
  'Городские власти объявили, что {ru_topic} завершится до конца месяца.',
  'Жители жалуются на пробки, связанные с тем, что {ru_topic} затянулся.',
  'Местная команда одержала победу со счётом 3:1 и вышла в полуфинал.',
  'Цены на овощи на рынках выросли на десять процентов по сравнению с прошлым месяцем.',
  'В библиотеке открылась выставка, посвящённая истории города.',
];
const TITLE_RU_OFF = ['В городе ожидается {ru_weather}', 'Власти обсудили {ru_topic}', 'Новости города'];
const MENTION_EN = [
  'Kazakhstan, the region\'s largest oil producer, said its exports would not be affected by the weather.',
  'A delegation from Kazakhstan attended the trade fair, the organisers said.',
];

function fill(template: string, rand: () => number): string {
  const s = template.replace(/\{(\w+)\}/g, (_m, slot: string) => {
    const options = VOCAB[slot];
    if (!options) throw new Error(`corpus: unknown slot {${slot}}`);
    return options[Math.floor(rand() * options.length)]!;
  });
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const pick = <T>(list: readonly T[], rand: () => number): T => list[Math.floor(rand() * list.length)]!;

/** Sentences up to a length drawn from [MIN_CHARS, MAX_CHARS − 300], in paragraphs of 3–5 sentences. */
function body(sentences: readonly string[], rand: () => number, extra: readonly string[] = [], extraShare = 0.15): string {
  const target = MIN_CHARS + Math.floor(rand() * (MAX_CHARS - 300 - MIN_CHARS));
  const paragraphs: string[] = [];
  let current: string[] = [];
  let len = 0;
  while (len < target) {
    const s = fill(extra.length && rand() < extraShare ? pick(extra, rand) : pick(sentences, rand), rand);
    current.push(s);
    len += s.length + 1;
    if (current.length >= 3 + Math.floor(rand() * 3)) {
      paragraphs.push(current.join(' '));
      current = [];
      len += 1; // the second newline
    }
  }
  if (current.length) paragraphs.push(current.join(' '));
  return paragraphs.join('\n\n');
}

/**
 * `n` items, the same for the same `seed`: ~40% on-topic English, ~15% on-topic Russian, ~30%
 * off-topic English, ~10% off-topic Russian, ~5% off-topic English mentioning Kazakhstan in passing.
 */
export function corpus(n: number, seed = 42): CorpusItem[] {
  const rand = prng(seed);
  const base = Date.UTC(2022, 0, 2, 6, 0, 0);
  return Array.from({ length: n }, (_, i) => {
    const r = rand();
    const kind: CorpusKind = r < 0.4 ? 'on-topic-en' : r < 0.55 ? 'on-topic-ru' : r < 0.85 ? 'off-topic-en' : r < 0.95 ? 'off-topic-ru' : 'passing-mention-en';
    // On topic: facts among context; off topic with a passing mention: a few mentions among the rest.
    const [sentences, titles, extra, extraShare, language] =
      kind === 'on-topic-en' ? [BACKGROUND_EN, TITLE_EN, ON_EN, FACT_SHARE, 'en' as const]
      : kind === 'on-topic-ru' ? [BACKGROUND_RU, TITLE_RU, ON_RU, FACT_SHARE, 'ru' as const]
      : kind === 'off-topic-en' ? [OFF_EN, TITLE_EN_OFF, [], 0, 'en' as const]
      : kind === 'off-topic-ru' ? [OFF_RU, TITLE_RU_OFF, [], 0, 'ru' as const]
      : [OFF_EN, TITLE_EN_OFF, MENTION_EN, 0.15, 'en' as const];
    const date = new Date(base + Math.floor(rand() * 30 * 86_400_000)).toISOString();
    return { id: `bench-${seed}-${i}`, title: fill(pick(titles, rand), rand), text: body(sentences, rand, extra, extraShare), date, language, kind };
  });
}
