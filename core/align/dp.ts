/**
 * Hot loop of the parallel aligner: banded dot products and the banded dynamic programme
 * (forward, backward and per-bead margins). Everything here works on typed arrays only.
 */

import type { Band } from './band.js';
import type { SparseRows } from './features.js';
import { withIds } from './vocab.js';
import type { IdRows } from './vocab.js';

/** For source segment s, dots with target segments plo[s]..phi[s] are stored at poff[s]. */
export interface PairBand {
  plo: Int32Array;
  phi: Int32Array;
  poff: Int32Array;
  size: number;
}

/**
 * Pairs needed by beads ending inside the band. Only a one-segment margin is kept beyond the
 * rows' own range: large beads hanging over the band edge read missing pairs as zero, which
 * can only make them look worse there, and a path pressed against the edge triggers widening.
 */
export function pairBandFor(band: Band): PairBand {
  const { n, m, lo, hi } = band;
  const plo = new Int32Array(Math.max(n, 0));
  const phi = new Int32Array(Math.max(n, 0));
  const poff = new Int32Array(n + 1);
  for (let s = 0; s < n; s++) {
    plo[s] = Math.max(0, lo[s + 1] - 1);
    phi[s] = Math.min(m - 1, hi[Math.min(n, s + 2)] - 1);
    if (phi[s] < plo[s]) phi[s] = plo[s] - 1;
    poff[s + 1] = poff[s] + (phi[s] - plo[s] + 1);
  }
  return { plo, phi, poff, size: poff[n] };
}

/**
 * Dot products x[s]·y[t] for every pair in the band (x and y numbered in one view).
 *
 * Row s of x is scattered into a dense array indexed by feature id; each target row of its
 * band then sums its entries against that array. The band holds about a dozen targets per row,
 * whose entries were read for the previous row too, so everything comes from the cache, and the
 * inner loop has no branch. A feature the source row lacks reads as zero and adds nothing, so
 * each product sums the shared features' terms in ascending key order, exactly as a merge of
 * the two sorted rows would. Source weights are positive (idf >= 1), so zero means absent.
 *
 * With `old`, the products of a narrower pair band of the same rows, pairs present there are
 * copied rather than summed again (a product depends on its two rows alone, so the copy is the
 * same number), and a row whose pairs were all present is not scattered at all.
 */
