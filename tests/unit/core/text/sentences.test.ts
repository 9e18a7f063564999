import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../../core/text/sentences';
import { abbreviationRules } from '../../../../core/text/abbreviations';
import { cldrSuppressions, internationalSuppressions } from '../../../../core/text/cldr';

const sentences = (text: string, lang: string, project?: Record<string, string[]>) => splitSentences(text, lang, project).map(([s, e]) => text.slice(s, e));

describe('sentence splitting', () => {
  it('reads CLDR suppression lists from the package, per language, and the ones several languages share', () => {
    expect(cldrSuppressions('de')).toContain('z.B.');
    expect(cldrSuppressions('fr')).toContain('M.');
    expect(cldrSuppressions('ru')).toContain('проф.');
    expect(cldrSuppressions('nb')).toEqual([]);
    expect(internationalSuppressions()).toEqual(expect.arrayContaining(['Dr.', 'U.S.', 'Ltd.']));
    expect(abbreviationRules('de').prefixes.get('D.')).toContainEqual({ prefix: 'D.', rests: ['h.'] });
  });

  it('does not end sentences at abbreviations, in languages CLDR covers', () => {
    expect(sentences('Mr. Berg and Dr. Lund spoke first. Then the mayor arrived.', 'en')).toEqual(['Mr. Berg and Dr. Lund spoke first.', 'Then the mayor arrived.']);
    expect(sentences('The U.S. Army left at 5 p.m. on Friday. Nobody stayed.', 'en-GB')).toEqual(['The U.S. Army left at 5 p.m. on Friday.', 'Nobody stayed.']);
    expect(sentences('Er kam z.B. am 12. Januar an. Dann ging er.', 'de')).toEqual(['Er kam z.B. am 12. Januar an.', 'Dann ging er.']);
    expect(sentences('Das Buch von Dr. Meier liegt vor. Vgl. Abs. 3 der Satzung. Es gilt z. B. für Vereine.', 'de')).toEqual([
      'Das Buch von Dr. Meier liegt vor.', 'Vgl. Abs. 3 der Satzung.', 'Es gilt z. B. für Vereine.',
    ]);
    expect(sentences('M. Dupont est arrivé hier. Il a salué Mme Martin.', 'fr')).toEqual(['M. Dupont est arrivé hier.', 'Il a salué Mme Martin.']);
    expect(sentences('El Sr. García llegó tarde. La Dra. Pérez lo esperaba.', 'es')).toEqual(['El Sr. García llegó tarde.', 'La Dra. Pérez lo esperaba.']);
    expect(sentences('Лекцию читал проф. Иванов. Все слушали.', 'ru')).toEqual(['Лекцию читал проф. Иванов.', 'Все слушали.']);
  });

  it('handles Nordic and Central European text through general rules: short forms, initials, ordinals', () => {
    expect(sentences('Fergen gikk kl. 07.40 fra kaien. Den hadde bl.a. to lastebiler om bord. Alle kom seg i land.', 'nb')).toEqual([
      'Fergen gikk kl. 07.40 fra kaien.', 'Den hadde bl.a. to lastebiler om bord.', 'Alle kom seg i land.',
    ]);
    expect(sentences('Møtet var 3. januar i Oslo. Der talte U.S. Department of State sin utsending.', 'no')).toEqual([
      'Møtet var 3. januar i Oslo.', 'Der talte U.S. Department of State sin utsending.',
    ]);
    expect(sentences('Lautta lähti klo 7. Mukana oli esim. kaksi rekkaa. Kaikki pelastuivat.', 'fi')).toEqual(['Lautta lähti klo 7.', 'Mukana oli esim. kaksi rekkaa.', 'Kaikki pelastuivat.']);
    expect(sentences('Färjan hade bl.a. bilar ombord. Ingen skadades.', 'sv')).toEqual(['Färjan hade bl.a. bilar ombord.', 'Ingen skadades.']);
    expect(sentences('Narodil se 3. ledna 1950 v Praze. Později studoval v Brně.', 'cs')).toEqual(['Narodil se 3. ledna 1950 v Praze.', 'Později studoval v Brně.']);
    expect(sentences('Spotkanie odbyło się w Warszawie. Wzięło w nim udział ok. 300 osób.', 'pl')).toEqual(['Spotkanie odbyło się w Warszawie.', 'Wzięło w nim udział ok. 300 osób.']);
    expect(sentences('The report was written by G. O. Lund. It was short.', 'en')).toEqual(['The report was written by G. O. Lund.', 'It was short.']);
  });

  it('ends a sentence at a number where the language writes no ordinal dot', () => {
    // Swedish dates have no dot after the day ("3 januari"): "klockan 7." ends the sentence.
    expect(sentences('Vi kom klockan 7. Januari var kall.', 'sv')).toEqual(['Vi kom klockan 7.', 'Januari var kall.']);
    expect(sentences('Wir kamen am 7. Januar war es kalt.', 'de')).toEqual(['Wir kamen am 7. Januar war es kalt.']);
  });

  it('splits Japanese and Chinese at 。！？ with no space after them', () => {
    expect(sentences('今日は晴れです。明日は雨でしょう！本当ですか？「はい。」と彼は言った。', 'ja')).toEqual([
      '今日は晴れです。', '明日は雨でしょう！', '本当ですか？', '「はい。」と彼は言った。',
    ]);
    expect(sentences('今天天气很好。明天会下雨吗？会的！', 'zh-Hans')).toEqual(['今天天气很好。', '明天会下雨吗？', '会的！']);
    expect(sentences('只有一句话没有句号', 'zh')).toEqual(['只有一句话没有句号']);
  });

  it('splits Thai at spaces between clauses, not inside short phrases or next to numbers', () => {
    const a = 'วันนี้อากาศดีมากและท้องฟ้าแจ่มใส';
    const b = 'ฉันจะไปตลาดกับแม่ในตอนเช้า';
    const c = 'พรุ่งนี้ฝนจะตกหนักทั้งวัน';
    expect(sentences(`${a} ${b} ${c}`, 'th')).toEqual([a, b, c]);
    // A short phrase before a space stays with what follows; so do prices and repeated words (ๆ).
    expect(sentences(`ราคา 100 บาท ${b}`, 'th')).toEqual([`ราคา 100 บาท ${b}`]);
    expect(sentences(`เด็ก ๆ ${b}`, 'th')).toEqual([`เด็ก ๆ ${b}`]);
  });

  it('knows other scripts\' sentence terminals', () => {
    expect(sentences('Τι κάνεις; Καλά είμαι.', 'el')).toEqual(['Τι κάνεις;', 'Καλά είμαι.']);
    expect(sentences('هل أنت بخير؟ نعم، شكرا.', 'ar')).toEqual(['هل أنت بخير؟', 'نعم، شكرا.']);
  });

  it('starts a sentence with the list number that follows a sentence end', () => {
    expect(sentences('Die Saison war gut. 8. Von den Gipfeln blieb einer frei.', 'de')).toEqual(['Die Saison war gut.', '8. Von den Gipfeln blieb einer frei.']);
    expect(sentences('The season was good. 2. The next peak fell.', 'en')).toEqual(['The season was good.', '2. The next peak fell.']);
  });

  it('keeps a stray closing quote with the sentence before it', () => {
    expect(sentences('He said: "We have work to do there. "', 'en')).toEqual(['He said: "We have work to do there. "']);
  });

  it('returns UTF-16 offsets into the paragraph, without surrounding spaces', () => {
    const text = ' Ja! 🙂 Nei?  Kanskje. ';
    const spans = splitSentences(text, 'nb');
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['Ja!', '🙂 Nei?', 'Kanskje.']);
    for (const [s, e] of spans) expect(text.slice(s, e)).toBe(text.slice(s, e).trim());
  });

  it('splits a very long paragraph the same way, abbreviations included, wherever it is cut into chunks', () => {
    const a = 'Fergen gikk på grunn ved øya kl. 10.';
    const b = 'Dr. Berg, bl.a. sjefen, sa det.';
    const text = `${a} ${b} `.repeat(2000);
    const got = sentences(text, 'nb');
    expect(got).toHaveLength(4000);
    expect(got.every((s, i) => s === (i % 2 ? b : a))).toBe(true);
    const ja = '今日は晴れです。'.repeat(3000);
    expect(sentences(ja, 'ja')).toHaveLength(3000);
  });

  it('takes a project\'s own abbreviations for that call only', () => {
    const text = 'Han jobber i avd. Nord-Vest. Resten er uendret.';
    expect(sentences(text, 'nb')).toHaveLength(3);
    expect(sentences(text, 'nb', { nb: ['avd'] })).toEqual(['Han jobber i avd. Nord-Vest.', 'Resten er uendret.']);
    // Another project, or the same language without the word, is not affected.
    expect(sentences(text, 'nb')).toHaveLength(3);
    expect(sentences(text, 'nb', { da: ['avd'] })).toHaveLength(3);
    expect(sentences('Det gjelder pkt. 4 i avtalen. Ferdig.', 'nb', { nb: ['pkt.'] })).toEqual(['Det gjelder pkt. 4 i avtalen.', 'Ferdig.']);
  });
});
