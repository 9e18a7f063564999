import { describe, expect, it } from 'vitest';
import { formatBead, formatBeads, parseBeadLine, parseBeads } from '../../../../core/align/beads-format.js';

describe('bead format', () => {
  it('formats vecalign-style lines', () => {
    expect(formatBead({ src: [3], tgt: [4, 5], confidence: 0.4213 })).toBe('[3]:[4, 5]:0.42');
    expect(formatBead({ src: [], tgt: [7] })).toBe('[]:[7]');
  });

  it('parses lines with and without confidence', () => {
    expect(parseBeadLine('[3]:[4, 5]:0.42')).toEqual({ src: [3], tgt: [4, 5], confidence: 0.42 });
    expect(parseBeadLine('[8, 9]:[10, 11, 12]')).toEqual({ src: [8, 9], tgt: [10, 11, 12] });
    expect(parseBeadLine('[]:[16]')).toEqual({ src: [], tgt: [16] });
  });

  it('round-trips a file', () => {
    const beads = [
      { src: [0], tgt: [0], confidence: 0.91 },
      { src: [1, 2], tgt: [1], confidence: 0.5 },
      { src: [3], tgt: [], confidence: 0.25 },
    ];
    const text = formatBeads(beads);
    expect(text).toBe('[0]:[0]:0.91\n[1, 2]:[1]:0.50\n[3]:[]:0.25\n');
    expect(parseBeads(text)).toEqual(beads);
    expect(parseBeads('\uFEFF[0]:[0]\r\n\r\n[1]:[1, 2]\r\n')).toEqual([
      { src: [0], tgt: [0] },
      { src: [1], tgt: [1, 2] },
    ]);
  });

  it('rejects malformed lines', () => {
    expect(() => parseBeadLine('[1]-[2]')).toThrow();
    expect(() => parseBeadLine('[a]:[2]')).toThrow();
    expect(() => parseBeadLine('[1]:[2]:x')).toThrow();
  });
});
