/**
 * Cross-article linking for a story: several independent reports of one event, each an original
 * with (usually) a translation into one pivot language. Reports share facts, not sentences, so a
 * link rests on evidence that survives different wording: shared names (matched across spellings
 * and inflection), numbers and dates, content words of the translations, the best-matching pair
 * of sentences, and, when given, a semantic similarity.
 *
 * Scoring runs in two stages, each a logistic model fitted on development data (STORY_MODEL):
 * - stage 1 turns a pair's evidence (idf-weighted cosine of the paragraphs, and of their most
 *   alike sentences, and whether both read as prose rather than as a heading or a byline) into
 *   log-odds;
 * - stage 2 adds where the pair stands among each paragraph's candidates in the other article
 *   (the margin to the paragraph's best alternative, in both directions), what the rest of
 *   the story says (a strong A↔C and C↔B make A↔B likelier), and how strongly the two paragraphs
 *   match the other articles at large (`hub`: the mean of each one's best stage-1 logit in the
 *   story's other articles, against the story's mean). (The fitted weight of the margin is
 *   negative: a paragraph with several strong candidates is rich in facts, so its runner-up is
 *   likelier than a lone candidate of the same score. So is the weight of `hub`: a paragraph that
 *   matches everything, such as a lede or a long paragraph of many facts, is a weaker sign of any
 *   one link, as a hub is in nearest-neighbour retrieval. Leaving facts out of the fit, one at a
 *   time, confirms that both carry over to facts it has not seen.)
 * The result is a confidence that is a probability (on development data) that a reader links the
 * two paragraphs. Selection is by rank, not one cut for every pair: a link must be among its
 * paragraph's best k candidates and above a minimum confidence, and each pair of articles shows
 * its k strongest mutual-best links even when the pair as a whole scores low.
 */

import { readStory, unitTexts, type DocInput, type EvidenceKind, type Lexicon, type ReadParagraph, type Span, type StoryVocabulary } from './evidence.js';
import { predictLogit, sigmoid, type LogisticModel } from './logistic.js';
import { STORY_MODEL } from './story-model.js';

export type { DocInput, Lexicon, SegmentInput, Span } from './evidence.js';
export { unitTexts } from './evidence.js';

type Vector = ArrayLike<number>;

/** Optional semantic vectors, from an embeddings model: per paragraph, and per sentence unit. */
export interface SemanticInput {
  paragraphs: ReadonlyArray<ReadonlyArray<Vector | null>>;
  units?: ReadonlyArray<ReadonlyArray<ReadonlyArray<Vector | null> | null>>;
  /** Log-odds added per standard deviation of semantic similarity above the story's mean. Default 1. */
  weight?: number;
}

export interface StoryModels {
  stage1: LogisticModel;
  /** Stage 1 for two paragraphs whose words are in different languages (no translation): names and numbers only. */
  stage1Names: LogisticModel;
  stage2: LogisticModel;
  /**
   * A suggestion's confidence from its stage-2 logit ('z'): that a paragraph shares a fact with
   * the mention's (what stage 2 weighs) is likelier than that it reports this one fact.
   */
  suggestion?: LogisticModel;
}

export interface StoryScoreOptions {
  /** Candidates scored per paragraph and other article. Default 8. */
  candidates?: number;
  semantic?: SemanticInput;
  /** The shipped, calibrated models by default (the calibration script passes others). */
  model?: StoryModels;
  /** What is known of the pivot language at large (how specific each word is); without it, words weigh by their idf in the story alone. */
  lexicon?: Lexicon;
}

export interface SelectOptions {
  /** Links kept: calibrated confidence at least this. Default STORY_MODEL.defaultMinConfidence. */
  minConfidence?: number;
  /**
   * Top-k: a link must be among the best k of one of its paragraphs' candidates; and each pair of
   * articles shows its k strongest mutual-best links down to a twentieth of the minimum. Default 2.
   */
  perParagraph?: number;
  /** Return every scored candidate too (the selected ones marked), best first. */
  all?: boolean;
}

export interface EvidenceSide {
  original: Span[];
  pivot: Span[];
}

export interface LinkEvidence {
  kind: EvidenceKind | 'semantic';
  /** How it reads: "Tokajev / Tokayev", "7 January", "arrested". */
  label: string;
  /** Its share of the pair's shared evidence, 0..1. */
  weight: number;
  a: EvidenceSide;
  b: EvidenceSide;
}

export interface SentenceRef {
  /** The sentence unit in the paragraph; its span in the original and in the translation. */
  unit: number;
  original: Span;
  pivot: Span | null;
}

export interface StoryLink {
  a: number;
  b: number;
  /** Calibrated: the probability, on development data, that a reader links the two. */
  confidence: number;
  /** Where b stands among a's candidates in b's document (1 = best), and the other way round. */
  rankAB: number;
  rankBA: number;
  selected: boolean;
  evidence: LinkEvidence[];
  sentenceA: SentenceRef;
  sentenceB: SentenceRef;
}

export interface StoryPair {
  docA: number;
  docB: number;
  /** Selected links by position; with `all`, then every other candidate, best first. */
  links: StoryLink[];
}

export interface StoryCluster {
  id: number;
  members: Array<{ doc: number; paragraph: number }>;
  /** The evidence the cluster's links share most. */
  label: string;
  confidence: number;
}

export interface StoryResult {
  pairs: StoryPair[];
  clusters: StoryCluster[];
}

export interface MentionQuery {
  doc: number;
  paragraph: number;
  /** The mention's span in the original paragraph; the whole paragraph when absent. */
  span?: Span;
}

/** What the annotator says a fact is: its label and description, best in the pivot language. */
export interface FactWords {
  text: string;
  /** The label and description as the embeddings model read them, when there is one. */
  vector?: Vector | null;
}

export interface FactSuggestionResult {
  doc: number;
  paragraph: number;
  /** Calibrated: the probability, on development data, that the paragraph reports the fact. */
  confidence: number;
  /** The stage-2 logit the confidence comes from (with `logits`, for calibration). */
  logit?: number;
  sentence: SentenceRef;
  evidence: LinkEvidence[];
}

export const STAGE1_FEATURES = ['paraCos', 'sentCos', 'prose'] as const;
export const STAGE2_FEATURES = ['z1', 'margin', 'story', 'hub'] as const;

/** A pair's mutual-best links are shown down to this fraction of the minimum confidence (weak, but the best the two articles have). */
const PAIR_FLOOR = 0.05;

