import { describe, expect, it } from 'vitest';
import { alignComparable, alignComparableMany, buildIndex, rankSimilar } from '../../../../core/align/comparable.js';
import { syntheticComparable } from '../../../../bench/align.js';

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

describe('index features', () => {
  it('reads numbers the same whatever their thousands separator, and names with diacritics', () => {
    const index = buildIndex([
      'Rescuers counted 12 000 displaced people near the river.',
      'The ministry reported a budget of 4.5 billion.',
      'Le maire, Jürgen Åström, a visité la ville.',
    ]);
    expect(index.query('officials say 12,000 people were displaced', 1)[0]?.index).toBe(0);
    expect(index.query('officials say 12000 people were displaced', 1)[0]?.index).toBe(0);
    expect(index.query('A meeting with Jurgen Astrom today', 1)[0]?.index).toBe(2);
  });

  it('excludes an indexed paragraph from its own results and is deterministic', () => {
    const texts = [...pivotNo, ...pivotFr];
    const a = buildIndex(texts);
    const b = buildIndex(texts);
    for (let k = 0; k < texts.length; k++) {
      const hits = a.queryIndexed(k, 3);
      expect(hits.map((h) => h.index)).not.toContain(k);
      expect(b.queryIndexed(k, 3)).toEqual(hits);
    }
    expect(a.queryIndexed(texts.length, 3)).toEqual([]);
  });
});

describe('comparable alignment on a synthetic corpus with known facts', () => {
  it('links paragraphs reporting the same fact across the articles of an event', () => {
    const { texts, articleStart, fact } = syntheticComparable(2000);
    const docs = [0, 1, 2, 3, 4].map((a) => texts.slice(articleStart[a], articleStart[a + 1]));
    let found = 0;
    let correct = 0;
    let gold = 0;
    for (const pr of alignComparableMany(docs)) {
      const fa = articleStart[pr.docA];
      const fb = articleStart[pr.docB];
      for (const l of pr.links) {
        found++;
        if (fact[fa + l.a[0]] >= 0 && fact[fa + l.a[0]] === fact[fb + l.b[0]]) correct++;
      }
      for (let p = 0; p < docs[pr.docA].length; p++) {
        for (let q = 0; q < docs[pr.docB].length; q++) if (fact[fa + p] >= 0 && fact[fa + p] === fact[fb + q]) gold++;
      }
    }
    expect(gold).toBeGreaterThan(20);
    expect(correct / found).toBeGreaterThan(0.9);
    expect(correct / gold).toBeGreaterThan(0.8);
  });
});
