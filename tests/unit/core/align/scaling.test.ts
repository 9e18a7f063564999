import { describe, expect, it } from 'vitest';
import { bandAroundGuide } from '../../../../core/align/band.js';
import { pairBandFor } from '../../../../core/align/dp.js';
import { alignParallel } from '../../../../core/align/parallel.js';
import { scoreAlignment } from '../../../../core/align/score.js';
import { checkCoverage } from './fixtures.js';
import type { BeadSpan } from '../../../../core/align/types.js';

/** Deterministic pseudo-text: each sentence has an id-like number and a name shared by both sides. */
function synthetic(n: number): { src: string[]; tgt: string[]; gold: BeadSpan[] } {
  let seed = 12345;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const words = ['lorem', 'ipsum', 'dolor', 'amet', 'sed', 'magna', 'aliqua', 'veniam', 'nostrud', 'tempor'];
  const other = ['hund', 'katt', 'fjell', 'elv', 'skog', 'hus', 'vei', 'bok', 'sol', 'regn'];
  const src: string[] = [];
  const tgt: string[] = [];
  const gold: BeadSpan[] = [];
  for (let k = 0; src.length < n; k++) {
    const len = 3 + Math.floor(rnd() * 10);
    const a: string[] = [];
    const b: string[] = [];
    for (let w = 0; w < len; w++) {
      const id = Math.floor(rnd() * 10);
      a.push(words[id]);
      b.push(other[id] + (rnd() < 0.5 ? 'en' : ''));
    }
    const num = String(Math.floor(rnd() * 100000));
    const name = 'N' + Math.floor(rnd() * 1e6).toString(36);
    const x = `${a.join(' ')} ${num} ${name} .`;
    const y = `${name} ${b.join(' ')} ${num} .`;
    if (rnd() < 0.02) {
      src.push(x);
      gold.push({ src: [src.length - 1], tgt: [] });
    } else {
      src.push(x);
      tgt.push(y);
      gold.push({ src: [src.length - 1], tgt: [tgt.length - 1] });
    }
  }
  return { src, tgt, gold };
}

describe('scaling', () => {
  it('searches a band whose size grows linearly, never an n x m matrix', () => {
    const n = 20000;
    const band = bandAroundGuide(n, n, [], 5);
    expect(band.size).toBeLessThan(12 * (n + 1));
    const pb = pairBandFor(band);
    expect(pb.size).toBeLessThan(16 * n);
  });

  it('aligns 20k x 20k segments', () => {
    const { src, tgt, gold } = synthetic(20000);
    const beads = alignParallel({ src, tgt });
    checkCoverage(beads, src.length, tgt.length);
    expect(scoreAlignment(gold, beads).strict.f1).toBeGreaterThan(0.97);
  });
});
