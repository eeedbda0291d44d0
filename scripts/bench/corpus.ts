// A deterministic corpus of news-like items built from the seed articles' sentences and generic
// filler, so classification throughput is measured on realistic lengths and vocabulary.
import articles from '../../seeds/articles.json' with { type: 'json' };

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

const OFF_TOPIC = [
  'The city council approved a new budget for road repairs on Tuesday.',
  'Heavy rain is expected across the region over the weekend, forecasters said.',
  'The football club signed a new striker for an undisclosed fee.',
  'Exports of grain rose by a tenth in the third quarter, the statistics office said.',
  'Городские власти объявили о ремонте дорог в центре города.',
];

/** `n` items of 1,200–3,000 characters: about half on topic, a few in Russian. */
export function corpus(n: number, seed = 42) {
  const rand = prng(seed);
  const sentences = articles.articles.flatMap((a) => a.text.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 40);
  return Array.from({ length: n }, (_, i) => {
    const onTopic = rand() < 0.5;
    const parts: string[] = [];
    let len = 0;
    const target = 1200 + Math.floor(rand() * 1800);
    while (len < target) {
      const s = onTopic ? sentences[Math.floor(rand() * sentences.length)] : OFF_TOPIC[Math.floor(rand() * OFF_TOPIC.length)];
      parts.push(s);
      len += s.length + 1;
    }
    return { id: `b${i}`, title: parts[0].slice(0, 90), text: parts.join(' ') };
  });
}