export function bandDots(x: SparseRows, y: SparseRows, pb: PairBand, old?: { pb: PairBand; dots: Float32Array }): Float32Array {
  const v = 'ids' in x && 'ids' in y ? { x: x as IdRows, y: y as IdRows } : withIds(x, y);
  const { vals: xv, offsets: xo, ids: xIds } = v.x;
  const { vals: yv, offsets: yo, ids: yIds } = v.y;
  const out = new Float32Array(pb.size);
  const n = pb.plo.length;
  const dA = new Float32Array(v.x.features);
  const dB = new Float32Array(v.x.features);
  const reuse = old !== undefined && old.pb.plo.length === n;
  // Per row of a pair: the targets [lo, hi] to compute, but for [clo, chi] copied from the old
  // band (none: clo = -1); `need` is false when no target is left to sum.
  const lo = [0, 0];
  const hi = [-1, -1];
  const clo = [-1, -1];
  const chi = [-1, -1];
  const need = [false, false];
  // Two source rows at a time, scattered in dA and dB: a target of both their bands is read once
  // for the two products, each summed in the target row's order as one product alone would be.
  for (let s0 = 0; s0 < n; s0 += 2) {
    for (let r = 0; r < 2; r++) {
      const s = s0 + r;
      need[r] = false;
      if (s >= n) continue;
      lo[r] = pb.plo[s];
      hi[r] = pb.phi[s];
      clo[r] = -1;
      chi[r] = -1;
      if (hi[r] < lo[r]) continue;
      if (reuse) {
        const olo = old.pb.plo[s];
        const ohi = old.pb.phi[s];
        const a = Math.max(lo[r], olo);
        const b = Math.min(hi[r], ohi);
        if (a <= b) {
          const from = old.pb.poff[s] - olo;
          out.set(old.dots.subarray(from + a, from + b + 1), pb.poff[s] - lo[r] + a);
          if (a === lo[r] && b === hi[r]) continue;
          clo[r] = a;
          chi[r] = b;
        }
      }
      need[r] = true;
      const d = r === 0 ? dA : dB;
      for (let p = xo[s]; p < xo[s + 1]; p++) d[xIds[p]] = xv[p];
    }
    if (!need[0] && !need[1]) continue;
    const tlo = need[0] ? (need[1] ? Math.min(lo[0], lo[1]) : lo[0]) : lo[1];
    const thi = need[0] ? (need[1] ? Math.max(hi[0], hi[1]) : hi[0]) : hi[1];
    const baseA = need[0] ? pb.poff[s0] - lo[0] : 0;
    const baseB = need[1] ? pb.poff[s0 + 1] - lo[1] : 0;
    for (let t = tlo; t <= thi; t++) {
      const inA = need[0] && t >= lo[0] && t <= hi[0] && (t < clo[0] || t > chi[0]);
      const inB = need[1] && t >= lo[1] && t <= hi[1] && (t < clo[1] || t > chi[1]);
      const qs = yo[t];
      const qe = yo[t + 1];
      if (inA && inB) {
        let a = 0;
        let b = 0;
        for (let q = qs; q < qe; q++) {
          const f = yIds[q];
          const w = yv[q];
          a += dA[f] * w;
          b += dB[f] * w;
        }
        out[baseA + t] = a;
        out[baseB + t] = b;
      } else if (inA || inB) {
        const d = inA ? dA : dB;
        let acc = 0;
        for (let q = qs; q < qe; q++) acc += d[yIds[q]] * yv[q];
        out[(inA ? baseA : baseB) + t] = acc;
      }
    }
    if (need[0]) for (let p = xo[s0]; p < xo[s0 + 1]; p++) dA[xIds[p]] = 0;
    if (need[1]) for (let p = xo[s0 + 1]; p < xo[s0 + 2]; p++) dB[xIds[p]] = 0;
  }
  return out;
}

/** What the aligner needs to know about one similarity view on a given text. */
export interface ViewStats {
  /** Typical cosine of a true 1-1 pair; similarities are expressed relative to it. */
  scale: number;
  /** How far the view can be trusted on this text, in [0, 1] (see viewStats). */
  weight: number;
}

/**
 * A perfectly informative view still breaks the step rule below around insertions, merges
 * and splits, and short texts pay the standard-error discount: texts with MT score between
 * about 0.65 and 0.9, so 0.65 already counts as full trust.
 */
const FULL_TRUST_CONSISTENCY = 0.65;
/**
 * Prior for texts too short to judge the view (a few paragraphs), worth this many
 * informative rows. Neutral between trusting lexical overlap and ignoring it.
 */
const PRIOR_CONSISTENCY = 0.4;
const PRIOR_ROWS = 4;

/**
 * Scale and weight of a view, from the band of dot products.
 *
 * The scale is the median over source segments of their best cosine within the band. Cosines
 * from MT and from raw cross-language overlap differ by an order of magnitude; expressing
 * similarity relative to this value lets one set of costs serve both.
 *
 * Dividing by the scale also inflates noise: between two languages with little shared
 * vocabulary the "best" cosine of a row is only the luckiest chance overlap, and merged
 * groups, which collect more chance overlap, then look better than the true 1-1 pairs. The
 * weight measures whether the view carries information at all on this text: if it does, the
 * most similar target of consecutive source segments advances by about one step; if not,
 * it lands anywhere in the band. The weight is the observed rate of such steps above the
 * rate expected by chance given each row's band, relative to what a perfect view reaches,
 * shrunk towards a prior when the text has few rows to judge from. With weight 0 only the
 * length and shape costs remain, i.e. Gale–Church.
 */
