import { describe, expect, it } from 'vitest';
import { bandAroundGuide } from '../../../../core/align/band.js';

const inBand = (band: ReturnType<typeof bandAroundGuide>, i: number, j: number): boolean =>
  i >= 0 && i <= band.n && j >= band.lo[i] && j <= band.hi[i];

describe('bandAroundGuide', () => {
  it('keeps the diagonal through an anchor that is followed by a jump of the guide', () => {
    // Anchors (9, 9) and (10, 30): twenty target segments without counterpart in between.
    const chain = [
      { i: 5, j: 5, score: 1 },
      { i: 9, j: 9, score: 1 },
      { i: 10, j: 30, score: 1 },
      { i: 15, j: 35, score: 1 },
    ];
    const w = 3;
    const band = bandAroundGuide(20, 40, chain, w);
    for (const p of chain) {
      // The 1-1 bead on the anchor runs from (i, j) to (i + 1, j + 1).
      for (let d = -w; d <= w; d++) {
        expect(inBand(band, p.i, p.j + d)).toBe(true);
        expect(inBand(band, p.i + 1, p.j + 1 + d)).toBe(true);
      }
    }
    // Still a connected band that grows monotonically.
    for (let i = 1; i <= band.n; i++) {
      expect(band.lo[i]).toBeGreaterThanOrEqual(band.lo[i - 1]);
      expect(band.hi[i]).toBeGreaterThanOrEqual(band.hi[i - 1]);
      expect(band.hi[i - 1]).toBeGreaterThanOrEqual(band.lo[i]);
    }
  });
});
