import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage } from '../../shared/domain/language.ts';

describe('detectLanguage', () => {
  const table: Array<[string, string]> = [
    ['en', 'Kazakh President Kassym-Jomart Tokayev said the CSTO peacekeepers would leave the country within ten days.'],
    ['ru', 'Токаев заявил, что миротворцы ОДКБ покинут страну в течение десяти дней, а режим ЧП в Алматы продлён.'],
    ['ru', 'ШОС и ОДКБ: в Нур-Султане обсудили итоги январских событий. Қасым-Жомарт Тоқаев выступил с речью о реформах в стране.'],
    ['kk', 'Тоқаев Қазақстан халқына үндеу жасады. Ел бойынша төтенше жағдай жариялануда және ұлттық қауіпсіздік комитеті жұмыс істейді.'],
    ['uk', 'Президент України заявив, що ситуація в Казахстані є загрозою для всього регіону та її сусідів.'],
    ['ky', 'Кыргызстандын тынчтык орнотуучулары Казакстандан үйлөрүнө кайтып келишти, деп билдирди коргоо министрлиги. Өлкөдө абал туруктуу.'],
    ['de', 'Der Präsident sagte, dass die Truppen der OVKS das Land verlassen werden und die Lage ist ruhig.'],
    ['fr', "Les troupes de l'OTSC ont quitté le Kazakhstan, a annoncé le président dans un discours qui est attendu."],
    ['tr', 'Kazakistan Cumhurbaşkanı Tokayev, KGAÖ barış gücünün ülkeden çekileceğini açıkladı ve teşekkür etti.'],
    ['zh', '哈萨克斯坦总统托卡耶夫表示，集安组织维和部队将在十天内撤出。'],
    ['ja', 'カザフスタンのトカエフ大統領は、集団安全保障条約機構の部隊が撤退すると述べた。'],
    ['hy', 'ՀԱՊԿ-ի խաղաղապահները լքել են Ղազախստանը, հայտնել է պաշտպանության նախարարությունը։'],
    ['ar', 'قال رئيس كازاخستان إن قوات حفظ السلام ستغادر البلاد خلال عشرة أيام.'],
    ['und', 'Kazakhstan'],
    ['und', '12:30 — 2022'],
    ['und', ''],
  ];
  for (const [expected, text] of table) it(`${expected}: ${text.slice(0, 40)}`, () => assert.equal(detectLanguage(text), expected));

  it('goes by the dominant script: an English report quoting a Russian phrase stays English', () => {
    assert.equal(detectLanguage('The CSTO, known in Russian as ОДКБ, said its mission in Kazakhstan had ended and that all troops were home.'), 'en');
  });
});