export function viewStats(
  dots: Float32Array,
  pb: PairBand,
  xNorm: Float64Array,
  yNorm: Float64Array,
  maxSide: number,
): ViewStats {
  const S1 = maxSide + 1;
  const best: number[] = [];
  const n = pb.plo.length;
  let excess = 0;
  let room = 0;
  let prevArg = -1;
  for (let s = 0; s < n; s++) {
    const xn = xNorm[(s + 1) * S1 + 1];
    let mx = 0;
    let arg = -1;
    if (xn > 0) {
      for (let t = pb.plo[s]; t <= pb.phi[s]; t++) {
        const yn = yNorm[(t + 1) * S1 + 1];
        if (yn <= 0) continue;
        const c = dots[pb.poff[s] + t - pb.plo[s]] / Math.sqrt(xn * yn);
        if (c > mx) {
          mx = c;
          arg = t;
        }
      }
      best.push(mx);
    }
    const width = pb.phi[s] - pb.plo[s] + 1;
    if (prevArg >= 0 && width > 0) {
      // Steps of 0, 1 or 2 targets count as consistent; a row whose band holds little else
      // would pass by chance and so says little. A row sharing nothing with any candidate
      // counts as a miss: the view cannot tell its segments apart there either.
      const hitLo = Math.max(prevArg, pb.plo[s]);
      const hitHi = Math.min(prevArg + 2, pb.phi[s]);
      const chance = Math.max(0, hitHi - hitLo + 1) / width;
      const hit = arg >= 0 && arg >= prevArg && arg <= prevArg + 2 ? 1 : 0;
      excess += hit - chance;
      room += 1 - chance;
    }
    prevArg = arg;
  }
  let scale = 1;
  if (best.length > 0) {
    best.sort((u, v) => u - v);
    scale = Math.max(best[best.length >> 1], 1e-3);
  }
  // Trust only what the text demonstrates: one standard error below the estimate, so that a
  // handful of lucky rows in a short text does not buy full weight.
  const rows = room + PRIOR_ROWS;
  const mean = (excess + PRIOR_ROWS * PRIOR_CONSISTENCY) / rows;
  const consistency = mean - Math.sqrt(Math.max(mean * (1 - mean), 0) / rows);
  return { scale, weight: Math.min(1, Math.max(0, consistency / FULL_TRUST_CONSISTENCY)) };
}

/**
 * Squared norms of merged runs: entry [i * (S + 1) + a] is |x[i-a] + ... + x[i-1]|², derived
 * from dot products of neighbouring segments.
 */
export function mergedNorms(x: SparseRows, maxSide: number): Float64Array {
  const rows = 'ids' in x ? (x as IdRows) : withIds(x, x).x;
  const n = rows.offsets.length - 1;
  const S = maxSide;
  const S1 = S + 1;
  // self[s] = x[s]·x[s]; adj[s * S + d] = x[s]·x[s+d] for 0 < d < S. Each neighbour product
  // scatters row s by feature id and sums row s + d against it, adding the shared features in
  // ascending key order as a merge of the two sorted rows would. (Weights are positive, so a
  // feature row s lacks reads as zero and adds nothing; see bandDots.)
  const self = new Float64Array(n);
  const adj = new Float64Array(n * S);
  if (S === 4) neighbourDots3(rows, self, adj);
  else neighbourDots(rows, S, self, adj);
  const out = new Float64Array((n + 1) * S1);
  for (let i = 1; i <= n; i++) {
    for (let a = 1; a <= S && a <= i; a++) {
      let v = 0;
      for (let s = i - a; s < i; s++) {
        v += self[s];
        for (let t = s + 1; t < i; t++) v += 2 * adj[s * S + t - s];
      }
      out[i * S1 + a] = v;
    }
  }
  return out;
}

/** mergedNorms' products of each row with itself and with its S - 1 successors, one at a time. */
function neighbourDots(rows: IdRows, S: number, self: Float64Array, adj: Float64Array): void {
  const n = rows.offsets.length - 1;
  const { ids, vals, offsets } = rows;
  const dense = new Float32Array(rows.features);
  for (let s = 0; s < n; s++) {
    const ps = offsets[s];
    const pe = offsets[s + 1];
    let v = 0;
    for (let p = ps; p < pe; p++) {
      const w = vals[p];
      v += w * w;
      dense[ids[p]] = w;
    }
    self[s] = v;
    const last = Math.min(n - 1, s + S - 1);
    for (let t = s + 1; t <= last; t++) {
      let acc = 0;
      const qe = offsets[t + 1];
      for (let q = offsets[t]; q < qe; q++) acc += dense[ids[q]] * vals[q];
      adj[s * S + t - s] = acc;
    }
    for (let p = ps; p < pe; p++) dense[ids[p]] = 0;
  }
}

