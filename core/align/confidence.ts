/**
 * Bead confidence: a logistic model of whether a bead is exactly right, from the bead's margin
 * (how much more the cheapest local alternative around it would cost), its shape, its length
 * and what lies beside it in the alignment.
 *
 * The model is fitted by `npm run bench` (BENCH_ONLY=align, section "calibration") on half of
 * the development set's 30-bead windows, over every MT variant and no MT, and judged on the
 * other half; its weights are copied here from that fit. Features are computed from the beads
 * of one aligned span and the lengths of their segments alone, so that the bench, which sees
 * only the aligner's output, describes a bead exactly as the engine does.
 *
 * What the development windows show, and each feature is for:
 * - Precision climbs steeply with small margins and is flat above about 1, so the margin enters
 *   as a logarithm, capped at 1.
 * - Merged beads are wrong more often than 1-1 beads at equal margin.
 * - A bead with an empty side has a margin of a different kind: a segment inside a block of
 *   unaligned segments (captions, a table) has alternatives at the same cost (the order in which
 *   the two sides' deletions are listed, where the block is split), while a lone deletion is
 *   often a segment that belongs to its neighbour. So a deletion is judged by the run of
 *   deletions it belongs to, not by its margin.
 * - A bead beside a deletion is less sure: the deleted segment is often part of it.
 * - Short beads are more often wrong than long ones at equal margin: a few words carry little
 *   evidence, and a short sentence fits as well into the bead before as into the one after.
 */

import { predictLogit, sigmoid, type LogisticModel } from './logistic.js';
import type { BeadSpan } from './types.js';

/** Margins above this carry no further information (the alternative is simply far away). */
const MARGIN_CAP = 1;
/** Keeps the logarithm of a zero margin finite. */
const MARGIN_FLOOR = 0.05;
/** A run of at most this many unaligned segments (both sides together) counts as short. */
const SHORT_NULL_RUN = 2;

export const CONFIDENCE_FEATURES = ['logMargin', 'oneToOne', 'emptySide', 'shortNullRun', 'besideNull', 'logChars'] as const;

/** A bead as the confidence model reads it: its segments and margin (absent for anchors). */
export interface ConfidenceBead extends BeadSpan {
  margin?: number;
}

/** Prefix sums of the segments' trimmed lengths: segment k has prefix[k + 1] - prefix[k] characters. */
export function charPrefix(texts: readonly string[]): Float64Array {
  const out = new Float64Array(texts.length + 1);
  for (let k = 0; k < texts.length; k++) out[k + 1] = out[k] + texts[k].trim().length;
  return out;
}

const isNull = (b: BeadSpan): boolean => b.src.length === 0 || b.tgt.length === 0;

function spanChars(ids: readonly number[], prefix: Float64Array): number {
  return ids.length ? prefix[ids[ids.length - 1] + 1] - prefix[ids[0]] : 0;
}

/**
 * Writes the features of beads[k] (see CONFIDENCE_FEATURES) into `out`. `nullRun` is the length
 * of the run of beads with an empty side that beads[k] belongs to (0 if it has none).
 */
function featuresInto(
  beads: readonly ConfidenceBead[],
  k: number,
  nullRun: number,
  srcPrefix: Float64Array,
  tgtPrefix: Float64Array,
  out: number[],
): void {
  const b = beads[k];
  const a = b.src.length;
  const c = b.tgt.length;
  if (a === 0 || c === 0) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 1;
    out[3] = nullRun <= SHORT_NULL_RUN ? 1 : 0;
    out[4] = 0;
    out[5] = 0;
    return;
  }
  const m = Math.min(Math.max(b.margin ?? MARGIN_CAP, 0), MARGIN_CAP);
  const beside = (k > 0 && isNull(beads[k - 1])) || (k + 1 < beads.length && isNull(beads[k + 1]));
  out[0] = Math.log(m + MARGIN_FLOOR);
  out[1] = a === 1 && c === 1 ? 1 : 0;
  out[2] = 0;
  out[3] = 0;
  out[4] = beside ? 1 : 0;
  out[5] = Math.log1p(spanChars(b.src, srcPrefix) + spanChars(b.tgt, tgtPrefix));
}

/** For each bead, the length of the run of beads with an empty side it belongs to (0 if none). */
function nullRuns(beads: readonly BeadSpan[]): Int32Array {
  const runs = new Int32Array(beads.length);
  for (let k = 0; k < beads.length; ) {
    if (!isNull(beads[k])) {
      k++;
      continue;
    }
    let e = k;
    while (e < beads.length && isNull(beads[e])) e++;
    runs.fill(e - k, k, e);
    k = e;
  }
  return runs;
}

/**
 * Features of every bead of one aligned span, in order (beads numbered within the span, as are
 * the prefixes of its two sides' segment lengths; see charPrefix).
 */
export function confidenceFeatureRows(beads: readonly ConfidenceBead[], srcPrefix: Float64Array, tgtPrefix: Float64Array): number[][] {
  const runs = nullRuns(beads);
  return beads.map((_, k) => {
    const row = new Array<number>(CONFIDENCE_FEATURES.length);
    featuresInto(beads, k, runs[k], srcPrefix, tgtPrefix, row);
    return row;
  });
}

/** The fitted model (see the module comment). */
export const CONFIDENCE_MODEL: LogisticModel = {
  features: CONFIDENCE_FEATURES,
  intercept: 0.193,
  weights: [1.246, 1.852, 2.472, -4.357, -2.254, 0.507],
};

/** A probability from a feature row, rounded to three decimals. */
export function confidenceFromFeatures(row: readonly number[], model: LogisticModel = CONFIDENCE_MODEL): number {
  return Math.round(1000 * sigmoid(predictLogit(model, row))) / 1000;
}

/**
 * Sets the confidence of every bead of one aligned span that has a margin (beads without one,
 * such as anchors, keep theirs).
 */
export function assignConfidences(
  beads: Array<ConfidenceBead & { confidence: number }>,
  srcPrefix: Float64Array,
  tgtPrefix: Float64Array,
  model: LogisticModel = CONFIDENCE_MODEL,
): void {
  const runs = nullRuns(beads);
  const row = new Array<number>(CONFIDENCE_FEATURES.length);
  for (let k = 0; k < beads.length; k++) {
    if (beads[k].margin === undefined) continue;
    featuresInto(beads, k, runs[k], srcPrefix, tgtPrefix, row);
    beads[k].confidence = confidenceFromFeatures(row, model);
  }
}
