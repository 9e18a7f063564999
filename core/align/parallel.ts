/**
 * Monotonic alignment of a text and its translation.
 *
 * Similarity is the cosine between idf-weighted bags of character n-grams, words, numbers,
 * names and punctuation, taken through machine translation in every direction available
 * (source MT against target, source against target MT, averaged). Without MT, or with MT
 * one way only, the source and target are also compared directly, which still catches what
 * survives translation: numbers, names, cognates, punctuation. A bead costs, for each of its segments, how poorly the other
 * side explains it, plus a Gale–Church length term and a small penalty per merged segment.
 * Each similarity view is trusted only as far as it proves informative on the text at hand
 * (see viewStats), so that between distant languages without MT, or on a text too short to
 * tell, the cost falls back towards Gale–Church instead of following chance overlaps;
 * the search is a DP restricted to a band around a guide path, widened locally when the best
 * path runs along its edge.
 */

import { PairVotes, bandAroundGuide, finishBand, guideFromVotes, tokenPairVotes, widenAroundPath } from './band.js';
import type { AnchorPair, Band } from './band.js';
import { DEFAULT_FEATURES, extractFeatures, sliceTokenRows } from './features.js';
import type { FeatureConfig, SparseRows, TokenRows } from './features.js';
import { bandDots, beadShapes, mergedNorms, pairBandFor, runDp, stretchView, viewStats } from './dp.js';
import type { CostModel, DpResult, PairBand, SimView, ViewStats } from './dp.js';
import { selectRows, weightView } from './vocab.js';
import type { WeightedView } from './vocab.js';
import type { Bead, BeadSpan, ParallelInput, ParallelOptions } from './types.js';
import { assignConfidences, charPrefix } from './confidence.js';

export const DEFAULT_PARALLEL_OPTIONS = {
  // Also allowing 1-5 and 5-1 beads finds the development gold's two 1-5 beads on every MT
  // variant, but costs a bead elsewhere on europarllight and without MT, and 14% more CPU.
  maxBeadSize: 5,
  maxSide: 4,
  // With MT the guide is dense and the best path seldom strays; a narrower band then gives the
  // same alignments on every MT variant and window of the development set, for less work.
  bandWidthMt: 4,
  bandWidthNoMt: 5,
  // An isolated unaligned segment costs nullCost, each further one in a run nullExtend (see
  // CostModel.nullExtend). With MT the evidence is strong enough to tell a block of captions
  // from a fragment that belongs to its neighbour; without MT runs get no discount.
  nullCostMt: 0.8,
  nullExtendMt: 0.6,
  maxNullRun: 4,
  // Direct cross-language evidence is sparse, so dropping a segment must be dearer.
  nullCostNoMt: 0.8,
  // One price per merged segment, whatever the shape: extra costs per shape, fitted to the gold's
  // shapes on half of the development windows, lost on the other half.
  mergePenalty: 0.12,
  lengthWeight: 0.1,
  // The second pass (see refineUnsure): beads below this confidence, and the shapes allowed
  // there. The threshold was chosen on the even windows of the development set (every value
  // from 0.3 to 0.55 scores the same there) and judged on the odd ones.
  refineBelow: 0.4,
  refineMaxBeadSize: 6,
  refineMaxSide: 5,
  // The third pass (see mergeCrossings): adjacent beads are merged when the crossing evidence
  // between them exceeds this. Chosen on the even windows of the development set (0.32 to 0.335
  // score best there, on every MT variant and without MT) and judged on the odd ones. Only with
  // MT: the direct view alone is sparse (a shared name or number), so one stray match makes the
  // evidence look one-sided; on the in-app benchmark without MT the pass lost beads.
  crossingAbove: 0.33,
  chunkSize: 5000,
} as const;

/**
 * Without MT the two sides share little besides names, numbers and cognates. Character
 * 5-grams rather than 4-grams: a shared 4-gram between two languages is often chance ("tion",
 * "ment", "ende"), a shared 5-gram more often a name or a cognate. On the development set
 * this lifts the whole article and every window size (8, 15, 30 beads).
 */
const DIRECT_FEATURES: FeatureConfig = { ...DEFAULT_FEATURES, ngrams: [5] };
/**
 * Between a text and a machine translation into its language: character trigrams and 4-grams.
 * Trigrams alone halve the feature and dot-product work but lose up to 1.5 points of strict F1
 * on some MT variants of the development set once unaligned runs are priced as gaps.
 */
const MT_FEATURES: FeatureConfig = DEFAULT_FEATURES;

interface Side {
  texts: readonly string[];
  lengths: Float64Array;
}

