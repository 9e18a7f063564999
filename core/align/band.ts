/**
 * Search-space construction for the banded dynamic programme.
 *
 * A cheap global pass pairs segments that share features rare on both sides (numbers, names,
 * rare words of the MT). The heaviest monotonic chain of such pairs is the guide path; the DP
 * then only visits states within a band around it, so memory and time stay linear in the
 * text length whatever the size of insertions or deletions between anchors.
 */

import { normalizeForNgrams } from './features.js';

/** Row-wise band of DP states: state (i, j) exists for lo[i] <= j <= hi[i]; off[i] indexes row i. */
export interface Band {
  n: number;
  m: number;
  lo: Int32Array;
  hi: Int32Array;
  off: Int32Array;
  size: number;
}

/**
 * Tokens that are informative enough to anchor on: numbers of two or more digits and words of
 * four or more characters (short words are too often shared by chance across languages).
 */
export function anchorTokens(text: string): Int32Array {
  const norm = normalizeForNgrams(text);
  // The normalised text is letter-and-digit runs separated by single spaces.
  const out: number[] = [];
  for (let p = 0; p < norm.length; ) {
    while (p < norm.length && norm.charCodeAt(p) === 32) p++;
    if (p >= norm.length) break;
    const start = p;
    let h = 0x811c9dc5 | 0;
    for (; p < norm.length; p++) {
      const c = norm.charCodeAt(p);
      if (c === 32) break;
      h = Math.imul(h ^ c, 16777619);
    }
    const c0 = norm.charCodeAt(start);
    const digit = c0 >= 48 && c0 <= 57;
    const len = p - start;
    if ((digit && len >= 2) || len >= 4) out.push(h | 0);
  }
  const arr = Int32Array.from(out).sort();
  let u = 0;
  for (let k = 0; k < arr.length; k++) if (k === 0 || arr[k] !== arr[k - 1]) arr[u++] = arr[k];
  return arr.slice(0, u);
}

export interface AnchorPair {
  i: number;
  j: number;
  score: number;
}

/**
 * Candidate 1-1 pairs from tokens that occur in at most `maxDf` segments on each side.
 * `x` and `y` are token lists of the two sides in a shared vocabulary (e.g. source MT and
 * target). Several such views can be accumulated into one score map.
 */
export function rareTokenPairs(
  x: readonly Int32Array[],
  y: readonly Int32Array[],
  scores: Map<number, number>,
  maxDf = 2,
): void {
  const m = y.length;
  const dfX = new Map<number, number>();
  for (const row of x) for (const t of row) dfX.set(t, (dfX.get(t) ?? 0) + 1);
  const postY = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    for (const t of y[j]) {
      const dx = dfX.get(t);
      if (dx === undefined || dx > maxDf) continue;
      const p = postY.get(t);
      if (p === undefined) postY.set(t, [j]);
      else if (p.length <= maxDf) p.push(j);
    }
  }
  for (let i = 0; i < x.length; i++) {
    for (const t of x[i]) {
      const p = postY.get(t);
      if (p === undefined || p.length > maxDf) continue;
      const w = 1 / (dfX.get(t)! * p.length);
      for (const j of p) {
        const key = i * (m + 1) + j;
        scores.set(key, (scores.get(key) ?? 0) + w);
      }
    }
  }
}

/**
 * Candidate pairs from tokens that are too frequent for rareTokenPairs but still occur exactly
 * as often on both sides, and rarely relative to the text: the k-th occurrence on one side is
 * paired with the k-th on the other. A name mentioned five times in a chapter and five times in
 * its translation, or any token of a text made of repeated parts, then still guides the search.
 * Each such pair weighs `weight`, so one token alone does not make a guide anchor; pairs that
 * disagree with the rest are dropped by the mutual-best filter and the heaviest chain.
 */
