import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../../core/text/sentences';
import { extendAbbreviations } from '../../../../core/text/abbreviations';

const sentences = (text: string, lang: string) => splitSentences(text, lang).map(([s, e]) => text.slice(s, e));

describe('sentence splitting', () => {
  it('does not end sentences at abbreviations, per language', () => {
    expect(sentences('Fergen gikk kl. 07.40 fra kaien. Den hadde bl.a. to lastebiler om bord. Alle kom seg i land.', 'nb')).toEqual([
      'Fergen gikk kl. 07.40 fra kaien.', 'Den hadde bl.a. to lastebiler om bord.', 'Alle kom seg i land.',
    ]);
    expect(sentences('Mr. Berg and Dr. Lund spoke first. Then the mayor arrived.', 'en')).toEqual(['Mr. Berg and Dr. Lund spoke first.', 'Then the mayor arrived.']);
    expect(sentences('Er kam z.B. am 12. Januar an. Dann ging er.', 'de')).toEqual(['Er kam z.B. am 12. Januar an.', 'Dann ging er.']);
    expect(sentences('Lautta lähti klo 7. Mukana oli esim. kaksi rekkaa. Kaikki pelastuivat.', 'fi')).toEqual(['Lautta lähti klo 7.', 'Mukana oli esim. kaksi rekkaa.', 'Kaikki pelastuivat.']);
    expect(sentences('Färjan hade bl.a. bilar ombord. Ingen skadades.', 'sv')).toEqual(['Färjan hade bl.a. bilar ombord.', 'Ingen skadades.']);
  });

  it('keeps initials with the name', () => {
    expect(sentences('The report was written by G. O. Lund. It was short.', 'en')).toEqual(['The report was written by G. O. Lund.', 'It was short.']);
  });

  it('returns UTF-16 offsets into the paragraph, without trailing spaces', () => {
    const text = 'Ja! 🙂 Nei?  Kanskje.';
    const spans = splitSentences(text, 'nb');
    for (const [s, e] of spans) expect(text.slice(s, e)).toBe(text.slice(s, e).trim());
    expect(spans[spans.length - 1][1]).toBe(text.length);
  });

  it('splits a very long paragraph the same way, abbreviations included, wherever it is cut into chunks', () => {
    const a = 'Fergen gikk på grunn ved øya kl. 10.';
    const b = 'Mr. Berg, bl.a. sjefen, sa det.';
    const text = `${a} ${b} `.repeat(2000);
    const got = sentences(text, 'nb');
    expect(got).toHaveLength(4000);
    expect(got.every((s, i) => s === (i % 2 ? b : a))).toBe(true);
  });

  it('takes user-added abbreviations', () => {
    const text = 'Han jobber i avd. Nord-Vest. Resten er uendret.';
    expect(sentences(text, 'nb')).toHaveLength(3);
    extendAbbreviations('nb', ['avd.']);
    expect(sentences(text, 'nb')).toEqual(['Han jobber i avd. Nord-Vest.', 'Resten er uendret.']);
  });
});