function validateAnchors(anchors: readonly BeadSpan[], n: number, m: number): BeadSpan[] {
  const all = anchors
    .map((a) => ({ src: [...a.src].sort((x, y) => x - y), tgt: [...a.tgt].sort((x, y) => x - y) }))
    .filter((a) => a.src.length + a.tgt.length > 0);
  const usedS = new Set<number>();
  const usedT = new Set<number>();
  for (const a of all) {
    for (const [ids, lim, used] of [
      [a.src, n, usedS],
      [a.tgt, m, usedT],
    ] as const) {
      for (let k = 0; k < ids.length; k++) {
        if (!Number.isInteger(ids[k]) || ids[k] < 0 || ids[k] >= lim) {
          throw new Error(`anchor ${JSON.stringify(a)} is out of range`);
        }
        if (k > 0 && ids[k] !== ids[k - 1] + 1) throw new Error(`anchor ${JSON.stringify(a)} is not contiguous`);
        if (used.has(ids[k])) throw new Error(`anchors overlap at ${JSON.stringify(a)}`);
        used.add(ids[k]);
      }
    }
  }
  const full = all.filter((a) => a.src.length > 0 && a.tgt.length > 0).sort((p, q) => p.src[0] - q.src[0]);
  for (let k = 1; k < full.length; k++) {
    if (full[k].tgt[0] < full[k - 1].tgt[0]) throw new Error(`anchors cross at ${JSON.stringify(full[k])}`);
  }
  return [...full, ...all.filter((a) => a.src.length === 0 || a.tgt.length === 0)];
}

interface SpanOptions {
  maxBeadSize: number;
  maxSide: number;
  bandWidth: number;
  nullCost: number;
  nullExtend: number;
  maxNullRun: number;
  mergePenalty: number;
  lengthWeight: number;
  refineBelow: number;
  refineMaxBeadSize: number;
  refineMaxSide: number;
  crossingAbove: number;
}

/** Token rows `idx` of `rows`, in that order. */
function selectTokens(rows: TokenRows, idx: readonly number[]): TokenRows {
  const offsets = new Int32Array(idx.length + 1);
  for (let k = 0; k < idx.length; k++) offsets[k + 1] = offsets[k] + rows.offsets[idx[k] + 1] - rows.offsets[idx[k]];
  const tokens = new Int32Array(offsets[idx.length]);
  for (let k = 0; k < idx.length; k++) tokens.set(rows.tokens.subarray(rows.offsets[idx[k]], rows.offsets[idx[k] + 1]), offsets[k]);
  return { offsets, tokens };
}

/** Anchor tokens of a text's sides (see tokenPairVotes), MT included where there is one. */
export interface TextTokens {
  src: TokenRows;
  tgt: TokenRows;
  srcMt?: TokenRows;
  tgtMt?: TokenRows;
}

/**
 * The guide path: the heaviest chain of clear candidate pairs, voted for by the tokens the two
 * sides share directly and by those each side shares with the other's MT.
 */
function guideChain(t: TextTokens): AnchorPair[] {
  const votes = new PairVotes();
  const views: Array<[TokenRows, TokenRows]> = [[t.src, t.tgt]];
  if (t.srcMt) views.push([t.srcMt, t.tgt]);
  if (t.tgtMt) views.push([t.src, t.tgtMt]);
  for (const [x, y] of views) tokenPairVotes(x, y, votes);
  return guideFromVotes(votes, t.src.offsets.length - 1, t.tgt.offsets.length - 1);
}

/** Anchor tokens of a text's two sides, without MT (what planChunks reads). */
export interface SideTokens {
  src: TokenRows;
  tgt: TokenRows;
}

/** Anchor tokens alone, for texts whose features are not needed. */
export function textTokens(texts: readonly string[]): TokenRows {
  return extractFeatures(texts, null, true).tokens!;
}

interface TextContext {
  src: readonly string[];
  tgt: readonly string[];
  tokens: TextTokens;
  /** Weighted feature rows of the whole text, per view. */
  pairs: WeightedView[];
  /**
   * View statistics measured on the whole text. Spans between anchors can be a handful of
   * segments, too few to estimate what a good pair looks like or how informative a view is.
   */
  stats?: ViewStats[];
  /** Target/source length ratio of the whole text, for the same reason. */
  ratio: number;
}

/**
 * Features and anchor tokens of every text, each text read once: with MT, each side against the
 * other's MT (so the four texts all have features); without, the two sides directly.
 */
