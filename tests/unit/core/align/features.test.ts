import { describe, expect, it } from 'vitest';
import { nameHashes, normalizeForNgrams } from '../../../../core/align/features.js';

// The general definition, which the one-pass Latin path must reproduce exactly.
const reference = (text: string): string => {
  const s = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/(\p{N})[.,'’\u00a0\u202f ](?=\p{N}{3}(?!\p{N}))/gu, '$1');
  return ' ' + s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim() + ' ';
};

describe('normalizeForNgrams', () => {
  it('folds case and diacritics and keeps thousands together', () => {
    expect(normalizeForNgrams('Über 8.847 Meter – « Éverest »')).toBe(' uber 8847 meter everest ');
    expect(normalizeForNgrams('Łódź 1 234 567, Ærø')).toBe(' łodz 1234567 ærø ');
    expect(normalizeForNgrams('ΟΔΟΣ Σ')).toBe(reference('ΟΔΟΣ Σ'));
  });

  it('matches the general definition on random Latin, punctuation, digits and combining marks', () => {
    const alphabet = [...'aBcÄöüßéÈçñÅøæŒœİıĳǄǅǆ0123456789²¼.,\' ’\u00a0\u202f-–—„“”«»()?!:;\u0301\u0308xyzÉÑŁłŠžĐđΣσ'];
    let seed = 1;
    const rnd = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let n = 0; n < 20000; n++) {
      let s = '';
      const len = 1 + Math.floor(rnd() * 20);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(normalizeForNgrams(s), JSON.stringify(s)).toBe(reference(s));
    }
  });
});

describe('name features', () => {
  it('finds the same capitalised words in one pass over Latin text as by the general definition', () => {
    expect(nameHashes('Orell Füssli 1956 vorliegt, « Himalaya-Chronik »')).toEqual(nameHashes('Orell Füssli 1956 vorliegt, « Himalaya-Chronik »', true));
    expect(nameHashes('Das Buch von Jean Franco').length).toBe(3);
    const alphabet = [...'aBcÄöüßéÈçñÅøæŒœİıĳǄǅǆŉ0123456789²¼.,\' ’\u00a0\u202f-–—„“”«»()?!:;\u0301\u0308xyzÉÑŁłŠžĐđ '];
    let seed = 7;
    const rnd = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let n = 0; n < 20000; n++) {
      let s = '';
      const len = 1 + Math.floor(rnd() * 24);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(nameHashes(s), JSON.stringify(s)).toEqual(nameHashes(s, true));
    }
  });
});
