import { describe, expect, it } from 'vitest';
import { alignComparable, alignComparableMany, buildIndex, rankSimilar } from '../../../../core/align/comparable.js';

// Two independent reports of the same storm: a Norwegian and a French article, each given
// here by its English pivot translation (the original is kept alongside for reference).
const NO = [
  ['Stormen «Ingrid» traff Vestlandet natt til tirsdag.', 'The storm "Ingrid" hit Western Norway on Tuesday night.'],
  ['Ordføreren i Bergen, Kari Nilsen, sier at skolene holdes stengt.', 'The mayor of Bergen, Kari Nilsen, says the schools will stay closed.'],
  ['Vindkast på 42 meter per sekund ble målt på Utsira.', 'Gusts of 42 metres per second were measured on Utsira.'],
  ['Lokalavisen har i mange år skrevet om fiskeoppdrett.', 'The local newspaper has written about fish farming for many years.'],
  ['Rundt 12 000 husstander var uten strøm onsdag morgen.', 'About 12,000 households were without power on Wednesday morning.'],
];
const FR = [
  ["Environ 12 000 foyers étaient privés d'électricité mercredi matin, selon l'opérateur.", 'About 12,000 homes were without electricity on Wednesday morning, according to the operator.'],
  ['Le festival de jazz de Montreux annonce sa programmation.', 'The Montreux jazz festival announces its programme.'],
  ["La tempête Ingrid a frappé l'ouest de la Norvège dans la nuit de lundi à mardi.", 'Storm Ingrid hit western Norway during the night from Monday to Tuesday.'],
  ["Des rafales de 42 mètres par seconde ont été enregistrées sur l'île d'Utsira.", 'Gusts of 42 metres per second were recorded on the island of Utsira.'],
  ['Les prix du café augmentent en Europe.', 'Coffee prices are rising in Europe.'],
];

const pivotNo = NO.map((p) => p[1]);
const pivotFr = FR.map((p) => p[1]);

describe('alignComparable', () => {
  it('links paragraphs about the same facts, crossing allowed, and leaves the rest alone', () => {
    const links = alignComparable(pivotNo, pivotFr);
    const pairs = links.map((l) => [l.a[0], l.b[0]]);
    expect(pairs).toContainEqual([0, 2]);
    expect(pairs).toContainEqual([2, 3]);
    expect(pairs).toContainEqual([4, 0]);
    // Unrelated paragraphs (school closures, fish farming, jazz, coffee) stay unlinked.
    expect(pairs).toHaveLength(3);
    for (const l of links) expect(l.confidence).toBeGreaterThan(0.2);
  });

  it('aligns several documents pairwise', () => {
    const third = ['Utsira recorded gusts of 42 metres per second as Ingrid passed.', 'A new bridge opens in Lisbon.'];
    const res = alignComparableMany([pivotNo, pivotFr, third]);
    expect(res.map((r) => [r.docA, r.docB])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(res[1].links.map((l) => [l.a[0], l.b[0]])).toContainEqual([2, 0]);
    expect(res[2].links.map((l) => [l.a[0], l.b[0]])).toContainEqual([3, 0]);
  });
});

describe('index and rankSimilar', () => {
  it('builds once and answers many queries', () => {
    const index = buildIndex(pivotFr.map((text, k) => ({ id: `fr-${k}`, text })));
    expect(index.size).toBe(5);
    expect(index.query('How many households lost power: 12,000 on Wednesday', 2)[0].id).toBe('fr-0');
    expect(index.query('Montreux jazz festival', 1)[0].id).toBe('fr-1');
    expect(index.query('completely unrelated words here', 3)).toEqual([]);
  });

  it('ranks candidates given as a list', () => {
    const ranked = rankSimilar(
      'The wind reached 42 metres per second on Utsira.',
      pivotNo.map((text, k) => ({ id: k, text })),
      3,
    );
    expect(ranked[0].id).toBe(2);
    for (let k = 1; k < ranked.length; k++) expect(ranked[k].score).toBeLessThanOrEqual(ranked[k - 1].score);
  });
});