function buildContext(
  src: readonly string[],
  tgt: readonly string[],
  srcMt: readonly string[] | undefined,
  tgtMt: readonly string[] | undefined,
  known?: SideTokens,
): TextContext {
  const hasMt = Boolean(srcMt || tgtMt);
  const cfg = hasMt ? MT_FEATURES : DIRECT_FEATURES;
  // A side whose anchor tokens are known and whose features are not needed is not read at all.
  const side = (texts: readonly string[], c: FeatureConfig | null, tokens: TokenRows | undefined): { rows?: SparseRows; tokens: TokenRows } => {
    if (!tokens) {
      const f = extractFeatures(texts, c, true);
      return { rows: f.rows, tokens: f.tokens! };
    }
    return { rows: c ? extractFeatures(texts, c).rows : undefined, tokens };
  };
  const fSrc = side(src, !hasMt || tgtMt ? cfg : null, known?.src);
  const fTgt = side(tgt, !hasMt || srcMt ? cfg : null, known?.tgt);
  const fSrcMt = srcMt && extractFeatures(srcMt, cfg, true);
  const fTgtMt = tgtMt && extractFeatures(tgtMt, cfg, true);
  const pairs: WeightedView[] = [];
  if (fSrcMt) pairs.push(weightView(fSrcMt.rows, fTgt.rows!));
  if (fTgtMt) pairs.push(weightView(fSrc.rows!, fTgtMt.rows));
  if (!hasMt) pairs.push(weightView(fSrc.rows!, fTgt.rows!));
  else if (!srcMt || !tgtMt) {
    // MT one way only: the two sides compared directly as well, since names, numbers and
    // cognates the one translation garbles still match across the languages.
    pairs.push(weightView(extractFeatures(src, DIRECT_FEATURES).rows, extractFeatures(tgt, DIRECT_FEATURES).rows));
  }
  const ls = charPrefix(src)[src.length];
  const lt = charPrefix(tgt)[tgt.length];
  return {
    src,
    tgt,
    tokens: { src: fSrc.tokens, tgt: fTgt.tokens, srcMt: fSrcMt?.tokens, tgtMt: fTgtMt?.tokens },
    pairs,
    ratio: ls > 0 && lt > 0 ? lt / ls : 1,
  };
}

function wholeTextStats(ctx: TextContext, o: SpanOptions): ViewStats[] {
  const n = ctx.src.length;
  const m = ctx.tgt.length;
  if (n === 0 || m === 0) return ctx.pairs.map(() => ({ scale: 1, weight: 1 }));
  const band = bandAroundGuide(n, m, guideChain(ctx.tokens), o.bandWidth);
  const pb = pairBandFor(band);
  return ctx.pairs.map(({ x, y }) => viewStats(bandDots(x, y, pb), pb, mergedNorms(x, 1), mergedNorms(y, 1), 1));
}

function alignSpan(ctx: TextContext, si: readonly number[], ti: readonly number[], o: SpanOptions): Bead[] {
  const n = si.length;
  const m = ti.length;
  if (n === 0 || m === 0) {
    const out: Bead[] = [];
    for (let s = 0; s < n; s++) out.push({ src: [s], tgt: [], confidence: 1 });
    for (let t = 0; t < m; t++) out.push({ src: [], tgt: [t], confidence: 1 });
    return out;
  }
  const whole = n === ctx.src.length && m === ctx.tgt.length;
  const src = whole ? ctx.src : si.map((k) => ctx.src[k]);
  const tgt = whole ? ctx.tgt : ti.map((k) => ctx.tgt[k]);
  const pairs: WeightedView[] = whole ? ctx.pairs : ctx.pairs.map(({ x, y }) => ({ x: selectRows(x, si), y: selectRows(y, ti) }));
  const tk = ctx.tokens;
  const tokens: TextTokens = whole
    ? tk
    : {
        src: selectTokens(tk.src, si),
        tgt: selectTokens(tk.tgt, ti),
        srcMt: tk.srcMt && selectTokens(tk.srcMt, si),
        tgtMt: tk.tgtMt && selectTokens(tk.tgtMt, ti),
      };
  const chain = guideChain(tokens);

  const srcSide: Side = { texts: src, lengths: charPrefix(src) };
  const tgtSide: Side = { texts: tgt, lengths: charPrefix(tgt) };
  const ratio = ctx.ratio;
  const { ta, tb } = beadShapes(o.maxSide, o.maxBeadSize, o.maxNullRun);
  const xNorms = pairs.map(({ x }) => mergedNorms(x, o.maxSide));
  const yNorms = pairs.map(({ y }) => mergedNorms(y, o.maxSide));

  let band: Band = bandAroundGuide(n, m, chain, o.bandWidth);
  // View statistics are measured once, on the band around the guide. Keeping them fixed when
  // the band is widened leaves every bead cost that covers no new pair unchanged, so a wider
  // run only evaluates the beads along the new edges.
  let stats = ctx.stats;
  let prev: { pb: PairBand; band: Band; costs: Float32Array; dots: Float32Array[] } | undefined;
  for (let round = 0; ; round++) {
    const pb = pairBandFor(band);
    const views: SimView[] = pairs.map(({ x, y }, k) => {
      const dots = bandDots(x, y, pb, prev && { pb: prev.pb, dots: prev.dots[k] });
      const { scale, weight } = stats?.[k] ?? viewStats(dots, pb, xNorms[k], yNorms[k], o.maxSide);
      return { dots, scale, weight, xNorm: xNorms[k], yNorm: yNorms[k] };
    });
    stats ??= views.map(({ scale, weight }) => ({ scale, weight }));
    const cm = costModel(o, views, pb, o.maxSide, srcSide.lengths, tgtSide.lengths, ratio, ta, tb);
    const res = runDp(band, cm, prev && { band: prev.band, pb: prev.pb, costs: prev.costs });
    prev = { pb, band, costs: res.costs, dots: views.map((view) => view.dots) };
    if (res.touchedEdge && band.size < (n + 1) * (m + 1)) {
      // Widen locally a few times; if the path keeps escaping, the guide was poor and a
      // uniformly wider band is cheaper than many small steps.
      band =
        round < 6
          ? widenAroundPath(band, res.endI, res.endJ, o.bandWidth * (round + 1))
          : bandAroundGuide(n, m, chain, o.bandWidth * 2 ** (round - 4));
      continue;
    }
    const beads = beadsOfPath(res, ta, tb);
    assignConfidences(beads, srcSide.lengths, tgtSide.lengths);
    const refined = refineUnsure(beads, pairs, stats, srcSide, tgtSide, ratio, o);
    return mergeCrossings(refined, pairs, views, pb, srcSide, tgtSide, o);
  }
}