/** A mention's paragraph around its own sentences weighs this much as a query (see StoryIndex.queryVector). */
const CONTEXT_SHARE = 1 / 3;

/** What a fact's label and description add to a suggestion query is read from this much of them: a summary, not a document. */
export const ABOUT_MAX_CHARS = 2000;

/** Paths through a third article considered per end (its best candidates there). */
const STORY_PATHS = 8;

/**
 * Dampening of sentence cosines, as a share of the squared idf of a word found once in the story
 * (about half a rare word): one shared name is not a perfect match, whatever the story's size.
 */
const DAMP_SHARE = 0.64;

interface Unit {
  ids: Int32Array;
  w: Float64Array;
  norm: number;
  /** The norm over names and numbers only: what two paragraphs in different languages can share. */
  normNames: number;
}

/** A paragraph (or a query) as a sparse idf-weighted vector, with its sentence units. */
interface Vec extends Unit {
  units: Unit[];
  termLang: string;
  prose: number;
}

function sparse(bag: Map<number, number>, vocab: StoryVocabulary): Unit {
  const ids = Int32Array.from([...bag.keys()].sort((x, y) => x - y));
  const w = new Float64Array(ids.length);
  let n = 0;
  let names = 0;
  ids.forEach((id, k) => {
    // Names, numbers and content words weigh alike, by idf: on development data, weighting
    // names or numbers up or down by half changed little, and equal weights need no tuning.
    w[k] = Math.sqrt(bag.get(id)!) * vocab.idf(id);
    n += w[k] * w[k];
    if (vocab.info[id].kind !== 'term') names += w[k] * w[k];
  });
  return { ids, w, norm: Math.sqrt(n), normNames: Math.sqrt(names) };
}

/**
 * A paragraph as a vector. With `units`, only those sentence units stand for it at sentence
 * level (a mention's span), while the whole paragraph stays its context.
 */
function vectorOf(p: ReadParagraph, vocab: StoryVocabulary, units?: number[]): Vec {
  const chosen = units ?? p.units.map((_, u) => u);
  return { ...sparse(p.bag, vocab), units: chosen.map((u) => sparse(p.units[u], vocab)), termLang: p.termLang, prose: p.prose };
}

function dot(x: Unit, y: Unit, shared?: number[]): number {
  let s = 0;
  let i = 0;
  let j = 0;
  while (i < x.ids.length && j < y.ids.length) {
    if (x.ids[i] < y.ids[j]) i++;
    else if (x.ids[i] > y.ids[j]) j++;
    else {
      shared?.push(x.ids[i]);
      s += x.w[i++] * y.w[j++];
    }
  }
  return s;
}

function norm(x: Vector): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k] * x[k];
  return Math.sqrt(s);
}

/** The first principal direction (uncentred) of a set of vectors, by power iteration. */
function firstComponent(vs: readonly Float32Array[]): Float32Array {
  const n = vs[0].length;
  let u = new Float64Array(n).fill(1 / Math.sqrt(n));
  for (let it = 0; it < 30; it++) {
    const next = new Float64Array(n);
    for (const v of vs) {
      let d = 0;
      for (let i = 0; i < n; i++) d += v[i] * u[i];
      for (let i = 0; i < n; i++) next[i] += d * v[i];
    }
    const l = norm(next);
    if (!l) break;
    for (let i = 0; i < n; i++) next[i] /= l;
    u = next;
  }
  return Float32Array.from(u);
}

function removeComponent(v: Float32Array, u: Float32Array): void {
  let d = 0;
  for (let i = 0; i < v.length; i++) d += v[i] * u[i];
  for (let i = 0; i < v.length; i++) v[i] -= d * u[i];
}

function cosine(x: Vector, y: Vector): number {
  let d = 0;
  let nx = 0;
  let ny = 0;
  for (let k = 0; k < x.length; k++) {
    d += x[k] * y[k];
    nx += x[k] * x[k];
    ny += y[k] * y[k];
  }
  return nx > 0 && ny > 0 ? d / Math.sqrt(nx * ny) : 0;
}

/**
 * Stage-1 features of two vectors, the best unit pair, and the shared feature ids. Cosines are
 * taken over what the two can share: with their words in different languages (an article
 * without a translation), over names and numbers only.
 */
function pairFeatures(x: Vec, y: Vec, damp: number): { x1: number[]; unitA: number; unitB: number; shared: number[]; sameWords: boolean } {
  const sameWords = x.termLang === y.termLang;
  const norm = (u: Unit) => (sameWords ? u.norm : u.normNames);
  const shared: number[] = [];
  const d = dot(x, y, shared);
  let best = 0;
  let unitA = 0;
  let unitB = 0;
  for (let u = 0; u < x.units.length; u++) {
    const ux = x.units[u];
    if (!ux.ids.length) continue;
    for (let v = 0; v < y.units.length; v++) {
      const uy = y.units[v];
      if (!uy.ids.length) continue;
      const nx = norm(ux);
      const ny = norm(uy);
      const s = dot(ux, uy) / Math.sqrt((nx * nx + damp) * (ny * ny + damp));
      if (s > best) {
        best = s;
        unitA = u;
        unitB = v;
      }
    }
  }
  const para = norm(x) > 0 && norm(y) > 0 ? d / (norm(x) * norm(y)) : 0;
  // Whether both read as prose: a heading or a byline carries names and topic words but reports no fact.
  return { x1: [para, best, x.prose * y.prose], unitA, unitB, shared, sameWords };
}

function topInsert(list: Array<[number, number]>, item: [number, number], k: number): void {
  if (list.length >= k && item[1] <= list[k - 1][1]) return;
  let p = Math.min(list.length, k - 1);
  while (p > 0 && list[p - 1][1] < item[1]) {
    list[p] = list[p - 1];
    p--;
  }
  list[p] = item;
}

export interface Candidate {
  docA: number;
  docB: number;
  a: number;
  b: number;
  x1: number[];
  z1: number;
  x2: number[];
  p: number;
  unitA: number;
  unitB: number;
  shared: number[];
  semantic: number | null;
  /** Rank by confidence among paragraph a's candidates in document b, and of b's in a. */
  rankAB: number;
  rankBA: number;
}

