import { describe, expect, it } from 'vitest';
import { hunalignAlign, hunalignTokens, ladderToBeads } from '../../../bench/baselines/hunalign';

describe('hunalign baseline', () => {
  it('turns a ladder into beads between consecutive rungs, closing it at (n, m)', () => {
    expect(
      ladderToBeads(
        [
          [0, 0, 0.5],
          [1, 1, 0.3],
          [3, 2, 0.1],
          [3, 3, 0],
        ],
        4,
        3,
      ),
    ).toEqual([
      { src: [0], tgt: [0] },
      { src: [1, 2], tgt: [1] },
      { src: [], tgt: [2] },
      { src: [3], tgt: [] },
    ]);
  });

  it('refuses a ladder that goes backwards', () => {
    expect(() => ladderToBeads([[2, 2, 0], [1, 3, 0]], 3, 3)).toThrow(/out of order/);
  });

  it('sets punctuation apart and lower-cases, as hunalign wants its tokens', () => {
    expect(hunalignTokens('  Der Gipfel, 8611 m (K2)!  ')).toBe('der gipfel , 8611 m ( k2 ) !');
  });

  it('aligns a small German–French text one to one with its WebAssembly build', async () => {
    const de = ['Der Berg ist 8611 Meter hoch.', 'Im Jahr 1954 erreichten zwei Italiener den Gipfel.', 'Sie kamen am 31. Juli zurück.', 'Das Wetter war schlecht.'];
    const fr = ['La montagne mesure 8611 mètres.', 'En 1954, deux Italiens atteignirent le sommet.', 'Ils revinrent le 31 juillet.', 'Le temps était mauvais.'];
    const beads = await hunalignAlign(de, fr);
    expect(beads).toEqual(de.map((_, i) => ({ src: [i], tgt: [i] })));
  });
});