/**
 * neighbourDots for S = 4, the same numbers: each row is read once against the three rows
 * before it, scattered in three dense arrays, with one sum per pair. Every sum still adds the
 * later row's terms in its order, but the three run side by side instead of one after another.
 */
function neighbourDots3(rows: IdRows, self: Float64Array, adj: Float64Array): void {
  const n = rows.offsets.length - 1;
  const { ids, vals, offsets } = rows;
  // Row r is scattered in dense[r % 3] while rows r + 1 .. r + 3 are read against it.
  const dense = [new Float32Array(rows.features), new Float32Array(rows.features), new Float32Array(rows.features)];
  for (let t = 0; t < n; t++) {
    const d1 = dense[(t + 2) % 3];
    const d2 = dense[(t + 1) % 3];
    const d3 = dense[t % 3];
    const ps = offsets[t];
    const pe = offsets[t + 1];
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let q = ps; q < pe; q++) {
      const f = ids[q];
      const w = vals[q];
      a1 += d1[f] * w;
      a2 += d2[f] * w;
      a3 += d3[f] * w;
    }
    if (t >= 1) adj[(t - 1) * 4 + 1] = a1;
    if (t >= 2) adj[(t - 2) * 4 + 2] = a2;
    if (t >= 3) adj[(t - 3) * 4 + 3] = a3;
    // Row t - 3 is done with: its array takes row t.
    if (t >= 3) for (let p = offsets[t - 3]; p < offsets[t - 2]; p++) d3[ids[p]] = 0;
    let v = 0;
    for (let p = ps; p < pe; p++) {
      const w = vals[p];
      v += w * w;
      d3[ids[p]] = w;
    }
    self[t] = v;
  }
}

/** One similarity view: x (source-language side) against y (target-language side). */
export interface SimView {
  dots: Float32Array;
  /** Typical cosine of a true 1-1 pair in this view; similarities are expressed relative to it. */
  scale: number;
  /** How far this view's similarity is trusted, in [0, 1]; 0 leaves only length and shape costs. */
  weight: number;
  xNorm: Float64Array;
  yNorm: Float64Array;
}

export interface CostModel {
  views: SimView[];
  pb: PairBand;
  maxSide: number;
  /** Prefix sums of segment lengths in characters. */
  srcLen: Float64Array;
  tgtLen: Float64Array;
  /** Expected target/source length ratio. */
  ratio: number;
  nullCost: number;
  /**
   * Cost of each further segment of a run of unaligned segments on one side (shapes 0-k, k-0).
   * Below nullCost, so that a block without counterpart (captions, a table, a footnote) is
   * cheaper per segment than an isolated sentence left out, as gap costs are in sequence
   * alignment: an isolated fragment is more often part of a neighbouring bead.
   */
  nullExtend: number;
  mergePenalty: number;
  lengthWeight: number;
  /** Bead shapes the DP may use. */
  ta: Int32Array;
  tb: Int32Array;
}

export function beadShapes(maxSide: number, maxBeadSize: number, maxNullRun = 1): { ta: Int32Array; tb: Int32Array } {
  const a: number[] = [];
  const b: number[] = [];
  const push = (x: number, y: number): void => {
    a.push(x);
    b.push(y);
  };
  push(1, 1);
  push(1, 0);
  push(0, 1);
  for (let k = 2; k <= maxNullRun; k++) {
    push(k, 0);
    push(0, k);
  }
  for (let size = 3; size <= maxBeadSize; size++) {
    for (let x = 1; x < size; x++) {
      const y = size - x;
      if (x <= maxSide && y <= maxSide) push(x, y);
    }
  }
  return { ta: Int32Array.from(a), tb: Int32Array.from(b) };
}

function erfc(z: number): number {
  // Numerical Recipes' Chebyshev fit, relative error below 1.2e-7.
  const t = 1 / (1 + 0.5 * z);
  const p =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * Math.exp(p);
}

// -log P(|X| >= d) for a standard normal X, tabulated: the DP evaluates it millions of times.
const GC_STEP = 64;
const GC_MAX = 40;
const GC_TABLE = (() => {
  const tab = new Float64Array(GC_MAX * GC_STEP + 2);
  for (let k = 0; k < tab.length; k++) tab[k] = -Math.log(Math.max(erfc((k / GC_STEP) * Math.SQRT1_2), 1e-300));
  return tab;
})();