export interface PairExplanation {
  confidence: number;
  rankAB: number;
  rankBA: number;
  evidence: LinkEvidence[];
  sentenceA: SentenceRef;
  sentenceB: SentenceRef;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A story read and scored once; links, clusters, explanations and fact suggestions are read
 * from it. Pure: arrays in, plain data out. `StoryIndex.build` does the work in steps, so a
 * caller can report progress and stop between them.
 */
export class StoryIndex {
  readonly candidates: Candidate[] = [];
  private read!: ReturnType<typeof readStory>;
  private vecs!: Vec[][];
  private readonly model: StoryModels;
  private readonly semantic: SemanticInput | undefined;
  /**
   * Semantic vectors from the lexicon's word vectors, when no embeddings model gives them: used to
   * suggest a fact's mentions, not to link paragraphs (on the development facts they find more
   * mentions from a label and a quote, but made the links' selection less precise).
   */
  private local: SemanticInput | undefined;
  private localRead = false;
  /** With the lexicon's word vectors: the story's common direction, removed from every vector. */
  private common: Float32Array | null = null;
  private semMean = 0;
  private semSd = 1;
  /** Global paragraph numbers: offset of each document. */
  private readonly offset: number[] = [];
  private total = 0;
  /** Postings: feature → flat [global paragraph, weight] pairs. */
  private readonly postings = new Map<number, number[]>();
  /** For each end (global paragraph × other document): its candidates, by stage-1 logit, best first. */
  private readonly ends = new Map<number, Candidate[]>();
  private readonly byPair = new Map<number, Candidate>();
  private damp = 0;

  constructor(
    readonly docs: readonly DocInput[],
    private readonly options: StoryScoreOptions = {},
    deferred = false,
  ) {
    this.model = options.model ?? STORY_MODEL;
    this.semantic = options.semantic;
    if (!deferred) for (const _ of this.steps()) void _;
  }

  /** Whether an embeddings model's vectors were given (a fact's label is then read by its vector too). */
  get hasSemantic(): boolean {
    return !!this.semantic;
  }

  /** Builds in steps; each yield is the fraction done. */
  static *build(docs: readonly DocInput[], options: StoryScoreOptions = {}): Generator<number, StoryIndex> {
    const index = new StoryIndex(docs, options, true);
    yield* index.steps();
    return index;
  }

  private *steps(): Generator<number> {
    this.read = readStory(this.docs, this.options.lexicon);
    yield 0.2;
    const { vocab } = this.read;
    const rare = Math.log((vocab.segments + 1) / 2) + 1;
    this.damp = DAMP_SHARE * rare * rare;
    this.vecs = this.read.paragraphs.map((d) => d.map((p) => vectorOf(p, vocab)));
    for (const d of this.docs) {
      this.offset.push(this.total);
      this.total += d.paragraphs.length;
    }
    // Features in a fifth of the story's paragraphs find no candidates (they still count in the scores).
    const maxDf = Math.max(50, Math.floor(vocab.segments * 0.2));
    this.vecs.forEach((d, di) =>
      d.forEach((v, pi) => {
        for (let k = 0; k < v.ids.length; k++) {
          if (vocab.df[v.ids[k]] > maxDf) continue;
          let list = this.postings.get(v.ids[k]);
          if (!list) this.postings.set(v.ids[k], (list = []));
          list.push(this.offset[di] + pi, v.w[k]);
        }
      }),
    );
    yield 0.3;
    const chosen: Array<[number, number, number, number]> = [];
    yield* this.candidatePairs(Math.max(1, this.options.candidates ?? 8), chosen);
    this.standardiseSemantic(chosen);
    let n = 0;
    for (const [da, a, db, b] of chosen) {
      const f = pairFeatures(this.vecs[da][a], this.vecs[db][b], this.damp);
      const s = this.semanticOf(this.semantic?.paragraphs[da]?.[a], this.semantic?.paragraphs[db]?.[b]);
      const c: Candidate = { docA: da, docB: db, a, b, x1: f.x1, z1: this.stageOne(f.x1, s, f.sameWords), x2: [], p: 0, unitA: f.unitA, unitB: f.unitB, shared: f.shared, semantic: s, rankAB: 0, rankBA: 0 };
      this.candidates.push(c);
      this.byPair.set(this.pairId(da, a, db, b), c);
      if (++n % 2000 === 0) yield 0.6 + (0.3 * n) / chosen.length;
    }
    this.stageTwo();
    yield 1;
  }

  private g(doc: number, paragraph: number): number {
    return this.offset[doc] + paragraph;
  }

  private pairId(da: number, a: number, db: number, b: number): number {
    const x = this.g(da, a);
    const y = this.g(db, b);
    return x < y ? x * this.total + y : y * this.total + x;
  }

  private endKey(doc: number, paragraph: number, other: number): number {
    return this.g(doc, paragraph) * this.docs.length + other;
  }

  private stageOne(x1: number[], semantic: number | null, sameWords: boolean): number {
    let z = predictLogit(sameWords ? this.model.stage1 : this.model.stage1Names, x1);
    if (semantic !== null) z += (((this.semantic ?? this.local)?.weight ?? 1) * (semantic - this.semMean)) / this.semSd;
    return z;
  }

  private semanticOf(x: Vector | null | undefined, y: Vector | null | undefined): number | null {
    return x && y ? cosine(x, y) : null;
  }

