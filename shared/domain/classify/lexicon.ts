// General news vocabulary: words that report the same kind of fact map to one concept, so that a
// claim and a report written in other words still meet. Nothing here is about a particular claim or
// story: these are the verbs and nouns news uses for casualties, arrests, troops, protests, requests,
// blame, prices and so on, in English and (by stem prefix) in Russian, plus countries and their
// demonyms and capitals (general knowledge).

/** Concept → English surface words (lower case; matched before stemming) */
const EN_GROUPS: Record<string, string> = {
  kill: 'kill killed killing killings kills dead death deaths die died dies dying toll tolls fatalities fatality fatal lives bodies perished perish slain deadly lethal',
  injure: 'injure injured injuries injury wounded wounds hurt casualties hospitalised hospitalized',
  detain: 'detain detained detaining detains detention detentions detainee detainees arrest arrested arrests arresting custody apprehended rounded',
  troops: 'troops troop soldiers soldier peacekeepers peacekeeper peacekeeping contingent servicemen army armies military',
  send: 'send sent sending sends dispatch dispatched dispatching deploy deployed deploying deployment deployments arrived arrive arriving',
  withdraw: 'withdraw withdrew withdrawn withdrawing withdrawal pullout pull-out',
  protest: 'protest protests protested protesting protester protesters protestor protestors unrest riot riots rioting rioters demonstration demonstrations demonstrators rally rallies uprising turmoil upheaval unrests disturbances clashes rebellion revolt violence',
  ask: 'ask asked asking asks request requested requesting requests appeal appealed appeals sought seek seeking invite invited invitation',
  help: 'help helped helping helps assist assisted assistance aid support supported supporting supports backing backed backs',
  ready: 'ready prepared willing readiness',
  blame: 'blame blamed blames blaming accuse accused accuses accusing accusation attribute attributed depict depicted portray portrayed portraying branded',
  terrorist: 'terrorist terrorists terrorism bandit bandits militant militants extremist extremists extremism gangs thugs insurgents fighters',
  foreign: 'foreign foreigners external outside abroad overseas outsiders',
  instigate: 'instigate instigated instigating instigation incite incited inciting incitement foment fomented fomenting orchestrate orchestrated orchestrating provoke provoked stir stirring',
  colour: 'color colour colors colours colored coloured',
  revolution: 'revolution revolutions',
  price: 'price prices priced pricing cost costs tariff tariffs',
  rise: 'rise rises rising rose risen increase increased increases increasing hike hikes hiked soar soared soaring surge surged jump jumped doubled doubling spike higher',
  fuel: 'fuel fuels gas lpg lng petrol gasoline diesel liquefied',
  government: 'government governments authorities authority officials official administration cabinet',
  dismiss: 'dismiss dismissed dismissing dismissal sack sacked sacking oust ousted removed resign resigned resignation',
  emergency: 'emergency emergencies',
  declare: 'declare declared declares declaring impose imposed imposes imposing introduce introduced introducing',
  promise: 'promise promised promises promising pledge pledged pledges pledging vow vowed vows vowing',
  respond: 'respond responded responding responds response responses reaction reacted',
  reform: 'reform reforms reformed',
  cap: 'cap caps capped ceiling ceilings controls',
  shoot: 'shoot shooting shoots shot gunfire',
  warn: 'warn warned warning warns cautioned cautions caution',
  oppose: 'oppose opposes opposed opposing opposition against',
  fear: 'fear fears feared fearing worry worries worried concern concerns concerned wary alarm anxious specter spectre',
  spread: 'spread spreading spreads spill spilling spillover contagion',
  threat: 'threat threats threaten threatened threatens threatening danger dangers dangerous risk risks',
  stability: 'stability stable stabilise stabilize stabilised stabilized stabilising stabilizing stabilisation stabilization calm instability unstable destabilise destabilize destabilising destabilizing turbulence',
  restore: 'restore restored restoring restores restoration reinstate reinstated reinstating reintroduce reintroduced reintroducing',
  quell: 'quell quelled quelling suppress suppressed suppressing suppression crush crushed crackdown repress repressed repression halt halting halted',
  begin: 'begin began begun beginning start started starting starts erupt erupted erupting broke outbreak sparked triggered',
  west: 'west western westward',
  sharp: 'sharp sharply abrupt abruptly sudden suddenly steep steeply dramatic dramatically',
  president: 'president presidents presidential',
  former: 'former ex onetime once-powerful',
  chief: 'chief head heads boss chairman',
  treason: 'treason traitor',
  suspicion: 'suspicion suspected suspect charged charges',
  minister: 'minister ministers',
  sue: 'sue sued sues suing lawsuit lawsuits',
  fire: 'fire fires wildfire wildfires blaze blazes inferno',
  destroy: 'destroy destroyed destroys destroying destruction razed ruined devastated',
  evacuate: 'evacuate evacuated evacuating evacuation evacuations',
  defense: 'defense defence',
  security: 'security',
};

