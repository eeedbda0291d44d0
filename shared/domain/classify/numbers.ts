// Quantities in text ("164", "3,000", "almost 10,000", "eight thousand", "225 человек") and what
// they count, so that figures for the same thing can be compared.
import type { Token } from './text.ts';

export interface Quantity {
  value: number;
  /** The figure as written, e.g. "almost 10,000". */
  raw: string;
  /** The figure alone, e.g. "10,000". */
  figure: string;
  /** "dozens", "thousands": an order of magnitude, not a count. */
  vague: boolean;
  /** `min` for "at least / more than", `max` for "fewer than / up to", `approx` for "about / almost". */
  bound: 'exact' | 'min' | 'max' | 'approx';
  /** Word position in the sentence (as Token.pos) of the figure's first and last words. */
  pos: number;
  last: number;
}

const UNITS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, a: 1,
};
const SCALES: Record<string, number> = { dozen: 12, hundred: 100, thousand: 1000, million: 1_000_000, тысяч: 1000, тысячи: 1000, тысяча: 1000, сотни: 100, млн: 1_000_000 };
const VAGUE: Record<string, number> = { dozens: 24, scores: 40, hundreds: 200, thousands: 2000, 'tens of thousands': 20_000, 'hundreds of thousands': 200_000, millions: 2_000_000, десятки: 24, сотни: 200, тысячи: 2000, 'десятки тысяч': 20_000 };

const MONTHS = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|январ\p{L}*|феврал\p{L}*|март\p{L}*|апрел\p{L}*|ма[яй]|июн\p{L}*|июл\p{L}*|август\p{L}*|сентябр\p{L}*|октябр\p{L}*|ноябр\p{L}*|декабр\p{L}*)\.?$/iu;
const NOT_A_COUNT_AFTER = /^[\s-]*(?:u\.?s\.?\s+)?(?:%|per ?cent|percent|pc\b|tenge|cents?|dollars?|euros?|rubles?|roubles?|naira|yuan|som|sums?|bn\b|billion|mn\b|bpd|b\/d|mb\/d|km|kilomet|miles?|mile\b|kg|tons?|tonnes?|hours?|minutes?|a\.m\.|p\.m\.|am\b|pm\b|gmt|utc|years? old|-year-old|st\b|nd\b|rd\b|th\b|процент|тенге|рубл|долл|км|лет\b|год)/iu;
const NOT_A_COUNT_BEFORE = /(?:[$€£¥₸]|\b(?:us|usd|eur|article|no\.|number|section|chapter|page|route|flight|covid|y|decree|resolution)[- ]?)\s*$/iu;
const BOUND_BEFORE: Array<[RegExp, Quantity['bound']]> = [
  [/\b(?:at least|more than|over|upwards of|in excess of|no fewer than|no less than|не менее|более|свыше|больше)\s*$/iu, 'min'],
  [/\b(?:fewer than|less than|under|up to|at most|no more than|менее|меньше|до)\s*$/iu, 'max'],
  [/\b(?:about|around|almost|nearly|close to|some|roughly|approximately|an estimated|estimated|about|около|почти|примерно|порядка|более чем)\s*$/iu, 'approx'],
];

const WORD = /\p{Lu}?\p{Ll}+(?:['’]\p{Ll}+)?|\p{Lu}+(?![\p{Ll}])|\p{L}+|\d+(?:[.,]\d+)*/gu;

/** Word index of each character offset's word (matching tokenize's positions). */
function wordIndexAt(text: string, offset: number): number {
  let n = 0;
  for (const m of text.matchAll(WORD)) {
    if ((m.index ?? 0) >= offset) return n;
    n++;
  }
  return n;
}

const NUMBER = new RegExp(
  [
    // digits with thousands separators or decimals, then an optional scale word
    String.raw`(?<digits>\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:\u00a0\d{3})+(?!\d)|\d+(?:\.\d+)?)(?:\s*(?<scale>thousand|million|тысяч\p{L}*|млн))?`,
    // words: "eight thousand", "three dozen", "tens of thousands", "dozens"
    String.raw`(?<vague>tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|millions|десятки тысяч|десятки|сотни|тысячи)`,
    String.raw`(?<words>(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?\s+)?(?:dozen|hundred|thousand|million)|(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)`,
  ].join('|'),
  'giu',
);

function wordsValue(s: string): number {
  let total = 0;
  let current = 0;
  for (const w of s.toLowerCase().split(/[\s-]+/)) {
    if (UNITS[w] !== undefined) current += UNITS[w];
    else if (SCALES[w]) {
      current = (current || 1) * SCALES[w];
      if (SCALES[w] >= 1000) {
        total += current;
        current = 0;
      }
    }
  }
  return total + current;
}

/** Counts in a sentence: years, dates, money, percentages, distances and ages are left out. */
export function quantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const g = m.groups ?? {};
    const start = m.index ?? 0;
    const end = start + m[0].length;
    // Inside a word ("Y-20", "COVID-19") or a larger number
    if (start > 0 && /[\p{L}\d-]/u.test(text[start - 1]) && !/\s/.test(text[start - 1])) continue;
    if (end < text.length && /[\p{L}\d]/u.test(text[end]) && g.digits) continue;
    const before = text.slice(Math.max(0, start - 30), start);
    const after = text.slice(end, end + 16);
    let value: number;
    let vague = false;
    if (g.digits) {
      const digits = g.digits.replace(/[,\u00a0]/g, '');
      value = Number(digits);
      if (g.scale) value *= /million|млн/i.test(g.scale) ? 1_000_000 : 1000;
      const prevWord = /([\p{L}.]+)[\s,]*$/u.exec(before)?.[1] ?? '';
      const nextWord = /^[\s,]*([\p{L}.]+)/u.exec(after)?.[1] ?? '';
      if (!g.scale && /^(?:1[89]|20)\d\d$/.test(digits)) continue; // a year
      if (MONTHS.test(prevWord) || MONTHS.test(nextWord)) continue; // a date
      if (/[-–/]\s*$/.test(before) && /\d\s*[-–/]\s*$/.test(before)) continue; // a range's second half or a date
      if (/^\s*[-–/]\s*\d/.test(after) && !/^\s*-\s*\d{2,}\s*(?:people|persons)/.test(after)) continue;
      if (/^\s*\.\d/.test(after)) continue;
    } else if (g.vague) {
      value = VAGUE[g.vague.toLowerCase()] ?? 0;
      vague = true;
    } else {
      value = wordsValue(g.words!);
    }
    if (!g.scale && NOT_A_COUNT_AFTER.test(after)) continue;
    if (NOT_A_COUNT_BEFORE.test(before)) continue;
    // "Tokayev, 68," is an age
    if (g.digits && /,\s*$/.test(before) && /^\s*,/.test(after) && value < 120) continue;
    if (!Number.isFinite(value) || value < 2) continue;
    let bound: Quantity['bound'] = vague ? 'approx' : 'exact';
    for (const [re, b] of BOUND_BEFORE) if (re.test(before)) bound = b;
    const pos = wordIndexAt(text, start);
    const words = m[0].match(WORD)?.length ?? 1;
    out.push({ value, figure: m[0], raw: `${/(?:at least|more than|over|almost|nearly|close to|about|around|some|roughly|fewer than|up to)\s*$/i.exec(before)?.[0] ?? ''}${m[0]}`.trim(), vague, bound, pos, last: pos + words - 1 });
  }
  return out;
}

