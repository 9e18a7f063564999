import { describe, expect, it } from 'vitest';
import { translationPerSentence } from '../../../../core/align/project.js';

describe('translationPerSentence', () => {
  it('pairs sentences one to one when the counts agree', () => {
    expect(translationPerSentence(['Det regner.', 'Det blåser.'], ['It rains.', 'It is windy.'])).toEqual(['It rains.', 'It is windy.']);
  });

  it('gives a single sentence the whole translated paragraph', () => {
    expect(translationPerSentence(['Ferja gikk på grunn ved Måløy.'], ['The ferry ran aground.', 'Near Måløy.'])).toEqual([
      'The ferry ran aground. Near Måløy.',
    ]);
  });

  it('cuts a translated sentence that covers two originals where the numbers and punctuation say', () => {
    const src = ['In 1953 erreichte die Mannschaft 7750 Meter.', 'Dann kehrte sie wegen des Sturms um.', 'Erst 1956 gelang der Gipfel.'];
    const mt = ["En 1953, l'équipe a atteint 7750 mètres; puis elle a fait demi-tour à cause de la tempête.", "Ce n'est qu'en 1956 que le sommet fut atteint."];
    const out = translationPerSentence(src, mt);
    expect(out).toEqual(["En 1953, l'équipe a atteint 7750 mètres;", 'puis elle a fait demi-tour à cause de la tempête.', "Ce n'est qu'en 1956 que le sommet fut atteint."]);
  });

  it('keeps every word, in order, when the translation has more sentences', () => {
    const src = ['Das Buch erschien 1956 in Bern: Hallwag, S. 161-177.', 'Es ist gut illustriert.'];
    const mt = ['Le livre est paru en 1956 à Berne: Hallwag, p.', '161-177.', 'Il est bien illustré.'];
    const out = translationPerSentence(src, mt);
    expect(out.join(' ')).toBe(mt.join(' '));
    expect(out[0]).toContain('161-177.');
    expect(out[1]).toBe('Il est bien illustré.');
  });

  it('copes with an empty translation and no sentences', () => {
    expect(translationPerSentence([], ['x'])).toEqual([]);
    expect(translationPerSentence(['A.', 'B.'], [])).toEqual(['', '']);
  });
});