  /** Paragraph pairs worth scoring: each paragraph's best lexical (and semantic) neighbours per other document. */
  private *candidatePairs(k: number, out: Array<[number, number, number, number]>): Generator<number> {
    const seen = new Set<number>();
    const sem = this.semantic?.paragraphs;
    const acc = new Float64Array(this.total);
    const touched: number[] = [];
    const docOf = new Int32Array(this.total);
    this.docs.forEach((d, di) => docOf.fill(di, this.offset[di], this.offset[di] + d.paragraphs.length));
    let done = 0;
    for (let dx = 0; dx < this.docs.length; dx++) {
      for (let px = 0; px < this.vecs[dx].length; px++) {
        const v = this.vecs[dx][px];
        for (let f = 0; f < v.ids.length; f++) {
          const list = this.postings.get(v.ids[f]);
          if (!list) continue;
          const wq = v.w[f];
          for (let i = 0; i < list.length; i += 2) {
            const gy = list[i];
            if (docOf[gy] === dx) continue;
            if (acc[gy] === 0) touched.push(gy);
            acc[gy] += wq * list[i + 1];
          }
        }
        const perDoc = new Map<number, Array<[number, number]>>();
        for (const gy of touched) {
          const dy = docOf[gy];
          let list = perDoc.get(dy);
          if (!list) perDoc.set(dy, (list = []));
          topInsert(list, [gy - this.offset[dy], acc[gy]], k);
          acc[gy] = 0;
        }
        touched.length = 0;
        // Semantic neighbours are candidates too: a paraphrase may share no word at all.
        const e = sem?.[dx]?.[px];
        if (e) {
          for (let dy = 0; dy < this.docs.length; dy++) {
            if (dy === dx) continue;
            const near: Array<[number, number]> = [];
            sem[dy]?.forEach((f, py) => f && topInsert(near, [py, cosine(e, f)], Math.max(2, k >> 1)));
            let list = perDoc.get(dy);
            if (!list) perDoc.set(dy, (list = []));
            for (const n of near) if (!list.some((l) => l[0] === n[0])) list.push(n);
          }
        }
        for (const [dy, list] of perDoc) {
          for (const [py] of list) {
            const id = this.pairId(dx, px, dy, py);
            if (seen.has(id)) continue;
            seen.add(id);
            out.push(dx < dy ? [dx, px, dy, py] : [dy, py, dx, px]);
          }
        }
        if (++done % 500 === 0) yield 0.3 + (0.3 * done) / Math.max(1, this.total);
      }
    }
    out.sort((x, y) => x[0] - y[0] || x[2] - y[2] || x[1] - y[1] || x[3] - y[3]);
  }

  /**
   * Semantic similarity is standardised within the story: models differ in scale, and what
   * matters is how much more alike a pair is than the story's typical candidate pair.
   */
  private standardiseSemantic(pairs: ReadonlyArray<readonly [number, number, number, number]>): void {
    const sem = (this.semantic ?? this.local)?.paragraphs;
    if (!sem) return;
    const sample: number[] = [];
    for (const [da, a, db, b] of pairs) {
      const s = this.semanticOf(sem[da]?.[a], sem[db]?.[b]);
      if (s !== null) sample.push(s);
    }
    if (sample.length < 3) return;
    this.semMean = sample.reduce((x, y) => x + y, 0) / sample.length;
    this.semSd = Math.sqrt(sample.reduce((x, y) => x + (y - this.semMean) ** 2, 0) / sample.length) || 1;
  }

  /** The other end of a candidate seen from document `doc`. */
  private static otherEnd(c: Candidate, doc: number): number {
    return c.docA === doc ? c.b : c.a;
  }

  /** Margin and story support, then the second model. */
  private stageTwo(): void {
    for (const c of this.candidates) {
      for (const key of [this.endKey(c.docA, c.a, c.docB), this.endKey(c.docB, c.b, c.docA)]) {
        let l = this.ends.get(key);
        if (!l) this.ends.set(key, (l = []));
        l.push(c);
      }
    }
    for (const l of this.ends.values()) l.sort((x, y) => y.z1 - x.z1 || x.a - y.a || x.b - y.b);
    for (const c of this.candidates) {
      const f = this.contextFeatures(c.docA, c.a, c.docB, c.b, c.z1, c);
      c.x2 = f;
      c.p = sigmoid(predictLogit(this.model.stage2, f));
    }
    // Ranks by confidence, within each end (the key says which paragraph the end is).
    for (const [key, l] of this.ends) {
      const end = Math.floor(key / this.docs.length);
      [...l]
        .sort((x, y) => y.p - x.p || x.a - y.a || x.b - y.b)
        .forEach((c, i) => {
          if (this.g(c.docA, c.a) === end) c.rankAB = i + 1;
          else c.rankBA = i + 1;
        });
    }
  }

  /** Stage-2 features of a pair: its stage-1 logit, its margin at both ends, story support and hubness. */
  private contextFeatures(da: number, a: number, db: number, b: number, z1: number, self: Candidate | null): number[] {
    const runnerUp = (key: number) => {
      const l = this.ends.get(key) ?? [];
      const other = l[0] === self ? l[1] : l[0];
      return other ? other.z1 : z1 - 4;
    };
    const margin = Math.min(z1 - runnerUp(this.endKey(da, a, db)), z1 - runnerUp(this.endKey(db, b, da)));
    // The strongest path through a paragraph of a third article.
    let story = 0;
    for (let dz = 0; dz < this.docs.length; dz++) {
      if (dz === da || dz === db) continue;
      const vias = this.ends.get(this.endKey(da, a, dz)) ?? [];
      // The best few paths carry the support; a hub paragraph's long tail adds nothing.
      for (let i = 0; i < Math.min(vias.length, STORY_PATHS); i++) {
        const via = vias[i];
        const second = this.byPair.get(this.pairId(dz, StoryIndex.otherEnd(via, da), db, b));
        if (second) story = Math.max(story, sigmoid(via.z1) * sigmoid(second.z1));
      }
    }
    return [z1, Math.max(-4, Math.min(4, margin)), story, this.pairHub(da, a, db, b)];
  }

  /** The `hub` feature of a pair: the mean of its two ends' hubness. */
  private pairHub(da: number, a: number, db: number, b: number): number {
    return (this.hub(da, a, db) + this.hub(db, b, da)) / 2;
  }

  private hubs: Float64Array | null = null;
  private hubMean = 0;

  /**
   * How strongly a paragraph matches the articles other than its own and `other`: the mean of its
   * best stage-1 logit in each of them, less the story's mean of such best logits (0, the story's
   * average, when there is no third article).
   */
  private hub(doc: number, paragraph: number, other: number): number {
    const n = this.docs.length;
    if (!this.hubs) {
      this.hubs = new Float64Array(this.total * n).fill(NaN);
      let sum = 0;
      let count = 0;
      for (const list of this.ends.values()) {
        if (!list.length) continue;
        sum += list[0].z1;
        count++;
      }
      this.hubMean = count ? sum / count : 0;
    }
    const key = this.g(doc, paragraph) * n + other;
    if (Number.isNaN(this.hubs[key])) {
      let h = 0;
      let k = 0;
      for (let dz = 0; dz < n; dz++) {
        if (dz === doc || dz === other) continue;
        const top = this.ends.get(this.endKey(doc, paragraph, dz));
        if (top?.length) {
          h += top[0].z1 - this.hubMean;
          k++;
        }
      }
      this.hubs[key] = k ? h / k : 0;
    }
    return this.hubs[key];
  }