export function orderedTokenPairs(
  x: readonly Int32Array[],
  y: readonly Int32Array[],
  scores: Map<number, number>,
  minDf = 3,
  maxShare = 0.01,
  weight = 0.5,
): void {
  const m = y.length;
  const maxDf = Math.floor(maxShare * Math.min(x.length, m));
  if (maxDf < minDf) return;
  const posX = new Map<number, number[]>();
  for (let i = 0; i < x.length; i++) {
    for (const t of x[i]) {
      const p = posX.get(t);
      if (p === undefined) posX.set(t, [i]);
      else if (p.length <= maxDf) p.push(i);
    }
  }
  const posY = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    for (const t of y[j]) {
      const px = posX.get(t);
      if (px === undefined || px.length < minDf || px.length > maxDf) continue;
      const p = posY.get(t);
      if (p === undefined) posY.set(t, [j]);
      else if (p.length <= maxDf) p.push(j);
    }
  }
  for (const [t, py] of posY) {
    const px = posX.get(t)!;
    if (px.length !== py.length) continue;
    for (let k = 0; k < px.length; k++) {
      const key = px[k] * (m + 1) + py[k];
      scores.set(key, (scores.get(key) ?? 0) + weight);
    }
  }
}

/** Heaviest chain strictly increasing in both i and j (weighted LIS with a Fenwick max-tree). */
export function heaviestChain(pairs: AnchorPair[], m: number): AnchorPair[] {
  if (pairs.length === 0) return [];
  const sorted = pairs.slice().sort((p, q) => p.i - q.i || q.j - p.j);
  const size = m + 1;
  const treeVal = new Float64Array(size + 1);
  const treeIdx = new Int32Array(size + 1).fill(-1);
  const best = new Float64Array(sorted.length);
  const parent = new Int32Array(sorted.length);
  for (let k = 0; k < sorted.length; k++) {
    const { j, score } = sorted[k];
    let bv = 0;
    let bi = -1;
    for (let x = j; x > 0; x -= x & -x) {
      if (treeVal[x] > bv) {
        bv = treeVal[x];
        bi = treeIdx[x];
      }
    }
    best[k] = bv + score;
    parent[k] = bi;
    for (let x = j + 1; x <= size; x += x & -x) {
      if (best[k] > treeVal[x]) {
        treeVal[x] = best[k];
        treeIdx[x] = k;
      }
    }
  }
  let end = 0;
  for (let k = 1; k < sorted.length; k++) if (best[k] > best[end]) end = k;
  const chain: AnchorPair[] = [];
  for (let k = end; k >= 0; k = parent[k]) chain.push(sorted[k]);
  return chain.reverse();
}

/** Turns accumulated pair scores into a guide chain, keeping only clear pairs. */
export function guideFromScores(scores: Map<number, number>, m: number, minScore = 1): AnchorPair[] {
  // Keep, for each source segment, only its best target and vice versa: ambiguous pairs are
  // the ones that lead a chain astray.
  const bestForI = new Map<number, AnchorPair>();
  const bestForJ = new Map<number, AnchorPair>();
  for (const [key, score] of scores) {
    if (score < minScore) continue;
    const i = Math.floor(key / (m + 1));
    const j = key - i * (m + 1);
    const p = { i, j, score };
    const bi = bestForI.get(i);
    if (!bi || score > bi.score || (score === bi.score && j < bi.j)) bestForI.set(i, p);
    const bj = bestForJ.get(j);
    if (!bj || score > bj.score || (score === bj.score && i < bj.i)) bestForJ.set(j, p);
  }
  const mutual: AnchorPair[] = [];
  for (const p of bestForI.values()) if (bestForJ.get(p.j) === p) mutual.push(p);
  return heaviestChain(mutual, m);
}

/**
 * Band of half-width w around the piecewise-linear guide through (0,0), the chain, and (n,m).
 * Where the guide is steep (a long insertion on the target side) a row is stretched up to the
 * start of the next one so that the band stays connected.
 */