/** Two-word expressions that mean one concept ("put down" → quell). */
export const PHRASES = new Map<string, string>(
  Object.entries({
    'put down': 'quell', 'putting down': 'quell', 'puts down': 'quell', 'crack down': 'quell', 'cracked down': 'quell',
    'step down': 'dismiss', 'stepped down': 'dismiss', 'steps down': 'dismiss', 'stepping down': 'dismiss',
    'pull out': 'withdraw', 'pulled out': 'withdraw', 'pulling out': 'withdraw',
    'called on': 'ask', 'call on': 'ask', 'calling on': 'ask', 'turned to': 'ask', 'turn to': 'ask', 'called in': 'ask', 'calling in': 'ask',
    'sent in': 'send', 'brought in': 'send', 'bringing in': 'send',
    'spill over': 'spread', 'spilling over': 'spread', 'spilled over': 'spread',
    'broke out': 'begin', 'break out': 'begin', 'breaking out': 'begin',
    'bring back': 'restore', 'bringing back': 'restore', 'brought back': 'restore',
    'stands ready': 'ready', 'stand ready': 'ready',
    'opened fire': 'shoot', 'open fire': 'shoot', 'opening fire': 'shoot',
    'more expensive': 'rise', 'became expensive': 'rise',
  }),
);

/** Concept → Russian stem prefixes. */
const RU_GROUPS: Record<string, string> = {
  kill: 'убит убил убив погиб гибел смерт жертв погибш',
  detain: 'задерж арест',
  troops: 'войск военнослуж миротвор контингент',
  send: 'отправ направ ввод введ развернут',
  withdraw: 'вывод вывел выведен',
  protest: 'протест беспоряд митинг демонстрац волнен бунт',
  ask: 'просьб проси обрати обращ запрос',
  help: 'помощ помог содейств поддерж',
  ready: 'готов',
  blame: 'обвин',
  terrorist: 'террор бандит боевик экстремист',
  foreign: 'иностран внешн зарубеж',
  instigate: 'подстрек спровоцир',
  colour: 'цветн',
  revolution: 'революц',
  price: 'цен',
  rise: 'рост повышен подорож',
  fuel: 'газ топлив бензин сжиженн',
  government: 'правительств власт',
  emergency: 'чрезвычайн',
  president: 'президент',
  treason: 'измен',
  stability: 'стабил нестабил',
  restore: 'восстан',
  quell: 'подав подавл',
  begin: 'начал начина вспыхн',
  dismiss: 'отставк уволи сняли снял',
  reform: 'реформ',
  fear: 'опаса страх беспоко',
  spread: 'распростран перекин',
  threat: 'угроз',
  warn: 'предупред предостер',
  oppose: 'против выступа',
  former: 'бывш экс',
  chief: 'глав председател руководител',
  security: 'безопасн',
  minister: 'министр',
  defense: 'оборон',
  shoot: 'стрел огонь огня',
  suspicion: 'подозрен',
  declare: 'объяви введен ввел',
  promise: 'пообещ обеща',
  respond: 'ответ',
  west: 'запад',
  sharp: 'резк',
  cap: 'потол огранич',
  injure: 'ранен пострада',
};