/** Gale & Church (1993) length cost of a bead with ls source and lt target characters. */
export function galeChurch(ls: number, lt: number, ratio: number): number {
  if (ls === 0 && lt === 0) return 0;
  const mean = (ls + lt / ratio) / 2;
  const d = (Math.abs(lt - ls * ratio) / Math.sqrt(6.8 * Math.max(mean, 1))) * GC_STEP;
  if (d >= GC_MAX * GC_STEP) return GC_TABLE[GC_MAX * GC_STEP];
  const k = Math.floor(d);
  const f = d - k;
  return GC_TABLE[k] * (1 - f) + GC_TABLE[k + 1] * f;
}

/**
 * Sum over the bead's segments of (1 - cosine of the segment with the opposite group), each
 * relative to the view scale. Unlike the cosine of the whole bead, this notices a short
 * unrelated segment glued onto an otherwise good bead.
 */
export function memberMismatch(cm: CostModel, a: number, b: number, i: number, j: number): number {
  const S1 = cm.maxSide + 1;
  const { plo, phi, poff } = cm.pb;
  let total = 0;
  const nv = cm.views.length;
  if (a === 1 && b === 1) {
    // Both members see the same cosine: mismatch is 1 - cosine.
    const s = i - 1;
    const t = j - 1;
    if (t < plo[s] || t > phi[s]) return 1;
    for (let v = 0; v < nv; v++) {
      const view = cm.views[v];
      const xn = view.xNorm[i * S1 + 1];
      const yn = view.yNorm[j * S1 + 1];
      const c = xn > 0 && yn > 0 ? view.dots[poff[s] - plo[s] + t] / Math.sqrt(xn * yn) / view.scale : 0;
      total += 1 - view.weight * Math.min(c, 1.5);
    }
    return nv > 0 ? total / nv : 1;
  }
  for (let v = 0; v < nv; v++) {
    const view = cm.views[v];
    const xg = view.xNorm[i * S1 + a];
    const yg = view.yNorm[j * S1 + b];
    for (let s = i - a; s < i; s++) {
      const lo = plo[s];
      const hi = phi[s];
      const base = poff[s] - lo;
      let dot = 0;
      for (let t = j - b; t < j; t++) if (t >= lo && t <= hi) dot += view.dots[base + t];
      const xn = view.xNorm[(s + 1) * S1 + 1];
      const c = xn > 0 && yg > 0 ? dot / Math.sqrt(xn * yg) / view.scale : 0;
      total += 1 - view.weight * Math.min(c, 1.5);
    }
    for (let t = j - b; t < j; t++) {
      let dot = 0;
      for (let s = i - a; s < i; s++) {
        const lo = plo[s];
        if (t >= lo && t <= phi[s]) dot += view.dots[poff[s] - lo + t];
      }
      const yn = view.yNorm[(t + 1) * S1 + 1];
      const c = yn > 0 && xg > 0 ? dot / Math.sqrt(yn * xg) / view.scale : 0;
      total += 1 - view.weight * Math.min(c, 1.5);
    }
  }
  return nv > 0 ? total / nv / 2 : a + b;
}

/** Cost of a run of k unaligned segments on one side. */
export function nullBeadCost(cm: CostModel, k: number): number {
  return cm.nullCost + (k - 1) * cm.nullExtend;
}

/**
 * Cost of the bead of shape (a, b) that ends at state (i, j). Every segment of a bead pays for
 * how poorly the other side explains it; null beads pay a flat price per segment. The merge
 * penalty and the length term keep the DP from gluing neighbours together on thin evidence.
 */
export function beadCost(cm: CostModel, a: number, b: number, i: number, j: number): number {
  if (a === 0 || b === 0) return nullBeadCost(cm, a + b);
  const ls = cm.srcLen[i] - cm.srcLen[i - a];
  const lt = cm.tgtLen[j] - cm.tgtLen[j - b];
  return (
    memberMismatch(cm, a, b, i, j) + cm.lengthWeight * galeChurch(ls, lt, cm.ratio) + cm.mergePenalty * (a + b - 2)
  );
}

