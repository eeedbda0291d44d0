// Text tools for classification: verbatim sentences, word tokens, stems and concepts.
import { EN_CONCEPT, PHRASES, RU_EXACT, RU_PREFIXES, STOPWORDS } from './lexicon.ts';

/** One word of a sentence: its concept key (stem or lexicon concept) and whether it was capitalised mid-sentence. */
export interface Token {
  key: string;
  /** Lower-cased surface form. */
  word: string;
  proper: boolean;
  /** Written in capitals (an acronym such as "NATO"). */
  caps: boolean;
  /** Position among the sentence's words (stopwords included), for proximity. */
  pos: number;
}

export interface Sentence {
  /** Verbatim text (a substring of the title or the text). */
  text: string;
  /** Position in reading order (title first). */
  index: number;
  inTitle: boolean;
  tokens: Token[];
  keys: Set<string>;
}

const CYRILLIC = /[\u0400-\u04ff]/;

const RU_ENDINGS = /(иями|ями|ами|ого|его|ому|ему|ыми|ими|ейший|ая|яя|ое|ее|ые|ие|ой|ей|ий|ый|ов|ев|ах|ях|ам|ям|ом|ем|ую|юю|ть|ся|сь|а|я|о|е|ы|и|у|ю|ь|й)$/u;

