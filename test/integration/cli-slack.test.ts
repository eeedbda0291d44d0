// `claimwatch run` with Slack settings pointing at a local Slack-compatible server: one digest
// posted within the limits, nothing posted by a second run; without a token, the terminal and
// HTML previews appear instead.
import assert from 'node:assert/strict';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SLACK_LIMITS } from '../../shared/domain/digest/slack-blocks.ts';
import { runCli } from '../helpers/cli.ts';
import { startSlackServer, type SlackServer } from '../helpers/slack-server.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'feeds');

describe('claimwatch run with Slack', () => {
  let feeds: Server;
  let slack: SlackServer;
  let dir: string;
  let feedsFile: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'claimwatch-slack-'));
    feeds = createServer(async (req, res) => {
      const body = await readFile(path.join(FIXTURES, path.basename(req.url ?? ''))).catch(() => undefined);
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    });
    await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
    feedsFile = path.join(dir, 'feeds.json');
    await writeFile(feedsFile, JSON.stringify({ feeds: [{ url: `${base}/kz-wire.xml`, name: 'Steppe Wire' }, { url: `${base}/sco-notes.xml` }] }));
    slack = await startSlackServer({ token: 'xoxb-cli', channels: ['C0CLI'] });
  });
  after(async () => {
    feeds.closeAllConnections();
    await new Promise<void>((r) => feeds.close(() => r()));
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('posts one digest within the limits, and a second run posts nothing new', async () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-cli', SLACK_CHANNEL_ID: 'C0CLI', SLACK_API_URL: slack.apiUrl, CLAIMWATCH_FEED_TIMEOUT_MS: '2000' };
    const args = ['run', '--json', '--feeds', feedsFile, '--data', path.join(dir, 'slack-data')];
    const first = await runCli(args, env);
    assert.equal(first.code, 0, first.stderr);
    const a = JSON.parse(first.stdout);
    assert.equal(a.digest.target, 'slack');
    assert.ok(a.digest.items > 0);
    const parents = slack.messages.filter((m) => !m.thread_ts);
    assert.equal(parents.length, 1);
    assert.equal(parents[0].channel, 'C0CLI');
    for (const m of slack.messages) {
      assert.ok((m.blocks?.length ?? 0) <= SLACK_LIMITS.blocksPerMessage);
      assert.equal(m.thread_ts ?? parents[0].ts, parents[0].ts);
    }

    const second = await runCli(args, env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(JSON.parse(second.stdout).items.new, 0);
    assert.equal(slack.messages.filter((m) => !m.thread_ts).length, 1, 'the second run posts nothing');
  });

  it('without a token prints the digest and writes digest.html and digest.blocks.json', async () => {
    const data = path.join(dir, 'terminal-data');
    const r = await runCli(['run', '--feeds', feedsFile, '--data', data], { CLAIMWATCH_FEED_TIMEOUT_MS: '2000' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /claimwatch · /);
    await access(path.join(data, 'digest.html'));
    const blocks = JSON.parse(await readFile(path.join(data, 'digest.blocks.json'), 'utf8'));
    assert.equal(blocks.blocks[0].type, 'header');
  });
});
