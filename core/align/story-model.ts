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
    features: ['paraCos', 'sentCos', 'prose'],
    weights: [15.7757, 4.8263, 4.1475],
    intercept: -9.3368,
  },
  stage1Names: {
    features: ['paraCos', 'sentCos', 'prose'],
    weights: [0.2312, 6.8695, 2.6213],
    intercept: -7.5289,
  },
  stage2: {
    features: ['z1', 'margin', 'story'],
    weights: [1.5516, -0.7463, 3.462],
    intercept: 0.6599,
  },
  defaultMinConfidence: 0.2,
};