/**
 * Crossing evidence between two adjacent linked beads A (source rows [s0, s0 + na), target rows
 * [t0, t0 + ma)) and B (the na-th source row on, nb of them; the ma-th target row on, mb): the
 * similarity of A's source with B's target minus that of B's source with A's target, each view's
 * cosine of the two groups relative to its scale and weighted by its trust (as memberMismatch
 * reads them), averaged over the views. Products come from the band of the search where it holds
 * the pairs (adjacent beads' crossing pairs are next to the path, so it nearly always does), and
 * group norms from the views' merged norms (groups of up to `maxSide` rows). `scratch` holds a
 * float per feature of each view, all zeros, and is left so.
 */
function crossingAsymmetry(
  pairs: readonly WeightedView[],
  views: readonly SimView[],
  pb: PairBand,
  maxSide: number,
  s0: number,
  na: number,
  nb: number,
  t0: number,
  ma: number,
  mb: number,
  scratch: Float32Array[],
): number {
  const S1 = maxSide + 1;
  const { plo, phi, poff } = pb;
  let total = 0;
  for (let v = 0; v < views.length; v++) {
    const view = views[v];
    // Source rows [i0, i0 + a) against target rows [j0, j0 + b), each side as one group.
    const sim = (i0: number, a: number, j0: number, b: number): number => {
      const xn = view.xNorm[(i0 + a) * S1 + a];
      const yn = view.yNorm[(j0 + b) * S1 + b];
      if (!(xn > 0 && yn > 0)) return 0;
      let d = 0;
      let inBand = true;
      for (let s = i0; s < i0 + a && inBand; s++) {
        if (j0 < plo[s] || j0 + b - 1 > phi[s]) inBand = false;
        else for (let t = j0; t < j0 + b; t++) d += view.dots[poff[s] - plo[s] + t];
      }
      if (!inBand) d = groupDot(pairs[v], i0, a, j0, b, scratch[v]);
      return view.weight * Math.min(d / Math.sqrt(xn * yn) / view.scale, 1.5);
    };
    total += sim(s0, na, t0 + ma, mb) - sim(s0 + na, nb, t0, ma);
  }
  return views.length > 0 ? total / views.length : 0;
}

/** The product of the sum of source rows [i0, i0 + a) with that of target rows [j0, j0 + b). */
function groupDot({ x, y }: WeightedView, i0: number, a: number, j0: number, b: number, dense: Float32Array): number {
  for (let s = i0; s < i0 + a; s++) for (let p = x.offsets[s]; p < x.offsets[s + 1]; p++) dense[x.ids[p]] += x.vals[p];
  let d = 0;
  for (let t = j0; t < j0 + b; t++) for (let q = y.offsets[t]; q < y.offsets[t + 1]; q++) d += dense[y.ids[q]] * y.vals[q];
  for (let s = i0; s < i0 + a; s++) for (let p = x.offsets[s]; p < x.offsets[s + 1]; p++) dense[x.ids[p]] = 0;
  return d;
}

/**
 * The third pass: two adjacent linked beads are merged into one when content crosses the
 * boundary between them, i.e. when part of one bead's source is rendered in the other bead's
 * target (or the reverse), as in the 2-2 and 3-2 beads translators make when they move a clause
 * across a sentence boundary. Adjacent sentences on one topic share vocabulary both ways, so
 * the two off-diagonal similarities are both raised; a crossing raises one of them only. The
 * evidence is therefore their difference (see crossingAsymmetry), and beads are merged when it
 * exceeds `o.crossingAbove`, up to the shapes the second pass allows. Each bead is merged at
 * most once, left to right.
 */
