import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cleanText, htmlToText } from '../../shared/domain/clean-text.ts';

const seed = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../seeds/articles', name), 'utf8');

describe('cleanText', () => {
  const cases: Array<[string, string, string]> = [
    ['splits words run together', 'Recently,KazakhstanLarge-scale protests broke out.', 'Recently, Kazakhstan Large-scale protests broke out.'],
    ['keeps Mc names', 'Mr. McDonald said so.', 'Mr. McDonald said so.'],
    ['drops "Leave a Comment"', 'Text.\n\nLeave a Comment', 'Text.'],
    ['drops the Akismet notice', 'Text.\n\nThis site uses Akismet to reduce spam. Learn how.', 'Text.'],
    ['drops site headers and datelines', '- The Washington Times\nMonday, January 10, 2022\n\nBody.', 'Body.'],
    ['drops a leading "date" line', ' date 2022-01-09 Kazakh President spoke.', 'Kazakh President spoke.'],
    ['drops e-mail sign-offs and copyright', 'Body.\n• Bill Gertz can be reached at bgertz@example.com.\n\nCopyright © 2023 The Times, LLC.', 'Body.'],
    ['collapses whitespace and curly quotes', 'A   “quoted”\t word ’s', 'A "quoted" word \'s'],
    ['strips HTML and decodes entities', '<p>Tokayev &amp; the <b>CSTO</b></p><script>x()</script>', 'Tokayev & the CSTO'],
  ];
  for (const [name, input, expected] of cases) it(name, () => assert.equal(cleanText(input), expected));

  it('cleans the seed files of their furniture but keeps the reporting', () => {
    const t = cleanText(seed('001_992130dcdfbdd538.txt'));
    assert.doesNotMatch(t, /Leave a Comment/);
    assert.match(t, /164 people were killed/);
    const w = cleanText(seed('000_a800c3035e3cdcb5.txt'));
    assert.doesNotMatch(w, /Washington Times$|can be reached at|Copyright/m);
    assert.match(cleanText(seed('002_6e0f9db512cb93e6.txt')), /Recently, Kazakhstan Large-scale/);
  });
});

describe('htmlToText', () => {
  it('turns block elements into paragraph breaks', () => {
    assert.match(htmlToText('<p>One</p><p>Two</p>'), /One\s*\n\n\s*Two/);
  });
});