export interface DpResult {
  /** Path as bead shapes and end states, in order. */
  shape: Int32Array;
  endI: Int32Array;
  endJ: Int32Array;
  /** Cost of each bead on the path. */
  cost: Float64Array;
  /** Extra cost of the cheapest local alternative at either end of each bead. */
  margin: Float64Array;
  /** Whether the path ran along the band edge (the band may have been too narrow). */
  touchedEdge: boolean;
  /** Bead costs by end state and shape (NaN where never evaluated), for reuse by a wider run. */
  costs: Float32Array;
}

/** A previous run on a narrower band with the same cost model apart from its pair band. */
export interface DpReuse {
  band: Band;
  pb: PairBand;
  costs: Float32Array;
}

/**
 * Carries bead costs over from a narrower band. A cost depends only on the pairs its bead
 * covers, and pairs present before keep their dot products, so only the states whose beads
 * cover a pair that has just entered the pair band are evaluated again. Returns undefined
 * when the new band does not contain the old one.
 */
function carryCosts(band: Band, pb: PairBand, maxSide: number, T: number, old: DpReuse): Float32Array | undefined {
  const { n, m, lo, hi, off } = band;
  const o = old.band;
  if (o.n !== n || o.m !== m) return undefined;
  for (let i = 0; i <= n; i++) if (lo[i] > o.lo[i] || hi[i] < o.hi[i]) return undefined;
  for (let s = 0; s < n; s++) {
    if (old.pb.phi[s] >= old.pb.plo[s] && (pb.plo[s] > old.pb.plo[s] || pb.phi[s] < old.pb.phi[s])) return undefined;
  }
  const costs = new Float32Array(band.size * T).fill(NaN);
  for (let i = 0; i <= n; i++) {
    costs.set(old.costs.subarray(o.off[i] * T, o.off[i + 1] * T), (off[i] + o.lo[i] - lo[i]) * T);
  }
  const clear = (i: number, j0: number, j1: number): void => {
    const a = Math.max(j0, lo[i]);
    const b = Math.min(j1, hi[i]);
    if (a <= b) costs.fill(NaN, (off[i] + a - lo[i]) * T, (off[i] + b - lo[i] + 1) * T);
  };
  for (let s = 0; s < n; s++) {
    const nlo = pb.plo[s];
    const nhi = pb.phi[s];
    if (nhi < nlo) continue;
    const olo = old.pb.plo[s];
    const ohi = old.pb.phi[s];
    // A bead covering pair (s, t) ends at a state (i, j) with s < i <= s + maxSide and
    // t < j <= t + maxSide.
    for (let i = s + 1; i <= Math.min(n, s + maxSide); i++) {
      if (ohi < olo) {
        clear(i, nlo + 1, nhi + maxSide);
        continue;
      }
      if (nlo < olo) clear(i, nlo + 1, olo - 1 + maxSide);
      if (nhi > ohi) clear(i, ohi + 2, nhi + maxSide);
    }
  }
  return costs;
}

