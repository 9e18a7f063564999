import { describe, expect, it } from 'vitest';
import { englishSpecificity, storyLexicon } from '../../../../core/text/lexicon';
import { ENGLISH_COMMONEST } from '../../../../core/text/english-common';

describe('English specificity', () => {
  it('ships a thousand distinct lower-case words, commonest first', () => {
    expect(ENGLISH_COMMONEST).toHaveLength(1000);
    expect(new Set(ENGLISH_COMMONEST).size).toBe(1000);
    expect(ENGLISH_COMMONEST.every((w) => /^[a-z][a-z'-]*$/.test(w))).toBe(true);
    expect(ENGLISH_COMMONEST.indexOf('the')).toBeLessThan(ENGLISH_COMMONEST.indexOf('government'));
  });

  it('weighs a common word less than a rarer one, and a word outside the list fully', () => {
    const common = englishSpecificity('year');
    const lessCommon = englishSpecificity(ENGLISH_COMMONEST[900]);
    expect(common).toBeGreaterThan(0);
    expect(common).toBeLessThan(lessCommon);
    expect(lessCommon).toBeLessThanOrEqual(1);
    expect(englishSpecificity('treason')).toBe(1);
    expect(englishSpecificity('kvernvik')).toBe(1);
    // Falls with frequency rank all the way down the list.
    for (let i = 1; i < ENGLISH_COMMONEST.length; i += 97) expect(englishSpecificity(ENGLISH_COMMONEST[i])).toBeGreaterThan(englishSpecificity(ENGLISH_COMMONEST[i - 1]));
  });

  it('speaks for English only: other languages count by the story alone', () => {
    const lex = storyLexicon();
    expect(lex.specificity!('year', 'en')).toBe(englishSpecificity('year'));
    expect(lex.specificity!('year', 'nb')).toBeNull();
  });
});
