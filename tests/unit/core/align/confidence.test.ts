import { describe, expect, it } from 'vitest';
import { confidenceFeatures, confidenceOf } from '../../../../core/align/confidence.js';

describe('bead confidence', () => {
  it('grows with the margin and is higher for 1-1 beads at equal margin', () => {
    expect(confidenceOf(1, 1, 1)).toBeGreaterThan(confidenceOf(0.2, 1, 1));
    expect(confidenceOf(0.5, 1, 1)).toBeGreaterThan(confidenceOf(0.5, 2, 1));
    expect(confidenceOf(50, 1, 1)).toBe(confidenceOf(3, 1, 1));
    for (const m of [0, 0.3, 1, 3]) {
      for (const [a, b] of [
        [1, 1],
        [2, 1],
        [0, 1],
      ]) {
        const c = confidenceOf(m, a, b);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }
    }
  });

  it('describes a bead by capped margin, 1-1, empty side and margin on an empty side', () => {
    expect(confidenceFeatures(5, 0, 1)).toEqual([3, 0, 1, 3]);
    expect(confidenceFeatures(0.5, 1, 1)).toEqual([0.5, 1, 0, 0]);
  });
});
