import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cleanText, decodeEntities, htmlToText } from '../../shared/domain/clean-text.ts';

const seed = (prefix: string) => {
  const dir = path.resolve(import.meta.dirname, '../../seeds/articles');
  const file = ['000_a800c3035e3cdcb5', '001_992130dcdfbdd538', '002_6e0f9db512cb93e6', '003_9d98a0feb667f65a', '004_6061ad9377617fa6'].find((f) => f.startsWith(prefix))!;
  return readFileSync(path.join(dir, `${file}.txt`), 'utf8');
};
const DEV = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'dev.jsonl');

describe('cleanText: words run together where markup was stripped', () => {
  const table: Array<[string, string]> = [
    ['Recently,KazakhstanLarge-scale protests broke out.', 'Recently, Kazakhstan Large-scale protests broke out.'],
    ['TokayevAlso said that at his request troops came.', 'Tokayev Also said that at his request troops came.'],
    ['KazakhHome Office says 26 armed criminals have been killed.', 'Kazakh Home Office says 26 armed criminals have been killed.'],
    ['KazakhstanIn the worst demonstrations in a decade.', 'Kazakhstan In the worst demonstrations in a decade.'],
    ['Chairman of the Party of China said. ChinaXi JinpingAn oral message was sent.', 'Chairman of the Party of China said. China Xi Jinping An oral message was sent.'],
    ['because Kazakhstan is close toXinjiang.', 'because Kazakhstan is close to Xinjiang.'],
    ['the President of KazakhstanTokayev(Kassym-Jomart Tokayev) said', 'the President of Kazakhstan Tokayev (Kassym-Jomart Tokayev) said'],
    ['said Feng Shaolei in Hong Kong.South China Morning Post.', 'said Feng Shaolei in Hong Kong. South China Morning Post.'],
    ['В Алматы прошли акции протестаВ понедельник власти ввели режим.', 'В Алматы прошли акции протеста В понедельник власти ввели режим.'],
    ['ТокаевТакже заявил о выводе войск.', 'Токаев Также заявил о выводе войск.'],
  ];
  for (const [input, expected] of table) it(input, () => assert.equal(cleanText(input), expected));

  const names = ['Mr. McDonald said so.', 'She bought an iPhone and an eBay voucher.', 'OpenAI and ChatGPT were not involved.', 'Kassym-Jomart Tokayev spoke.', 'LinkedIn, YouTube, WhatsApp and TikTok were blocked.', 'KazMunayGas and QazaqGaz raised prices.', 'MacArthur and DeSantis and O’Neill.', 'JavaScript and PowerPoint files.', 'PetroChina and SoftBank.', 'The U.S. and the E.U. said.'];
  for (const input of names) it(`keeps names whole: ${input}`, () => assert.equal(cleanText(input), input.replace('’', "'")));
});

