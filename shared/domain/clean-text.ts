// Cleaning of page furniture and markup residue, keeping the words of the article.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', laquo: '«', raquo: '»', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** HTML to text: block elements become paragraph breaks, scripts and styles are dropped. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|noscript|iframe)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|h[1-6]|li|blockquote|tr|section|article)>/gi, '\n\n')
      .replace(/<[^>]+>/g, ' '),
  );
}

const FURNITURE: RegExp[] = [
  /^leave a comment\.?$/i,
  /^this site uses akismet.*$/i,
  /^(share|share this|tweet|follow us|subscribe|sign up).{0,80}$/i,
  /^copyright ©.*$/i,
  /^©.*all rights reserved.*$/i,
  /^source link$/i,
  /^editor in charge:.*$/i,
  /^•?\s*[\w .]+ can be reached at \S+@\S+\.?$/i,
  /^-\s+the [\w ]+$/i, // "- The Washington Times"
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday),? \w+ \d{1,2},? \d{4}$/i,
  /^\d{1,2} \w{3,9} \d{4}( \d{1,2}:\d{2}( ?[ap]m)?)?$/i,
  /^(read more|related|advertisement)[:.]?.{0,60}$/i,
  /^if you like our articles.*$/i,
];

/** Splits words run together where markup was stripped: "Recently,KazakhstanLarge-scale". */
function unglue(s: string): string {
  return s
    .replace(/([a-z]{3,})([A-Z][a-z]{2,})/g, (m, a: string, b: string) => (/^(Mc|Mac|De|La|Le|Di|Da|Van|Von)$/.test(a) ? m : `${a} ${b}`))
    .replace(/([,;:!?])(?=[A-Za-zА-Яа-я])/g, '$1 ')
    .replace(/([a-zа-я])\.([A-ZА-Я][a-zа-я])/g, '$1. $2');
}

/** Cleaned article text: furniture removed, glued words split, quotes and whitespace normalised. */
export function cleanText(raw: string, options: { title?: string } = {}): string {
  let s = /<[a-z][\s\S]*>/i.test(raw) ? htmlToText(raw) : decodeEntities(raw);
  s = s.replace(/\r\n?/g, '\n').replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ');
  s = s.replace(/^\s*date \d{4}-\d{2}-\d{2}\s*/i, '');
  s = s.replace(/^\s*\[[^\]]{0,80}news on [^\]]{0,40}\]\s*(\([^)]{0,120}\))?\s*/i, '');
  const title = options.title?.trim().toLowerCase();
  const paras = s
    .split(/\n\s*\n|\n/)
    .map((p) => unglue(p.replace(/[ \t]+/g, ' ').trim()))
    .map((p) => p.replace(/\s+([,.;:!?])/g, '$1').replace(/[“”„]/g, '"').replace(/[‘’‚]/g, "'").replace(/"{2,}/g, '"'))
    .filter((p) => p.length > 0 && !FURNITURE.some((re) => re.test(p)));
  if (title && paras[0]?.toLowerCase() === title) paras.shift();
  return paras.join('\n\n').trim();
}
