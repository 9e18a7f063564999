/**
 * Calibration of story linking on the development facts, and the cross-validation that guards
 * against fitting them too closely.
 *
 * Every cross-article paragraph pair the engine scores is an example, labelled by whether the dev
 * gold links the two paragraphs. Stage 1 (evidence → probability) and stage 2 (rank, margin and
 * story support) are logistic models fitted in turn. `npx tsx bench/links-calibrate.ts` prints the
 * models to paste into core/align/story-model.ts, with leave-one-article-pair-out figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StoryIndex, STAGE1_FEATURES, STAGE2_FEATURES, type Candidate, type DocInput } from '../core/align/story.js';
import { fitLogistic, predictLogit, sigmoid, type LogisticModel } from '../core/align/logistic.js';
import { STORY_MODEL } from '../core/align/story-model.js';
import { splitSentences } from '../core/text';
import { averagePrecision, bestThreshold, goldPairs, pairKey, paraKey, prf, readDevGold, round, sharedDir, type DevGold } from './links-eval';

/** The five seeds as engine input, read straight from the files (paragraph = non-empty line). */
export function seedDocs(shared: string, gold: DevGold): { docs: DocInput[]; files: string[] } {
  const lines = (f: string) => fs.readFileSync(f, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const docs = gold.files.map((f) => {
    const orig = lines(path.join(shared, 'seeds', f.file));
    const enFile = path.join(shared, 'seeds', 'en', f.file);
    const en = fs.existsSync(enFile) ? lines(enFile) : null;
    const lang = f.lang === 'no' ? 'nb' : f.lang;
    return {
      lang,
      paragraphs: orig.map((text, i) => ({
        text,
        sentences: splitSentences(text, lang),
        pivot: en ? en[i] : null,
        pivotSentences: en ? splitSentences(en[i], 'en') : undefined,
      })),
    };
  });
  return { docs, files: gold.files.map((f) => f.file) };
}

export const candidateKey = (c: Candidate, files: string[]): string => pairKey(paraKey(files[c.docA], c.a), paraKey(files[c.docB], c.b));

/** Fits stage 1 then stage 2 on the given candidates (stage 2 sees stage-1 logits of the fitted model). */
export function fitModels(docs: DocInput[], trainPair: (c: Candidate) => boolean, label: (c: Candidate) => number, l2 = { stage1: 0.01, stage2: 0.1 }): { stage1: LogisticModel; stage2: LogisticModel } {
  const first = new StoryIndex(docs, { model: STORY_MODEL });
  const train = first.candidates.filter(trainPair);
  const stage1 = fitLogistic([...STAGE1_FEATURES], train.map((c) => c.x1), train.map(label), { l2: l2.stage1 });
  const second = new StoryIndex(docs, { model: { stage1, stage2: STORY_MODEL.stage2 } });
  const train2 = second.candidates.filter(trainPair);
  const stage2 = fitLogistic([...STAGE2_FEATURES], train2.map((c) => c.x2), train2.map(label), { l2: l2.stage2 });
  return { stage1, stage2 };
}

export interface CalibrationReport {
  models: { stage1: LogisticModel; stage2: LogisticModel };
  inSample: Record<string, unknown>;
  leaveOnePairOut: Record<string, unknown>;
}

/** Everything scored with one model, as a ranked list of pair keys and probabilities. */
function scoredList(docs: DocInput[], files: string[], model: { stage1: LogisticModel; stage2: LogisticModel }) {
  return new StoryIndex(docs, { model }).candidates.map((c) => ({ key: candidateKey(c, files), score: c.p, c }));
}

export function calibrate(shared: string): CalibrationReport | null {
  const gold = readDevGold(shared);
  if (!gold) return null;
  const { docs, files } = seedDocs(shared, gold);
  const G = goldPairs(gold);
  const label = (c: Candidate) => (G.has(candidateKey(c, files)) ? 1 : 0);
  const models = fitModels(docs, () => true, label);
  const all = scoredList(docs, files, models);
  const evaluate = (list: Array<{ key: string; score: number }>, threshold: number) => ({
    ap: averagePrecision([...list].sort((x, y) => y.score - x.score).map((x) => x.key), G),
    atThreshold: prf(list.filter((x) => x.score >= threshold).map((x) => x.key), G),
    best: bestThreshold(list, G),
  });
  // Leave one article pair out: each pair's probabilities come from models fitted on the other nine.
  const oof: Array<{ key: string; score: number }> = [];
  for (let x = 0; x < docs.length; x++) {
    for (let y = x + 1; y < docs.length; y++) {
      const held = (c: Candidate) => c.docA === x && c.docB === y;
      const m = fitModels(docs, (c) => !held(c), label);
      for (const s of scoredList(docs, files, m)) if (held(s.c)) oof.push({ key: s.key, score: s.score });
    }
  }
  return {
    models,
    inSample: evaluate(all, STORY_MODEL.defaultMinConfidence),
    leaveOnePairOut: evaluate(oof, STORY_MODEL.defaultMinConfidence),
  };
}

export { predictLogit, sigmoid, round };

if (process.argv[1] && /links-calibrate\.ts$/.test(process.argv[1])) {
  const shared = sharedDir();
  if (!shared) console.log('no ../shared beside the repository: nothing to calibrate on');
  else {
    const r = calibrate(shared)!;
    const fmt = (m: LogisticModel) => `{ features: ${JSON.stringify(m.features)}, weights: [${m.weights.map((w) => round(w, 4)).join(', ')}], intercept: ${round(m.intercept, 4)} }`;
    console.log(`stage1: ${fmt(r.models.stage1)}`);
    console.log(`stage2: ${fmt(r.models.stage2)}`);
    console.log(JSON.stringify({ inSample: r.inSample, leaveOnePairOut: r.leaveOnePairOut }, null, 1));
  }
}
