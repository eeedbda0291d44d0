// Cleaning of page furniture and markup residue, keeping the words of the article. The patterns come
// from the seed articles (seeds/articles/*.txt) and from what news sites and feeds commonly add:
// site headers and datelines, "Leave a Comment", sharing, subscription and donation appeals,
// "Related:" / "SEE ALSO:" links, bylines with e-mail addresses, copyright lines. Table-driven tests
// in test/unit/clean-text.test.ts.

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '', mdash: '—', ndash: '–', minus: '−', hellip: '…', laquo: '«', raquo: '»',
  rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”', bdquo: '„', sbquo: '‚', prime: '′', middot: '·', bull: '•', copy: '©', reg: '®', trade: '™',
  deg: '°', euro: '€', pound: '£', yen: '¥', times: '×', thinsp: ' ', ensp: ' ', emsp: ' ', zwnj: '', zwj: '', lrm: '', rlm: '',
};

/** Decodes HTML character references (named ones from a common list, all numeric ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 && !(code >= 0xd800 && code < 0xe000) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const BLOCK = 'p|div|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|tr|table|section|article|main|header|hr';

/**
 * HTML to text: block elements become paragraph breaks; scripts, styles, navigation, asides,
 * forms, figure captions and comments are dropped; entities decoded.
 */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(script|style|noscript|iframe|svg|nav|aside|form|button|select|figcaption|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(new RegExp(`</?(${BLOCK})\\b[^>]*>`, 'gi'), '\n\n')
      .replace(/<\/?[a-z][^>]*>/gi, ' ')
      .replace(/<[!?][^>]*>/g, ' '),
  );
}

// ---------------------------------------------------------------- furniture