function mergeCrossings(
  beads: Bead[],
  pairs: readonly WeightedView[],
  views: readonly SimView[],
  pb: PairBand,
  srcSide: Side,
  tgtSide: Side,
  o: SpanOptions,
): Bead[] {
  if (!(o.crossingAbove > 0) || pairs.length === 0 || beads.length < 2) return beads;
  const maxSide = Math.max(o.maxSide, o.refineMaxSide);
  const maxBeadSize = Math.max(o.maxBeadSize, o.refineMaxBeadSize);
  const linked = (b: Bead): boolean => b.src.length > 0 && b.tgt.length > 0;
  // One table per view, by feature id, shared by the pairs of beads (see crossingAsymmetry).
  let scratch: Float32Array[] | undefined;
  const out: Bead[] = [];
  let changed = false;
  for (let k = 0; k < beads.length; k++) {
    const a = beads[k];
    const b = beads[k + 1];
    if (b !== undefined && linked(a) && linked(b)) {
      const n = a.src.length + b.src.length;
      const m = a.tgt.length + b.tgt.length;
      const groupsFit = Math.max(a.src.length, b.src.length, a.tgt.length, b.tgt.length) <= o.maxSide;
      if (n <= maxSide && m <= maxSide && n + m <= maxBeadSize && groupsFit) {
        scratch ??= pairs.map(({ x }) => new Float32Array(x.features));
        const [na, nb, ma, mb] = [a.src.length, b.src.length, a.tgt.length, b.tgt.length];
        const asym = crossingAsymmetry(pairs, views, pb, o.maxSide, a.src[0], na, nb, a.tgt[0], ma, mb, scratch);
        if (Math.abs(asym) > o.crossingAbove) {
          const margin = Math.min(a.margin ?? Infinity, b.margin ?? Infinity);
          out.push({ src: [...a.src, ...b.src], tgt: [...a.tgt, ...b.tgt], confidence: 1, ...(margin < Infinity ? { margin } : {}) });
          changed = true;
          k++;
          continue;
        }
      }
    }
    out.push(a);
  }
  if (!changed) return beads;
  // Confidence reads a bead's shape and neighbours, which have changed.
  assignConfidences(out, srcSide.lengths, tgtSide.lengths);
  return out;
}

/** The search's costs over one band: the span's options with its views, lengths and shapes. */
function costModel(
  o: SpanOptions,
  views: SimView[],
  pb: PairBand,
  maxSide: number,
  srcLen: Float64Array,
  tgtLen: Float64Array,
  ratio: number,
  ta: CostModel['ta'],
  tb: CostModel['tb'],
): CostModel {
  return { views, pb, maxSide, srcLen, tgtLen, ratio, nullCost: o.nullCost, nullExtend: o.nullExtend, mergePenalty: o.mergePenalty, lengthWeight: o.lengthWeight, ta, tb };
}

/** Neither side of an unsure stretch is realigned when it has more segments than this. */
const REFINE_MAX_SIDE = 40;

/**
 * The second pass: each maximal run of beads whose confidence is below `o.refineBelow`, with the
 * linked bead on either side, is aligned again on its own, with every pair of its segments in the
 * band and larger bead shapes allowed (`o.refineMaxBeadSize`, `o.refineMaxSide`), at the same
 * costs and view statistics as the first pass. Larger shapes allowed everywhere find the odd
 * sentence translated as five, but also glue neighbours together where the evidence is clear
 * enough to have been sure without them; the stretches the first pass is unsure of are where a
 * shape it could not produce is likely to be missing. A neighbour with an empty side is left out:
 * it may belong to a longer run of unaligned segments, which the stretch alone would price as a
 * shorter one.
 */
