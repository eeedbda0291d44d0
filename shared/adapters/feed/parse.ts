// Feed text to raw entries: guards first (entity declarations, HTML pages, non-feed XML), then
// rss-parser's parseString (RSS 2.0 / 0.9x, RSS 1.0 / RDF, Atom). Each failure is a FeedError with
// its own code; a feed with no usable entries is `feed_empty`.
import Parser from 'rss-parser';
import { htmlToText } from '../../domain/clean-text.ts';
import type { RawEntry } from '../../domain/types.ts';
import { ClaimwatchError, type ErrorCode } from '../../errors.ts';

/** A feed's failure: a code from the ErrorCode union and the HTTP status (0 when none arrived). */
export class FeedError extends ClaimwatchError {
  override readonly name = 'FeedError';
  constructor(
    code: ErrorCode,
    message: string,
    readonly status = 0,
  ) {
    super(code, message);
  }
}

type ParsedItem = Parser.Item & {
  contentEncoded?: string;
  yandexFullText?: string;
  dcDate?: string;
  date?: string;
  summary?: string;
  id?: string;
  'rdf:about'?: string;
};

const parser: Parser<{ language?: string }, ParsedItem> = new Parser({
  defaultRSS: 2,
  customFields: { item: [['content:encoded', 'contentEncoded'], ['yandex:full-text', 'yandexFullText'], ['dc:date', 'dcDate']] },
});

const ROOT = /<(?:[\w-]+:)?(rss|feed|RDF)[\s>/]/;

/** Cheap checks before any XML parser sees the text. */
function guard(xml: string): void {
  const head = xml.slice(0, 65536);
  const root = ROOT.exec(head);
  // Entity declarations are how expansion bombs ("billion laughs") and external entities get in;
  // no real feed needs them. Looked for in the whole head, not just before the first root-like tag,
  // which a comment could fake.
  if (/<!ENTITY/i.test(head)) throw new FeedError('feed_entity_expansion', 'the document declares XML entities', 200);
  if (!root) {
    if (/^\s*$/.test(xml)) throw new FeedError('feed_empty', 'the response body is empty', 200);
    const looksHtml = /<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/i.test(head);
    throw new FeedError('feed_not_xml', looksHtml ? 'the response is an HTML page, not a feed' : 'the response is not an RSS or Atom document', 200);
  }
  if (/^\s*<!doctype html|^\s*<html[\s>]/i.test(head)) throw new FeedError('feed_not_xml', 'the response is an HTML page, not a feed', 200);
}

/**
 * Repairs that real feeds need and that change no well-formed content: control characters XML
 * forbids, bare ampersands, and Atom dates rss-parser cannot read (it throws on them).
 */
function repair(xml: string): string {
  let out = xml.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  out = out.replace(/&(?!#\d{1,7};|#x[0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/g, '&amp;');
  out = out.replace(/<(published|updated)>([^<]*)<\/\1>/g, (m, _tag: string, value: string) => (Number.isNaN(Date.parse(value.trim())) ? '' : m));
  return out;
}

const TZ: Record<string, string> = { MSK: '+0300', ALMT: '+0600', QYZT: '+0600', AQTT: '+0500', ORAT: '+0500', KGT: '+0600', UZT: '+0500' };

/** A feed date as ISO 8601, or undefined. Zone-less "YYYY-MM-DD hh:mm" is read as UTC. */
export function parseFeedDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) v = `${v.replace(' ', 'T')}Z`;
  v = v.replace(/\b(MSK|ALMT|QYZT|AQTT|ORAT|KGT|UZT)\b/, (z) => TZ[z]);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

const hasTags = (s: string) => /<[a-z!/][\s\S]*?>/i.test(s);
const firstNonEmpty = (...xs: Array<string | undefined>) => xs.find((x) => typeof x === 'string' && x.trim() !== '');

function absolute(link: string | undefined, base: string | undefined): string | undefined {
  const l = link?.trim();
  if (!l) return undefined;
  try {
    return new URL(l, base).href;
  } catch {
    return l;
  }
}

export interface ParseContext {
  feedId: string;
  /** Feed name from the feeds file; else the channel title, else the host. */
  name?: string;
  /** URL the body came from (relative links resolve against it). */
  url: string;
  language?: string;
}

/** Parses feed text into raw entries, or throws a FeedError. */
export async function parseFeedXml(xml: string, ctx: ParseContext): Promise<RawEntry[]> {
  guard(xml);
  let parsed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    parsed = await parser.parseString(repair(xml));
  } catch (e) {
    throw new FeedError('feed_malformed', `malformed feed: ${String((e as Error).message ?? e).slice(0, 200)}`, 200);
  }
  let host = ctx.url;
  try {
    host = new URL(ctx.url).host;
  } catch {
    /* keep the string */
  }
  const source = ctx.name?.trim() || parsed.title?.trim() || host;
  const base = absolute(parsed.link, ctx.url) ?? ctx.url;
  const channelLanguage = /^[a-z]{2,3}/i.exec(parsed.language ?? '')?.[0]?.toLowerCase();
  const entries: RawEntry[] = [];
  for (const item of parsed.items ?? []) {
    // Full text first (content:encoded, Yandex's full-text), then the summary or description.
    const body = firstNonEmpty(item.contentEncoded, item.yandexFullText, item.content, item.summary) ?? '';
    const text = (hasTags(body) ? htmlToText(body) : body).trim();
    const rawTitle = typeof item.title === 'string' ? item.title : '';
    const title = (hasTags(rawTitle) ? htmlToText(rawTitle) : rawTitle).replace(/\s+/g, ' ').trim();
    const guidValue = firstNonEmpty(typeof item.guid === 'string' ? item.guid : undefined, item.id, item['rdf:about']);
    const link = absolute(typeof item.link === 'string' ? item.link : undefined, base);
    if (!title && !text && !link && !guidValue) continue;
    entries.push({
      feedId: ctx.feedId,
      source,
      guid: guidValue?.trim(),
      link,
      title,
      text,
      published: parseFeedDate(firstNonEmpty(item.pubDate, item.dcDate, item.date, item.isoDate)),
      language: ctx.language ?? channelLanguage,
    });
  }
  if (entries.length === 0) throw new FeedError('feed_empty', 'the feed has no entries', 200);
  return entries;
}