describe('cleanText: furniture from the seed files and common sites', () => {
  const table: Array<[string, string, string]> = [
    ['"Leave a Comment"', 'Text.\n\nLeave a Comment', 'Text.'],
    ['the Akismet notice', 'Text.\n\nThis site uses Akismet to reduce spam. Learn how your comment data is processed.', 'Text.'],
    ['a site header line', '- The Washington Times\n\nBody.', 'Body.'],
    ['a weekday dateline', 'Monday, January 10, 2022\n\nBody.', 'Body.'],
    ['a day-month dateline with time', '27 Apr 2022 10:12 am\n\nBody.', 'Body.'],
    ['a Russian dateline', '10 января 2022, 12:30\n\nТекст.', 'Текст.'],
    ['an updated stamp', 'Updated: Jan. 10, 2022 at 3:04 p.m. GMT\n\nBody.', 'Body.'],
    ['a leading "date" stamp', ' date 2022-01-09 Kazakh President spoke.', 'Kazakh President spoke.'],
    ['an Epoch Times bracket and credit', '[Epoch Times News on January 10, 2022](Interviewed by The Epoch Times reporters Luo Ya and Li Jing) Recently, protests broke out.', 'Recently, protests broke out.'],
    ['an e-mail sign-off', 'Body.\n• Bill Gertz can be reached at bgertz@example.com.', 'Body.'],
    ['a copyright line', 'Body.\n\nCopyright © 2023 The Washington Times, LLC.', 'Body.'],
    ['"All rights reserved"', 'Body.\n\n© 2022 Example Media. All rights reserved.', 'Body.'],
    ['SEE ALSO links', 'Body.\n\nSEE ALSO: Putin sees win for Russia in Kazakhstan crackdown\n\nMore.', 'Body.\n\nMore.'],
    ['Related Articles links', 'Body.\n\nRelated Articles:  The Saudi foreign minister agreed with his Iranian counterpart to hold a meeting\n\nMore.', 'Body.\n\nMore.'],
    ['"More on the subject" links', 'Body.\n\nMore on the subject – Xi Jinping criticizes unilateral sanctions', 'Body.'],
    ['Russian "read also" links', 'Текст.\n\nЧитайте также: Токаев провёл совещание', 'Текст.'],
    ['an editor line', 'Body.\n\nEditor in charge: Gao Jing#', 'Body.'],
    ['"Source link"', 'Body.\n\nSource link', 'Body.'],
    ['a sharing and donation appeal', 'Body.\n\nBy blocking us, they aim to silence a source. If you like our articles, feel free to share them wherever you are active.', 'Body.'],
    ['a row of sharing buttons', 'Share | Tweet | Email | Print\n\nBody.', 'Body.'],
    ['a subscription appeal', 'Body.\n\nSubscribe to our newsletter for the latest news from Central Asia.', 'Body.'],
    ['a Russian subscription appeal', 'Текст.\n\nПодписывайтесь на наш канал в Telegram.', 'Текст.'],
    ['a "follow him on twitter" sentence', 'Gordon G. Chang is the author of a book. Follow him on twitter@GordonGChang.', 'Gordon G. Chang is the author of a book.'],
    ['Read more', 'Body.\n\nRead more', 'Body.'],
  ];
  for (const [name, input, expected] of table) it(`drops ${name}`, () => assert.equal(cleanText(input), expected));

  it('keeps sentences that merely start like furniture', () => {
    for (const keep of ['Share prices of KazMunayGas fell 5% on Monday.', 'Related talks in Moscow ended without agreement.', 'Sign language interpreters were present at the trial of 2022.', 'The court met on 10 January 2022 to hear the case.']) {
      assert.equal(cleanText(keep), keep);
    }
  });

  it('removes the title from the top of the text, with a trailing site name or tags', () => {
    assert.equal(cleanText('China warns of color revolution in Kazakhstan — RT EN\n\nBeijing has said it opposes it.', { title: 'China warns of color revolution in Kazakhstan' }), 'Beijing has said it opposes it.');
    assert.equal(cleanText('Analysis: Why | Russia | Xinjiang\n\nText.', { title: 'Analysis: Why' }), 'Text.');
    assert.equal(cleanText('Short title\n\nBody.', { title: 'Short title' }), 'Body.');
    assert.equal(cleanText('Kazakhstan lifts curfew in Almaty after two weeks of unrest and detentions', { title: 'Kazakhstan lifts curfew' }), 'Kazakhstan lifts curfew in Almaty after two weeks of unrest and detentions');
  });
});

describe('cleanText: whitespace, quotes, entities', () => {
  const table: Array<[string, string, string]> = [
    ['collapses whitespace and straightens curly quotes', 'A   “quoted”\t word ’s', 'A "quoted" word \'s'],
    ['keeps Russian guillemets', 'Партия «Нур Отан» заявила', 'Партия «Нур Отан» заявила'],
    ['removes spaces before punctuation', 'He said , then left .', 'He said, then left.'],
    ['drops doubled words left by stripped markup', 'said said Mr. Zhang', 'said Mr. Zhang'],
    ['keeps "had had"', 'He had had enough.', 'He had had enough.'],
    ['turns non-breaking and zero-width spaces into spaces or nothing', 'Kazakh\u00a0troops\u200b left', 'Kazakh troops left'],
    ['decodes entities in plain text', 'Tokayev &amp; the CSTO &#8212; &laquo;peace&raquo;', 'Tokayev & the CSTO — «peace»'],
    ['strips HTML and drops scripts', '<p>Tokayev &amp; the <b>CSTO</b></p><script>x()</script>', 'Tokayev & the CSTO'],
    ['paragraphs from HTML blocks', '<div><p>One.</p><p>Two.</p></div>', 'One.\n\nTwo.'],
    ['normalises line endings', 'One.\r\n\r\nTwo.', 'One.\n\nTwo.'],
    ['empty in, empty out', '   ', ''],
  ];
  for (const [name, input, expected] of table) it(name, () => assert.equal(cleanText(input), expected));
});

