import { describe, expect, it } from 'vitest';
import { sentenceBeads } from '../../../bench/align-app';

describe('in-app alignment scored at the app sentence granularity', () => {
  // Source: sentence 0 is lines 0-1, sentence 1 line 2, sentence 2 lines 3-5 (a block of
  // captions). Target: sentence 0 line 0, sentence 1 line 1.
  const srcLines = [[0, 1], [2], [3, 4, 5]];
  const tgtLines = [[0], [1]];

  it('counts a sentence in no link as one unaligned bead of its lines', () => {
    const beads = sentenceBeads(
      [
        { a: [0], b: [0] },
        { a: [1], b: [1] },
      ],
      srcLines,
      tgtLines,
    );
    expect(beads).toEqual([
      { src: [0, 1], tgt: [0] },
      { src: [2], tgt: [1] },
      { src: [3, 4, 5], tgt: [] },
    ]);
  });

  it('merges an unaligned sentence with a link that shares one of its lines', () => {
    const beads = sentenceBeads([{ a: [0], b: [0] }], [[0, 1], [1, 2]], [[0], [1]]);
    expect(beads).toEqual([
      { src: [0, 1, 2], tgt: [0] },
      { src: [], tgt: [1] },
    ]);
  });
});
