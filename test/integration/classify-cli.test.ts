// `claimwatch classify` as outside checks run it: a child process, files in, JSONL out, exit codes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'classify');
const BIN = path.join(ROOT, 'bin', 'claimwatch.js');

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 2) : 0, stdout, stderr });
    });
  });
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('claimwatch classify', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'claimwatch-classify-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one line per item in the contract format, evidence copied from the item', async () => {
    // Prepare
    const out = path.join(dir, 'predictions.jsonl');
    // Act
    const r = await runCli(['classify', '--claims', path.join(FIXTURES, 'claims.json'), '--items', path.join(FIXTURES, 'items.jsonl'), '--out', out]);
    // Assess
    assert.equal(r.code, 0, r.stderr);
    const items = (await readFile(path.join(FIXTURES, 'items.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const lines = (await readFile(out, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), items.map((i) => i.id));
    for (const line of lines) {
      assert.deepEqual(Object.keys(line).sort(), ['claims', 'id', 'relevant', 'topics']);
      assert.equal(typeof line.relevant, 'boolean');
      assert.ok(Array.isArray(line.topics));
      const item = items.find((i) => i.id === line.id);
      for (const c of line.claims) {
        assert.ok(['supports', 'contradicts', 'updates', 'mentions'].includes(c.stance));
        assert.equal(typeof c.score, 'number');
        assert.ok(collapse(`${item.title} ${item.text}`).includes(collapse(c.evidence)), `${line.id}/${c.claim} evidence is verbatim`);
      }
    }
    const byId = Object.fromEntries(lines.map((l) => [l.id, l]));
    assert.deepEqual(byId.r1.claims.map((c: { claim: string; stance: string }) => [c.claim, c.stance]), [['M1', 'updates']]);
    assert.deepEqual(byId.r1.claims[0].update, { subject: 'killed', old: '40', new: '52' });
    assert.equal(byId.r2.claims.find((c: { claim: string }) => c.claim === 'M2')?.stance, 'updates');
    assert.deepEqual([byId.r3.relevant, byId.r3.claims], [false, []]);
    assert.equal(byId.r4.claims.find((c: { claim: string }) => c.claim === 'M3')?.stance, 'contradicts');
  });

  it('writes to stdout with --out - and defaults --claims to the seed claims', async () => {
    const r = await runCli(['classify', '--items', path.join(FIXTURES, 'items.jsonl'), '--out', '-']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 4);
    assert.match(r.stderr, /classified 4 items against \d+ claims/);
  });

  it('exits 1 and names the claim at fault for a bad claims file', async () => {
    const r = await runCli(['classify', '--claims', path.join(FIXTURES, 'claims-duplicate.json'), '--items', path.join(FIXTURES, 'items.jsonl'), '--out', path.join(dir, 'x.jsonl')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /claims-duplicate\.json: claims\[1\] \(id "M1"\): duplicate id "M1"/);
  });

  it('exits 1 and names the line at fault for a bad items file', async () => {
    const r = await runCli(['classify', '--claims', path.join(FIXTURES, 'claims.json'), '--items', path.join(FIXTURES, 'items-bad.jsonl'), '--out', path.join(dir, 'x.jsonl')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /items-bad\.jsonl: line 2 \(id "r2"\): "text" must be a string/);
  });

  it('exits 1 for a missing file or flag, and prints usage with --help', async () => {
    const missing = await runCli(['classify', '--claims', path.join(dir, 'nope.json'), '--items', path.join(FIXTURES, 'items.jsonl'), '--out', path.join(dir, 'x.jsonl')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.json: cannot read the claims file \(ENOENT\)/);
    const noItems = await runCli(['classify', '--out', '-']);
    assert.equal(noItems.code, 1);
    assert.match(noItems.stderr, /--items is required/);
    const help = await runCli(['classify', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: claimwatch classify --claims FILE --items FILE\.jsonl --out FILE\.jsonl/);
  });
});