function refineUnsure(
  beads: Bead[],
  pairs: readonly WeightedView[],
  stats: readonly ViewStats[],
  srcSide: Side,
  tgtSide: Side,
  ratio: number,
  o: SpanOptions,
): Bead[] {
  const L = beads.length;
  const maxSide = Math.max(o.maxSide, o.refineMaxSide);
  const maxBeadSize = Math.max(o.maxBeadSize, o.refineMaxBeadSize);
  if (maxSide === o.maxSide && maxBeadSize === o.maxBeadSize) return beads;
  const low = beads.map((b) => b.confidence < o.refineBelow);
  if (!low.includes(true)) return beads;
  const linked = (b: Bead): boolean => b.src.length > 0 && b.tgt.length > 0;
  const mark = low.map((x, k) => x || (linked(beads[k]) && ((k > 0 && low[k - 1]) || (k + 1 < L && low[k + 1]))));
  // sAt[k], tAt[k]: the first source and target segment of bead k or after it.
  const sAt = new Int32Array(L + 1);
  const tAt = new Int32Array(L + 1);
  for (let k = 0; k < L; k++) {
    sAt[k + 1] = sAt[k] + beads[k].src.length;
    tAt[k + 1] = tAt[k] + beads[k].tgt.length;
  }
  const { ta, tb } = beadShapes(maxSide, maxBeadSize, o.maxNullRun);
  // A stretch too small to hold any shape the first pass lacked would come out the same.
  const fitsNewShape = (n: number, m: number): boolean => {
    for (let q = 0; q < ta.length; q++) {
      const a = ta[q];
      const b = tb[q];
      if (a > 0 && b > 0 && a <= n && b <= m && (a + b > o.maxBeadSize || Math.max(a, b) > o.maxSide)) return true;
    }
    return false;
  };
  const out: Bead[] = [];
  let changed = false;
  // One table per view, by feature id, shared by the stretches (see stretchView).
  let scratch: Float32Array[] | undefined;
  for (let k = 0; k < L; ) {
    if (!mark[k]) {
      out.push(beads[k++]);
      continue;
    }
    let e = k;
    while (e < L && mark[e]) e++;
    const s0 = sAt[k];
    const t0 = tAt[k];
    const n = sAt[e] - s0;
    const m = tAt[e] - t0;
    if (!fitsNewShape(n, m) || n > REFINE_MAX_SIDE || m > REFINE_MAX_SIDE) {
      for (let q = k; q < e; q++) out.push(beads[q]);
      k = e;
      continue;
    }
    const band = finishBand(n, m, new Int32Array(n + 1), new Int32Array(n + 1).fill(m));
    const pb = pairBandFor(band);
    scratch ??= pairs.map(({ x }) => new Float32Array(x.features));
    const views: SimView[] = pairs.map(({ x, y }, v) => {
      const { dots, xNorm, yNorm } = stretchView(x, s0, n, y, t0, m, maxSide, scratch![v]);
      return { dots, scale: stats[v].scale, weight: stats[v].weight, xNorm, yNorm };
    });
    const srcLen = srcSide.lengths.subarray(s0, s0 + n + 1).map((x) => x - srcSide.lengths[s0]);
    const tgtLen = tgtSide.lengths.subarray(t0, t0 + m + 1).map((y) => y - tgtSide.lengths[t0]);
    const cm = costModel(o, views, pb, maxSide, srcLen, tgtLen, ratio, ta, tb);
    for (const b of beadsOfPath(runDp(band, cm), ta, tb)) {
      out.push({ ...b, src: b.src.map((x) => x + s0), tgt: b.tgt.map((y) => y + t0) });
    }
    changed = true;
    k = e;
  }
  if (!changed) return beads;
  // Confidence reads a bead's neighbours, which may have changed.
  assignConfidences(out, srcSide.lengths, tgtSide.lengths);
  return out;
}

/**
 * The beads of a DP path, confidences still to be set. A loop of its own, so that the engine
 * optimises this small function rather than the whole of alignSpan, once per piece.
 */
function beadsOfPath(res: DpResult, ta: Int32Array, tb: Int32Array): Bead[] {
  const beads: Bead[] = [];
  for (let k = 0; k < res.shape.length; k++) {
    const a = ta[res.shape[k]];
    const b = tb[res.shape[k]];
    const ei = res.endI[k];
    const ej = res.endJ[k];
    const s: number[] = [];
    const t: number[] = [];
    for (let x = ei - a; x < ei; x++) s.push(x);
    for (let y = ej - b; y < ej; y++) t.push(y);
    // Set by assignConfidences, once the bead's neighbours are known.
    const confidence = 1;
    const margin = Math.round(res.margin[k] * 1e4) / 1e4;
    // A run of unaligned segments is one bead to the search but one line per segment in the
    // output, as in the gold standards.
    if (a === 0 || b === 0) {
      for (const x of s) beads.push({ src: [x], tgt: [], confidence, margin });
      for (const y of t) beads.push({ src: [], tgt: [y], confidence, margin });
    } else beads.push({ src: s, tgt: t, confidence, margin });
  }
  return beads;
}

function checkInput(input: ParallelInput): void {
  const { src, tgt, srcMt, tgtMt } = input;
  if (srcMt && srcMt.length !== src.length) {
    throw new Error(`srcMt has ${srcMt.length} lines but src has ${src.length}`);
  }
  if (tgtMt && tgtMt.length !== tgt.length) {
    throw new Error(`tgtMt has ${tgtMt.length} lines but tgt has ${tgt.length}`);
  }
}

/** A piece of a long text aligned on its own: source [s0, s1) with target [t0, t1). */
export interface Chunk {
  s0: number;
  s1: number;
  t0: number;
  t1: number;
}

/**
 * Where to cut a long text into pieces that are aligned independently (in any order, on any
 * thread, with the same result). A text of up to 1.5 chunks is one piece, so articles and
 * chapters are aligned whole. Longer texts are cut about every `chunkSize` source segments at
 * a guide anchor whose neighbours in the guide step the same way on both sides (so the cut
 * sits inside a stretch of plain 1-1 correspondence), never through a confirmed bead. Memory
 * then grows with the piece, not the text, and pieces keep every core busy.
 */
