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

  it('does not pair sentence k with translated sentence k when the counts agree only by accident', () => {
    // The original splits after "Mrs.", the translation after the list number "7." instead:
    // three sentences each, but only the last pair matches.
    const src = ['Turen ble ledet av Mrs.', 'Joyce Smith fra London i 1956.', '7. Deretter fulgte en ny ekspedisjon til Manaslu i 1957.'];
    const mt = ['The trip was led by Mrs. Joyce Smith from London in 1956.', '7.', 'Then a new expedition to Manaslu followed in 1957.'];
    expect(translationPerSentence(src, mt)).toEqual(['The trip was led by Mrs.', 'Joyce Smith from London in 1956.', '7. Then a new expedition to Manaslu followed in 1957.']);
  });

  it('cuts between two words without punctuation when the shared names say so', () => {
    // The splitter ends a sentence after the abbreviation "dr.", which the translation writes
    // without a full stop; the commas of the translation are the wrong places to cut.
    const src = ['I mai 1956 ble ekspedisjonen ledet av dr.', 'Hansen fra Bergen, som nådde breen.'];
    const mt = ['In May 1956, the expedition was led by Dr Hansen from Bergen, who reached the glacier.'];
    expect(translationPerSentence(src, mt)).toEqual(['In May 1956, the expedition was led by Dr', 'Hansen from Bergen, who reached the glacier.']);
  });

  it('still gives each sentence its own translated sentence when the two split alike', () => {
    const src = ['Brua ble åpnet i 1962.', 'Den er 1 200 meter lang og har seks spenn.', 'Bompengene ble fjernet i 1985.'];
    const mt = ['The bridge opened in 1962.', 'It is 1,200 metres long and has six spans.', 'The tolls were removed in 1985.'];
    expect(translationPerSentence(src, mt)).toEqual(mt);
  });

  it('shares a long paragraph out by its numbers, every word kept in order', () => {
    // Thirty sentences; the translation joins 10 with 11 and 20 with 21 into one sentence each.
    const src = Array.from({ length: 30 }, (_, k) => `Toppen nummer ${k} i lista er ${2000 + k} meter høy.`);
    const en = (k: number): string => `peak number ${k} on the list is ${2000 + k} metres high`;
    const mt: string[] = [];
    for (let k = 0; k < 30; k++) {
      if (k === 10 || k === 20) mt.push(`The ${en(k)}, and the ${en(k + 1)}.`), k++;
      else mt.push(`The ${en(k)}.`);
    }
    const out = translationPerSentence(src, mt);
    expect(out.join(' ')).toBe(mt.join(' '));
    expect(out.map((piece, k) => piece.includes(`${2000 + k} metres`))).toEqual(src.map(() => true));
    expect(out[10]).toBe('The peak number 10 on the list is 2010 metres high,');
  });

  it('copes with an empty translation and no sentences', () => {
    expect(translationPerSentence([], ['x'])).toEqual([]);
    expect(translationPerSentence(['A.', 'B.'], [])).toEqual(['', '']);
  });
});