/** A light English stemmer: enough to meet inflections ("requested", "requests" → "request"). */
export function stemEnglish(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ied') && w.length > 4) return `${w.slice(0, -3)}y`;
  for (const suf of ['ations', 'ation', 'ments', 'ment', 'ness', 'ings', 'ing', 'edly', 'ed', 'es', 's', 'ly']) {
    if (w.length - suf.length >= 3 && w.endsWith(suf) && !(suf === 's' && w.endsWith('ss'))) {
      w = w.slice(0, -suf.length);
      // stopped → stop, planned → plan
      if (/(bb|dd|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function stemRussian(word: string): string {
  const w = word.replace(/ё/g, 'е');
  return w.length > 4 ? w.replace(RU_ENDINGS, '') : w;
}

/** Proper names spelt with doubled letters or not (Massimov / Masimov) meet on one key. */
const squeeze = (w: string) => w.replace(/(\p{L})\1+/gu, '$1');

const KEY_CACHE = new Map<string, string | null>();

/** The concept key of one lower-cased word, or undefined for a stopword (memoised: vocabularies repeat). */
export function keyOf(word: string, original = word): string | undefined {
  if (original === 'US') return 'usa';
  const cached = KEY_CACHE.get(word);
  if (cached !== undefined) return cached ?? undefined;
  const key = computeKey(word);
  if (KEY_CACHE.size > 100_000) KEY_CACHE.clear();
  KEY_CACHE.set(word, key ?? null);
  return key;
}

function computeKey(word: string): string | undefined {
  if (STOPWORDS.has(word)) return undefined;
  if (CYRILLIC.test(word)) {
    const exact = RU_EXACT.get(word);
    if (exact) return exact;
    for (const [prefix, concept] of RU_PREFIXES) if (word.startsWith(prefix)) return concept;
    return `ru:${stemRussian(word)}`;
  }
  const c = EN_CONCEPT.get(word) ?? EN_CONCEPT.get(word.replace(/['’]s$/, ''));
  if (c) return c;
  const stem = stemEnglish(word.replace(/['’]s?$/, ''));
  return EN_CONCEPT.get(stem) ?? squeeze(stem);
}

const PHRASE_FIRST = new Set([...PHRASES.keys()].map((p) => p.split(' ')[0]));

const MONTH_WORD = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|январ\p{L}*|феврал\p{L}*|март\p{L}*|апрел\p{L}*|ма[яй]|июн\p{L}*|июл\p{L}*|август\p{L}*|сентябр\p{L}*|октябр\p{L}*|ноябр\p{L}*|декабр\p{L}*)$/u;
const MONTH_KEYS = new Map(
  Object.entries({ jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12', янв: '01', фев: '02', мар: '03', апр: '04', мая: '05', май: '05', июн: '06', июл: '07', авг: '08', сен: '09', окт: '10', ноя: '11', дек: '12' }),
);

// Words, numbers, and lower→Upper joins split ("KazakhstanLarge" → "Kazakhstan", "Large").
const WORD = /\p{Lu}?\p{Ll}+(?:['’]\p{Ll}+)?|\p{Lu}+(?![\p{Ll}])|\p{L}+|\d+(?:[.,]\d+)*/gu;

/** Tokens of a span of text. Hyphenated words count as their parts. */
export function tokenize(text: string, acronyms?: AcronymTable): Token[] {
  const out: Token[] = [];
  let pos = 0;
  let sentenceStart = true;
  let previous = '';
  let lastNumber: { value: number; pos: number } | undefined;
  let lastMonth: { month: string; pos: number } | undefined;
  for (const m of text.matchAll(WORD)) {
    const original = m[0];
    const word = original.toLowerCase();
    const p = pos++;
    const startsSentence = sentenceStart;
    sentenceStart = false;
    const pair = PHRASE_FIRST.has(previous) ? `${previous} ${word}` : '';
    const phrase = pair ? PHRASES.get(pair) : undefined;
    previous = word;
    if (phrase) {
      // "put down": the pair is one concept, on the first word's place.
      const last = out.at(-1);
      if (last && last.pos === p - 1) out.pop();
      out.push({ key: phrase, word: pair, proper: false, caps: false, pos: p - 1 });
      continue;
    }
    // Dates ("2 January", "Jan. 2", "2 января") become one key, so claims and reports can meet on them.
    const month = word.length >= 3 ? MONTH_KEYS.get(word.slice(0, 3)) : undefined;
    if (month && MONTH_WORD.test(word)) {
      if (lastNumber && lastNumber.pos === p - 1) out.push({ key: `date:${month}-${lastNumber.value}`, word, proper: false, caps: false, pos: p });
      lastMonth = { month, pos: p };
      continue;
    }
    const digit = word.charCodeAt(0) >= 48 && word.charCodeAt(0) <= 57;
    if (digit && word.length <= 2 && Number(word) >= 1 && Number(word) <= 31) {
      lastNumber = { value: Number(word), pos: p };
      if (lastMonth && lastMonth.pos === p - 1) out.push({ key: `date:${lastMonth.month}-${Number(word)}`, word, proper: false, caps: false, pos: p });
      continue;
    }
    if (digit || word.length < 2) continue;
    const key = keyOf(word, original);
    if (!key) continue;
    const proper = !startsSentence && /^\p{Lu}/u.test(original);
    const caps = /^\p{Lu}{2,}$/u.test(original);
    out.push({ key, word, proper: proper || caps, caps, pos: p });
  }
  return acronyms ? acronyms.apply(out) : out;
}

/**
 * Acronyms defined as "Long Name Words (LNW)": the long form is replaced by the acronym's key, so an
 * item that uses either form meets a claim that uses the other.
 */
export class AcronymTable {
  private readonly forms = new Map<string, string[]>();

  /** Learns definitions from text like "Collective Security Treaty Organization (CSTO)". */
  learn(text: string): void {
    for (const m of text.matchAll(/((?:\p{Lu}[\p{L}'’-]*\s+(?:(?:of|for|and|the|on)\s+)?){1,7})\((\p{Lu}{2,8})\)/gu)) {
      const acr = m[2].toLowerCase();
      const words = tokenize(m[1]).map((t) => t.key);
      // The initials must spell the acronym (allowing skipped function words).
      const initials = m[1].trim().split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0].toLowerCase()).join('');
      if (words.length >= 2 && initials.endsWith(acr) && !this.forms.has(acr)) this.forms.set(acr, words.slice(-acr.length));
    }
  }

  get size(): number {
    return this.forms.size;
  }

  /** Replaces each long form in a token list by one acronym token. */
  apply(tokens: Token[]): Token[] {
    if (this.forms.size === 0) return tokens;
    const out: Token[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let replaced = false;
      for (const [acr, words] of this.forms) {
        if (tokens[i].key !== words[0] || i + words.length > tokens.length) continue;
        if (words.every((w, j) => tokens[i + j].key === w)) {
          out.push({ key: acr, word: acr, proper: true, caps: true, pos: tokens[i].pos });
          i += words.length - 1;
          replaced = true;
          break;
        }
      }
      if (!replaced) out.push(tokens[i]);
    }
    return out;
  }

  clone(): AcronymTable {
    const t = new AcronymTable();
    for (const [k, v] of this.forms) t.forms.set(k, v);
    return t;
  }
}

const ABBREVIATIONS = /(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|St|Jr|Sr|Prof|Rep|Sen|Gov|No|Vol|vs|etc|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|E\.U)|\b\p{Lu})\.$/u;

/** Splits a paragraph into verbatim sentence spans. */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  const re = /[.!?…]+["”’»)\]]*\s+(?=["“«(\[]?[\p{Lu}\d—–-])/gu;
  let start = 0;
  for (const m of paragraph.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].trimEnd().length;
    const candidate = paragraph.slice(start, end);
    if (ABBREVIATIONS.test(candidate.replace(/["”’»)\]]+$/u, ''))) continue;
    out.push(candidate.trim());
    start = (m.index ?? 0) + m[0].length;
  }
  out.push(paragraph.slice(start).trim());
  return out.filter((s) => s.length > 0);
}

/** Sentences of the title and text, each a verbatim substring of its source. */
export function sentences(title: string, text: string, acronyms?: AcronymTable): Sentence[] {
  const out: Sentence[] = [];
  const push = (s: string, inTitle: boolean) => {
    const t = s.trim();
    if (t.length < 3) return;
    const tokens = tokenize(t, acronyms);
    out.push({ text: t, index: out.length, inTitle, tokens, keys: new Set(tokens.map((k) => k.key)) });
  };
  for (const line of title.split(/\n+/)) push(line, true);
  for (const para of text.split(/\n+/)) for (const s of splitSentences(para)) push(s, false);
  return out;
}
