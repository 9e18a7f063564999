/**
 * Calibration of story linking on the development facts and our own second gold (bench/gold), and
 * the cross-validation that guards against fitting them too closely.
 *
 * Every cross-article paragraph pair the engine scores is an example, labelled by whether either
 * gold links the two paragraphs. Stage 1 (evidence → probability), stage 2 (rank, margin, story
 * support and hubness) and the suggestion map are logistic models fitted in turn.
 * `npx tsx bench/links-calibrate.ts` prints the models with leave-one-article-pair-out and
 * leave-one-fact-out figures; `--write` writes them into core/align/story-model.ts;
 * TANDEM_FIT_DEV_ONLY=1 fits on the dev facts alone, to compare.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoryIndex, STAGE1_FEATURES, STAGE2_FEATURES, type Candidate, type DocInput, type StoryModels, type StoryScoreOptions } from '../core/align/story.js';
import { fitLogistic, predictLogit, sigmoid, type LogisticModel } from '../core/align/logistic.js';
import { STORY_MODEL } from '../core/align/story-model.js';
import { splitSentences } from '../core/text';
import { storyLexicon } from '../core/text/lexicon';

/** What the engine is given besides the articles, as the app gives it (language resources). */
export function engineOptions(): StoryScoreOptions {
  return { lexicon: storyLexicon() };
}
import { averagePrecision, bestThreshold, goldPairs, pairKey, paraKey, prf, readDevGold, readOwnGold, round, sharedDir, TfIdf, type DevGold, type GoldFact } from './links-eval';

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

/** The same story with no translation at all: names and numbers are all it offers across languages. */
export function withoutTranslations(docs: DocInput[]): DocInput[] {
  return docs.map((d) => ({ ...d, paragraphs: d.paragraphs.map((p) => ({ text: p.text, sentences: p.sentences })) }));
}

/**
 * Fits stage 1 on the story as given, stage 1 for names and numbers alone on the same story
 * without translations (pairs of articles in different languages), then stage 2 on the stage-1
 * logits of the fitted models.
 */
export function fitModels(docs: DocInput[], trainPair: (c: Candidate) => boolean, label: (c: Candidate) => number, options: StoryScoreOptions = engineOptions(), l2 = { stage1: 0.01, stage2: 0.1 }): StoryModels {
  const first = new StoryIndex(docs, { ...options, model: STORY_MODEL });
  const train = first.candidates.filter(trainPair);
  const stage1 = fitLogistic([...STAGE1_FEATURES], train.map((c) => c.x1), train.map(label), { l2: l2.stage1 });
  const bare = new StoryIndex(withoutTranslations(docs), { ...options, model: STORY_MODEL });
  const trainBare = bare.candidates.filter((c) => trainPair(c) && docs[c.docA].lang !== docs[c.docB].lang);
  const stage1Names = fitLogistic([...STAGE1_FEATURES], trainBare.map((c) => c.x1), trainBare.map(label), { l2: l2.stage1 });
  const second = new StoryIndex(docs, { ...options, model: { stage1, stage1Names, stage2: STORY_MODEL.stage2 } });
  const train2 = second.candidates.filter(trainPair);
  const stage2 = fitLogistic([...STAGE2_FEATURES], train2.map((c) => c.x2), train2.map(label), { l2: l2.stage2 });
  return { stage1, stage1Names, stage2 };
}

/** Seeds of one fact: each mention in turn, with its quote as the span. */
export function factSeeds(docs: DocInput[], files: string[], fact: GoldFact): Array<{ mention: number; doc: number; paragraph: number; span: [number, number] | undefined; truth: Set<string>; others: number[] }> {
  return fact.mentions.map((m, mention) => {
    const doc = files.indexOf(m.file);
    const text = docs[doc].paragraphs[m.paragraph - 1].text;
    const at = text.indexOf(m.quote);
    const truth = new Set(fact.mentions.filter((o) => o.file !== m.file).map((o) => `${files.indexOf(o.file)}:${o.paragraph - 1}`));
    return { mention, doc, paragraph: m.paragraph - 1, span: at >= 0 ? ([at, at + m.quote.length] as [number, number]) : undefined, truth, others: [...new Set(fact.mentions.filter((o) => o.file !== m.file).map((o) => files.indexOf(o.file)))] };
  });
}

/**
 * What a fact is called when it is seeded: `none`, its id only (no words the story has, so the
 * quote alone counts); `label`, the gold's label (written by annotators who had read every mention,
 * often with alternatives: "Masimov is a close ally / confidant of ex-president Nazarbayev");
 * `short`, the label's first phrase, before any "/" or parenthesis; `blindA` and `blindB`, the
 * labels two annotators wrote for each mention from that mention's paragraph alone
 * (bench/gold/seed-labels.json): what a user writes who has read one report.
 */
