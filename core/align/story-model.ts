import type { LogisticModel } from './logistic.js';

/**
 * The calibrated models of story linking (see story.ts), fitted by
 * `npx tsx bench/links-calibrate.ts --write` on the development facts and on our own second gold
 * of 28 more facts of the same articles (bench/gold): each candidate pair of paragraphs of the
 * story (every paragraph's best candidates in each other article) is an example, labelled by
 * whether either gold links the two. `stage1Names` is fitted on the same story
 * with its translations taken away. `suggestion` turns a fact suggestion's stage-2 logit into the
 * probability that the paragraph reports that fact, fitted on the suggestions for every mention of
 * both golds' facts, each fact named by the labels two annotators wrote from that mention alone
 * (bench/gold/seed-labels.json). The minimum confidence is about half the best F1 reached on
 * development data, the threshold that maximises expected F1 for calibrated probabilities.
 */
export const STORY_MODEL: { stage1: LogisticModel; stage1Names: LogisticModel; stage2: LogisticModel; suggestion: LogisticModel; defaultMinConfidence: number } = {
  stage1: {
    features: ['paraCos', 'sentCos', 'prose'],
    weights: [16.1858, 6.726, 5.0735],
    intercept: -9.3889,
  },
  stage1Names: {
    features: ['paraCos', 'sentCos', 'prose'],
    weights: [-0.4866, 5.1617, 3.4796],
    intercept: -6.648,
  },
  stage2: {
    features: ['z1', 'margin', 'story', 'hub'],
    weights: [1.312, -0.4363, 5.1774, -0.7694],
    intercept: 0.1615,
  },
  suggestion: {
    features: ['z'],
    weights: [0.46],
    intercept: -1.8096,
  },
  defaultMinConfidence: 0.2,
};
