import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseClaimsFile } from '../../shared/domain/claims.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('parseClaimsFile', () => {
  it('reads our claims and the evaluation claims, extra fields allowed', () => {
    const ours = parseClaimsFile(readFileSync(path.join(ROOT, 'seeds/claims.json'), 'utf8'), 'seeds/claims.json');
    assert.ok(ours.length >= 10);
    assert.equal(parseClaimsFile(readFileSync(path.join(ROOT, '../shared/eval/claims.json'), 'utf8'), 'eval').length, 14);
  });

  it('quotes each claim verbatim from a seed article', () => {
    const seeds = ['000', '001', '002', '003', '004'].map((n) => readFileSync(path.join(ROOT, 'seeds/articles', readdir(n)), 'utf8')).join('\n');
    for (const c of parseClaimsFile(readFileSync(path.join(ROOT, 'seeds/claims.json'), 'utf8'), 'x')) assert.ok(c.quote && seeds.includes(c.quote), c.id);
  });

  const errors: Array<[string, string, RegExp]> = [
    ['bad JSON with its line', '{\n "claims": [\n  {"id": "C1",,}\n]}', /c\.json: not valid JSON at line 3/],
    ['no claims array', '{"claim": []}', /"claims" must be an array/],
    ['missing text names the claim', '{"claims":[{"id":"C1","text":"x"},{"id":"C2"}]}', /claims\[1\] \(id "C2"\): "text" must be a non-empty string/],
    ['missing id', '{"claims":[{"text":"x"}]}', /claims\[0\]: "id" must be a non-empty string/],
    ['duplicate id', '{"claims":[{"id":"C1","text":"x"},{"id":"C1","text":"y"}]}', /claims\[1\] \(id "C1"\): duplicate id/],
    ['bad seeds', '{"claims":[{"id":"C1","text":"x","seeds":[1]}]}', /"seeds" must be a list of strings/],
  ];
  for (const [name, text, re] of errors) it(`errors: ${name}`, () => assert.throws(() => parseClaimsFile(text, 'c.json'), re));
});

function readdir(prefix: string): string {
  return readdirSync(path.join(ROOT, 'seeds/articles')).find((f) => f.startsWith(prefix))!;
}
