// Language of an item (ISO 639-1, or `und`): the script first, then letters peculiar to one language
// of that script, then common-word counts. Small and fast on purpose: franc's trigram tables would add
// ~240 KB to every function bundle for languages this bot never reads. Accurate on news-length text in
// the region's languages (English, Russian, Kazakh, Kyrgyz, Ukrainian, …); short titles may be `und`.

type Script = 'latin' | 'cyrillic' | 'arabic' | 'han' | 'kana' | 'hangul' | 'armenian' | 'georgian' | 'greek' | 'hebrew' | 'devanagari' | 'thai';

/** Script of a letter's code point (ranges, not Unicode property regexes: this runs per character). */
function scriptOf(c: number): Script | undefined {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff) || c === 0x2bb) return 'latin';
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0xfb50 && c <= 0xfeff)) return 'arabic';
  if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff)) return 'kana';
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return 'han';
  if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) return 'hangul';
  if (c >= 0x530 && c <= 0x58f) return 'armenian';
  if (c >= 0x10a0 && c <= 0x10ff) return 'georgian';
  if (c >= 0x370 && c <= 0x3ff) return 'greek';
  if (c >= 0x590 && c <= 0x5ff) return 'hebrew';
  if (c >= 0x900 && c <= 0x97f) return 'devanagari';
  if (c >= 0xe00 && c <= 0xe7f) return 'thai';
  return undefined;
}

const ONE_LANGUAGE: Partial<Record<Script, string>> = { hangul: 'ko', armenian: 'hy', georgian: 'ka', greek: 'el', hebrew: 'he', devanagari: 'hi', thai: 'th' };

/** Common words per Latin-script language (lower case). */
const LATIN_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'on', 'with', 'was', 'said', 'by', 'as', 'are', 'from', 'has', 'have', 'were', 'it'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'von', 'sich', 'auf', 'für', 'eine', 'ein', 'dem', 'auch', 'wurde', 'sind'],
  fr: ['le', 'la', 'les', 'et', 'des', 'du', 'une', 'est', 'que', 'qui', 'dans', 'pour', 'pas', 'sur', 'au', 'avec', 'il', 'sont'],
  es: ['el', 'la', 'los', 'las', 'y', 'del', 'que', 'en', 'por', 'una', 'con', 'para', 'es', 'se', 'al', 'su', 'como', 'fue'],
  it: ['il', 'la', 'di', 'che', 'e', 'della', 'per', 'un', 'una', 'del', 'non', 'sono', 'con', 'gli', 'le', 'è', 'nel', 'alla'],
  pt: ['o', 'a', 'os', 'as', 'de', 'do', 'da', 'que', 'em', 'um', 'uma', 'para', 'com', 'não', 'no', 'na', 'foi', 'são'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'niet', 'op', 'te', 'zijn', 'voor', 'met', 'die', 'werd', 'ook'],
  tr: ['ve', 'bir', 'bu', 'da', 'de', 'için', 'ile', 'olarak', 'daha', 'çok', 'gibi', 'olan', 'en', 'ama', 'ancak', 'göre'],
  pl: ['i', 'w', 'nie', 'na', 'się', 'z', 'do', 'że', 'jest', 'to', 'o', 'jak', 'ale', 'przez', 'od', 'po', 'są'],
  uz: ['va', 'bilan', 'uchun', 'bu', 'ham', 'bir', 'edi', 'esa', 'deb', 'yil', 'keyin', 'lekin', 'qilish', 'boʻyicha', "bo'yicha"],
  kk: ['jäne', 'men', 'bul', 'üşin', 'dep', 'bolyp', 'degen', 'qazaqstan', 'biraq', 'osy', 'da', 'de'],
};

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