export function runDp(band: Band, cm: CostModel, reuse?: DpReuse): DpResult {
  const { n, m, lo, hi, off } = band;
  const { ta, tb } = cm;
  const T = ta.length;
  const F = new Float64Array(band.size).fill(Infinity);
  const bp = new Uint8Array(band.size);
  // Bead costs indexed by end state, shared by the forward and backward passes and the margins.
  const costs =
    (reuse && carryCosts(band, cm.pb, cm.maxSide, T, reuse)) ?? new Float32Array(band.size * T).fill(NaN);
  const { srcLen, tgtLen, ratio, lengthWeight, mergePenalty } = cm;
  F[0] = 0;
  for (let i = 0; i <= n; i++) {
    const rlo = lo[i];
    const rhi = hi[i];
    const roff = off[i] - rlo;
    for (let j = rlo; j <= rhi; j++) {
      if (i === 0 && j === 0) continue;
      let best = Infinity;
      let bt = 0;
      const cbase = (roff + j) * T;
      for (let t = 0; t < T; t++) {
        const a = ta[t];
        const b = tb[t];
        const pi = i - a;
        const pj = j - b;
        if (pi < 0 || pj < lo[pi] || pj > hi[pi]) continue;
        const prev = F[off[pi] + pj - lo[pi]];
        if (prev === Infinity || prev >= best) continue;
        let bc = costs[cbase + t];
        if (bc !== bc) {
          if (a > 0 && b > 0) {
            // The terms of beadCost in the same order; the length term is shared with the
            // lower bound that spares most evaluations of the mismatch.
            const g = lengthWeight * galeChurch(srcLen[i] - srcLen[pi], tgtLen[j] - tgtLen[pj], ratio);
            const mp = mergePenalty * (a + b - 2);
            if (prev + (g + mp - 0.25 * (a + b)) >= best) continue;
            bc = memberMismatch(cm, a, b, i, j) + g + mp;
          } else {
            bc = nullBeadCost(cm, a + b);
          }
          costs[cbase + t] = bc;
        }
        const c = prev + bc;
        if (c < best) {
          best = c;
          bt = t;
        }
      }
      F[roff + j] = best;
      bp[roff + j] = bt;
    }
  }

  const B = new Float64Array(band.size).fill(Infinity);
  B[off[n] + m - lo[n]] = 0;
  for (let i = n; i >= 0; i--) {
    const rlo = lo[i];
    const rhi = hi[i];
    const roff = off[i] - rlo;
    for (let j = rhi; j >= rlo; j--) {
      if (i === n && j === m) continue;
      let best = Infinity;
      for (let t = 0; t < T; t++) {
        const ni = i + ta[t];
        const nj = j + tb[t];
        if (ni > n || nj < lo[ni] || nj > hi[ni]) continue;
        const nidx = off[ni] + nj - lo[ni];
        const next = B[nidx];
        if (next === Infinity || next >= best) continue;
        let bc = costs[nidx * T + t];
        if (bc !== bc) {
          const a = ta[t];
          const b = tb[t];
          if (a > 0 && b > 0) {
            // As in the forward pass: a bead that cannot beat the best even at its lowest
            // possible mismatch is not evaluated (with a margin far above rounding, so that the
            // minimum is the same as with every bead evaluated).
            const g = lengthWeight * galeChurch(srcLen[ni] - srcLen[i], tgtLen[nj] - tgtLen[j], ratio);
            const mp = mergePenalty * (a + b - 2);
            if (next + (g + mp - 0.25 * (a + b)) > best + 1e-9) continue;
            bc = memberMismatch(cm, a, b, ni, nj) + g + mp;
          } else {
            bc = nullBeadCost(cm, a + b);
          }
          costs[nidx * T + t] = bc;
        }
        const c = next + bc;
        if (c < best) best = c;
      }
      B[roff + j] = best;
    }
  }

  const shapes: number[] = [];
  const eis: number[] = [];
  const ejs: number[] = [];
  let i = n;
  let j = m;
  let touched = false;
  while (i > 0 || j > 0) {
    const idx = off[i] + j - lo[i];
    if ((j - lo[i] < 1 && lo[i] > 0) || (hi[i] - j < 1 && hi[i] < m)) touched = true;
    const t = bp[idx];
    shapes.push(t);
    eis.push(i);
    ejs.push(j);
    i -= ta[t];
    j -= tb[t];
  }
  shapes.reverse();
  eis.reverse();
  ejs.reverse();
  const L = shapes.length;
  const total = F[off[n] + m - lo[n]];
  const costArr = new Float64Array(L);
  const margin = new Float64Array(L);
  const fAt = (x: number, y: number): number =>
    x < 0 || x > n || y < lo[x] || y > hi[x] ? Infinity : F[off[x] + y - lo[x]];
  const bAt = (x: number, y: number): number =>
    x < 0 || x > n || y < lo[x] || y > hi[x] ? Infinity : B[off[x] + y - lo[x]];
  // Only for states inside the band.
  const costAt = (u: number, x: number, y: number): number => {
    const q = (off[x] + y - lo[x]) * T + u;
    let c = costs[q];
    if (c !== c) costs[q] = c = beadCost(cm, ta[u], tb[u], x, y);
    return c;
  };
  for (let k = 0; k < L; k++) {
    const t = shapes[k];
    const ei = eis[k];
    const ej = ejs[k];
    const si = ei - ta[t];
    const sj = ej - tb[t];
    costArr[k] = costAt(t, ei, ej);
    let alt = Infinity;
    const fs = fAt(si, sj);
    const be = bAt(ei, ej);
    for (let u = 0; u < T; u++) {
      if (u === t) continue;
      // Leave the start state differently...
      const ni = si + ta[u];
      const nj = sj + tb[u];
      const bn = bAt(ni, nj);
      if (bn !== Infinity) alt = Math.min(alt, fs + costAt(u, ni, nj) + bn);
      // ...or reach the end state differently.
      const pi = ei - ta[u];
      const pj = ej - tb[u];
      const fp = fAt(pi, pj);
      if (fp !== Infinity) alt = Math.min(alt, fp + costAt(u, ei, ej) + be);
    }
    margin[k] = alt === Infinity ? 10 : Math.max(0, alt - total);
  }
  return {
    shape: Int32Array.from(shapes),
    endI: Int32Array.from(eis),
    endJ: Int32Array.from(ejs),
    cost: costArr,
    margin,
    touchedEdge: touched,
    costs,
  };
}

