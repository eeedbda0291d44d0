// Item identity that survives the usual changes: canonical URL, then GUID, then title + date.
//
// Canonical URL rules (decided here, tested in test/unit/identity.test.ts):
// - the scheme becomes https (http and https copies are one article); host lowercased, trailing dot
//   and default ports dropped, user info dropped;
// - `www.`, mobile (`m.`, `mobile.`) and AMP (`amp.`) host prefixes are dropped: on news sites they
//   serve the same article as the bare host;
// - AMP paths (`/amp`, `/amp/…`, `….amp`, `….amp.html`) and AMP/mobile switches in the query
//   (`amp`, `outputType=amp`, `m=1`) are dropped;
// - tracking parameters (`utm_*`, `fbclid`, `gclid`, `yclid`, `mc_cid`, …) are dropped and the rest
//   sorted, so parameter order does not matter; parameters that pick the article (`id=…`) stay;
// - the fragment, `index.html`, doubled and trailing slashes are dropped; percent escapes are
//   upper-cased. Path case is kept (paths are case-sensitive).
import { createHash } from 'node:crypto';

const TRACKING =
  /^(utm_.*|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|ysclid|mc_cid|mc_eid|igshid|_ga|_gl|_hs(enc|mi)|mkt_tok|ref|ref_src|ref_url|referrer|cmpid|cmp|s_cid|ocid|spm|at_(medium|campaign|source|custom\d*)|rss|rss_source|feature|share|smid|sr_share|__twitter_impression|guccounter|ncid|taid|ito)$/i;

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
  const bare = host.replace(/^(www\d?|m|mobile|amp)\./, '');
  if (bare.includes('.')) host = bare;
  if (u.port) host += `:${u.port}`;
  let pathname = u.pathname.replace(/\/{2,}/g, '/').replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
  pathname = pathname
    .replace(/\/amp(\/|\.html?)?$/i, '/')
    .replace(/\/amp\//i, '/')
    .replace(/\.amp(\.html?)?$/i, (_m, ext: string | undefined) => ext ?? '');
  pathname = pathname.replace(/\/index\.(html?|php|aspx?)$/i, '/');
  if (pathname.length > 1) pathname = pathname.replace(/\/+$/, '');
  const params = [...u.searchParams.entries()].filter(([k, v]) => {
    const key = k.toLowerCase();
    if (TRACKING.test(key) || key === 'amp') return false;
    if ((key === 'outputtype' || key === 'output') && v.toLowerCase() === 'amp') return false;
    if (key === 'm' && v === '1') return false;
    return true;
  });
  params.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `https://${host}${pathname === '/' ? '' : pathname}${query}`;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Title for identity: lowercased letters and digits, single-spaced, ё folded to е. */
export const normaliseTitle = (t: string): string =>
  t
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A GUID that is unique on its own (UUID, tag: URI, long opaque string) rather than a feed's counter. */
const globalGuid = (g: string) => g.length >= 16 && !/^\d+$/.test(g);

/**
 * The item's id (16 hex chars of a SHA-256) and its canonical URL when it has one:
 * 1. the canonical URL of the link (unless it is a bare home page: some feeds give every item the
 *    site's address),
 * 2. else the GUID: a URL GUID as a canonical URL, a globally unique one as is, a short or numeric
 *    one (a feed's counter) scoped by `feedId`,
 * 3. else the normalised title plus the publication day (when known), scoped by `feedId`.
 * Pass `published` only when the source gave a date: an id must not depend on the fetch time.
 */
export function itemIdentity(entry: { link?: string; guid?: string; title: string; published?: string; feedId?: string }): { id: string; canonicalUrl?: string } {
  const guid = entry.guid?.trim() || undefined;
  const linkCanon = entry.link ? canonicalUrl(entry.link) : undefined;
  const homePage = linkCanon !== undefined && /^https:\/\/[^/?]+$/.test(linkCanon);
  if (linkCanon && !homePage) return { id: hash(`url:${linkCanon}`), canonicalUrl: linkCanon };
  const guidCanon = guid ? canonicalUrl(guid) : undefined;
  if (guidCanon) return { id: hash(`url:${guidCanon}`), canonicalUrl: guidCanon };
  const scope = entry.feedId ? `${entry.feedId}|` : '';
  if (guid) return { id: hash(globalGuid(guid) ? `guid:${guid}` : `guid:${scope}${guid}`) };
  const day = entry.published && !Number.isNaN(Date.parse(entry.published)) ? new Date(entry.published).toISOString().slice(0, 10) : '';
  return { id: hash(`title:${scope}${normaliseTitle(entry.title)}|${day}`) };
}