  /** Links among every pair of documents, and the clusters they form. */
  links(options: SelectOptions & { evidence?: boolean } = {}): StoryResult {
    const minConfidence = options.minConfidence ?? STORY_MODEL.defaultMinConfidence;
    const perParagraph = Math.max(1, options.perParagraph ?? 2);
    const withEvidence = options.evidence ?? true;
    // Every pair of articles shows its strongest mutual-best links even when the pair as a whole
    // scores low (two articles in different styles share fewer words): rank within the pair, not
    // one absolute cut for all pairs.
    const pairBest = new Set<Candidate>();
    const mutual = new Map<number, Candidate[]>();
    for (const c of this.candidates) {
      if (c.rankAB !== 1 || c.rankBA !== 1 || c.p < minConfidence * PAIR_FLOOR) continue;
      const key = c.docA * this.docs.length + c.docB;
      let l = mutual.get(key);
      if (!l) mutual.set(key, (l = []));
      l.push(c);
    }
    for (const l of mutual.values()) l.sort((x, y) => y.p - x.p || x.a - y.a || x.b - y.b).slice(0, perParagraph).forEach((c) => pairBest.add(c));
    const byPair = new Map<number, StoryLink[]>();
    const selected: Candidate[] = [];
    for (const c of this.candidates) {
      const isSelected = (c.p >= minConfidence && Math.min(c.rankAB, c.rankBA) <= perParagraph) || pairBest.has(c);
      if (!isSelected && !options.all) continue;
      const link: StoryLink = {
        a: c.a,
        b: c.b,
        confidence: round3(c.p),
        rankAB: c.rankAB,
        rankBA: c.rankBA,
        selected: isSelected,
        evidence: withEvidence ? this.evidence(c.docA, c.a, c.docB, c.b, c.shared, c.semantic) : [],
        sentenceA: this.sentence(c.docA, c.a, c.unitA),
        sentenceB: this.sentence(c.docB, c.b, c.unitB),
      };
      const key = c.docA * this.docs.length + c.docB;
      let l = byPair.get(key);
      if (!l) byPair.set(key, (l = []));
      l.push(link);
      if (isSelected) selected.push(c);
    }
    const pairs: StoryPair[] = [];
    for (let x = 0; x < this.docs.length; x++) {
      for (let y = x + 1; y < this.docs.length; y++) {
        const links = byPair.get(x * this.docs.length + y) ?? [];
        links.sort((l, r) => Number(r.selected) - Number(l.selected) || (l.selected ? l.a - r.a || l.b - r.b : r.confidence - l.confidence || l.a - r.a || l.b - r.b));
        pairs.push({ docA: x, docB: y, links });
      }
    }
    return { pairs, clusters: this.clusters(selected.map((c) => [c.docA, c.a, c.docB, c.b, c.p])) };
  }

  /**
   * Why two paragraphs would be linked, and how confidently: for any pair, whether or not the
   * engine proposed it (a link an annotator drew, say).
   */
  explain(da: number, a: number, db: number, b: number): PairExplanation | null {
    if (da === db || !this.vecs[da]?.[a] || !this.vecs[db]?.[b]) return null;
    const known = this.byPair.get(this.pairId(da, a, db, b));
    const flip = (c: Candidate) => c.docA !== da;
    if (known) {
      const f = flip(known);
      return {
        confidence: round3(known.p),
        rankAB: f ? known.rankBA : known.rankAB,
        rankBA: f ? known.rankAB : known.rankBA,
        evidence: this.evidence(da, a, db, b, known.shared, known.semantic),
        sentenceA: this.sentence(da, a, f ? known.unitB : known.unitA),
        sentenceB: this.sentence(db, b, f ? known.unitA : known.unitB),
      };
    }
    const f = pairFeatures(this.vecs[da][a], this.vecs[db][b], this.damp);
    const s = this.semanticOf(this.semantic?.paragraphs[da]?.[a], this.semantic?.paragraphs[db]?.[b]);
    const z1 = this.stageOne(f.x1, s, f.sameWords);
    const p = sigmoid(predictLogit(this.model.stage2, this.contextFeatures(da, a, db, b, z1, null)));
    const rankAt = (key: number) => (this.ends.get(key) ?? []).filter((c) => c.p > p).length + 1;
    return {
      confidence: round3(p),
      rankAB: rankAt(this.endKey(da, a, db)),
      rankBA: rankAt(this.endKey(db, b, da)),
      evidence: this.evidence(da, a, db, b, f.shared, s),
      sentenceA: this.sentence(da, a, f.unitA),
      sentenceB: this.sentence(db, b, f.unitB),
    };
  }

