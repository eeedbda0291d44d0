// `claimwatch run --json` end to end: embedded DynamoDB and S3, real feed XML over real HTTP on
// 127.0.0.1, a feed that fails, conditional GETs on the second run, nothing stored twice.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { runCli } from '../helpers/cli.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'feeds');
const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('claimwatch run --json', () => {
  let server: Server;
  let base: string;
  let dir: string;
  const requests: Array<{ path: string; headers: IncomingHttpHeaders }> = [];

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'claimwatch-cli-'));
    server = createServer(async (req, res) => {
      requests.push({ path: req.url ?? '', headers: req.headers });
      if (req.url === '/broken.xml') {
        res.writeHead(500).end('oops');
        return;
      }
      const name = path.basename(req.url ?? '');
      const body = await readFile(path.join(FIXTURES, name)).catch(() => undefined);
      if (!body) return void res.writeHead(404).end();
      const etag = `"${name}-v1"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
      res.writeHead(200, { 'Content-Type': 'application/xml', ETag: etag }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await writeFile(
      path.join(dir, 'feeds.json'),
      JSON.stringify({ feeds: [{ url: `${base}/kz-wire.xml`, name: 'Steppe Wire' }, { url: `${base}/sco-notes.xml` }, { url: `${base}/broken.xml` }] }),
    );
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the cycle, reports the broken feed with its code, and stores nothing twice on a second run', async () => {
    // Act
    const args = ['run', '--json', '--feeds', path.join(dir, 'feeds.json'), '--data', path.join(dir, 'data')];
    const env = { CLAIMWATCH_FEED_TIMEOUT_MS: '2000' };
    const first = await runCli(args, env);
    const second = await runCli(args, env);
    // Assess
    assert.equal(first.code, 0, first.stderr);
    const a = JSON.parse(first.stdout);
    assert.equal(first.stdout.trim().split('\n').length, 1, 'stdout carries exactly one JSON object');
    assert.deepEqual(Object.keys(a).sort(), ['classified', 'digest', 'feeds', 'items', 'matched', 'runId'].sort());
    assert.equal(a.items.new, 5 + 3, 'five seeds and three feed items');
    assert.equal(a.classified, a.items.new);
    assert.deepEqual(a.digest.target, 'terminal');
    assert.ok(a.digest.items > 0);
    const broken = a.feeds.find((f: { url: string }) => f.url.endsWith('/broken.xml'));
    assert.deepEqual([broken.ok, broken.status, broken.error], [false, 500, 'feed_http_5xx']);
    assert.ok(a.feeds.filter((f: { ok: boolean }) => f.ok).every((f: { error?: string }) => f.error === undefined));

    assert.equal(second.code, 0, second.stderr);
    const b = JSON.parse(second.stdout);
    assert.equal(b.items.new, 0);
    assert.ok(b.items.duplicates >= 5);
    const conditional = requests.filter((r) => r.path === '/kz-wire.xml' && r.headers['if-none-match'] === '"kz-wire.xml-v1"');
    assert.equal(conditional.length, 1, 'the second run sends If-None-Match');
    assert.match(first.stderr, /Kazakhstan/, 'the digest went to stderr with --json');
  });

  it('names the file at fault and exits 1 on a bad feeds file', async () => {
    await writeFile(path.join(dir, 'bad.json'), '{"feeds": [{"name": "no url"}]}');
    const r = await runCli(['run', '--json', '--feeds', path.join(dir, 'bad.json'), '--data', path.join(dir, 'data2')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.json: feeds\[0\]: "url" is required/);
    assert.equal(r.stdout, '');
  });

  it('names the key at fault and exits 1 on bad configuration', async () => {
    const r = await runCli(['run', '--data', path.join(dir, 'data3')], { CLAIMWATCH_DIGEST_HOUR: 'noon' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /CLAIMWATCH_DIGEST_HOUR/);
  });

  it('answers --help on every command and rejects unknown ones', async () => {
    for (const cmd of ['run', 'demo', 'classify', 'digest', 'claims', 'feeds', 'reclassify']) {
      const r = await runCli([cmd, '--help']);
      assert.equal(r.code, 0, `${cmd} --help`);
      assert.match(r.stdout, new RegExp(`Usage: claimwatch ${cmd}`));
    }
    const unknown = await runCli(['frobnicate']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  it('works as an installed bin (npx claimwatch)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'claimwatch.js'), '--help'], { cwd: ROOT });
    assert.match(stdout, /Usage: claimwatch <command>/);
  });
});