const words = (sample: string, list: string) => count(sample, new RegExp(`(?<![\\p{L}])(${list})(?![\\p{L}])`, 'giu'));
const RU_WORDS = 'и|в|не|на|что|по|с|это|как|для|из|от|за|года|о|к|также|который|была?|были';
const TURKIC_WORDS = 'және|мен|бен|пен|деп|бұл|осы|үшін|бойынша|туралы|болып|жылы|деген|менен|жана|үчүн|боюнча|жөнүндө|болуп|бул|деп';

function cyrillic(sample: string, letters: number): string {
  const share = (re: RegExp) => count(sample, re) / letters;
  // Russian text from Kazakhstan spells names the Kazakh way (Қасым-Жомарт Тоқаев): letters alone do not decide.
  const turkic = () => words(sample, TURKIC_WORDS) >= words(sample, RU_WORDS);
  if (share(/[ӣӯҳҷ]/giu) > 0.003) return 'tg';
  if (share(/[ҙҫ]/giu) > 0.003) return 'ba';
  if (share(/[җ]/giu) > 0.002) return 'tt';
  if (share(/[әғқұ]/giu) > 0.01 && turkic()) return 'kk';
  if (share(/[ңөү]/giu) > 0.01 && turkic()) return count(sample, /(^|[^\p{L}])(ба|юм|нь|байна|байгаа)(?![\p{L}])/giu) > 1 ? 'mn' : 'ky';
  if (share(/[ўʼ]/giu) > 0.003) return share(/[қғҳ]/giu) > 0.003 ? 'uz' : 'be';
  if (share(/[јљњћђџ]/giu) > 0.003) return 'sr';
  if (share(/[ѓќѕ]/giu) > 0.002) return 'mk';
  if (share(/[їєґ]/giu) > 0.002 || (share(/[і]/giu) > 0.01 && share(/[ыэъ]/giu) < 0.002)) return 'uk';
  if (share(/[ы]/giu) < 0.001 && share(/[э]/giu) < 0.001 && share(/[ъ]/giu) > 0.005) return 'bg';
  return 'ru';
}

function latin(sample: string): string {
  const words = sample.toLowerCase().match(/[\p{L}'ʻ]+/gu) ?? [];
  const freq = new Map<string, number>();
  for (const w of words) freq.set(w, (freq.get(w) ?? 0) + 1);
  let best = 'und';
  let bestScore = 0;
  for (const [lang, list] of Object.entries(LATIN_WORDS)) {
    let score = 0;
    for (const w of list) score += freq.get(w) ?? 0;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  // Letters peculiar to one language settle texts with few common words.
  if (count(sample, /[ğış]/gu) > words.length * 0.05) return 'tr';
  if (count(sample, /[äñūü]/gu) > words.length * 0.05 && count(sample, /q/gu) > words.length * 0.05) return 'kk';
  return bestScore >= Math.min(3, Math.max(1, words.length / 10)) ? best : 'und';
}

/** ISO 639-1 code of the text's language (`en`, `ru`, `kk`, `zh`, …) or `und` when unsure. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, 2000);
  const letters = new Map<Script, number>();
  let total = 0;
  for (let i = 0; i < sample.length; i++) {
    const script = scriptOf(sample.charCodeAt(i));
    if (!script) continue;
    total++;
    letters.set(script, (letters.get(script) ?? 0) + 1);
  }
  if (total < 8) return 'und';
  const [top] = [...letters.entries()].sort((a, b) => b[1] - a[1]);
  if (!top) return 'und';
  const [script, n] = top;
  if (script === 'kana' || (script === 'han' && (letters.get('kana') ?? 0) > n * 0.1)) return 'ja';
  if (script === 'han') return 'zh';
  if (script === 'arabic') return /[ےٹڈڑں]/u.test(sample) ? 'ur' : /[پچژگیک]/u.test(sample) ? 'fa' : 'ar';
  if (ONE_LANGUAGE[script]) return ONE_LANGUAGE[script]!;
  if (script === 'cyrillic') return cyrillic(sample, n);
  return latin(sample);
}