/** Whole paragraphs that are furniture. */
const FURNITURE: RegExp[] = [
  /^leave a (comment|reply)\.?$/i,
  /^this site uses akismet\b/i,
  /^(\d+\s+)?comments?\.?$/i,
  /^(share|share this( article| story| post)?|tweet|e-?mail|print|whatsapp|telegram|facebook|twitter|linkedin|reddit|vk|copy link|поделиться|поделитесь)(\s*[|·•,:/]?\s*(share|tweet|e-?mail|print|whatsapp|telegram|facebook|twitter|linkedin|reddit|vk|copy link|x))*[.:]?$/i,
  /^(follow us|subscribe|sign up|join us|get our newsletter|подписывайтесь|подпишитесь|присоединяйтесь)(?![\p{L}]).{0,160}$/iu,
  /^(copyright\b|©|\(c\)\s*\d{4}).{0,200}$/i,
  /^.{0,120}\ball rights reserved\.?$/i,
  /^source link$/i,
  /^(editor in charge|responsible editor|edited by|редактор)\s*:.{0,80}$/i,
  /^•?\s*[\p{L} .'-]{2,60} can be reached at \S+@\S+\.?$/iu,
  /^(see also|read (also|more)|also read|related( articles?| stories| news| coverage| content| reading)?|more on (the|this) (subject|topic|story)|more from [\p{L} ]{2,40}|recommended( for you)?|читайте также|смотрите также|по теме|подробнее)\s*[:–—-]/iu,
  /^(read more|continue reading|advertisement|sponsored|реклама|related|читать далее)\s*[.:…]*$/i,
  /(?<![\p{L}])(if you (like|liked|enjoy|enjoyed|value) (our|this) (articles?|work|journalism|reporting)|please (share|support|donate)(?![\p{L}])|support (our|independent) journalism|donate to (us|our)|become a (patron|member|subscriber)|subscribe to our (channel|newsletter|telegram)|follow us on (twitter|facebook|telegram|x|instagram)|подписывайтесь на наш|поддержите (нас|редакцию))/iu,
];

const MONTHS =
  'jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|' +
  'январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[яй]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]';
const DATE_WORDS = new RegExp(
  `(?<![\\p{L}])(${MONTHS}|(mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|at|on|am|pm|a\\.m\\.|p\\.m\\.|gmt|utc|msk|almt|published|updated|posted|date|last|опубликовано|обновлено|г\\.|года?|в)(?![\\p{L}])`,
  'giu',
);

/** A paragraph that is only a date and time ("Monday, January 10, 2022", "27 Apr 2022 10:12 am"). */
function isDateline(p: string): boolean {
  if (p.length > 70) return false;
  if (!/\b(19|20)\d{2}\b/.test(p) && !new RegExp(`(${MONTHS})`, 'iu').test(p)) return false;
  if (!/\d/.test(p)) return false;
  const rest = p.toLowerCase().replace(DATE_WORDS, ' ').replace(/[\d\s.,:/|()+–—-]+/g, '');
  return rest.length === 0;
}

/** A site header line such as "- The Washington Times" or "| RT EN". */
const SITE_HEADER = /^[-–—|•]\s*[\p{Lu}][\p{L}\p{N}.'&\s]{1,60}$/u;

/** Sentences of furniture inside a paragraph (kept paragraph, dropped sentence). */
const FURNITURE_SENTENCES: RegExp[] = [
  /\s*\bFollow (him|her|them|us|me) on (twitter|x|facebook|telegram|instagram)\s*@?\s*\S*\.?$/i,
  /\s*\b(Subscribe to|Join) (our|us on) (Telegram|newsletter)[^.]*\.?$/i,
];

// ---------------------------------------------------------------- words run together

/** CamelCase names that are not two words run together. */
const CAMEL_NAMES = new Set(
  [
    'JavaScript', 'TypeScript', 'PowerPoint', 'LinkedIn', 'WhatsApp', 'SoftBank', 'BlackRock', 'PetroChina', 'ExxonMobil', 'ConocoPhillips',
    'ArcelorMittal', 'GlaxoSmithKline', 'AstraZeneca', 'PricewaterhouseCoopers', 'MasterCard', 'HarperCollins', 'KazMunayGas', 'KazMunaiGas',
    'QazaqGaz', 'KazTransOil', 'KazTransGas', 'TengizChevroil', 'KazAtomProm', 'SamrukKazyna', 'AirAstana', 'BlackBerry', 'PlayStation',
    'DeepMind', 'SmartPhone', 'WordPress', 'SolarWinds', 'CrowdStrike', 'StarLink', 'SinoPharm', 'BioNTech', 'PepsiCo', 'ByteDance',
    'HuffPost', 'BuzzFeed', 'PolitiFact', 'FactCheck', 'NewsGuard', 'OpenStreetMap', 'GitLab', 'DoorDash', 'AliExpress', 'AliPay',
  ].map((n) => n.toLowerCase()),
);
/** Two-letter words that start a sentence or name after markup was stripped ("KazakhstanIn", "ChinaXi"). */
const SHORT_WORDS = new Set(['In', 'It', 'An', 'As', 'At', 'On', 'Of', 'To', 'By', 'He', 'We', 'If', 'Or', 'So', 'No', 'Up', 'Is', 'My', 'Us', 'Xi', 'Во', 'На', 'По', 'За', 'Из', 'Не', 'Но', 'Он', 'Мы', 'Их', 'До', 'От', 'Со']);
/** One-letter Russian prepositions and conjunctions. */
const ONE_LETTER = new Set(['В', 'С', 'К', 'О', 'У', 'И', 'А']);
/** Lower-case words that markup often glues to a following name ("toXinjiang"). */
const GLUE_WORDS = new Set(['to', 'the', 'and', 'of', 'in', 'by', 'on', 'at', 'for', 'with', 'from', 'into', 'as', 'near', 'в', 'на', 'по', 'из', 'и']);
/** Name prefixes that precede a capital inside one name. */
const NAME_PREFIX = /^(Mc|Mac|O|De|Di|Da|Du|La|Le|Van|Von|Fitz|St)$/;

/** Splits one token at the lower→upper boundaries that look like two words run together. */
function splitToken(token: string, vocab: Map<string, number>): string {
  if (CAMEL_NAMES.has(token.toLowerCase())) return token;
  // A CamelCase token used more than once is a name, not an accident of markup.
  if ((vocab.get(token) ?? 0) > 1) return token;
  const parts: string[] = [];
  let start = 0;
  let seg = 0;
  for (let i = 1; i < token.length; i++) {
    const prev = token[i - 1];
    const cur = token[i];
    if (!(/\p{Ll}/u.test(prev) && /\p{Lu}/u.test(cur))) continue;
    const left = token.slice(seg, i);
    const rightMatch = /^\p{Lu}\p{Ll}*/u.exec(token.slice(i))![0];
    const after = token[i + rightMatch.length] ?? '';
    const rightIsAcronym = rightMatch.length === 1 && /\p{Lu}/u.test(after);
    const lowRun = /\p{Ll}*$/u.exec(left)![0].length;
    const leftAllLower = !/\p{Lu}/u.test(left);
    let split = false;
    if (rightIsAcronym || NAME_PREFIX.test(left)) split = false;
    else if (leftAllLower && GLUE_WORDS.has(left)) split = true;
    else if (lowRun >= 3 && rightMatch.length >= 3) split = true;
    else if (lowRun >= 3 && rightMatch.length === 2 && !/\p{L}/u.test(after)) split = SHORT_WORDS.has(rightMatch) || vocab.has(left);
    else if (lowRun >= 3 && rightMatch.length === 1 && !/\p{L}/u.test(after)) split = ONE_LETTER.has(rightMatch);
    seg = i;
    if (split) {
      parts.push(token.slice(start, i));
      start = i;
    }
  }
  parts.push(token.slice(start));
  return parts.join(' ');
}

const CAMEL = /\p{Ll}\p{Lu}/u;
const CAMEL_ALL = /\p{Ll}\p{Lu}/gu;
const LETTER = /\p{L}/u;

/** Applies splitToken to the tokens that contain a lower→upper boundary (rare: no per-word callback). */
function splitCamelTokens(s: string, vocab: () => Map<string, number>): string {
  if (!CAMEL.test(s)) return s;
  let out = '';
  let last = 0;
  CAMEL_ALL.lastIndex = 0;
  for (let m = CAMEL_ALL.exec(s); m; m = CAMEL_ALL.exec(s)) {
    let start = m.index;
    while (start > 0 && LETTER.test(s[start - 1])) start--;
    let end = m.index + 2;
    while (end < s.length && LETTER.test(s[end])) end++;
    out += s.slice(last, start) + splitToken(s.slice(start, end), vocab());
    last = end;
    CAMEL_ALL.lastIndex = end;
  }
  return out + s.slice(last);
}

/** Splits words run together where markup was stripped: "Recently,KazakhstanLarge-scale". */
function unglue(s: string, vocab: () => Map<string, number>): string {
  return splitCamelTokens(s, vocab)
    .replace(/([,;!?])(?=[\p{L}])/gu, '$1 ')
    .replace(/(\p{Ll}{2})\.(\p{Lu}\p{Ll})/gu, '$1. $2')
    .replace(/(\p{L})\((?=\p{Lu})/gu, '$1 (')
    .replace(/\)(?=[\p{L}\p{N}])/gu, ') ');
}

/** Straight quotes for curly ones; Russian «» kept. */
const normaliseQuotes = (p: string) =>
  p
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/"{2,}/g, '"')
    .replace(/'{2,}/g, "'");

const collapse = (p: string) =>
  p
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\s+([,.;:!?])(?=\s|$)/g, '$1')
    .replace(/\b(said|the|a|an|to|of|in|on|and|for|with|is|was|сказал|и|в|на)\s+\1\b/giu, '$1')
    .trim();

const normForCompare = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Cleaned article text: furniture removed, glued words split, quotes and whitespace normalised,
 * paragraphs separated by a blank line. `title`, when given, is removed from the top of the text
 * (with a trailing site name or tag list such as "| Russia | Xinjiang" or "— RT EN").
 */
export function cleanText(raw: string, options: { title?: string } = {}): string {
  let s = /<[a-z][\s\S]*?>/i.test(raw) ? htmlToText(raw) : decodeEntities(raw);
  s = s.replace(/\r\n?/g, '\n').replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '');
  // Leading "date 2022-01-09" stamps and bracketed agency credits open the text on some sites.
  s = s.replace(/^\s*date \d{4}-\d{2}-\d{2}\s*/i, '');
  // Words of the whole text (built on first need): a left part seen on its own elsewhere ("China"
  // for "ChinaXi") is a word.
  let counts: Map<string, number> | undefined;
  const text = s;
  const vocab = () => {
    if (!counts) {
      counts = new Map<string, number>();
      for (const w of text.match(/\p{L}+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    return counts;
  };
  const paras: string[] = [];
  for (let p of s.split(/\n/)) {
    p = p.replace(/[ \t]+/g, ' ').trim();
    p = p.replace(/^\[[^\]]{0,80}\bnews on [^\]]{0,40}\]\s*(\((interviewed|reported|written|by)\b[^)]{0,160}\))?\s*/i, '');
    if (!p) continue;
    if (FURNITURE.some((re) => re.test(p)) || isDateline(p)) continue;
    if (paras.length === 0 && SITE_HEADER.test(p)) continue;
    for (const re of FURNITURE_SENTENCES) p = p.replace(re, '');
    p = collapse(normaliseQuotes(unglue(p, vocab)));
    if (p) paras.push(p);
  }
  const title = options.title ? normForCompare(options.title) : '';
  if (title && paras.length > 0) {
    const first = normForCompare(paras[0]);
    if (first === title || (first.startsWith(`${title} `) && first.length - title.length <= 80 && paras.length > 1)) paras.shift();
  }
  return paras.join('\n\n').trim();
}