export function bandAroundGuide(n: number, m: number, chain: readonly AnchorPair[], w: number): Band {
  const gx: number[] = [0];
  const gy: number[] = [0];
  for (const p of chain) {
    if (p.i + 0.5 > gx[gx.length - 1] && p.j + 0.5 >= gy[gy.length - 1] && p.i + 0.5 < n && p.j + 0.5 < m) {
      gx.push(p.i + 0.5);
      gy.push(p.j + 0.5);
    }
  }
  gx.push(n);
  gy.push(m);
  let seg = 0;
  const guideAt = (x: number): number => {
    if (x <= 0) return 0;
    if (x >= n) return m;
    while (seg > 0 && gx[seg] > x) seg--;
    while (seg < gx.length - 2 && gx[seg + 1] < x) seg++;
    const x0 = gx[seg];
    const x1 = gx[seg + 1];
    return x1 === x0 ? gy[seg + 1] : gy[seg] + ((x - x0) * (gy[seg + 1] - gy[seg])) / (x1 - x0);
  };
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const c = guideAt(i);
    lo[i] = Math.max(0, Math.floor(c - w));
    hi[i] = Math.min(m, Math.ceil(c + w));
  }
  // Where the guide jumps (a block of captions or credits on one side), the line between two
  // anchors is steep right from the first one, and a band around that line alone would miss
  // the anchors themselves: the DP could then not pair a guide anchor with its own partner.
  // The states on the diagonal through each anchor are kept, so the jump can start right
  // after one anchor or end right before the next, whichever the costs prefer.
  for (let k = 1; k < gx.length - 1; k++) {
    const ai = gx[k] - 0.5;
    const aj = gy[k] - 0.5;
    for (let r = ai; r <= ai + 1; r++) {
      const d = aj + r - ai;
      lo[r] = Math.min(lo[r], Math.max(0, Math.floor(d - w)));
      hi[r] = Math.max(hi[r], Math.min(m, Math.ceil(d + w)));
    }
  }
  lo[0] = 0;
  hi[n] = m;
  for (let i = 1; i <= n; i++) if (lo[i] < lo[i - 1]) lo[i] = lo[i - 1];
  for (let i = n - 1; i >= 0; i--) if (hi[i] > hi[i + 1]) hi[i] = hi[i + 1];
  for (let i = 0; i < n; i++) if (hi[i] < lo[i + 1]) hi[i] = lo[i + 1];
  return finishBand(n, m, lo, hi);
}

export function finishBand(n: number, m: number, lo: Int32Array, hi: Int32Array): Band {
  const off = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) off[i + 1] = off[i] + (hi[i] - lo[i] + 1);
  return { n, m, lo, hi, off, size: off[n + 1] };
}

/**
 * The old band united with a band of half-width w around a DP path (given as bead end states,
 * starting after (0,0)). Re-running the DP on it lets a path that was pressed against the edge
 * move outward, while widening only where that happened.
 */
export function widenAroundPath(old: Band, endI: Int32Array, endJ: Int32Array, w: number): Band {
  const { n, m } = old;
  const lo = old.lo.slice();
  const hi = old.hi.slice();
  let pi = 0;
  let pj = 0;
  for (let k = 0; k < endI.length; k++) {
    const i1 = endI[k];
    const j1 = endJ[k];
    for (let r = pi; r <= i1; r++) {
      lo[r] = Math.min(lo[r], Math.max(0, pj - w));
      hi[r] = Math.max(hi[r], Math.min(m, j1 + w));
    }
    pi = i1;
    pj = j1;
  }
  for (let i = 1; i <= n; i++) if (lo[i] < lo[i - 1]) lo[i] = lo[i - 1];
  for (let i = n - 1; i >= 0; i--) if (hi[i] > hi[i + 1]) hi[i] = hi[i + 1];
  for (let i = 0; i < n; i++) if (hi[i] < lo[i + 1]) hi[i] = lo[i + 1];
  return finishBand(n, m, lo, hi);
}