/** Words for people (and their qualities) that a figure may count before saying what befell them. */
const PEOPLE = /^(?:civilians?|protesters?|protestors?|demonstrators?|officers?|police(?:men)?|soldiers?|servicemen|troops|children|minors|women|men|residents?|citizens?|journalists?|activists?|students?|victims?|foreigners?|nationals?|militants?|workers?|miners?|passengers?|individuals|adults|members|staff|personnel|others|more|additional|further|confirmed|reported|known|armed|unarmed|innocent|local|foreign|\p{L}+(?:ians?|ese|ish)|человек\p{L}*|людей|граждан\p{L}*|протестующ\p{L}*|демонстрант\p{L}*|военнослужащ\p{L}*|сотрудник\p{L}*|полицейск\p{L}*|силовик\p{L}*|детей|ребен\p{L}*|иностран\p{L}*|участник\p{L}*)$/u;

/**
 * What a quantity counts: the nearest token whose key is one of `subjects`, within a few words
 * (after the number preferred, as in "164 people were killed"; before, as in "detained 7,939").
 */
export function subjectOf(q: Quantity, tokens: Token[], subjects: Set<string>, window = 12): string | undefined {
  // "4,642 criminal cases": a noun right after the figure is what it counts, unless it names people.
  const next = tokens.find((t) => t.pos > q.last && t.pos - q.last <= 2);
  if (next && !subjects.has(next.key) && !PEOPLE.test(next.word)) return undefined;
  let best: { key: string; d: number } | undefined;
  let who: string | undefined;
  for (const t of tokens) {
    if (t.pos >= q.pos && t.pos <= q.last) continue;
    if (!subjects.has(t.key)) continue;
    // "dozens of demonstrators … were killed": the people counted are who, not what befell them.
    if (t === next && PEOPLE.test(t.word)) {
      who = t.key;
      continue;
    }
    const d = t.pos > q.last ? t.pos - q.last : (q.pos - t.pos) * 1.5;
    if (d <= window && (!best || d < best.d)) best = { key: t.key, d };
  }
  return best?.key ?? who;
}

/**
 * The keys a claim's figure counts, what befell them first ("40 miners were killed" → kill, miner):
 * countable words (deaths, arrests…) near it, then the first word after it and the nearest before.
 */
export function claimSubjects(q: Quantity, tokens: Token[], countable: Set<string>): string[] {
  const after = tokens.filter((t) => t.pos > q.last && t.pos - q.last <= 5);
  const before = tokens.filter((t) => t.pos < q.pos && q.pos - t.pos <= 3);
  const keys = [...after, ...before.reverse()].filter((t) => countable.has(t.key)).map((t) => t.key);
  keys.push(...[after.at(0)?.key, before.at(0)?.key].filter((k): k is string => Boolean(k)));
  return [...new Set(keys)];
}

/** How an item's figure relates to a claim's figure for the same thing. */
export function compareFigures(claim: Quantity, other: Quantity): 'same' | 'larger' | 'smaller' | 'unclear' {
  const tolerance = Math.max(1, claim.value * 0.005);
  if (Math.abs(other.value - claim.value) <= tolerance) return 'same';
  if (other.vague) {
    // An order of magnitude only: "dozens" is smaller than 164; "thousands" neither confirms nor changes 3,000.
    if (other.value * 4 < claim.value) return 'smaller';
    if (other.value > claim.value * 4) return 'larger';
    return 'unclear';
  }
  return other.value > claim.value ? 'larger' : 'smaller';
}
