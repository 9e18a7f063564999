/**
 * The classic length-based sentence aligner of Gale & Church (1993), as a baseline for the
 * alignment benchmark: a dynamic programme over beads 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2 with the
 * paper's priors and its length cost (c from the texts' character ratio, s² = 6.8), nothing else.
 */
import { galeChurch } from '../../core/align/dp';
import type { BeadSpan } from '../../core/align/types';

const BEADS: Array<[number, number, number]> = [
  [1, 1, 0.89],
  [1, 0, 0.0099],
  [0, 1, 0.0099],
  [2, 1, 0.089],
  [1, 2, 0.089],
  [2, 2, 0.011],
];

export function galeChurchAlign(src: readonly string[], tgt: readonly string[]): BeadSpan[] {
  const n = src.length;
  const m = tgt.length;
  const ls = src.map((s) => s.length);
  const lt = tgt.map((s) => s.length);
  const sumS = ls.reduce((a, b) => a + b, 0);
  const sumT = lt.reduce((a, b) => a + b, 0);
  const ratio = sumS > 0 && sumT > 0 ? sumT / sumS : 1;
  const W = m + 1;
  const cost = new Float64Array((n + 1) * W).fill(Infinity);
  const back = new Int8Array((n + 1) * W).fill(-1);
  cost[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let arg = -1;
      for (let k = 0; k < BEADS.length; k++) {
        const [a, b, prior] = BEADS[k];
        if (a > i || b > j) continue;
        const prev = cost[(i - a) * W + (j - b)];
        if (prev === Infinity) continue;
        let s = 0;
        for (let x = i - a; x < i; x++) s += ls[x];
        let t = 0;
        for (let y = j - b; y < j; y++) t += lt[y];
        const c = prev - Math.log(prior) + galeChurch(s, t, ratio);
        if (c < best) {
          best = c;
          arg = k;
        }
      }
      cost[i * W + j] = best;
      back[i * W + j] = arg;
    }
  }
  const beads: BeadSpan[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const [a, b] = BEADS[back[i * W + j]];
    beads.push({ src: Array.from({ length: a }, (_, k) => i - a + k), tgt: Array.from({ length: b }, (_, k) => j - b + k) });
    i -= a;
    j -= b;
  }
  return beads.reverse();
}