export type LabelMode = 'none' | 'label' | 'short' | 'blindA' | 'blindB';
export const LABEL_MODES: readonly LabelMode[] = ['none', 'label', 'short', 'blindA', 'blindB'];
let blind: { annotators: Record<'A' | 'B', Record<string, string>> } | null = null;
export function labelOf(fact: GoldFact, mode: LabelMode, mention: number): string {
  if (mode === 'none') return fact.id;
  if (mode === 'label') return fact.label;
  if (mode === 'short') return fact.label.split(/\s*[/(]/)[0].trim();
  blind ??= JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'gold', 'seed-labels.json'), 'utf8')) as { annotators: Record<'A' | 'B', Record<string, string>> };
  const label = blind.annotators[mode === 'blindA' ? 'A' : 'B'][`${fact.id}#${mention}`];
  if (label === undefined) throw new Error(`bench/gold/seed-labels.json has no label for ${fact.id}#${mention}`);
  return label;
}

export interface FactScore {
  hits5: number;
  truths: number;
  articleHits2: number;
  articles: number;
}

/** Recall of a ranked list of "doc:paragraph" keys for one seed: within the top 5, and per other article within its top 2. */
export function scoreSeed(ranked: string[], seed: { truth: Set<string>; others: number[] }, into: FactScore): void {
  into.truths += seed.truth.size;
  into.hits5 += ranked.slice(0, 5).filter((k) => seed.truth.has(k)).length;
  for (const other of seed.others) {
    into.articles++;
    if (ranked.filter((k) => Number(k.split(':')[0]) === other).slice(0, 2).some((k) => seed.truth.has(k))) into.articleHits2++;
  }
}

export const factFigures = (s: FactScore) => ({ recallAt5: round(s.hits5 / Math.max(1, s.truths)), recallAt2PerArticle: round(s.articleHits2 / Math.max(1, s.articles)), mentions: s.truths, articleCases: s.articles });

/**
 * What the models are fitted on: the dev facts and, when the seeds match it, our own second gold
 * of the same articles (bench/gold). A pair either gold links is a positive, every other candidate
 * a negative; fitted on the dev links alone, the links of the facts the dev gold leaves out would
 * count as negatives. `setOf` tells which gold each fact comes from, so that figures are kept apart.
 */
export function trainingGold(shared: string): { gold: DevGold; setOf: Map<string, 'dev' | 'own'>; factsOf: Map<string, string[]> } | null {
  const dev = readDevGold(shared);
  if (!dev) return null;
  const own = process.env.TANDEM_FIT_DEV_ONLY ? null : readOwnGold(shared);
  const gold: DevGold = own ? { files: dev.files, facts: [...dev.facts, ...own.facts], links: [...dev.links, ...own.links] } : dev;
  const setOf = new Map<string, 'dev' | 'own'>([...dev.facts.map((f) => [f.id, 'dev'] as const), ...(own?.facts ?? []).map((f) => [f.id, 'own'] as const)]);
  const factsOf = new Map<string, string[]>();
  for (const l of gold.links) {
    const k = pairKey(paraKey(l.a.file, l.a.paragraph - 1), paraKey(l.b.file, l.b.paragraph - 1));
    factsOf.set(k, [...(factsOf.get(k) ?? []), ...l.facts]);
  }
  return { gold, setOf, factsOf };
}

/**
 * Leave one fact out: for each fact, the models are refitted without the links that fact makes,
 * and its mentions are then suggested from each of its mentions in turn.
 */
export function factRecallLeaveOneOut(shared: string, options: StoryScoreOptions = engineOptions()): Record<string, unknown> | null {
  const training = trainingGold(shared);
  if (!training) return null;
  const { gold, setOf, factsOf } = training;
  const { docs, files } = seedDocs(shared, gold);
  const G = goldPairs(gold);
  const label = (c: Candidate) => (G.has(candidateKey(c, files)) ? 1 : 0);
  const scores = () => ({ quote: emptyScore(), paragraph: emptyScore(), label: emptyScore(), short: emptyScore(), blindA: emptyScore(), blindB: emptyScore() });
  const score = { dev: scores(), own: scores() };
  for (const fact of gold.facts) {
    const models = fitModels(docs, (c) => !(factsOf.get(candidateKey(c, files)) ?? []).includes(fact.id), label, options);
    const index = new StoryIndex(docs, { ...options, model: models });
    const into = score[setOf.get(fact.id)!];
    for (const seed of factSeeds(docs, files, fact)) {
      const rank = (span: [number, number] | undefined, mode: LabelMode) =>
        index.suggest([{ doc: seed.doc, paragraph: seed.paragraph, span }], { k: 50, about: { text: labelOf(fact, mode, seed.mention) } }).map((x) => `${x.doc}:${x.paragraph}`);
      scoreSeed(rank(seed.span, 'none'), seed, into.quote);
      scoreSeed(rank(undefined, 'none'), seed, into.paragraph);
      for (const mode of ['label', 'short', 'blindA', 'blindB'] as const) scoreSeed(rank(seed.span, mode), seed, into[mode]);
    }
  }
  const figures = (s: ReturnType<typeof scores>) => ({
    seededWithQuote: factFigures(s.quote),
    seededWithParagraph: factFigures(s.paragraph),
    seededWithQuoteAndLabel: factFigures(s.label),
    seededWithQuoteAndShortLabel: factFigures(s.short),
    seededWithQuoteAndBlindLabel: { a: factFigures(s.blindA), b: factFigures(s.blindB) },
  });
  return { ...figures(score.dev), own: score.own.quote.truths ? figures(score.own) : null };
}