export function planChunks(input: ParallelInput, options: ParallelOptions = {}, tokens?: SideTokens): Chunk[] {
  checkInput(input);
  const { src, tgt } = input;
  const n = src.length;
  const m = tgt.length;
  const size = Math.max(100, options.chunkSize ?? DEFAULT_PARALLEL_OPTIONS.chunkSize);
  if (!isLong(input, options)) return [{ s0: 0, s1: n, t0: 0, t1: m }];
  const anchors = validateAnchors(input.anchors ?? [], n, m).filter((a) => a.src.length > 0 && a.tgt.length > 0);
  // Cut points need only a few steady anchors, so the whole text is read once through the
  // tokens the two sides share directly (numbers, names); each piece then builds its own guide
  // with MT, on whichever thread aligns it.
  const chain = guideChain(tokens ?? { src: textTokens(src), tgt: textTokens(tgt) });
  const steady = (k: number): boolean => {
    if (k < 2 || k + 2 >= chain.length) return false;
    for (let d = -2; d < 2; d++) {
      const di = chain[k + d + 1].i - chain[k + d].i;
      const dj = chain[k + d + 1].j - chain[k + d].j;
      if (di > 3 || dj > 3 || di !== dj) return false;
    }
    return true;
  };
  // A cut at (i, j) must leave every confirmed bead wholly on one side of it.
  const clean = (i: number, j: number): boolean =>
    anchors.every((a) => {
      const before = a.src[a.src.length - 1] < i && a.tgt[a.tgt.length - 1] < j;
      const after = a.src[0] >= i && a.tgt[0] >= j;
      return before || after;
    });
  const cuts: Array<[number, number]> = [];
  let k = 0;
  let last = 0;
  for (let goal = size; goal + size / 2 < n; goal = Math.max(goal + size, last + size)) {
    while (k < chain.length && chain[k].i < goal - size / 2) k++;
    let best = -1;
    for (let q = k; q < chain.length && chain[q].i <= goal + size / 2; q++) {
      if (!steady(q) || chain[q].i <= last || !clean(chain[q].i, chain[q].j)) continue;
      if (best < 0 || Math.abs(chain[q].i - goal) < Math.abs(chain[best].i - goal)) best = q;
    }
    if (best < 0) continue;
    const prev = cuts.length ? cuts[cuts.length - 1][1] : 0;
    if (chain[best].j <= prev) continue;
    cuts.push([chain[best].i, chain[best].j]);
    last = chain[best].i;
  }
  const out: Chunk[] = [];
  let s0 = 0;
  let t0 = 0;
  for (const [i, j] of [...cuts, [n, m]]) {
    out.push({ s0, s1: i, t0, t1: j });
    s0 = i;
    t0 = j;
  }
  return out;
}

/** The part of `input` inside a chunk, with anchors renumbered to it. */
export function chunkInput(input: ParallelInput, c: Chunk): ParallelInput {
  const inside = (a: BeadSpan): boolean =>
    a.src.every((x) => x >= c.s0 && x < c.s1) && a.tgt.every((y) => y >= c.t0 && y < c.t1);
  return {
    src: input.src.slice(c.s0, c.s1),
    tgt: input.tgt.slice(c.t0, c.t1),
    srcMt: input.srcMt?.slice(c.s0, c.s1),
    tgtMt: input.tgtMt?.slice(c.t0, c.t1),
    anchors: input.anchors?.filter(inside).map((a) => ({ src: a.src.map((x) => x - c.s0), tgt: a.tgt.map((y) => y - c.t0) })),
  };
}

/** Beads of a chunk renumbered to the whole text. */
export function fromChunk(beads: readonly Bead[], c: Chunk): Bead[] {
  return beads.map((b) => ({ ...b, src: b.src.map((x) => x + c.s0), tgt: b.tgt.map((y) => y + c.t0) }));
}

/**
 * Aligns `src` with `tgt` monotonically. Returns beads covering every segment exactly once,
 * in order. Throws if MT line counts do not match or anchors are inconsistent. Long texts are
 * aligned piece by piece (see planChunks); `alignChunk` aligns one piece, which is what a
 * worker thread runs.
 */
export function alignParallel(input: ParallelInput, options: ParallelOptions = {}): Bead[] {
  const tokens = isLong(input, options) ? { src: textTokens(input.src), tgt: textTokens(input.tgt) } : undefined;
  const plan = planChunks(input, options, tokens);
  if (plan.length === 1) return alignChunk(input, options);
  return plan.flatMap((c) => fromChunk(alignChunk(chunkInput(input, c), options, tokens && chunkTokens(tokens, c)), c));
}

/** Whether planChunks may cut a text into pieces (and so reads its anchor tokens). */
export function isLong(input: ParallelInput, options: ParallelOptions = {}): boolean {
  const size = Math.max(100, options.chunkSize ?? DEFAULT_PARALLEL_OPTIONS.chunkSize);
  return input.src.length > size * 1.5 && input.tgt.length > 0;
}

