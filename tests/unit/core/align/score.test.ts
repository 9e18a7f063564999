import { describe, expect, it } from 'vitest';
import { precisionByDecile, scoreAlignment } from '../../../../core/align/score.js';

describe('scoreAlignment', () => {
  const gold = [
    { src: [0], tgt: [0] },
    { src: [1, 2], tgt: [1] },
    { src: [3], tgt: [2, 3] },
    { src: [], tgt: [4] },
    { src: [4], tgt: [5] },
  ];

  it('computes strict and lax precision/recall/F1 by hand', () => {
    const test = [
      { src: [0], tgt: [0] }, // strict hit
      { src: [1], tgt: [1] }, // lax only (overlaps [1,2]:[1])
      { src: [2], tgt: [] }, // null: not scored
      { src: [3], tgt: [2, 3, 4] }, // lax only
      { src: [4], tgt: [5] }, // strict hit
    ];
    const s = scoreAlignment(gold, test);
    // 4 scored test beads, 4 scored gold beads (the null gold bead is excluded).
    expect(s.testBeads).toBe(4);
    expect(s.goldBeads).toBe(4);
    expect(s.strict.precision).toBeCloseTo(2 / 4);
    expect(s.strict.recall).toBeCloseTo(2 / 4);
    expect(s.strict.f1).toBeCloseTo(0.5);
    expect(s.lax.precision).toBeCloseTo(1);
    expect(s.lax.recall).toBeCloseTo(1);
  });

  it('counts lax misses and asymmetric precision/recall', () => {
    const test = [
      { src: [0, 1], tgt: [0, 1] }, // overlaps gold 0 and gold [1,2]:[1] -> lax
      { src: [2, 3], tgt: [2] }, // src 2 belongs to [1,2]:[1] but tgt 2 not: overlaps [3]:[2,3] -> lax
      { src: [4], tgt: [3] }, // no gold bead with src 4 and tgt 3 -> wrong
    ];
    const s = scoreAlignment(gold, test);
    expect(s.strict.precision).toBe(0);
    expect(s.lax.precision).toBeCloseTo(2 / 3);
    // Gold beads 0, [1,2]:[1] and [3]:[2,3] overlap some test bead; [4]:[5] does not.
    expect(s.lax.recall).toBeCloseTo(3 / 4);
    expect(s.lax.f1).toBeCloseTo((2 * (2 / 3) * 0.75) / (2 / 3 + 0.75));
  });

  it('can include null beads', () => {
    const s = scoreAlignment(gold, [...gold], { includeNull: true });
    expect(s.goldBeads).toBe(5);
    expect(s.strict.f1).toBe(1);
  });

  it('groups precision by confidence decile', () => {
    const test = Array.from({ length: 20 }, (_, k) => ({ src: [k], tgt: [k % 2 === 0 || k < 10 ? k : k + 1], confidence: 1 - k / 20 }));
    const g = Array.from({ length: 20 }, (_, k) => ({ src: [k], tgt: [k] }));
    const rows = precisionByDecile(g, test);
    expect(rows).toHaveLength(10);
    expect(rows[0].count).toBe(2);
    expect(rows[0].strictPrecision).toBe(1);
    expect(rows[9].strictPrecision).toBe(0.5);
    expect(rows[0].maxConfidence).toBe(1);
  });
});
