import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseClaimsFile } from '../../shared/domain/claims.ts';
import { ConfigError } from '../../shared/errors.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('parseClaimsFile', () => {
  it('reads our claims and the evaluation claims, extra fields allowed', () => {
    const ours = parseClaimsFile(readFileSync(path.join(ROOT, 'seeds/claims.json'), 'utf8'), 'seeds/claims.json');
    assert.ok(ours.length >= 10);
    assert.equal(parseClaimsFile(readFileSync(path.join(ROOT, '../shared/eval/claims.json'), 'utf8'), 'eval').length, 14);
  });

  it('quotes each claim verbatim from one of the seed articles it names', () => {
    for (const c of parseClaimsFile(readFileSync(path.join(ROOT, 'seeds/claims.json'), 'utf8'), 'x')) {
      assert.ok(c.seeds?.length, `${c.id} names its seeds`);
      const texts = c.seeds!.map((n) => readFileSync(path.join(ROOT, 'seeds/articles', readdir(n)), 'utf8'));
      assert.ok(c.quote && texts.some((t) => t.includes(c.quote!)), c.id);
    }
  });

  it('fails with a ConfigError coded claims_invalid that lists every problem', () => {
    const text = '{"claims":[{"id":"C1"},{"id":"C2","text":" "},"C3"]}';
    assert.throws(
      () => parseClaimsFile(text, 'c.json'),
      (e: unknown) => {
        const err = e as ConfigError;
        assert.ok(err instanceof ConfigError);
        assert.equal(err.code, 'claims_invalid');
        assert.match(err.message, /claims\[0\] \(id "C1"\): "text"/);
        assert.match(err.message, /claims\[1\] \(id "C2"\): "text"/);
        assert.match(err.message, /claims\[2\] must be an object/);
        return true;
      },
    );
  });

  it('keeps unknown fields out of the way and trims text', () => {
    const [c] = parseClaimsFile('{"about":"x","claims":[{"id":"A","text":"  Some claim. ","extra":{"n":1}}]}', 'c.json');
    assert.deepEqual(c, { id: 'A', text: 'Some claim.', seeds: undefined, quote: undefined });
  });

  const errors: Array<[string, string, RegExp]> = [
    ['bad JSON with its line', '{\n "claims": [\n  {"id": "C1",,}\n]}', /c\.json: not valid JSON at line 3/],
    ['no claims array', '{"claim": []}', /"claims" must be an array/],
    ['missing text names the claim', '{"claims":[{"id":"C1","text":"x"},{"id":"C2"}]}', /claims\[1\] \(id "C2"\): "text" must be a non-empty string/],
    ['missing id', '{"claims":[{"text":"x"}]}', /claims\[0\]: "id" must be a non-empty string/],
    ['duplicate id', '{"claims":[{"id":"C1","text":"x"},{"id":"C1","text":"y"}]}', /claims\[1\] \(id "C1"\): duplicate id/],
    ['bad seeds', '{"claims":[{"id":"C1","text":"x","seeds":[1]}]}', /"seeds" must be a list of strings/],
    ['bad quote', '{"claims":[{"id":"C1","text":"x","quote":5}]}', /claims\[0\] \(id "C1"\): "quote" must be a string/],
    ['null document', 'null', /c\.json: "claims" must be an array/],
    ['empty list', '{"claims":[]}', /c\.json: "claims" is empty/],
  ];
  for (const [name, text, re] of errors) it(`errors: ${name}`, () => assert.throws(() => parseClaimsFile(text, 'c.json'), re));
});

function readdir(prefix: string): string {
  return readdirSync(path.join(ROOT, 'seeds/articles')).find((f) => f.startsWith(prefix))!;
}
