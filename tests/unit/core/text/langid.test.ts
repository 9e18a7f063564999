import { describe, expect, it } from 'vitest';
import { identifyDocumentLanguage, identifyLanguage, LANG_UNSURE_BELOW, LIKELY_LANGUAGES } from '../../../../core/text/langid';
import { toDeepLSource } from '../../../../core/mt/languages';
import { NEWS, NYNORSK } from '../../../fixtures/langid/news';

describe('language identification', () => {
  it('covers every language DeepL takes as a source', () => {
    expect(Object.keys(NEWS).sort()).toEqual([...LIKELY_LANGUAGES].filter((l) => l !== 'nn').sort());
    // Every language the DeepL table names is one the identifier favours.
    for (const lang of LIKELY_LANGUAGES) if (toDeepLSource(lang)) expect(LIKELY_LANGUAGES.has(lang)).toBe(true);
  });

  for (const [lang, texts] of Object.entries(NEWS)) {
    it(`identifies a two-sentence news text in ${lang}`, () => {
      for (const text of texts) expect(identifyDocumentLanguage([text]).lang, text).toBe(lang);
    });
  }

  it('tells Danish, Norwegian and Swedish apart on two-sentence news texts, and Nynorsk from Bokmål', () => {
    for (const lang of ['da', 'nb', 'sv']) {
      for (const text of NEWS[lang]) {
        const guess = identifyDocumentLanguage([text]);
        expect(guess.lang, text).toBe(lang);
        // The other two never come first, and the right one leads the next by a margin.
        expect(guess.scores[0].score - guess.scores[1].score, text).toBeGreaterThan(0.3);
      }
    }
    expect(identifyDocumentLanguage(NYNORSK).lang).toBe('nn');
  });

  it('is sure of a whole article, and the confidence grows with the evidence', () => {
    const article = [...NEWS.nb, ...NEWS.nb.map((t) => t.split('. ').reverse().join('. '))];
    const whole = identifyDocumentLanguage(article);
    expect(whole.lang).toBe('nb');
    expect(whole.unsure).toBe(false);
    expect(whole.confidence).toBeGreaterThan(Math.max(...NEWS.nb.map((t) => identifyLanguage(t).confidence)));
  });

  it('says unsure, not a confident wrong answer, when the text is too short to tell', () => {
    for (const text of ['Ja.', 'OK', 'Tokajev', 'Helsingborg 2030']) {
      const guess = identifyDocumentLanguage([text]);
      expect(guess.unsure || guess.confidence < LANG_UNSURE_BELOW, text).toBe(true);
    }
    expect(identifyDocumentLanguage(['12345 !!! ---'])).toMatchObject({ lang: 'und', confidence: 0, unsure: true });
  });

  it('reads Chinese without kana as Chinese, and Japanese with kana as Japanese', () => {
    expect(identifyLanguage('警方表示，没有人受伤。').lang).toBe('zh');
    expect(identifyLanguage('警察によると、けが人はいません。').lang).toBe('ja');
  });

  it('flags the paragraphs of an article that are in another language', () => {
    const nb = NEWS.nb.join(' ');
    const paragraphs = [
      'Fergen gikk på grunn',
      nb,
      NEWS.en[0],
      ...NEWS.nb,
      NEWS.de[0],
      'Foto: NTB',
    ];
    const guess = identifyDocumentLanguage(paragraphs);
    expect(guess.lang).toBe('nb');
    expect(guess.otherLanguages).toEqual([
      { lang: 'de', paragraphs: [6] },
      { lang: 'en', paragraphs: [2] },
    ]);
  });

  it('does not flag a document in one language', () => {
    for (const lang of ['da', 'nb', 'sv']) {
      const guess = identifyDocumentLanguage([...NEWS[lang], ...NEWS[lang]]);
      expect(guess.otherLanguages, lang).toEqual([]);
    }
  });
});
