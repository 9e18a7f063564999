import { describe, expect, it } from 'vitest';
import { addCounts, beadTypeConfusion, NO_COUNTS, pooledPrecisionByDecile, precisionByDecile, scoreAlignment, scoreCounts, scoreFromCounts } from '../../../../core/align/score.js';

// A hand-made gold with a 2-1, a 1-2, a target segment and a source segment without counterpart.
const GOLD = [
  { src: [0], tgt: [0] },
  { src: [1, 2], tgt: [1] },
  { src: [3], tgt: [2, 3] },
  { src: [], tgt: [4] },
  { src: [4], tgt: [5] },
  { src: [5], tgt: [] },
];

describe('scoreAlignment by Bleualign rules (the default)', () => {
  const gold = GOLD;
  const test = [
    { src: [0], tgt: [0] }, // strict hit
    { src: [1], tgt: [1] }, // lax hit only: overlaps [1, 2]:[1]
    { src: [2], tgt: [] }, // empty side, not in the gold: a miss on both counts
    { src: [3], tgt: [2, 3] }, // strict hit
    { src: [], tgt: [4] }, // empty side, listed in the gold: a strict hit
    { src: [4], tgt: [5] }, // strict hit
    { src: [5], tgt: [] }, // empty side, listed in the gold: a strict hit
    { src: [], tgt: [] }, // fully empty: ignored
  ];

  it('counts test beads with an empty side in precision, gold beads with one only never in recall', () => {
    const s = scoreAlignment(gold, test);
    expect(s.rules).toBe('bleualign');
    expect(s.counts).toEqual({ testBeads: 7, strictTp: 5, laxTp: 6, goldBeads: 4, strictFound: 3, laxFound: 4 });
    expect(s.strict.precision).toBeCloseTo(5 / 7, 12);
    expect(s.strict.recall).toBeCloseTo(3 / 4, 12);
    expect(s.strict.f1).toBeCloseTo(30 / 41, 12);
    expect(s.lax.precision).toBeCloseTo(6 / 7, 12);
    expect(s.lax.recall).toBe(1);
    expect(s.lax.f1).toBeCloseTo((2 * (6 / 7)) / (6 / 7 + 1), 12);
  });

  it('a gold copied as the test scores 1 however many null beads it has', () => {
    const s = scoreAlignment(gold, gold);
    expect(s.strict.f1).toBe(1);
    expect(s.testBeads).toBe(6);
    expect(s.goldBeads).toBe(4);
  });

  it('the linked rules leave every bead with an empty side out', () => {
    const s = scoreAlignment(gold, test, { rules: 'linked' });
    expect(s.counts).toEqual({ testBeads: 4, strictTp: 3, laxTp: 4, goldBeads: 4, strictFound: 3, laxFound: 4 });
    expect(s.strict.f1).toBeCloseTo(0.75, 12);
    expect(s.lax.f1).toBe(1);
  });

  it('counts lax misses and asymmetric precision/recall', () => {
    const t = [
      { src: [0, 1], tgt: [0, 1] }, // overlaps gold 0 and gold [1,2]:[1] -> lax
      { src: [2, 3], tgt: [2] }, // overlaps [3]:[2,3] -> lax
      { src: [4], tgt: [3] }, // no gold bead with src 4 and tgt 3 -> wrong
    ];
    const s = scoreAlignment(gold, t);
    expect(s.strict.precision).toBe(0);
    expect(s.lax.precision).toBeCloseTo(2 / 3);
    expect(s.lax.recall).toBeCloseTo(3 / 4);
  });

  it('pools texts as Bleualign pools articles: sums of counts, then ratios', () => {
    const a = scoreCounts(gold, test);
    const b = scoreCounts([{ src: [0], tgt: [0] }], [{ src: [0], tgt: [1] }]);
    const pooled = scoreFromCounts(addCounts(addCounts(NO_COUNTS, a), b));
    expect(pooled.strict.precision).toBeCloseTo(5 / 8, 12);
    expect(pooled.strict.recall).toBeCloseTo(3 / 5, 12);
  });

  it('scores nothing as zero rather than dividing by it', () => {
    const s = scoreAlignment([], []);
    expect(s.strict.f1).toBe(0);
    expect(s.lax.precision).toBe(0);
  });
});

describe('precisionByDecile', () => {
  it('groups precision by confidence decile', () => {
    const test = Array.from({ length: 20 }, (_, k) => ({ src: [k], tgt: [k % 2 === 0 || k < 10 ? k : k + 1], confidence: 1 - k / 20 }));
    const g = Array.from({ length: 20 }, (_, k) => ({ src: [k], tgt: [k] }));
    const rows = precisionByDecile(g, test);
    expect(rows).toHaveLength(10);
    expect(rows[0].count).toBe(2);
    expect(rows[0].strictPrecision).toBe(1);
    expect(rows[9].strictPrecision).toBe(0.5);
    expect(rows[0].maxConfidence).toBe(1);
    // The two most confident beads: 1 and 0.95.
    expect(rows[0].meanConfidence).toBeCloseTo(0.975, 10);
    expect(rows[9].meanConfidence).toBeCloseTo((0.1 + 0.05) / 2, 10);
  });

  it('judges each text against its own gold when pooling', () => {
    const rows = pooledPrecisionByDecile([
      { gold: [{ src: [0], tgt: [0] }], test: [{ src: [0], tgt: [0], confidence: 0.9 }] },
      { gold: [{ src: [0], tgt: [1] }], test: [{ src: [0], tgt: [0], confidence: 0.1 }] },
    ]);
    expect(rows.filter((r) => r.count > 0).map((r) => r.strictPrecision)).toEqual([1, 0]);
  });
});

describe('beadTypeConfusion', () => {
  // Gold: 1-1, 2-1, 1-2, an insertion, 1-1. Test: the first pair right, the 2-1 split into a
  // pair and a deletion, the 1-2 right, the insertion glued onto the last pair.
  const gold = GOLD.slice(0, 5);
  const test = [
    { src: [0], tgt: [0] },
    { src: [1], tgt: [1] },
    { src: [2], tgt: [] },
    { src: [3], tgt: [2, 3] },
    { src: [4], tgt: [4, 5] },
    { src: [], tgt: [] },
  ];

  it('tells per gold shape how many beads were found and what the missed ones became', () => {
    const c = beadTypeConfusion(gold, test);
    expect(c.byGold).toEqual([
      { type: '1-1', gold: 2, found: 1, instead: { '1-2': 1 } },
      { type: '0-1', gold: 1, found: 0, instead: { '1-2': 1 } },
      { type: '1-2', gold: 1, found: 1, instead: {} },
      { type: '2-1', gold: 1, found: 0, instead: { '1-1+1-0': 1 } },
    ]);
  });

  it('counts the test beads the gold does not have by their shape, leaving fully empty beads out', () => {
    expect(beadTypeConfusion(gold, test).wrongByTest).toEqual({ '1-1': 1, '1-0': 1, '1-2': 1 });
  });

  it('finds nothing wrong when the test is the gold', () => {
    const c = beadTypeConfusion(gold, gold);
    expect(c.wrongByTest).toEqual({});
    expect(c.byGold.every((r) => r.found === r.gold && Object.keys(r.instead).length === 0)).toBe(true);
  });
});