/** Countries: every form (name, demonym, capital, Russian stems) maps to one concept. */
const COUNTRIES: Record<string, { en: string; ru?: string }> = {
  kazakhstan: { en: 'kazakhstan kazakh kazakhs kazakhstani astana nur-sultan almaty', ru: 'казах алмат астан' },
  russia: { en: 'russia russian russians moscow kremlin', ru: 'росси русск москв кремл' },
  china: { en: 'china chinese beijing prc', ru: 'кита пекин' },
  ukraine: { en: 'ukraine ukrainian ukrainians kyiv kiev', ru: 'украин киев' },
  uzbekistan: { en: 'uzbekistan uzbek uzbeks tashkent', ru: 'узбек ташкент' },
  kyrgyzstan: { en: 'kyrgyzstan kyrgyz bishkek', ru: 'киргиз кыргыз бишкек' },
  tajikistan: { en: 'tajikistan tajik dushanbe', ru: 'таджик душанбе' },
  turkmenistan: { en: 'turkmenistan turkmen ashgabat', ru: 'туркмен' },
  armenia: { en: 'armenia armenian yerevan', ru: 'армян армени ереван' },
  azerbaijan: { en: 'azerbaijan azerbaijani baku', ru: 'азербайдж баку' },
  belarus: { en: 'belarus belarusian minsk', ru: 'белорус беларус минск' },
  georgia: { en: 'georgia georgian tbilisi', ru: 'грузи тбилиси' },
  usa: { en: 'us usa american americans washington', ru: 'сша америк вашингтон' },
  uk: { en: 'uk britain british london', ru: 'британ лондон' },
  france: { en: 'france french paris', ru: 'франц париж' },
  germany: { en: 'germany german berlin', ru: 'герман берлин' },
  turkey: { en: 'turkey turkish türkiye ankara', ru: 'турци турецк анкар' },
  iran: { en: 'iran iranian tehran', ru: 'иран тегеран' },
  india: { en: 'india indian delhi', ru: 'инди индийск' },
  pakistan: { en: 'pakistan pakistani islamabad', ru: 'пакистан' },
  afghanistan: { en: 'afghanistan afghan kabul', ru: 'афган' },
  mongolia: { en: 'mongolia mongolian ulaanbaatar', ru: 'монгол' },
  japan: { en: 'japan japanese tokyo', ru: 'япон токио' },
  nigeria: { en: 'nigeria nigerian lagos abuja' },
  syria: { en: 'syria syrian damascus', ru: 'сири дамаск' },
  israel: { en: 'israel israeli', ru: 'израил' },
};

/** Russian names of the watched organisations (whole words: "шос" is not "шоссе"). */
export const RU_EXACT = new Map<string, string>([
  ['одкб', 'csto'],
  ['шос', 'sco'],
]);

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/**
 * A name's consonant skeleton, the same for "Tokayev", "Токаев" and "Токаева" ("tkv"): how a name in
 * a Russian report meets the same name in an English claim. Undefined when too short to be safe.
 */
export function nameSkeleton(word: string): string | undefined {
  const latin = [...word.toLowerCase().replace(/['’]s?$/, '')].map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch).join('');
  const skeleton = latin
    .replace(/kh/g, 'h')
    .replace(/[^a-z]/g, '')
    .replace(/[aeiouyj]/g, '')
    .replace(/(.)\1+/g, '$1');
  return skeleton.length >= 3 ? skeleton : undefined;
}

export const EN_CONCEPT = new Map<string, string>();
export const RU_PREFIXES: Array<[string, string]> = [];

for (const [concept, words] of Object.entries(EN_GROUPS)) for (const w of words.split(' ')) EN_CONCEPT.set(w, concept);
for (const [concept, forms] of Object.entries(COUNTRIES)) {
  for (const w of forms.en.split(' ')) EN_CONCEPT.set(w, concept);
  for (const p of forms.ru?.split(' ') ?? []) RU_PREFIXES.push([p, concept]);
}
for (const [concept, prefixes] of Object.entries(RU_GROUPS)) for (const p of prefixes.split(' ')) RU_PREFIXES.push([p, concept]);
// Longest prefix first, so that a more specific stem wins.
RU_PREFIXES.sort((a, b) => b[0].length - a[0].length);

/** Every concept of the general lexicon (words, not names). */
export const LEXICON_CONCEPTS = new Set([...Object.keys(EN_GROUPS), ...Object.keys(RU_GROUPS)]);

/** Titles and roles: who acts, not what a claim says ("President", "former security chief"). */
export const ROLE_CONCEPTS = new Set(['president', 'former', 'chief', 'minister', 'government', 'security', 'defense']);

/** Concepts that name places or countries (event anchors rather than event content). */
export const COUNTRY_CONCEPTS = new Set(Object.keys(COUNTRIES));

/** Function words and reporting verbs that carry no claim content. */
export const STOPWORDS = new Set(
  (
    'a an the and or but of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they them his her their our we you i me my us your him who whom whose which what when where while why how ' +
    'not no nor never said says say saying told tell tells stated statement also has have had having will would could should ' +
    'may might can must shall than then there here some such other any all each both only very own same too so if do does did ' +
    'done just into over under about after before during since until up down out off per via more most less least many much ' +
    'few several one two three four five six seven eight nine ten first second third last next new people person persons ' +
    'according reported reports report reportedly led lead leads leading week weeks day days month months year years today yesterday ' +
    'monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr however because though although also whether ' +
    'including among around across within without between through again further once well still yet even already ' +
    'country countries nation nations time times part way ways made make makes take took taken give gave given put ' +
    'january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'и в во на не что с со по к ко у о об от до из за для как а но же ли бы это этот эта эти то так его ее их он она они ' +
    'мы вы я был была были было быть есть при после также уже еще ещё все всё ни чем года году лет заявил заявила сообщил сообщает'
  ).split(' '),
);
