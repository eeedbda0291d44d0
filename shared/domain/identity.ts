// Item identity that survives the usual changes: canonical URL, then GUID, then title + date.
import { createHash } from 'node:crypto';

const TRACKING = /^(utm_.*|fbclid|gclid|yclid|dclid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|_ga|spm|from|rss|feature)$/i;

/** Canonical form of an article URL, or undefined when it is not an http(s) URL. */
export function canonicalUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  let host = u.hostname.toLowerCase().replace(/\.$/, '');
  host = host.replace(/^(www|m|mobile|amp)\./, '');
  let pathname = u.pathname.replace(/\/{2,}/g, '/');
  pathname = pathname.replace(/\/amp(\/|\.html)?$/i, '/').replace(/\/amp\//i, '/');
  pathname = pathname.replace(/\/index\.(html?|php)$/i, '/');
  if (pathname.length > 1) pathname = pathname.replace(/\/+$/, '');
  const params = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k) && k.toLowerCase() !== 'amp' && k.toLowerCase() !== 'outputtype');
  params.sort(([a], [b]) => a.localeCompare(b));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  // Scheme is dropped from identity: http and https copies are the same article.
  return `https://${host}${pathname === '/' ? '' : pathname}${query}`;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

const normTitle = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The item's id: canonical URL, then GUID, then a hash of title and date. */
export function itemIdentity(entry: { link?: string; guid?: string; title: string; published?: string }): { id: string; canonicalUrl?: string } {
  const canon = entry.link ? canonicalUrl(entry.link) : undefined;
  if (canon) return { id: hash(`url:${canon}`), canonicalUrl: canon };
  const guidUrl = entry.guid ? canonicalUrl(entry.guid) : undefined;
  if (guidUrl) return { id: hash(`url:${guidUrl}`), canonicalUrl: guidUrl };
  if (entry.guid && entry.guid.trim()) return { id: hash(`guid:${entry.guid.trim()}`) };
  return { id: hash(`title:${normTitle(entry.title)}|${(entry.published ?? '').slice(0, 10)}`) };
}
