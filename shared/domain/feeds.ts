// Feeds file: `{"feeds": [{"url": "…", "name": "…", "topics": ["kazakhstan", …]}]}`, only url required.
import { createHash } from 'node:crypto';
import { ConfigError } from '../errors.ts';
import { TOPICS, type FeedSpec, type Topic } from './types.ts';

/** A stable, readable id for a feed: host slug plus a short hash of the URL. */
export function feedIdFor(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 8);
  return `${host.slice(0, 40)}-${hash}`;
}

/** Parses and validates a feeds file; errors name the file, the feed index and the key at fault. */
export function parseFeedsFile(text: string, fileName: string): FeedSpec[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${fileName}: not valid JSON (${(e as Error).message})`, undefined, 'feeds_invalid');
  }
  const feeds = (doc as { feeds?: unknown })?.feeds;
  if (!Array.isArray(feeds)) {
    throw new ConfigError(`${fileName}: "feeds" must be an array of {"url": …}`, undefined, 'feeds_invalid');
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const out: FeedSpec[] = [];
  feeds.forEach((raw, i) => {
    const at = `${fileName}: feeds[${i}]`;
    if (typeof raw !== 'object' || raw === null) {
      problems.push(`${at} must be an object`);
      return;
    }
    const f = raw as Record<string, unknown>;
    if (typeof f.url !== 'string' || f.url.trim() === '') {
      problems.push(`${at}: "url" is required`);
      return;
    }
    let url: URL;
    try {
      url = new URL(f.url.trim());
    } catch {
      problems.push(`${at}: "url" is not a URL: ${JSON.stringify(f.url)}`);
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      problems.push(`${at}: "url" must be http or https, got ${url.protocol}`);
      return;
    }
    if (f.name !== undefined && typeof f.name !== 'string') problems.push(`${at}: "name" must be a string`);
    let topics: Topic[] | undefined;
    if (f.topics !== undefined) {
      if (!Array.isArray(f.topics) || f.topics.some((t) => !TOPICS.includes(t as Topic))) {
        problems.push(`${at}: "topics" must be a list of ${TOPICS.join(', ')}`);
      } else topics = f.topics as Topic[];
    }
    const href = url.href;
    if (seen.has(href)) {
      problems.push(`${at}: duplicate url ${href}`);
      return;
    }
    seen.add(href);
    out.push({
      id: feedIdFor(href),
      url: href,
      name: typeof f.name === 'string' ? f.name : undefined,
      topics,
      language: typeof f.language === 'string' ? f.language : undefined,
    });
  });
  if (problems.length) throw new ConfigError(problems.join('\n'), problems, 'feeds_invalid');
  return out;
}