const emptyScore = (): FactScore => ({ hits5: 0, truths: 0, articleHits2: 0, articles: 0 });

/**
 * Leave one fact out, for links: the models are refitted without the links that fact makes, and
 * the average precision of its links is taken over every candidate (other facts' links left out
 * of the ranking). The mean over facts, beside TF-IDF ranked the same way.
 */
export function linkApLeaveOneFactOut(shared: string, options: StoryScoreOptions = engineOptions()): { tandemMeanAp: number; tfidfMeanAp: number; facts: number; own: { tandemMeanAp: number; tfidfMeanAp: number; facts: number } | null } | null {
  const training = trainingGold(shared);
  if (!training) return null;
  const { gold, setOf, factsOf } = training;
  const { docs, files } = seedDocs(shared, gold);
  const G = goldPairs(gold);
  const label = (c: Candidate) => (G.has(candidateKey(c, files)) ? 1 : 0);
  const english = docs.map((d) => d.paragraphs.map((p) => p.pivot ?? p.text));
  const flat = english.flatMap((ps, d) => ps.map((text, p) => ({ key: paraKey(files[d], p), doc: d, text })));
  const tf = new TfIdf(flat.map((f) => f.text));
  const tfScored: Array<{ key: string; score: number }> = [];
  for (let x = 0; x < flat.length; x++) for (let y = x + 1; y < flat.length; y++) if (flat[x].doc !== flat[y].doc) tfScored.push({ key: pairKey(flat[x].key, flat[y].key), score: TfIdf.cosine(tf.vectors[x], tf.vectors[y]) });
  tfScored.sort((x, y) => y.score - x.score);
  const sum = { dev: { tandem: 0, tfidf: 0, facts: 0 }, own: { tandem: 0, tfidf: 0, facts: 0 } };
  for (const fact of gold.facts) {
    const inFact = (k: string) => (factsOf.get(k) ?? []).includes(fact.id);
    const truth = new Set([...G].filter(inFact));
    const models = fitModels(docs, (c) => !inFact(candidateKey(c, files)), label, options);
    const ranked = new StoryIndex(docs, { ...options, model: models }).candidates
      .map((c) => ({ key: candidateKey(c, files), p: c.p }))
      .filter((x) => inFact(x.key) || !G.has(x.key))
      .sort((x, y) => y.p - x.p)
      .map((x) => x.key);
    const into = sum[setOf.get(fact.id)!];
    into.tandem += averagePrecision(ranked, truth);
    into.tfidf += averagePrecision(tfScored.filter((x) => inFact(x.key) || !G.has(x.key)).map((x) => x.key), truth);
    into.facts++;
  }
  const mean = (x: { tandem: number; tfidf: number; facts: number }) => ({ tandemMeanAp: round(x.tandem / x.facts), tfidfMeanAp: round(x.tfidf / x.facts), facts: x.facts });
  return { ...mean(sum.dev), own: sum.own.facts ? mean(sum.own) : null };
}

/**
 * The suggestion model: every fact of `gold` seeded with each of its mentions in turn, with each of
 * the two labels written from that mention alone (LabelMode), its top suggestions (k) labelled by whether they are the fact's other
 * mentions, and a logistic map from their stage-2 logit to that label (monotone: the order of
 * suggestions stays).
 */
export function fitSuggestion(docs: DocInput[], files: string[], gold: DevGold, models: StoryModels, options: StoryScoreOptions = engineOptions(), k = 10): LogisticModel {
  const index = new StoryIndex(docs, { ...options, model: { ...models, suggestion: undefined } });
  const x: number[][] = [];
  const y: number[] = [];
  for (const fact of gold.facts) {
    for (const seed of factSeeds(docs, files, fact)) {
      // As the app suggests: with the fact's label, here the two labels written from the seed mention alone.
      for (const mode of ['blindA', 'blindB'] as const) {
        for (const s of index.suggest([{ doc: seed.doc, paragraph: seed.paragraph, span: seed.span }], { k, logits: true, about: { text: labelOf(fact, mode, seed.mention) } })) {
          x.push([s.logit!]);
          y.push(seed.truth.has(`${s.doc}:${s.paragraph}`) ? 1 : 0);
        }
      }
    }
  }
  return fitLogistic(['z'], x, y, { l2: 0.01 });
}

