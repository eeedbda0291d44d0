// Text tools for classification: sentences (verbatim spans), word stems, numbers, cues.

const STOP = new Set(
  'a an the and or but of to in on at by for with from as is are was were be been being it its this that these those he she they them his her their our we you i not no said says say also has have had will would could should may might can than then there here which who whom whose what when where while after before about into over under more most some such other any all each both one two three out up down per via if so do does did just only very own same too s'.split(' '),
);

// General-language equivalences (not about any particular claim): words that report the same fact.
const SYNONYMS: Record<string, string> = {
  dead: 'kill', death: 'kill', die: 'kill', died: 'kill', killed: 'kill', killing: 'kill', toll: 'kill', fatal: 'kill', lives: 'kill', bodies: 'kill', body: 'kill',
  detain: 'detain', detention: 'detain', detentions: 'detain', detained: 'detain', arrest: 'detain', arrested: 'detain', arrests: 'detain', custody: 'detain', held: 'detain', jailed: 'detain',
  troop: 'troop', troops: 'troop', forces: 'troop', force: 'troop', peacekeeper: 'troop', peacekeepers: 'troop', peacekeeping: 'troop', soldiers: 'troop', contingent: 'troop', military: 'troop',
  protest: 'protest', protests: 'protest', protesters: 'protest', protesting: 'protest', unrest: 'protest', riot: 'protest', riots: 'protest', demonstration: 'protest', demonstrations: 'protest', rallies: 'protest', rally: 'protest', turmoil: 'protest', violence: 'protest', uprising: 'protest',
  request: 'ask', requested: 'ask', requests: 'ask', asked: 'ask', ask: 'ask', appeal: 'ask', appealed: 'ask', invitation: 'ask', invited: 'ask',
  help: 'help', assistance: 'help', assist: 'help', support: 'help', supports: 'help', backs: 'help', backing: 'help', aid: 'help',
  warn: 'warn', warned: 'warn', warns: 'warn', caution: 'warn', cautioned: 'warn', cautions: 'warn', opposes: 'warn',
  price: 'price', prices: 'price', cost: 'price', costs: 'price',
  gas: 'fuel', lpg: 'fuel', fuel: 'fuel', gasoline: 'fuel', petrol: 'fuel', diesel: 'fuel', liquefied: 'fuel',
  government: 'govern', cabinet: 'govern', authorities: 'govern', officials: 'govern', official: 'govern',
  shoot: 'shoot', fire: 'shoot', firing: 'shoot', shot: 'shoot',
  terrorist: 'terror', terrorists: 'terror', terrorism: 'terror', bandits: 'terror', militants: 'terror',
  foreign: 'foreign', external: 'foreign', outside: 'foreign', abroad: 'foreign', foreigners: 'foreign',
  treason: 'treason', coup: 'treason',
  spread: 'spread', spill: 'spread', spillover: 'spread', contagion: 'spread',
  color: 'colour', colour: 'colour', coloured: 'colour', colored: 'colour',
  chinese: 'china', beijing: 'china', china: 'china',
  russian: 'russia', moscow: 'russia', kremlin: 'russia', russia: 'russia',
  kazakh: 'kazakhstan', kazakhstan: 'kazakhstan', "kazakhstan's": 'kazakhstan', astana: 'kazakhstan',
};

/** Crude English stemmer: enough to match inflections. */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  if (SYNONYMS[w]) return SYNONYMS[w];
  if (/[\u0400-\u04ff]/.test(w)) return w.length > 5 ? w.slice(0, w.length - 2) : w;
  let s = w;
  for (const suf of ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'edly', 'ed', 'ies', 'es', 's', 'ly']) {
    if (s.length - suf.length >= 4 && s.endsWith(suf)) {
      s = suf === 'ies' ? `${s.slice(0, -3)}y` : s.slice(0, -suf.length);
      break;
    }
  }
  return SYNONYMS[s] ?? s;
}

export function contentStems(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}][\p{L}'’-]*|\d[\d,.]*/gu) ?? [])
    .flatMap((t) => t.split('-'))
    .filter((t) => t.length > 1 && !STOP.has(t) && !/^\d/.test(t))
    .map(stem);
}

export interface Sentence {
  text: string;
  stems: Set<string>;
}

