// Language of an item: script-based for Cyrillic vs Latin, with common-word checks.

const RU_WORDS = /\b(и|в|не|на|что|по|с|это|как|для|из|от|за|года)\b/giu;
const KK_LETTERS = /[әғқңөұүһі]/giu;
const EN_WORDS = /\b(the|and|of|to|in|is|that|for|on|with|was|said)\b/gi;

/** ISO 639-1 code (`en`, `ru`, `kk`) or `und`. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, 4000);
  const cyr = (sample.match(/[\u0400-\u04ff]/g) ?? []).length;
  const lat = (sample.match(/[a-z]/gi) ?? []).length;
  if (cyr + lat < 20) return 'und';
  if (cyr > lat) {
    if ((sample.match(KK_LETTERS) ?? []).length > cyr * 0.02) return 'kk';
    return (sample.match(RU_WORDS) ?? []).length > 0 || cyr > 50 ? 'ru' : 'und';
  }
  return (sample.match(EN_WORDS) ?? []).length > 0 ? 'en' : 'und';
}
