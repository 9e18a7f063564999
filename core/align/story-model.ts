import type { LogisticModel } from './logistic.js';

/**
 * The calibrated models of story linking (see story.ts). Fitted by `npx tsx bench/links-calibrate.ts`
 * on the development facts: every cross-article paragraph pair of the development story is an
 * example, labelled by whether the gold links it.
 */
export const STORY_MODEL: { stage1: LogisticModel; stage2: LogisticModel; defaultMinConfidence: number } = {
  stage1: {
    features: ['paraCos', 'sentCos'],
    weights: [12.5614, 6.2823],
    intercept: -5.2828,
  },
  stage2: {
    features: ['z1', 'margin', 'story'],
    weights: [1.4625, -0.6486, 3.5696],
    intercept: 0.6031,
  },
  defaultMinConfidence: 0.2,
};
