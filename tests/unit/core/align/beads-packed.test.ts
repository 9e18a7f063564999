import { describe, expect, it } from 'vitest';
import { packBeads, unpackBeads } from '../../../../core/align/beads-packed.js';
import type { Bead } from '../../../../core/align/types.js';

describe('packed beads', () => {
  it('come back as the same beads, shifted by the offsets given, with and without margins', () => {
    const beads: Bead[] = [
      { src: [0], tgt: [0, 1], confidence: 0.91, margin: 1.25 },
      { src: [1, 3], tgt: [], confidence: 1 },
      { src: [], tgt: [2], confidence: 0.5, margin: 0 },
      { src: [4, 5, 6], tgt: [3], confidence: 0.123, margin: 10 },
    ];
    const packed = packBeads(beads);
    expect(unpackBeads(packed)).toEqual(beads);
    const shifted = unpackBeads(packed, 100, 7, [{ src: [99], tgt: [6], confidence: 1 }]);
    expect(shifted).toHaveLength(5);
    expect(shifted[0]).toEqual({ src: [99], tgt: [6], confidence: 1 });
    expect(shifted[2]).toEqual({ src: [101, 103], tgt: [], confidence: 1 });
    expect('margin' in shifted[2]).toBe(false);
    expect(shifted[4]).toEqual({ src: [104, 105, 106], tgt: [10], confidence: 0.123, margin: 10 });
    expect(unpackBeads(packBeads([]))).toEqual([]);
  });
});
