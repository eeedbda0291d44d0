// Cues that decide a stance once a sentence is known to be about a claim: denials, negations, and
// states that follow one another (sent → withdrawn, arrested → sentenced). General language only.
import type { Sentence, Token } from './text.ts';

/** Explicit dispute of a report or figure (stronger than any negation). */
const DENIAL =
  /\b(?:den(?:y|ied|ies|ying)|refut(?:e|ed|es|ing)|reject(?:ed|s)? (?:the|these|such|this|that|those) (?:claims?|reports?|accounts?|allegations?|figures?|version)|dismiss(?:ed|es)? (?:the|these|such|this|that) (?:claims?|reports?|allegations?|figures?)|(?:is|was|were|are) (?:false|untrue|baseless|unfounded|fake)|false (?:claims?|reports?)|not (?:been |be )?(?:confirmed|verified|true)|(?:neither|nor) [^.]{0,60}confirmed|retract(?:ed|s|ion)|(?:was|were|been|later|since|subsequently) (?:deleted|removed)|(?:statement|claim|report|post|figure|allegation|charge)s? (?:was |were |had been |has been |have been )?withdrawn|technical (?:error|glitch|mistake)|erroneous|in error|rather than an?|instead of an?|there (?:had been|were|was) (?:none|no such)|no such|a myth|a fabrication|fabricated)\b|опроверг\p{L}*|не подтверд\p{L}*|ложн\p{L}*|фейк\p{L}*|не соответствует действительности/iu;

export const hasDenial = (text: string): boolean => DENIAL.test(text);

/** "that number", "the claim", "this version": a sentence that refers back to the one before. */
export const REFERS_BACK = /\b(?:that|this|the|these|those|such) (?:number|figure|toll|claim|claims|report|reports|post|statement|version|account|allegation|allegations|data|information)\b/i;

const NEGATOR = /^(?:not|never|no|n't|neither|nor|не|нет|ни|никогда)$/i;
const NOT_NEGATING = /\b(?:not only|not just|no longer|no fewer|no less|no more than|not least|no doubt|without warning|no one|nothing but|no later than)\b/gi;
const WORD = /\p{Lu}?\p{Ll}+(?:['’]\p{Ll}+)?|\p{Lu}+(?![\p{Ll}])|\p{L}+|\d+(?:[.,]\d+)*/gu;

/** True when a negator ("not", "never", "did not") stands right before one of the given tokens. */
export function negatedNear(sentence: Sentence, tokens: Token[], window = 3): boolean {
  const text = sentence.text.replace(/n['’]t\b/gi, ' not').replace(NOT_NEGATING, (m) => m.replace(/\S/g, '_'));
  const negPositions: number[] = [];
  let i = 0;
  for (const m of text.matchAll(WORD)) {
    if (NEGATOR.test(m[0])) negPositions.push(i);
    i++;
  }
  if (negPositions.length === 0) return false;
  // Positions in the rewritten text can drift by the n't split; a small window absorbs it.
  return tokens.some((t) => negPositions.some((p) => t.pos - p > 0 && t.pos - p <= window + 1));
}

/** Does a text negate anything (used for claims such as "X did not ask for help")? */
export function isNegated(text: string): boolean {
  const t = text.replace(/n['’]t\b/gi, ' not').replace(NOT_NEGATING, '');
  return /\b(?:not|never|no|neither|nor)\b|(?<!\p{L})не(?!\p{L})/iu.test(t);
}

/** States that follow one another: a claim in the first state is updated by a report of a later one. */
export interface StateChange {
  name: string;
  /** The claim is in this state. */
  from: RegExp;
  /** An item reports a later state. */
  to: RegExp;
  /** Short label for old → new. */
  fromLabel: string;
  toLabel: string;
}

export const STATE_CHANGES: StateChange[] = [
  {
    name: 'deployment',
    from: /\b(?:sent|send|sending|deployed|deploy|dispatched|dispatch|arrived|stationed|moved in)\b|(?<!\p{L})(?:направ|отправ|введ|ввод)\p{L}*/iu,
    to: /\b(?:withdr[ae]w\w*|withdrawn|withdrawal|pull(?:ed|ing|s)?[- ]out|pull-?out|(?:began|begin|begun|started|start|will start|to start) (?:leaving|to leave|departing)|left (?:the country|\p{Lu}\w+)|leaving|be (?:fully )?gone|finish(?:ed|es)? (?:withdrawing|leaving)|completed (?:the |their |its )?(?:withdrawal|pull-?out|mission|tasks)|departure of|went home|return(?:ed)? home)\b|(?<!\p{L})вывод\p{L}*|(?<!\p{L})вывел\p{L}*|(?<!\p{L})покинул\p{L}*/iu,
    fromLabel: 'sent',
    toLabel: 'withdrawn',
  },
  {
    name: 'prosecution',
    from: /\b(?:arrested|arrest|detained|detention|charged|accused|suspicion|suspected|indicted|custody)\b|(?<!\p{L})(?:арест|задерж|обвин)\p{L}*/iu,
    to: /\b(?:sentenced|sentence|sentencing|convicted|conviction|jailed for|found guilty|pleaded guilty|serving (?:a |an )?\d+|(?:\d+|\w+)[- ]years? (?:in prison|prison|jail|term)|prison (?:term|sentence)|acquitted|pardoned|amnestied)\b|(?<!\p{L})приговор\p{L}*|(?<!\p{L})осужд\p{L}*/iu,
    fromLabel: 'arrested',
    toLabel: 'sentenced',
  },
  {
    name: 'emergency',
    from: /\b(?:imposed|declared|declaring|introduced|announced)\b/i,
    to: /\b(?:lifted|ended|expired|revoked|cancelled|canceled)\b/i,
    fromLabel: 'imposed',
    toLabel: 'lifted',
  },
  {
    name: 'suspension',
    from: /\b(?:suspended|halted|closed|shut)\b/i,
    to: /\b(?:resumed|reopened|restored)\b/i,
    fromLabel: 'suspended',
    toLabel: 'resumed',
  },
];

/** The later state an item's sentence reports for a claim, if any. */
export function laterState(claimText: string, sentenceText: string): StateChange | undefined {
  return STATE_CHANGES.find((c) => c.from.test(claimText) && c.to.test(sentenceText) && !c.to.test(claimText));
}
