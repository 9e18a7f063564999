/**
 * Search-space construction for the banded dynamic programme.
 *
 * A cheap global pass pairs segments that share features rare on both sides (numbers, names,
 * rare words of the MT). The heaviest monotonic chain of such pairs is the guide path; the DP
 * then only visits states within a band around it, so memory and time stay linear in the
 * text length whatever the size of insertions or deletions between anchors.
 */

import type { TokenRows } from './features.js';
import { IdTable } from './vocab.js';

/** Row-wise band of DP states: state (i, j) exists for lo[i] <= j <= hi[i]; off[i] indexes row i. */
export interface Band {
  n: number;
  m: number;
  lo: Int32Array;
  hi: Int32Array;
  off: Int32Array;
  size: number;
}

export interface AnchorPair {
  i: number;
  j: number;
  score: number;
}

/**
 * Votes for candidate 1-1 pairs (source i, target j), accumulated over several views of a text
 * (the two sides directly, and each side against the other's MT). Every vote weighs 1, 1/2 or
 * 1/4, so the sum of a pair's votes is exact in any order.
 */
export class PairVotes {
  i = new Int32Array(1024);
  j = new Int32Array(1024);
  w = new Float64Array(1024);
  len = 0;

  add(i: number, j: number, w: number): void {
    if (this.len === this.i.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.i = grow(this.i);
      this.j = grow(this.j);
      this.w = grow(this.w);
    }
    this.i[this.len] = i;
    this.j[this.len] = j;
    this.w[this.len++] = w;
  }
}

/** For each token id, the rows that have it, ascending: rows[start[f] .. start[f+1]). */
function tokenPostings(rows: TokenRows, ids: Int32Array, tokens: number): { start: Int32Array; rows: Int32Array } {
  const start = postingStarts(ids, tokens);
  return { start, rows: postingRows(rows.offsets, ids, start.slice(0, tokens)) };
}

// tokenPostings in two loops of their own: the engine then optimises each once, instead of
// optimising tokenPostings inside its first loop and throwing the code away at the next.
function postingStarts(ids: Int32Array, tokens: number): Int32Array {
  const start = new Int32Array(tokens + 1);
  for (let k = 0; k < ids.length; k++) start[ids[k] + 1]++;
  for (let f = 0; f < tokens; f++) start[f + 1] += start[f];
  return start;
}

function postingRows(offsets: Int32Array, ids: Int32Array, fill: Int32Array): Int32Array {
  const out = new Int32Array(ids.length);
  const n = offsets.length - 1;
  for (let r = 0; r < n; r++) for (let k = offsets[r]; k < offsets[r + 1]; k++) out[fill[ids[k]]++] = r;
  return out;
}

/**
 * Votes for candidate pairs from the anchor tokens of two sides in a shared vocabulary (e.g.
 * source MT and target), from two kinds of token:
 *
 * - tokens that occur in at most `maxDf` segments on each side (numbers, names, rare words):
 *   every pair of segments sharing one gets 1 / (its segments on one side × on the other);
 * - tokens too frequent for that but that occur exactly as often on both sides, and rarely
 *   relative to the text (between `minDf` segments and `maxShare` of them): the k-th segment
 *   with it on one side is paired with the k-th on the other, for `ordered` each. A name
 *   mentioned five times in a chapter and five times in its translation, or any token of a text
 *   made of repeated parts, then still guides the search; one token alone does not make a
 *   guide anchor, and pairs that disagree with the rest are dropped by the mutual-best filter
 *   and the heaviest chain.
 */
export function tokenPairVotes(x: TokenRows, y: TokenRows, votes: PairVotes, maxDf = 2, minDf = 3, maxShare = 0.01, ordered = 0.5): void {
  const n = x.offsets.length - 1;
  const m = y.offsets.length - 1;
  const table = new IdTable(Math.max(1024, (x.tokens.length + y.tokens.length) >> 2));
  const xIds = new Int32Array(x.tokens.length);
  table.idsOf(x.tokens, xIds);
  const yIds = new Int32Array(y.tokens.length);
  table.idsOf(y.tokens, yIds);
  const tokens = table.size;
  const px = tokenPostings(x, xIds, tokens);
  const py = tokenPostings(y, yIds, tokens);
  const maxOrdered = Math.floor(maxShare * Math.min(n, m));
  for (let f = 0; f < tokens; f++) {
    const x0 = px.start[f];
    const cx = px.start[f + 1] - x0;
    const y0 = py.start[f];
    const cy = py.start[f + 1] - y0;
    if (cx === 0 || cy === 0) continue;
    if (cx <= maxDf && cy <= maxDf) {
      const w = 1 / (cx * cy);
      for (let a = 0; a < cx; a++) for (let b = 0; b < cy; b++) votes.add(px.rows[x0 + a], py.rows[y0 + b], w);
    } else if (cx === cy && cx >= minDf && cx <= maxOrdered) {
      for (let k = 0; k < cx; k++) votes.add(px.rows[x0 + k], py.rows[y0 + k], ordered);
    }
  }
}

/**
 * Turns accumulated votes into a guide chain, keeping only clear pairs: those whose votes sum to
 * `minScore` or more, and among them only the best target of each source segment that is also
 * the best source of its target (ties to the earlier one). Ambiguous pairs are the ones that
 * lead a chain astray.
 */
export function guideFromVotes(votes: PairVotes, n: number, m: number, minScore = 1): AnchorPair[] {
  // Votes grouped by source segment (counting sort), then summed per target in a dense row.
  const start = new Int32Array(n + 2);
  for (let k = 0; k < votes.len; k++) start[votes.i[k] + 1]++;
  for (let i = 0; i <= n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n + 1);
  const order = new Int32Array(votes.len);
  for (let k = 0; k < votes.len; k++) order[fill[votes.i[k]]++] = k;
  const sum = new Float64Array(m + 1);
  const touched = new Int32Array(m + 1);
  const bestJScore = new Float64Array(m + 1).fill(-Infinity);
  const bestJI = new Int32Array(m + 1).fill(-1);
  const bestI = new Int32Array(n + 1).fill(-1);
  const bestIScore = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    let nt = 0;
    for (let q = start[i]; q < start[i + 1]; q++) {
      const k = order[q];
      const j = votes.j[k];
      if (sum[j] === 0) touched[nt++] = j;
      sum[j] += votes.w[k];
    }
    let bj = -1;
    let bs = 0;
    for (let q = 0; q < nt; q++) {
      const j = touched[q];
      const score = sum[j];
      sum[j] = 0;
      if (score < minScore) continue;
      if (bj < 0 || score > bs || (score === bs && j < bj)) {
        bj = j;
        bs = score;
      }
      // Sources come in ascending order: the first with the best score is the earliest.
      if (score > bestJScore[j]) {
        bestJScore[j] = score;
        bestJI[j] = i;
      }
    }
    bestI[i] = bj;
    bestIScore[i] = bs;
  }
  const mutual: AnchorPair[] = [];
  for (let i = 0; i <= n; i++) {
    const j = bestI[i];
    if (j >= 0 && bestJI[j] === i) mutual.push({ i, j, score: bestIScore[i] });
  }
  return heaviestChain(mutual, m);
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
