import type { LogisticModel } from './logistic.js';

/**
 * The calibrated models of story linking (see story.ts), fitted by
 * `npx tsx bench/links-calibrate.ts` on the development facts: each candidate pair of paragraphs
 * of the development story (every paragraph's best candidates in each other article) is an
 * example, labelled by whether the gold links the two. `stage1Names` is fitted on the same story
 * with its translations taken away. The minimum confidence is about half the best F1 reached on
 * development data, the threshold that maximises expected F1 for calibrated probabilities.
 */
export const STORY_MODEL: { stage1: LogisticModel; stage1Names: LogisticModel; stage2: LogisticModel; defaultMinConfidence: number } = {
  stage1: {
    features: ['paraCos', 'sentCos'],
    weights: [14.4001, 5.4742],
    intercept: -5.203,
  },
  stage1Names: {
    features: ['paraCos', 'sentCos'],
    weights: [0.5171, 6.8921],
    intercept: -5.0024,
  },
  stage2: {
    features: ['z1', 'margin', 'story'],
    weights: [1.5646, -0.7323, 2.9671],
    intercept: 0.7825,
  },
  defaultMinConfidence: 0.2,
};