describe('cleanText on the seed files', () => {
  it('000: drops the header, dateline, SEE ALSO, byline and copyright; keeps the reporting', () => {
    const t = cleanText(seed('000'));
    assert.doesNotMatch(t, /Washington Times|Monday, January 10|SEE ALSO|can be reached|Copyright/);
    assert.match(t, /^The China-led Shanghai Cooperation Organization said/);
    assert.match(t, /The government reported that 164 people were killed in a government crackdown\.\n\nMoscow also dispatched troops/);
  });
  it('001: drops "Leave a Comment" and a doubled "said"', () => {
    const t = cleanText(seed('001'), { title: 'China-led Central Asian alliance to intervene in Kazakhstan' });
    assert.doesNotMatch(t, /Leave a Comment|said said/);
    assert.match(t, /^The China-led Shanghai Cooperation Organization has said/);
  });
  it('002: drops the title-and-tags line, the Epoch bracket, Related links, editor and Akismet; splits glued words', () => {
    const t = cleanText(seed('002'), { title: 'Analysis: Why does the CCP support Kazakhstan’s iron-fisted repression' });
    assert.match(t, /^Recently, Kazakhstan Large-scale protests broke out/);
    assert.match(t, /Tokayev Also said that at his request, Russia The peacekeeping force/);
    assert.match(t, /close to Xinjiang/);
    assert.doesNotMatch(t, /Epoch Times News on|Related Articles|Editor in charge|Akismet|Leave a Comment|\| Russia \|/);
  });
  it('003: drops the site name, dateline, "More on the subject", the appeal and "Source link"', () => {
    const t = cleanText(seed('003'), { title: 'China warns of color revolution in Kazakhstan' });
    assert.match(t, /^Beijing has said it opposes foreign intervention in Kazakhstan\./);
    assert.doesNotMatch(t, /RT EN|27 Apr 2022|More on the subject|If you like our articles|Source link/);
    assert.match(t, /it did not do so during the January unrest\.$/);
  });
  it('004: drops the date stamp and the twitter handle', () => {
    const t = cleanText(seed('004'));
    assert.match(t, /^Kazakh President Kassym-Jomart Tokayev on Friday ordered/);
    assert.match(t, /Kazakh Home Office says 26 armed criminals/);
    assert.doesNotMatch(t, /twitter@|date 2022/);
  });
});

describe('cleanText on the labelled dev set', { skip: !existsSync(DEV) && 'no ../shared/eval/dev.jsonl' }, () => {
  it('drops no paragraph of a clean report', () => {
    const lines = existsSync(DEV) ? readFileSync(DEV, 'utf8').trim().split('\n') : [];
    for (const line of lines) {
      const { id, title, text } = JSON.parse(line) as { id: string; title: string; text: string };
      const cleaned = cleanText(text, { title });
      for (const p of text.split(/\n+/).filter((x) => x.trim())) assert.ok(cleaned.includes(cleanText(p)), `${id}: ${p.slice(0, 80)}`);
    }
  });
});

describe('htmlToText', () => {
  it('turns block elements into paragraph breaks and <br> into line breaks', () => {
    assert.match(htmlToText('<p>One</p><p>Two<br>Three</p>'), /One\s*\n\n\s*Two\n\s*Three/);
  });
  it('drops navigation, asides, captions, forms and comments', () => {
    const t = htmlToText('<nav>Home | World</nav><p>Story.</p><figure><img src="x"><figcaption>Photo: AP</figcaption></figure><aside>Related</aside><!-- ad --><form>Subscribe</form>');
    assert.equal(t.replace(/\s+/g, ' ').trim(), 'Story.');
  });
  it('keeps link text and separates inline elements', () => {
    assert.equal(htmlToText('<a href="/x">Tokayev</a><b>said</b>').replace(/\s+/g, ' ').trim(), 'Tokayev said');
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric references and leaves unknown ones', () => {
    assert.equal(decodeEntities('&quot;&#39;&#x41;&mdash;&unknown;&#xD800;'), '"\'A—&unknown;&#xD800;');
  });
});
