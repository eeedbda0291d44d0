// Watched topics, English and Russian. Topics are fixed by the product, so these lists are too.
import type { Topic } from '../types.ts';

const LEXICON: Record<Topic, RegExp> = {
  kazakhstan: /\b(kazakh\w*|tokayev\w*|nazarbayev\w*|almaty|astana|nur-sultan|mangystau|zhanaozen|aktau|atyrau|shymkent|masimov)\b|казах\p{L}*|токаев\p{L}*|назарбаев\p{L}*|алмат\p{L}*|астан\p{L}*|нур-султан\p{L}*|жанаозен\p{L}*|мангист\p{L}*/giu,
  sco: /\b(shanghai cooperation organi[sz]ation|sco)\b|шанхайск\p{L}* организац\p{L}* сотрудничеств\p{L}*|(?<!\p{L})шос(?!\p{L})/giu,
  csto: /\b(csto|collective security treaty organi[sz]ation)\b|(?<!\p{L})одкб(?!\p{L})|организац\p{L}* договора о коллективной безопасности/giu,
  china: /\b(china|chinese|beijing|xi jinping|wang yi|wei fenghe|xinjiang|prc)\b|кита\p{L}*|пекин\p{L}*|си цзиньпин\p{L}*/giu,
};

/** Topics an item is about: a topic named in the title, or at least twice in the text. */
export function detectTopics(title: string, text: string): Topic[] {
  const out: Topic[] = [];
  for (const [topic, re] of Object.entries(LEXICON) as Array<[Topic, RegExp]>) {
    const inTitle = (title.match(re) ?? []).length;
    const inText = (text.match(re) ?? []).length;
    if (inTitle > 0 || inText >= 2) out.push(topic);
  }
  return out;
}
