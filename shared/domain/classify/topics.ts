// Watched topics, English and Russian. Topics are fixed by the product, so these lists are too: the
// country with its leaders and cities, the two organisations by name, acronym and common description,
// and China with its capital, leader and western region.
import type { Topic } from '../types.ts';

interface TopicRule {
  /** Cheap test first: most items name no topic at all. */
  hint: RegExp;
  words: RegExp;
  /** Mentions in the text (not the title) that make the item about the topic. */
  minInText: number;
}

const RULES: Record<Topic, TopicRule> = {
  kazakhstan: {
    hint: /kazakh|tokayev|nazarbayev|almaty|astana|nur-sultan|mangyst|mangist|zhanaozen|aktau|atyrau|shymkent|казах|токаев|назарбаев|алмат|астан|нур-султан|жанаозен|мангист/i,
    words: /\b(?:kazakh\w*|tokayev\w*|nazarbayev\w*|almaty|astana|nur-sultan|mangystau|mangistau|zhanaozen|aktau|atyrau|shymkent)\b|казах\p{L}*|токаев\p{L}*|назарбаев\p{L}*|алмат\p{L}*|астан\p{L}*|нур-султан\p{L}*|жанаозен\p{L}*|мангист\p{L}*/giu,
    minInText: 2,
  },
  sco: {
    hint: /sco\b|shanghai cooperation|шос|шанхайск/i,
    words: /\b(?:shanghai cooperation organi[sz]ation|sco)\b|шанхайск\p{L}* организац\p{L}* сотрудничеств\p{L}*|(?<!\p{L})шос(?!\p{L})/giu,
    minInText: 2,
  },
  csto: {
    hint: /csto|collective security|одкб|коллективной безопасности|(?:russian|russia|moscow)[- ]led|led by (?:russia|moscow)|dominated by (?:russia|moscow)|military (?:bloc|alliance)|security (?:bloc|alliance)/i,
    // Also as news describes it: "a Russian-led military alliance", "a security bloc led by Moscow".
    words:
      /\b(?:csto|collective security treaty organi[sz]ation|(?:russian|russia|moscow)[- ]led (?:military |security )?(?:bloc|alliance|force|forces|troops|peacekeepers|peacekeeping force)|(?:military|security) (?:bloc|alliance) (?:of [\w\s-]{0,40}?)?(?:led|dominated) by (?:russia|moscow))\b|(?<!\p{L})одкб(?!\p{L})|организац\p{L}* договора о коллективной безопасности/giu,
    minInText: 1,
  },
  china: {
    hint: /china|chinese|beijing|xi jinping|xinjiang|prc\b|кита|пекин|си цзиньпин|синьцзян/i,
    words: /\b(?:china|chinese|beijing|xi jinping|xinjiang|prc)\b|кита\p{L}*|пекин\p{L}*|си цзиньпин\p{L}*|синьцзян\p{L}*/giu,
    minInText: 2,
  },
};

const count = (re: RegExp, s: string) => (s ? (s.match(re) ?? []).length : 0);

/** Topics an item is about: a topic named in the title, or often enough in the text. */
export function detectTopics(title: string, text: string): Topic[] {
  const out: Topic[] = [];
  for (const [topic, rule] of Object.entries(RULES) as Array<[Topic, TopicRule]>) {
    if (!rule.hint.test(title) && !rule.hint.test(text)) continue;
    if (count(rule.words, title) > 0 || count(rule.words, text) >= rule.minInText) out.push(topic);
  }
  return out;
}
