import { describe, expect, it } from 'vitest';
import { confidenceFeatures, confidenceOf, fitLogistic } from '../../../../core/align/confidence.js';

describe('bead confidence', () => {
  it('grows with the margin and is higher for 1-1 beads at equal margin', () => {
    expect(confidenceOf(1, 1, 1)).toBeGreaterThan(confidenceOf(0.2, 1, 1));
    expect(confidenceOf(0.5, 1, 1)).toBeGreaterThan(confidenceOf(0.5, 2, 1));
    expect(confidenceOf(50, 1, 1)).toBe(confidenceOf(3, 1, 1));
    for (const m of [0, 0.3, 1, 3]) for (const [a, b] of [[1, 1], [2, 1], [0, 1]]) {
      const c = confidenceOf(m, a, b);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });

  it('fits a logistic model that recovers known coefficients', () => {
    // Outcomes drawn from p = sigmoid(-1 + 2 m) on a grid of margins, deterministically.
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let k = 0; k < 2000; k++) {
      const m = (k % 100) / 33;
      const p = 1 / (1 + Math.exp(-(-1 + 2 * m)));
      const u = ((k * 7919) % 1000) / 1000;
      xs.push([1, m]);
      ys.push(u < p ? 1 : 0);
    }
    const w = fitLogistic(xs, ys, 1e-6);
    expect(w[0]).toBeCloseTo(-1, 0);
    expect(w[1]).toBeCloseTo(2, 0);
  });

  it('describes a bead by bias, capped margin, 1-1, empty side and margin on an empty side', () => {
    expect(confidenceFeatures(5, 0, 1)).toEqual([1, 3, 0, 1, 3]);
    expect(confidenceFeatures(0.5, 1, 1)).toEqual([1, 0.5, 1, 0, 0]);
  });
});
