/**
 * Gale & Church (1993), "A program for aligning sentences in bilingual
 * corpora": sentence alignment by character length alone. The baseline the
 * alignment figures stand beside, computed in the same run on the same data.
 *
 * Bead costs are -log(P(bead kind) * P(length difference)), with the paper's
 * parameters: c = 1 target character per source character, s² = 6.8, and
 * the prior of each bead kind from its Table 5 (1-1 0.89; 1-0 and 0-1
 * together 0.0099; 2-1 and 1-2 together 0.089; 2-2 0.011).
 */
import type { Bead } from '../../core/align/types';

const C = 1;
const S2 = 6.8;
const PRIORS: Array<[number, number, number]> = [
  [1, 1, 0.89],
  [1, 0, 0.0099 / 2],
  [0, 1, 0.0099 / 2],
  [2, 1, 0.089 / 2],
  [1, 2, 0.089 / 2],
  [2, 2, 0.011],
];

/** Standard normal cumulative distribution (Abramowitz & Stegun 26.2.17). */
function phi(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z > 0 ? 1 - p : p;
}

/** -log P(length difference) of a bead with ls source and lt target characters. */
function lengthCost(ls: number, lt: number): number {
  if (ls === 0 && lt === 0) return 0;
  const mean = (ls + lt / C) / 2;
  const z = (C * ls - lt) / Math.sqrt(S2 * mean);
  const pd = Math.max(2 * (1 - phi(Math.abs(z))), 1e-12);
  return -Math.log(pd);
}

/** Aligns two lists of sentences by length; every bead's confidence is 1 (the method has none). */
export function galeChurch(src: string[], tgt: string[]): Bead[] {
  const n = src.length;
  const m = tgt.length;
  const ls = src.map((s) => s.length);
  const lt = tgt.map((s) => s.length);
  const cost = new Float64Array((n + 1) * (m + 1)).fill(Infinity);
  const back = new Int8Array((n + 1) * (m + 1)).fill(-1);
  const at = (i: number, j: number) => i * (m + 1) + j;
  cost[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let move = -1;
      for (let k = 0; k < PRIORS.length; k++) {
        const [di, dj, prior] = PRIORS[k];
        if (i < di || j < dj) continue;
        const prev = cost[at(i - di, j - dj)];
        if (prev === Infinity) continue;
        let a = 0;
        for (let x = i - di; x < i; x++) a += ls[x];
        let b = 0;
        for (let y = j - dj; y < j; y++) b += lt[y];
        const c = prev - Math.log(prior) + lengthCost(a, b);
        if (c < best) {
          best = c;
          move = k;
        }
      }
      cost[at(i, j)] = best;
      back[at(i, j)] = move;
    }
  }
  const beads: Bead[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const [di, dj] = PRIORS[back[at(i, j)]];
    beads.push({ src: Array.from({ length: di }, (_, k) => i - di + k), tgt: Array.from({ length: dj }, (_, k) => j - dj + k), confidence: 1 });
    i -= di;
    j -= dj;
  }
  return beads.reverse();
}