/**
 * For a short stretch, rows [x0, x0 + n) of x against rows [y0, y0 + m) of y (numbered in one
 * view): every pair's dot product, laid out as pairBandFor lays out a band holding every pair
 * (row s at s * m), and both sides' merged norms, the same numbers bandDots and mergedNorms give
 * on those rows alone. `scratch` holds a float per feature of the view and is all zeros; it is
 * left so. Passing it in spares the tables bandDots and mergedNorms would set up for every
 * stretch.
 */
export function stretchView(
  x: IdRows,
  x0: number,
  n: number,
  y: IdRows,
  y0: number,
  m: number,
  maxSide: number,
  scratch: Float32Array,
): { dots: Float32Array; xNorm: Float64Array; yNorm: Float64Array } {
  const dots = new Float32Array(n * m);
  for (let s = 0; s < n; s++) {
    scatter(x, x0 + s, scratch, true);
    for (let t = 0; t < m; t++) dots[s * m + t] = gather(y, y0 + t, scratch);
    scatter(x, x0 + s, scratch, false);
  }
  return { dots, xNorm: stretchNorms(x, x0, n, maxSide, scratch), yNorm: stretchNorms(y, y0, m, maxSide, scratch) };
}

/** Writes row r of x into `dense` by feature id, or clears it again. */
function scatter(x: IdRows, r: number, dense: Float32Array, set: boolean): void {
  const { ids, vals, offsets } = x;
  for (let p = offsets[r]; p < offsets[r + 1]; p++) dense[ids[p]] = set ? vals[p] : 0;
}

/** Row r of x against the row scattered in `dense`, summed in row r's order. */
function gather(x: IdRows, r: number, dense: Float32Array): number {
  const { ids, vals, offsets } = x;
  let acc = 0;
  for (let q = offsets[r]; q < offsets[r + 1]; q++) acc += dense[ids[q]] * vals[q];
  return acc;
}

/** mergedNorms of rows [r0, r0 + n) of x, from the products of rows at most maxSide - 1 apart. */
function stretchNorms(x: IdRows, r0: number, n: number, maxSide: number, scratch: Float32Array): Float64Array {
  const S1 = maxSide + 1;
  const gram = new Float64Array(n * maxSide);
  for (let s = 0; s < n; s++) {
    let v = 0;
    for (let p = x.offsets[r0 + s]; p < x.offsets[r0 + s + 1]; p++) v += x.vals[p] * x.vals[p];
    gram[s * maxSide] = v;
    scatter(x, r0 + s, scratch, true);
    for (let d = 1; d < maxSide && s + d < n; d++) gram[s * maxSide + d] = gather(x, r0 + s + d, scratch);
    scatter(x, r0 + s, scratch, false);
  }
  const out = new Float64Array((n + 1) * S1);
  for (let i = 1; i <= n; i++) {
    for (let a = 1; a <= maxSide && a <= i; a++) {
      let v = 0;
      for (let s = i - a; s < i; s++) {
        v += gram[s * maxSide];
        for (let t = s + 1; t < i; t++) v += 2 * gram[s * maxSide + t - s];
      }
      out[i * S1 + a] = v;
    }
  }
  return out;
}