/** Sentences of the title and text, each a verbatim substring of its source. */
export function sentences(title: string, text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (s: string) => {
    const t = s.trim();
    if (t.length >= 12) out.push({ text: t, stems: new Set(contentStems(t)) });
  };
  push(title);
  for (const para of text.split(/\n+/)) {
    const parts = para.split(/(?<=[.!?…]["”’»)]?)\s+(?=["“«(]?[A-ZА-ЯЁ0-9])/u);
    for (const p of parts) push(p);
  }
  return out;
}

const WORD_NUMBERS: Record<string, number> = { dozen: 12, hundred: 100, thousand: 1000, thousands: 1000, hundreds: 100, eight: 8, nine: 9, ten: 10, seven: 7, six: 6, five: 5, four: 4, three: 3, two: 2, eighteen: 18, twenty: 20, fifty: 50 };

export interface Quantity {
  value: number;
  raw: string;
  /** Stems of the words right after the number (what it counts). */
  unit: string[];
}

const YEARISH = (n: number, raw: string) => /^(19|20)\d\d$/.test(raw) && n >= 1900 && n <= 2100;

/** Numbers with what they count: "164 people were killed", "almost 10,000 detained", "eight thousand". */
export function quantities(s: string): Quantity[] {
  const out: Quantity[] = [];
  const re = /(\d{1,3}(?:[ ,]\d{3})+|\d+(?:\.\d+)?)(\s*(?:thousand|million|тысяч\p{L}*))?|\b(dozen|hundreds|thousands|(?:two|three|four|five|six|seven|eight|nine|ten|eighteen|twenty|fifty)\s+(?:thousand|hundred))\b/giu;
  for (const m of s.matchAll(re)) {
    let value: number;
    const raw = m[0].trim();
    if (m[1]) {
      value = Number(m[1].replace(/[ ,]/g, ''));
      if (m[2]) value *= /million/i.test(m[2]) ? 1_000_000 : 1000;
      if (YEARISH(value, m[1]) || /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)$/i.test(s.slice(Math.max(0, (m.index ?? 0) - 10), m.index).trim().split(/\s+/).pop() ?? '')) continue;
      const after = s.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12);
      if (/^\s*(%|per ?cent|tenge|cents|rub|\$)/i.test(after)) continue;
    } else {
      const parts = m[3].toLowerCase().split(/\s+/);
      value = parts.reduce((acc, p) => (WORD_NUMBERS[p] && acc ? acc * WORD_NUMBERS[p] : (WORD_NUMBERS[p] ?? acc)), 0);
    }
    if (!Number.isFinite(value) || value < 2) continue;
    const tail = s.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 60);
    const before = s.slice(Math.max(0, (m.index ?? 0) - 40), m.index);
    out.push({ value, raw, unit: [...contentStems(tail).slice(0, 4), ...contentStems(before).slice(-3)] });
  }
  return out;
}

const NEGATION = /\b(not|no|never|neither|nor|denied|denies|deny|denying|rejected|rejects|refuted|refutes|dismissed|false|untrue|baseless|unfounded|no evidence|without evidence|technical error|mistaken|erroneous|retracted|deleted|there were no|did not|didn't|does not|doesn't|has not|hasn't|was not|wasn't|were not|weren't)\b|\bне\b|\bнет\b|опроверг/i;

export const hasNegation = (s: string) => NEGATION.test(s);

const UPDATE_CUES = /\b(rose|risen|raised|raising|climbed|increased|reached|now|revised|updated|latest|final|new toll|brought the (total|toll)|up from|sharply raising|higher|withdr[ae]w\w*|pull(ed|ing)? out|left|leave|leaving|depart\w*|completed|finished|ended|end(ing)? (its|the) mission|sentenced|convicted|jailed for|years in prison|prison|verdict|found guilty|released|freed|amnesty|lifted|acquitted)\b/i;

export const hasUpdateCue = (s: string) => UPDATE_CUES.test(s);

/** State changes an update can report for a state a claim asserts (sent → withdrawn, arrested → sentenced). */
export const STATE_CHANGE = /\b(withdr[ae]w\w*|pull(ed|ing)? out|left kazakhstan|leave kazakhstan|leaving|completed (the |its )?(withdrawal|pull-?out)|sentenced|convicted|years in prison|found guilty|released|amnesty|lifted)\b/i;

const DENIAL = /\b(denied|denies|deny|denying|refuted|refutes|rejected (the|these|such) (claims?|reports?|accounts?)|false|untrue|baseless|unfounded|no evidence|without evidence|not (been )?confirmed|technical error|mistaken|erroneous|retracted|colou?rless|dismissed (the|such|these) (claims?|reports?|idea))\b|опроверг\w*|не подтвер\w*/i;

/** Explicit denial or dispute (stronger than any negation). */
export const hasDenial = (s: string) => DENIAL.test(s);