  /**
   * Paragraphs of other articles most likely to report the same fact as the given mentions, best
   * first. A mention's span (a sentence or a quote) stands for it at sentence level, with its
   * paragraph as context; each candidate keeps its most alike sentence. Candidates come from
   * articles other than the mention's own (same-article repeats share the author's words, so
   * their lexical score says little). A candidate is weighed as a link is (stage 2): its evidence,
   * its margin over the mention's next-best candidate in the same article (and over the
   * candidate's next-best partner in the mention's article), and the story's support. On the
   * development facts this finds more of a fact's other mentions than the evidence alone, also
   * with the fact's own links left out of the fit. With semantic vectors (an embeddings model's,
   * or else the lexicon's word vectors), every paragraph of the other articles is a candidate,
   * and their similarity to the mention (and to the fact's label) counts as in a link's stage 1.
   */
  suggest(mentions: readonly MentionQuery[], options: { k?: number; exclude?: ReadonlySet<string>; only?: ReadonlySet<string>; logits?: boolean; about?: FactWords } = {}): FactSuggestionResult[] {
    const k = Math.max(1, options.k ?? 10);
    this.readMeanings();
    const mentioned = new Set(mentions.map((m) => `${m.doc}:${m.paragraph}`));
    const best = new Map<string, { z: number; from: MentionQuery; unit: number; shared: number[]; semantic: number | null }>();
    const docOfG = (g: number) => {
      let d = this.offset.length - 1;
      while (d > 0 && this.offset[d] > g) d--;
      return d;
    };
    for (const m of mentions) {
      const para = this.read.paragraphs[m.doc]?.[m.paragraph];
      if (!para) continue;
      const units = m.span ? this.unitsOf(para, m.span) : undefined;
      const q = this.queryVector(para, units, options.about);
      const qSem = this.querySemantic(m, units, options.about);
      const seen = new Set<string>();
      type Scored = { d: number; p: number; key: string; z1: number; unit: number; shared: number[]; semantic: number | null };
      const scored: Scored[] = [];
      const consider = (d: number, p: number) => {
        const key = `${d}:${p}`;
        if (d === m.doc || seen.has(key)) return;
        seen.add(key);
        const f = pairFeatures(q, this.vecs[d][p], this.damp);
        const s = this.semanticOf(qSem, (this.semantic ?? this.local)?.paragraphs[d]?.[p]);
        if (f.x1[0] === 0 && s === null) return;
        // With no word of a sentence in common, the sentence alike in meaning is the one to show.
        scored.push({ d, p, key, z1: this.stageOne(f.x1, s, f.sameWords), unit: f.x1[1] > 0 || !qSem ? f.unitB : this.nearestUnit(qSem, d, p), shared: f.shared, semantic: s });
      };
      for (let f = 0; f < q.ids.length; f++) {
        const list = this.postings.get(q.ids[f]) ?? [];
        for (let i = 0; i < list.length; i += 2) {
          const d = docOfG(list[i]);
          consider(d, list[i] - this.offset[d]);
        }
      }
      if (qSem) this.docs.forEach((doc, d) => doc.paragraphs.forEach((_, p) => consider(d, p)));
      if (options.only) {
        for (const key of options.only) {
          const [d, p] = key.split(':').map(Number);
          if (this.vecs[d]?.[p]) consider(d, p);
        }
      }
      // Where each candidate stands among the mention's candidates in its article (and the
      // mention's paragraph among the candidate's), as the link model weighs a pair.
      const topOf = new Map<number, [number, number]>();
      for (const c of scored) {
        const t = topOf.get(c.d) ?? [-Infinity, -Infinity];
        if (c.z1 > t[0]) topOf.set(c.d, [c.z1, t[0]]);
        else if (c.z1 > t[1]) topOf.set(c.d, [t[0], c.z1]);
        else topOf.set(c.d, t);
      }
      for (const c of scored) {
        if (mentioned.has(c.key) || options.exclude?.has(c.key) || (options.only && !options.only.has(c.key))) continue;
        const t = topOf.get(c.d)!;
        const other = t[0] === c.z1 ? t[1] : t[0];
        const back = (this.ends.get(this.endKey(c.d, c.p, m.doc)) ?? []).find((x) => StoryIndex.otherEnd(x, c.d) !== m.paragraph);
        const margin = Math.min(c.z1 - (Number.isFinite(other) ? other : c.z1 - 4), c.z1 - (back ? back.z1 : c.z1 - 4));
        // The margin's weight is negative, so a weak candidate (margin at the clip, -4) gains about
        // 2.2 logits: within an article the order stays that of the evidence, and across articles
        // a candidate counts more where its article has a strong match. With each fact left out of
        // the fit, recall@5 is 0.55 on the development facts and 0.526 on our own second gold;
        // without the margin, 0.5 and 0.474.
        const z = predictLogit(this.model.stage2, [c.z1, Math.max(-4, Math.min(4, margin)), this.storySupport(m, c.d, c.p), this.pairHub(m.doc, m.paragraph, c.d, c.p)]);
        const prev = best.get(c.key);
        if (!prev || z > prev.z) best.set(c.key, { z, from: m, unit: c.unit, shared: c.shared, semantic: c.semantic });
      }
    }
    return [...best.entries()]
      .sort((x, y) => y[1].z - x[1].z || (x[0] < y[0] ? -1 : 1))
      .slice(0, k)
      .map(([key, v]) => {
        const [d, p] = key.split(':').map(Number);
        return {
          doc: d,
          paragraph: p,
          confidence: round3(sigmoid(this.model.suggestion ? predictLogit(this.model.suggestion, [v.z]) : v.z)),
          ...(options.logits ? { logit: v.z } : {}),
          sentence: this.sentence(d, p, v.unit),
          evidence: this.evidence(v.from.doc, v.from.paragraph, d, p, v.shared, v.semantic),
        };
      });
  }

  /**
   * A mention as a query. Its sentence units stand for it at sentence level; at paragraph level
   * the mention's own sentences count fully and the rest of its paragraph, the context, counts
   * CONTEXT_SHARE as often: the annotator marked the fact, and the paragraph around it is often
   * about something else. (With each fact's links left out of the fit, shares from a quarter to
   * the whole find within two mentions of each other in the top 5, on the development facts and
   * on our own second gold; links are not affected.)
   *
   * What the annotator says the fact is (`about`: its label and description) is one more
   * sentence of the query, and at paragraph level its words weigh as much as the mention and its
   * context together. It is read in the pivot language; its names and numbers count in any.
   * Another article rarely reports a fact in the words of the mention at hand; a label can name
   * what the fact turns on in other words. How much it helps depends on the label. With each
   * fact's links left out of the fit, recall@5 pooled over both golds (236 mentions) is 0.534 from
   * the quote alone; 0.581 and 0.585 with the labels two annotators wrote from the seed mention
   * alone (0.555 for both with the label's words counted once, as the mention's own); 0.74 with the
   * golds' labels, written after reading every mention. Without the extra sentence (the label's
   * words in the paragraph-level query only), the golds' labels reached 0.665 instead of 0.733.
   * These figures are for words alone. With the lexicon's English word vectors as well (the
   * label's meaning added to the mention's, see querySemantic), they are 0.559 from the quote,
   * 0.627 and 0.619 with the blind labels, 0.767 with the golds' labels.
   */
  private queryVector(para: ReadParagraph, units: number[] | undefined, about?: FactWords): Vec {
    const whole = vectorOf(para, this.read.vocab, units);
    const words = about?.text.trim() ? this.read.readText(about.text.slice(0, ABOUT_MAX_CHARS), this.docs[0]?.pivotLang ?? 'en') : null;
    if (!units && !words?.size) return whole;
    const bag = new Map<number, number>();
    const ctx = units ? CONTEXT_SHARE : 1;
    for (const [id, c] of para.bag) bag.set(id, ctx * c);
    if (units) for (const u of units) for (const [id, c] of para.units[u]) bag.set(id, (bag.get(id) ?? 0) + (1 - CONTEXT_SHARE) * c);
    let extra: Unit[] = [];
    if (words?.size) {
      // The annotator's words weigh as much as the mention and its context together.
      let mass = 0;
      for (const c of bag.values()) mass += c;
      let own = 0;
      for (const c of words.values()) own += c;
      const scale = mass > 0 ? mass / own : 1;
      for (const [id, c] of words) bag.set(id, (bag.get(id) ?? 0) + scale * c);
      extra = [sparse(words, this.read.vocab)];
    }
    // A span the annotator marked reports a fact, whatever its paragraph looks like.
    return { ...sparse(bag, this.read.vocab), units: [...whole.units, ...extra], termLang: whole.termLang, prose: units || words?.size ? 1 : whole.prose };
  }