/** The anchor tokens of the part of a text inside a chunk. */
export function chunkTokens(tokens: SideTokens, c: Chunk): SideTokens {
  return { src: sliceTokenRows(tokens.src, c.s0, c.s1), tgt: sliceTokenRows(tokens.tgt, c.t0, c.t1) };
}

/**
 * Aligns a text as one piece, however long. `tokens`, when given, are the anchor tokens of
 * `input.src` and `input.tgt` as textTokens reads them (e.g. those planChunks read, cut to the
 * piece), which are then not read again.
 */
export function alignChunk(input: ParallelInput, options: ParallelOptions = {}, tokens?: SideTokens): Bead[] {
  checkInput(input);
  const { src, tgt, srcMt, tgtMt } = input;
  const hasMt = Boolean(srcMt || tgtMt);
  const d = DEFAULT_PARALLEL_OPTIONS;
  const o: SpanOptions = {
    maxBeadSize: Math.max(2, options.maxBeadSize ?? d.maxBeadSize),
    maxSide: Math.max(1, options.maxSide ?? d.maxSide),
    bandWidth: Math.max(2, options.bandWidth ?? (hasMt ? d.bandWidthMt : d.bandWidthNoMt)),
    nullCost: options.nullCost ?? (hasMt ? d.nullCostMt : d.nullCostNoMt),
    nullExtend: options.nullExtend ?? (hasMt ? d.nullExtendMt : (options.nullCost ?? d.nullCostNoMt)),
    maxNullRun: Math.max(1, options.maxNullRun ?? d.maxNullRun),
    mergePenalty: options.mergePenalty ?? d.mergePenalty,
    lengthWeight: options.lengthWeight ?? d.lengthWeight,
    refineBelow: options.refineBelow ?? d.refineBelow,
    // A caller who limits the shapes limits them in the second pass too.
    refineMaxBeadSize: options.maxBeadSize ?? d.refineMaxBeadSize,
    refineMaxSide: options.maxSide ?? d.refineMaxSide,
    crossingAbove: options.crossingAbove ?? (hasMt ? d.crossingAbove : 0),
  };
  const anchors = validateAnchors(input.anchors ?? [], src.length, tgt.length);
  // Anchors with an empty side say "this segment has no counterpart": they do not split the
  // text, they only take the segment out of the alignment.
  const dropSrc = new Set<number>();
  const dropTgt = new Set<number>();
  for (const a of anchors) {
    if (a.tgt.length === 0) a.src.forEach((x) => dropSrc.add(x));
    if (a.src.length === 0) a.tgt.forEach((y) => dropTgt.add(y));
  }
  if (tokens && (tokens.src.offsets.length !== src.length + 1 || tokens.tgt.offsets.length !== tgt.length + 1)) {
    throw new Error('anchor tokens do not match the text');
  }
  const ctx = buildContext(src, tgt, srcMt, tgtMt, tokens);
  if (anchors.length > 0) ctx.stats = wholeTextStats(ctx, o);
  const out: Bead[] = [];
  let s0 = 0;
  let t0 = 0;
  const gap = (s1: number, t1: number): void => {
    const si: number[] = [];
    const ti: number[] = [];
    for (let x = s0; x < s1; x++) if (!dropSrc.has(x)) si.push(x);
    for (let y = t0; y < t1; y++) if (!dropTgt.has(y)) ti.push(y);
    const part = alignSpan(ctx, si, ti, o);
    const pending: Bead[] = [];
    for (let x = s0; x < s1; x++) if (dropSrc.has(x)) pending.push({ src: [x], tgt: [], confidence: 1 });
    for (let y = t0; y < t1; y++) if (dropTgt.has(y)) pending.push({ src: [], tgt: [y], confidence: 1 });
    const mapped = part.map((b) => ({ ...b, src: b.src.map((x) => si[x]), tgt: b.tgt.map((y) => ti[y]) }));
    // Put each dropped segment just before the first bead that comes after it on its side.
    let p = 0;
    for (const b of mapped) {
      while (
        p < pending.length &&
        ((pending[p].src.length && b.src.length && pending[p].src[0] < b.src[0]) ||
          (pending[p].tgt.length && b.tgt.length && pending[p].tgt[0] < b.tgt[0]))
      ) {
        out.push(pending[p++]);
      }
      out.push(b);
    }
    while (p < pending.length) out.push(pending[p++]);
  };
  for (const a of anchors) {
    if (a.src.length === 0 || a.tgt.length === 0) continue;
    gap(a.src[0], a.tgt[0]);
    out.push({ src: a.src.slice(), tgt: a.tgt.slice(), confidence: 1 });
    s0 = a.src[a.src.length - 1] + 1;
    t0 = a.tgt[a.tgt.length - 1] + 1;
  }
  gap(src.length, tgt.length);
  return out;
}
