/**
 * Bead confidence: a logistic model of whether a bead is exactly right, from the bead's
 * margin (how much more the cheapest local alternative around it would cost) and its shape.
 *
 * The model is fitted by `npm run bench` (BENCH_ONLY=align, section "calibration") on half of
 * the development set's 30-bead windows, over every MT variant and no MT, and judged on the
 * other half; its weights are copied here from that fit. Merged beads are wrong more often at
 * equal margin than 1-1 beads, and beads with an empty side follow a margin curve of their own.
 */

import { predictLogit, sigmoid, type LogisticModel } from './logistic.js';

/** Margins above this carry no further information (the alternative is simply far away). */
const MARGIN_CAP = 3;

export const CONFIDENCE_FEATURES = ['margin', 'oneToOne', 'emptySide', 'marginOnEmptySide'] as const;

/** Features of a bead for the model, in the order of CONFIDENCE_FEATURES. */
export function confidenceFeatures(margin: number, a: number, b: number): number[] {
  const m = Math.min(Math.max(margin, 0), MARGIN_CAP);
  const isNull = a === 0 || b === 0 ? 1 : 0;
  return [m, a === 1 && b === 1 ? 1 : 0, isNull, m * isNull];
}

/** The fitted model (see the module comment). */
export const CONFIDENCE_MODEL: LogisticModel = {
  features: CONFIDENCE_FEATURES,
  intercept: 0.23,
  weights: [2.87, 1.8, 0.9, -4.18],
};

export function confidenceOf(margin: number, a: number, b: number, model: LogisticModel = CONFIDENCE_MODEL): number {
  return Math.round(1000 * sigmoid(predictLogit(model, confidenceFeatures(margin, a, b)))) / 1000;
}