  /** The strongest path from a mention's paragraph to a candidate through a third article. */
  private storySupport(m: MentionQuery, d: number, p: number): number {
    let story = 0;
    for (let dz = 0; dz < this.docs.length; dz++) {
      if (dz === m.doc || dz === d) continue;
      const vias = this.ends.get(this.endKey(m.doc, m.paragraph, dz)) ?? [];
      for (let i = 0; i < Math.min(vias.length, STORY_PATHS); i++) {
        const via = vias[i];
        const second = this.byPair.get(this.pairId(dz, StoryIndex.otherEnd(via, m.doc), d, p));
        if (second) story = Math.max(story, sigmoid(via.z1) * sigmoid(second.z1));
      }
    }
    return story;
  }

  /** The sentence unit of a paragraph most alike in meaning to a query (0 without semantic vectors). */
  private nearestUnit(q: Vector, d: number, p: number): number {
    const units = (this.semantic ?? this.local)?.units?.[d]?.[p] ?? [];
    let best = 0;
    let top = -Infinity;
    units.forEach((u, i) => {
      const c = this.semanticOf(q, u);
      if (c !== null && c > top) [best, top] = [i, c];
    });
    return best;
  }

  /** The lexicon's word vectors, read on the first suggestion (links do not use them) and standardised over the link candidates. */
  private readMeanings(): void {
    if (this.localRead) return;
    this.localRead = true;
    if (this.semantic || !this.options.lexicon?.meaning) return;
    this.local = this.meanings(this.options.lexicon.meaning);
    this.standardiseSemantic(this.candidates.map((c) => [c.docA, c.a, c.docB, c.b] as const));
  }

  /** A mention's semantic vector; what the annotator calls the fact counts as much as the mention. */
  private querySemantic(m: MentionQuery, units: number[] | undefined, about?: FactWords): Vector | null {
    const own = this.mentionSemantic(m, units);
    const text = about?.text.trim() ? about.text.slice(0, ABOUT_MAX_CHARS) : '';
    const label = about?.vector ?? (this.common && text ? this.meaning(text, this.docs[0]?.pivotLang ?? 'en') : null);
    if (!own || !label || label.length !== own.length) return own;
    const na = norm(own);
    const nb = norm(label);
    if (!na || !nb) return own;
    const out = new Float64Array(own.length);
    for (let i = 0; i < out.length; i++) out[i] = own[i] / na + label[i] / nb;
    return out;
  }

  /**
   * Semantic vectors from the lexicon's word vectors, for the texts in the pivot language: each
   * paragraph's and each sentence unit's. The direction common to the whole story (its first
   * principal component: what every paragraph of it shares) is taken out, so that what is left
   * tells paragraphs apart (Arora, Liang and Ma 2017).
   */
  private meanings(meaning: (text: string, lang: string) => Float32Array | null): SemanticInput | undefined {
    const units = this.docs.map((d) =>
      d.paragraphs.map((p) => {
        const lang = p.pivot ? (d.pivotLang ?? 'en') : d.lang;
        return unitTexts(p).map((t) => meaning(t, lang));
      }),
    );
    const paragraphs = units.map((d) =>
      d.map((us) => {
        const vs = us.filter((v) => v !== null);
        if (!vs.length) return null;
        const out: Float32Array = new Float32Array(vs[0].length);
        for (const v of vs) for (let i = 0; i < out.length; i++) out[i] += v[i];
        return out;
      }),
    );
    const all = paragraphs.flat().filter((v) => v !== null);
    if (all.length < 3) return undefined;
    this.common = firstComponent(all);
    for (const v of all) removeComponent(v, this.common);
    for (const d of units) for (const us of d) for (const v of us) if (v) removeComponent(v, this.common);
    return { paragraphs, units };
  }

  private meaning(text: string, lang: string): Float32Array | null {
    const v = this.options.lexicon?.meaning?.(text, lang) ?? null;
    if (v && this.common) removeComponent(v, this.common);
    return v;
  }

  private mentionSemantic(m: MentionQuery, units: number[] | undefined): Vector | null {
    const sem = this.semantic ?? this.local;
    if (!sem) return null;
    if (units && sem.units?.[m.doc]?.[m.paragraph]) {
      const vs = units.map((u) => sem.units![m.doc]![m.paragraph]![u]).filter((v): v is Vector => !!v);
      if (vs.length) {
        const out = new Float64Array(vs[0].length);
        for (const v of vs) for (let i = 0; i < out.length; i++) out[i] += v[i];
        return out;
      }
    }
    return sem.paragraphs[m.doc]?.[m.paragraph] ?? null;
  }

  /** Sentence units of a paragraph that overlap a span of its original. */
  private unitsOf(p: ReadParagraph, span: Span): number[] | undefined {
    const hit = p.unitSpans.map((u, i) => (u.original[0] < span[1] && span[0] < u.original[1] ? i : -1)).filter((i) => i >= 0);
    return hit.length && hit.length < p.unitSpans.length ? hit : undefined;
  }

  private sentence(doc: number, paragraph: number, unit: number): SentenceRef {
    const p = this.read.paragraphs[doc][paragraph];
    const u = p.unitSpans[Math.min(unit, p.unitSpans.length - 1)] ?? { original: [0, 0] as Span, pivot: null };
    return { unit, original: u.original, pivot: u.pivot };
  }

