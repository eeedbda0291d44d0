import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import articles from '../../seeds/articles.json' with { type: 'json' };
import { parseFeedsFile } from '../../shared/domain/feeds.ts';
import { ConfigError } from '../../shared/errors.ts';
import { loadEnv } from '../../shared/runtime/load-env.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('loadEnv', () => {
  it('defaults to the embedded servers, the terminal and Asia/Almaty at 08:00', () => {
    const env = loadEnv({});
    assert.equal(env.aws, undefined);
    assert.equal(env.dataDir, '.claimwatch');
    assert.equal(env.digest.timeZone, 'Asia/Almaty');
    assert.equal(env.digest.hour, 8);
    assert.equal(env.slack.botToken, undefined);
    assert.ok(Object.isFrozen(env));
  });

  it('selects AWS when table and bucket are both set', () => {
    const env = loadEnv({ CLAIMWATCH_TABLE_NAME: 't', CLAIMWATCH_BUCKET_NAME: 'b' });
    assert.deepEqual(env.aws, { tableName: 't', bucketName: 'b' });
  });

  it('names every key at fault in one ConfigError', () => {
    // Prepare
    const bad = {
      CLAIMWATCH_TABLE_NAME: 't',
      CLAIMWATCH_DIGEST_HOUR: '25',
      CLAIMWATCH_DIGEST_TIMEZONE: 'Mars/Olympus',
      SLACK_API_URL: 'http://127.0.0.1:3000/api',
      SLACK_BOT_TOKEN: 'xoxb-1',
      CLAIMWATCH_CLASSIFIER: 'oracle',
    };
    // Act
    let error: unknown;
    try {
      loadEnv(bad);
    } catch (e) {
      error = e;
    }
    // Assess
    assert.ok(error instanceof ConfigError);
    const text = error.problems.join('\n');
    for (const key of ['CLAIMWATCH_BUCKET_NAME', 'CLAIMWATCH_DIGEST_HOUR', 'CLAIMWATCH_DIGEST_TIMEZONE', 'SLACK_API_URL', 'SLACK_CHANNEL_ID', 'CLAIMWATCH_CLASSIFIER']) {
      assert.match(text, new RegExp(key), `problems should name ${key}`);
    }
    assert.ok(!text.includes('xoxb-1'), 'a token is never echoed');
  });
});

describe('parseFeedsFile', () => {
  it('accepts a file where only url is given and derives stable ids', () => {
    const feeds = parseFeedsFile('{"feeds":[{"url":"https://Example.com/rss"},{"url":"https://example.org/a","name":"A","topics":["csto"],"extra":1}]}', 'f.json');
    assert.equal(feeds.length, 2);
    assert.equal(feeds[0].url, 'https://example.com/rss');
    assert.match(feeds[0].id, /^example-com-[0-9a-f]{8}$/);
    assert.deepEqual(feeds[1].topics, ['csto']);
    assert.equal(parseFeedsFile('{"feeds":[{"url":"https://example.com/rss"}]}', 'g.json')[0].id, feeds[0].id);
  });

  it('names the file, the feed and the key at fault', () => {
    assert.throws(() => parseFeedsFile('{"feeds":[{"url":"https://a.example/"},{"name":"x"}]}', 'my-feeds.json'), /my-feeds\.json: feeds\[1\]: "url" is required/);
    assert.throws(() => parseFeedsFile('{"feeds":[{"url":"ftp://a.example/"}]}', 'f.json'), /feeds\[0\]: "url" must be http or https/);
    assert.throws(() => parseFeedsFile('{"feeds":[{"url":"https://a.example/","topics":["mars"]}]}', 'f.json'), /feeds\[0\]: "topics"/);
    assert.throws(() => parseFeedsFile('{"feeds": [', 'f.json'), /f\.json: not valid JSON/);
    assert.throws(() => parseFeedsFile('{"feed": []}', 'f.json'), /"feeds" must be an array/);
  });

  it('reads the bundled seeds/feeds.json, English and Russian, on every watched topic', () => {
    const feeds = parseFeedsFile(readFileSync(path.join(ROOT, 'seeds/feeds.json'), 'utf8'), 'seeds/feeds.json');
    assert.ok(feeds.length >= 8);
    assert.deepEqual(new Set(feeds.map((f) => f.language)), new Set(['en', 'ru']));
    for (const t of ['kazakhstan', 'sco', 'csto']) assert.ok(feeds.some((f) => f.topics?.includes(t as never)), t);
  });
});

describe('seed articles as data', () => {
  it('match the files in seeds/articles and those given in ../shared/seeds', () => {
    assert.equal(articles.articles.length, 5);
    for (const a of articles.articles) {
      assert.equal(a.text, readFileSync(path.join(ROOT, 'seeds/articles', a.file), 'utf8'), a.file);
      assert.equal(a.text, readFileSync(path.join(ROOT, '..', 'shared', 'seeds', a.file), 'utf8'), a.file);
      assert.match(a.published, /^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