export interface CalibrationReport {
  models: StoryModels;
  inSample: Record<string, unknown>;
  leaveOnePairOut: Record<string, unknown>;
  leaveOnePairOutBothGolds: Record<string, unknown> | null;
}

/** Everything scored with one model, as a ranked list of pair keys and probabilities. */
function scoredList(docs: DocInput[], files: string[], model: StoryModels, options: StoryScoreOptions) {
  return new StoryIndex(docs, { ...options, model }).candidates.map((c) => ({ key: candidateKey(c, files), score: c.p, c }));
}

export function calibrate(shared: string, options: StoryScoreOptions = engineOptions()): CalibrationReport | null {
  const training = trainingGold(shared);
  const gold = readDevGold(shared);
  if (!gold || !training) return null;
  const { docs, files } = seedDocs(shared, gold);
  // Scored against the dev links, as every figure of the dev gold; fitted on both golds.
  const G = goldPairs(gold);
  const fitG = goldPairs(training.gold);
  const label = (c: Candidate) => (fitG.has(candidateKey(c, files)) ? 1 : 0);
  const models = { ...fitModels(docs, () => true, label, options) };
  models.suggestion = fitSuggestion(docs, files, training.gold, models, options);
  const all = scoredList(docs, files, models, options);
  const evaluate = (list: Array<{ key: string; score: number }>, threshold: number) => ({
    ap: averagePrecision([...list].sort((x, y) => y.score - x.score).map((x) => x.key), G),
    atThreshold: prf(list.filter((x) => x.score >= threshold).map((x) => x.key), G),
    best: bestThreshold(list, G),
  });
  // Leave one article pair out: each pair's probabilities come from models fitted on the other nine.
  const oof: Array<{ key: string; score: number }> = [];
  // The default selection too (rank, minimum and each pair's best), each pair selected by models fitted without it.
  const oofSelected: string[] = [];
  for (let x = 0; x < docs.length; x++) {
    for (let y = x + 1; y < docs.length; y++) {
      const held = (c: Candidate) => c.docA === x && c.docB === y;
      const m = fitModels(docs, (c) => !held(c), label, options);
      const index = new StoryIndex(docs, { ...options, model: m });
      for (const c of index.candidates) if (held(c)) oof.push({ key: candidateKey(c, files), score: c.p });
      const pair = index.links({ evidence: false }).pairs.find((p) => p.docA === x && p.docB === y)!;
      for (const l of pair.links) if (l.selected) oofSelected.push(pairKey(paraKey(files[x], l.a), paraKey(files[y], l.b)));
    }
  }
  return {
    models,
    inSample: evaluate(all, STORY_MODEL.defaultMinConfidence),
    leaveOnePairOut: { ...evaluate(oof, STORY_MODEL.defaultMinConfidence), atDefaultSelection: prf(oofSelected, G) },
    leaveOnePairOutBothGolds: (() => {
      const own = readOwnGold(shared);
      if (!own) return null;
      const U = goldPairs({ ...gold, links: [...gold.links, ...own.links] });
      return { ap: averagePrecision([...oof].sort((x, y) => y.score - x.score).map((x) => x.key), U), atDefaultSelection: prf(oofSelected, U), best: bestThreshold(oof, U) };
    })(),
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
    console.log(`stage1Names: ${fmt(r.models.stage1Names)}`);
    console.log(`stage2: ${fmt(r.models.stage2)}`);
    console.log(`suggestion: ${fmt(r.models.suggestion!)}`);
    console.log(JSON.stringify({ inSample: r.inSample, leaveOnePairOut: r.leaveOnePairOut, factsLeaveOneFactOut: factRecallLeaveOneOut(shared) }, null, 1));
    if (process.argv.includes('--write')) {
      // Writes the fitted weights into the shipped model, in place.
      const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'core', 'align', 'story-model.ts');
      let src = fs.readFileSync(file, 'utf8');
      for (const name of ['stage1', 'stage1Names', 'stage2', 'suggestion'] as const) {
        const m = r.models[name]!;
        const block = new RegExp(`(  ${name}: \\{\\n    features: [^\\n]*\\n    weights: )\\[[^\\]]*\\],\\n    intercept: [^,]*,`);
        if (!block.test(src)) throw new Error(`no ${name} block in ${file}`);
        src = src.replace(block, `$1[${m.weights.map((w) => round(w, 4)).join(', ')}],\n    intercept: ${round(m.intercept, 4)},`);
      }
      fs.writeFileSync(file, src);
      console.log(`wrote ${file}`);
    }
  }
}