  /** The shared evidence of two paragraphs, heaviest first, with offsets on both sides. */
  private evidence(docA: number, a: number, docB: number, b: number, shared: number[], semantic: number | null): LinkEvidence[] {
    const { vocab } = this.read;
    const pa = this.read.paragraphs[docA][a];
    const pb = this.read.paragraphs[docB][b];
    const w = (p: ReadParagraph, id: number, absent: number) => Math.sqrt(p.bag.get(id) ?? absent) * vocab.idf(id);
    // A suggestion's query may share a word of the fact's label that its paragraph lacks: it counts once.
    const items = shared.map((id) => ({ id, w: w(pa, id, 1) * w(pb, id, 0) }));
    const sum = items.reduce((s, x) => s + x.w, 0) || 1;
    const wanted = new Set(shared);
    const sides = (p: ReadParagraph) => {
      const m = new Map<number, EvidenceSide>();
      for (const o of p.occurrences) {
        if (!wanted.has(o.key)) continue;
        let e = m.get(o.key);
        if (!e) m.set(o.key, (e = { original: [], pivot: [] }));
        (o.in === 'original' ? e.original : e.pivot).push([o.start, o.end]);
      }
      return m;
    };
    const sa = sides(pa);
    const sb = sides(pb);
    const out: LinkEvidence[] = items
      .sort((x, y) => y.w - x.w || x.id - y.id)
      .map(({ id, w: weight }) => ({
        kind: vocab.info[id].kind,
        label: this.label(id, docA, a, sa.get(id), docB, b, sb.get(id)),
        weight: round3(weight / sum),
        a: sa.get(id) ?? { original: [], pivot: [] },
        b: sb.get(id) ?? { original: [], pivot: [] },
      }));
    if (semantic !== null) out.push({ kind: 'semantic', label: `semantic similarity ${semantic.toFixed(2)}`, weight: 0, a: { original: [], pivot: [] }, b: { original: [], pivot: [] } });
    return out;
  }

  /** A name by its spellings on both sides ("Tokajev / Tokayev"); a number or date in one form. */
  private label(id: number, docA: number, a: number, ea: EvidenceSide | undefined, docB: number, b: number, eb: EvidenceSide | undefined): string {
    const info = this.read.vocab.info[id];
    if (info.kind === 'number') {
      const [t, v] = info.label.split(':');
      if (t === 'd') {
        const [m, d] = v.split('-').map(Number);
        return `${d} ${MONTHS[m - 1]}`;
      }
      if (t === 'm') {
        const [y, m] = v.split('-').map(Number);
        return `${MONTHS[m - 1]} ${y}`;
      }
      return v;
    }
    const spelling = (doc: number, index: number, e: EvidenceSide | undefined): string | null => {
      const seg = this.docs[doc].paragraphs[index];
      if (e?.original.length) return seg.text.slice(e.original[0][0], e.original[0][1]);
      if (e?.pivot.length && seg.pivot) return seg.pivot.slice(e.pivot[0][0], e.pivot[0][1]);
      return null;
    };
    const x = spelling(docA, a, ea);
    const y = spelling(docB, b, eb);
    if (info.kind === 'term') {
      const lx = (x ?? info.label).toLowerCase();
      const ly = y?.toLowerCase();
      return ly && ly !== lx ? `${lx} / ${ly}` : lx;
    }
    return x && y && x !== y ? `${x} / ${y}` : x ?? y ?? info.label;
  }

  /** Labels for groups of paragraph pairs: the shared evidence that recurs most, by idf. */
  private groupLabel(pairs: Array<[number, number, number, number]>): string {
    const weight = new Map<number, number>();
    for (const [da, a, db, b] of pairs) {
      const shared: number[] = [];
      dot(this.vecs[da][a], this.vecs[db][b], shared);
      for (const id of shared) weight.set(id, (weight.get(id) ?? 0) + this.read.vocab.idf(id));
    }
    return [...weight.entries()]
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, 4)
      .map(([id]) => {
        const info = this.read.vocab.info[id];
        return info.kind === 'number' ? this.label(id, 0, 0, undefined, 0, 0, undefined) : info.label;
      })
      .join(', ');
  }

  /**
   * Groups of linked paragraphs across the story: candidate facts. Links join groups strongest
   * first, and only groups from different articles: a fact is reported once per article, and
   * without that rule a chain of links would join the whole story into one group. Takes links as
   * (docA, a, docB, b, confidence); the service passes the stored links, confirmed and suggested.
   */
  clusters(links: ReadonlyArray<readonly [number, number, number, number, number]>): StoryCluster[] {
    type Group = { docs: Set<number>; members: Array<{ doc: number; paragraph: number }>; pairs: Array<[number, number, number, number]>; conf: number };
    const groupOf = new Map<number, Group>();
    const ensure = (d: number, p: number): Group => {
      const id = this.g(d, p);
      let grp = groupOf.get(id);
      if (!grp) {
        grp = { docs: new Set([d]), members: [{ doc: d, paragraph: p }], pairs: [], conf: 0 };
        groupOf.set(id, grp);
      }
      return grp;
    };
    // Stored confidences are rounded: between links of one rounded confidence, the engine's own
    // score (when it scored the pair) decides, not the order of the paragraphs.
    const exact = (l: readonly [number, number, number, number, number]) => (l[0] === l[2] ? l[4] : (this.byPair.get(this.pairId(l[0], l[1], l[2], l[3]))?.p ?? l[4]));
    const sorted = [...links].sort((x, y) => y[4] - x[4] || exact(y) - exact(x) || x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3]);
    for (const [da, a, db, b, conf] of sorted) {
      if (da === db) continue;
      const x = ensure(da, a);
      const y = ensure(db, b);
      if (x === y) {
        x.pairs.push([da, a, db, b]);
        continue;
      }
      if ([...y.docs].some((d) => x.docs.has(d))) continue;
      for (const d of y.docs) x.docs.add(d);
      for (const m of y.members) {
        x.members.push(m);
        groupOf.set(this.g(m.doc, m.paragraph), x);
      }
      x.pairs.push(...y.pairs, [da, a, db, b]);
      x.conf = Math.max(x.conf, y.conf, conf);
    }
    const out: StoryCluster[] = [...new Set(groupOf.values())]
      .filter((grp) => grp.members.length > 1)
      .map((grp) => {
        grp.members.sort((x, y) => x.doc - y.doc || x.paragraph - y.paragraph);
        return { id: 0, members: grp.members, label: this.groupLabel(grp.pairs), confidence: round3(grp.conf) };
      });
    out.sort((x, y) => y.members.length - x.members.length || y.confidence - x.confidence || x.members[0].doc - y.members[0].doc || x.members[0].paragraph - y.members[0].paragraph);
    out.forEach((c, i) => (c.id = i + 1));
    return out;
  }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Links among every pair of documents of a story (scored once, then selected). */
export function linkStory(docs: readonly DocInput[], options: StoryScoreOptions & SelectOptions = {}): StoryResult {
  return new StoryIndex(docs, options).links(options);
}
