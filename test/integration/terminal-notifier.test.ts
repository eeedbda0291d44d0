import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import { createTerminalNotifier } from '../../shared/adapters/terminal-notifier.ts';
import { buildDigest } from '../../shared/domain/digest/build.ts';
import { storedItem } from '../helpers/items.ts';

describe('terminal notifier', () => {
  const dirs: string[] = [];
  after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('prints the digest and writes digest.html and digest.blocks.json under the data directory', async () => {
    // Prepare
    const dataDir = await mkdtemp(path.join(tmpdir(), 'claimwatch-digest-'));
    dirs.push(dataDir);
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString('utf8')));
    const model = buildDigest({
      items: [storedItem({ id: 'a', title: 'Almaty <curfew> extended', claims: [{ claim: 'C1', stance: 'supports', evidence: 'The curfew was extended.', score: 0.8 }] })],
      claims: [{ id: 'C1', text: 'A curfew was imposed.' }],
      since: '2026-11-22T00:00:00.000Z',
      until: '2026-11-23T00:00:00.000Z',
      timeZone: 'Asia/Almaty',
    });
    // Act
    const notifier = createTerminalNotifier({ out, dataDir });
    await notifier.post(model);
    // Assess
    assert.equal(notifier.target, 'terminal');
    assert.match(printed, /\[SUPPORTS\] Almaty <curfew> extended/);
    const html = await readFile(path.join(dataDir, 'digest.html'), 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /Almaty &lt;curfew&gt; extended/);
    const blocks = JSON.parse(await readFile(path.join(dataDir, 'digest.blocks.json'), 'utf8'));
    assert.equal(blocks.blocks[0].type, 'header');
    assert.ok(Array.isArray(blocks.replies));
  });

  it('writes no files without a data directory', async () => {
    const out = new PassThrough();
    out.resume();
    const model = buildDigest({ items: [], claims: [], since: '2026-11-22T00:00:00.000Z', until: '2026-11-23T00:00:00.000Z', timeZone: 'UTC' });
    assert.deepEqual(await createTerminalNotifier({ out }).post(model), {});
  });
});
