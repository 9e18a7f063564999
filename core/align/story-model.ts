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
    weights: [14.8865, 5.4859],
    intercept: -5.2525,
  },
  stage1Names: {
    features: ['paraCos', 'sentCos'],
    weights: [0.3308, 6.8061],
    intercept: -4.9388,
  },
  stage2: {
    features: ['z1', 'margin', 'story'],
    weights: [1.5388, -0.7234, 3.3847],
    intercept: 0.6917,
  },
  defaultMinConfidence: 0.2,
};
