/**
 * Cross-article linking for a story: several independent reports of one event, each an original
 * with (usually) a translation into one pivot language. Reports share facts, not sentences, so a
 * link rests on evidence that survives different wording: shared names (matched across spellings
 * and inflection), numbers and dates, content words of the translations, the best-matching pair
 * of sentences, and, when given, a semantic similarity.
 *
 * Scoring runs in two stages, each a logistic model fitted on development data (STORY_MODEL):
 * - stage 1 turns a pair's evidence (idf-weighted cosine of the paragraphs, and of their most
 *   alike sentences) into log-odds;
 * - stage 2 adds where the pair stands among each paragraph's candidates in the other article
 *   (the margin to the paragraph's best alternative, in both directions) and what the rest of
 *   the story says: a strong A↔C and C↔B make A↔B likelier.
 * The result is a confidence that is a probability (on development data) that a reader links the
 * two paragraphs. Selection keeps each paragraph's best candidates in each other article above a
 * minimum confidence, rather than cutting every pair at one similarity value.
 */

import { readStory, type DocInput, type EvidenceKind, type ReadParagraph, type Span, type StoryVocabulary } from './evidence.js';
import { predictLogit, sigmoid, type LogisticModel } from './logistic.js';
import { STORY_MODEL } from './story-model.js';

export type { DocInput, SegmentInput, Span } from './evidence.js';

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
  stage2: LogisticModel;
}

export interface ScoreOptions {
  /** Candidates scored per paragraph and other article. Default 8. */
  candidates?: number;
  semantic?: SemanticInput;
  /** The shipped, calibrated models by default (the calibration script passes others). */
  model?: StoryModels;
}

export interface SelectOptions {
  /** Links kept: calibrated confidence at least this. Default STORY_MODEL.defaultMinConfidence. */
  minConfidence?: number;
  /** A link must be among the best this many of one of its paragraphs' candidates. Default 2. */
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

export interface FactSuggestionResult {
  doc: number;
  paragraph: number;
  /** Calibrated like a link's confidence. */
  confidence: number;
  sentence: SentenceRef;
  evidence: LinkEvidence[];
}

export const STAGE1_FEATURES = ['paraCos', 'sentCos'] as const;
export const STAGE2_FEATURES = ['z1', 'margin', 'story'] as const;

/** Dampening of sentence cosines, in squared idf units (about one rare word): one shared name is not a perfect match. */
const DAMP = 16;

interface Unit {
  ids: Int32Array;
  w: Float64Array;
  norm: number;
}

/** A paragraph (or a query) as a sparse idf-weighted vector, with its sentence units. */
interface Vec {
  ids: Int32Array;
  w: Float64Array;
  norm: number;
  units: Unit[];
}

function sparse(bag: Map<number, number>, vocab: StoryVocabulary): Unit {
  const ids = Int32Array.from([...bag.keys()].sort((x, y) => x - y));
  const w = new Float64Array(ids.length);
  let n = 0;
  ids.forEach((id, k) => {
    // Names, numbers and content words weigh alike, by idf: on development data, weighting
    // names or numbers up or down by half changed little, and equal weights need no tuning.
    w[k] = Math.sqrt(bag.get(id)!) * vocab.idf(id);
    n += w[k] * w[k];
  });
  return { ids, w, norm: Math.sqrt(n) };
}

function vectorOf(p: ReadParagraph, vocab: StoryVocabulary, units?: number[]): Vec {
  const chosen = units ?? p.units.map((_, u) => u);
  let bag = p.bag;
  if (units) {
    bag = new Map();
    for (const u of chosen) for (const [id, c] of p.units[u]) bag.set(id, (bag.get(id) ?? 0) + c);
  }
  const whole = sparse(bag, vocab);
  return { ...whole, units: chosen.map((u) => sparse(p.units[u], vocab)) };
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

/** Stage-1 features of two vectors, the best unit pair, and the shared feature ids. */
function pairFeatures(x: Vec, y: Vec): { x1: number[]; unitA: number; unitB: number; shared: number[] } {
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
      const s = dot(ux, uy) / Math.sqrt((ux.norm * ux.norm + DAMP) * (uy.norm * uy.norm + DAMP));
      if (s > best) {
        best = s;
        unitA = u;
        unitB = v;
      }
    }
  }
  const para = x.norm > 0 && y.norm > 0 ? d / (x.norm * y.norm) : 0;
  return { x1: [para, best], unitA, unitB, shared };
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
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A story read and scored once; links, clusters and fact suggestions are read from it.
 * Pure: arrays in, plain data out.
 */
export class StoryIndex {
  readonly candidates: Candidate[] = [];
  private readonly read: ReturnType<typeof readStory>;
  private readonly vecs: Vec[][];
  private readonly model: StoryModels;
  private readonly semantic: SemanticInput | undefined;
  private semMean = 0;
  private semSd = 1;
  private readonly postings = new Map<number, Array<[number, number, number]>>();
  /** For each end (doc, paragraph, other doc): its candidates, by stage-1 logit, best first. */
  private readonly ends = new Map<string, Candidate[]>();

  constructor(
    readonly docs: readonly DocInput[],
    options: ScoreOptions = {},
  ) {
    this.model = options.model ?? STORY_MODEL;
    this.semantic = options.semantic;
    this.read = readStory(docs);
    const { vocab } = this.read;
    this.vecs = this.read.paragraphs.map((d) => d.map((p) => vectorOf(p, vocab)));
    // Postings: feature → (doc, paragraph, weight). Features in a fifth of the story's
    // paragraphs find no candidates (they still count in the scores).
    const maxDf = Math.max(50, Math.floor(vocab.segments * 0.2));
    this.vecs.forEach((d, di) =>
      d.forEach((v, pi) => {
        for (let k = 0; k < v.ids.length; k++) {
          if (vocab.df[v.ids[k]] > maxDf) continue;
          let list = this.postings.get(v.ids[k]);
          if (!list) this.postings.set(v.ids[k], (list = []));
          list.push([di, pi, v.w[k]]);
        }
      }),
    );
    const chosen = this.candidatePairs(Math.max(1, options.candidates ?? 8));
    this.standardiseSemantic(chosen);
    for (const [da, a, db, b] of chosen) {
      const f = pairFeatures(this.vecs[da][a], this.vecs[db][b]);
      const s = this.semanticOf(this.semantic?.paragraphs[da]?.[a], this.semantic?.paragraphs[db]?.[b]);
      const z1 = this.stageOne(f.x1, s);
      this.candidates.push({ docA: da, docB: db, a, b, x1: f.x1, z1, x2: [], p: 0, unitA: f.unitA, unitB: f.unitB, shared: f.shared, semantic: s });
    }
    this.stageTwo();
  }

  private stageOne(x1: number[], semantic: number | null): number {
    let z = predictLogit(this.model.stage1, x1);
    if (semantic !== null) z += ((this.semantic?.weight ?? 1) * (semantic - this.semMean)) / this.semSd;
    return z;
  }

  private semanticOf(x: Vector | null | undefined, y: Vector | null | undefined): number | null {
    return x && y ? cosine(x, y) : null;
  }

  /** Paragraph pairs worth scoring: each paragraph's best lexical (and semantic) neighbours per other document. */
  private candidatePairs(k: number): Array<[number, number, number, number]> {
    const chosen = new Map<string, [number, number, number, number]>();
    const sem = this.semantic?.paragraphs;
    const acc = new Map<number, number>();
    for (let dx = 0; dx < this.docs.length; dx++) {
      for (let px = 0; px < this.vecs[dx].length; px++) {
        acc.clear();
        const v = this.vecs[dx][px];
        for (let f = 0; f < v.ids.length; f++) {
          for (const [dy, py, w] of this.postings.get(v.ids[f]) ?? []) {
            if (dy === dx) continue;
            const key = dy * 4_194_304 + py;
            acc.set(key, (acc.get(key) ?? 0) + v.w[f] * w);
          }
        }
        const perDoc = new Map<number, Array<[number, number]>>();
        for (const [key, s] of acc) {
          const dy = Math.floor(key / 4_194_304);
          let list = perDoc.get(dy);
          if (!list) perDoc.set(dy, (list = []));
          topInsert(list, [key % 4_194_304, s], k);
        }
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
            const t: [number, number, number, number] = dx < dy ? [dx, px, dy, py] : [dy, py, dx, px];
            chosen.set(t.join(':'), t);
          }
        }
      }
    }
    return [...chosen.values()].sort((x, y) => x[0] - y[0] || x[2] - y[2] || x[1] - y[1] || x[3] - y[3]);
  }

  /**
   * Semantic similarity is standardised within the story: models differ in scale, and what
   * matters is how much more alike a pair is than the story's typical candidate pair.
   */
  private standardiseSemantic(pairs: Array<[number, number, number, number]>): void {
    const sem = this.semantic?.paragraphs;
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

  private endKey(doc: number, paragraph: number, other: number): string {
    return `${doc}:${paragraph}:${other}`;
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
    for (const l of this.ends.values()) l.sort((x, y) => y.z1 - x.z1);
    const p1 = new Map<string, number>();
    for (const c of this.candidates) {
      const v = sigmoid(c.z1);
      p1.set(`${c.docA}:${c.a}|${c.docB}:${c.b}`, v);
      p1.set(`${c.docB}:${c.b}|${c.docA}:${c.a}`, v);
    }
    const runnerUp = (key: string, c: Candidate) => {
      const l = this.ends.get(key)!;
      const other = l[0] === c ? l[1] : l[0];
      return other ? other.z1 : c.z1 - 4;
    };
    for (const c of this.candidates) {
      const margin = Math.min(c.z1 - runnerUp(this.endKey(c.docA, c.a, c.docB), c), c.z1 - runnerUp(this.endKey(c.docB, c.b, c.docA), c));
      // The strongest path through a paragraph of a third article.
      let story = 0;
      for (let dz = 0; dz < this.docs.length; dz++) {
        if (dz === c.docA || dz === c.docB) continue;
        for (const via of this.ends.get(this.endKey(c.docA, c.a, dz)) ?? []) {
          const r = via.docA === dz ? via.a : via.b;
          const second = p1.get(`${dz}:${r}|${c.docB}:${c.b}`);
          if (second !== undefined) story = Math.max(story, sigmoid(via.z1) * second);
        }
      }
      c.x2 = [c.z1, Math.max(-4, Math.min(4, margin)), story];
      c.p = sigmoid(predictLogit(this.model.stage2, c.x2));
    }
  }

  /** Links among every pair of documents, and the clusters they form. */
  links(options: SelectOptions = {}): StoryResult {
    const minConfidence = options.minConfidence ?? STORY_MODEL.defaultMinConfidence;
    const perParagraph = Math.max(1, options.perParagraph ?? 2);
    const byP = new Map<string, Candidate[]>();
    for (const [key, l] of this.ends) byP.set(key, [...l].sort((x, y) => y.p - x.p));
    const rank = (key: string, c: Candidate) => byP.get(key)!.indexOf(c) + 1;
    const byPair = new Map<string, StoryLink[]>();
    const selected: Array<{ c: Candidate; link: StoryLink }> = [];
    for (const c of this.candidates) {
      const rankAB = rank(this.endKey(c.docA, c.a, c.docB), c);
      const rankBA = rank(this.endKey(c.docB, c.b, c.docA), c);
      const isSelected = c.p >= minConfidence && Math.min(rankAB, rankBA) <= perParagraph;
      if (!isSelected && !options.all) continue;
      const link: StoryLink = {
        a: c.a,
        b: c.b,
        confidence: round3(c.p),
        rankAB,
        rankBA,
        selected: isSelected,
        evidence: this.evidence(c.docA, c.a, c.docB, c.b, c.shared, c.semantic),
        sentenceA: this.sentence(c.docA, c.a, c.unitA),
        sentenceB: this.sentence(c.docB, c.b, c.unitB),
      };
      const key = `${c.docA}:${c.docB}`;
      let l = byPair.get(key);
      if (!l) byPair.set(key, (l = []));
      l.push(link);
      if (isSelected) selected.push({ c, link });
    }
    const pairs: StoryPair[] = [];
    for (let x = 0; x < this.docs.length; x++) {
      for (let y = x + 1; y < this.docs.length; y++) {
        const links = byPair.get(`${x}:${y}`) ?? [];
        links.sort((l, r) => Number(r.selected) - Number(l.selected) || (l.selected ? l.a - r.a || l.b - r.b : r.confidence - l.confidence || l.a - r.a || l.b - r.b));
        pairs.push({ docA: x, docB: y, links });
      }
    }
    return { pairs, clusters: this.clusters(selected) };
  }

  /**
   * Paragraphs of the story most likely to report the same fact as the given mentions, best
   * first. A mention's span (a sentence or a quote) is the query when given, so the rest of its
   * paragraph does not speak for it; each candidate keeps its most alike sentence.
   */
  suggest(mentions: readonly MentionQuery[], options: { k?: number; exclude?: ReadonlySet<string> } = {}): FactSuggestionResult[] {
    const k = Math.max(1, options.k ?? 10);
    const mentioned = new Set(mentions.map((m) => `${m.doc}:${m.paragraph}`));
    const best = new Map<string, { z: number; from: MentionQuery; unit: number; shared: number[]; semantic: number | null }>();
    for (const m of mentions) {
      const para = this.read.paragraphs[m.doc]?.[m.paragraph];
      if (!para) continue;
      const units = m.span ? this.unitsOf(para, m.span) : undefined;
      const q = vectorOf(para, this.read.vocab, units);
      const qSem = this.querySemantic(m, units);
      const seen = new Set<string>();
      const consider = (d: number, p: number) => {
        const key = `${d}:${p}`;
        if (seen.has(key) || mentioned.has(key) || options.exclude?.has(key)) return;
        seen.add(key);
        const f = pairFeatures(q, this.vecs[d][p]);
        const s = this.semanticOf(qSem, this.semantic?.paragraphs[d]?.[p]);
        if (f.x1[0] === 0 && s === null) return;
        const z = this.stageOne(f.x1, s) + this.storyBoost(m, d, p);
        const prev = best.get(key);
        if (!prev || z > prev.z) best.set(key, { z, from: m, unit: f.unitB, shared: f.shared, semantic: s });
      };
      for (let f = 0; f < q.ids.length; f++) for (const [d, p] of this.postings.get(q.ids[f]) ?? []) consider(d, p);
      if (qSem) this.docs.forEach((doc, d) => doc.paragraphs.forEach((_, p) => consider(d, p)));
    }
    return [...best.entries()]
      .sort((x, y) => y[1].z - x[1].z || (x[0] < y[0] ? -1 : 1))
      .slice(0, k)
      .map(([key, v]) => {
        const [d, p] = key.split(':').map(Number);
        return {
          doc: d,
          paragraph: p,
          confidence: round3(sigmoid(v.z)),
          sentence: this.sentence(d, p, v.unit),
          evidence: this.evidence(v.from.doc, v.from.paragraph, d, p, v.shared, v.semantic),
        };
      });
  }

  /**
   * What the story's links add to a suggestion: the log-odds of the best path from the mention's
   * paragraph to the candidate through a third article, weighed as in the link model.
   */
  private storyBoost(m: MentionQuery, d: number, p: number): number {
    if (d === m.doc) return 0;
    let story = 0;
    for (let dz = 0; dz < this.docs.length; dz++) {
      if (dz === m.doc || dz === d) continue;
      for (const via of this.ends.get(this.endKey(m.doc, m.paragraph, dz)) ?? []) {
        const r = via.docA === dz ? via.a : via.b;
        for (const next of this.ends.get(this.endKey(dz, r, d)) ?? []) {
          const q = next.docA === d ? next.a : next.b;
          if (q === p) story = Math.max(story, sigmoid(via.z1) * sigmoid(next.z1));
        }
      }
    }
    const k = this.model.stage2.features.indexOf('story');
    return k >= 0 ? this.model.stage2.weights[k] * story : 0;
  }

  private querySemantic(m: MentionQuery, units: number[] | undefined): Vector | null {
    const sem = this.semantic;
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
    const w = (p: ReadParagraph, id: number) => Math.sqrt(p.bag.get(id) ?? 0) * vocab.idf(id);
    const items = shared.map((id) => ({ id, w: w(pa, id) * w(pb, id) }));
    const sum = items.reduce((s, x) => s + x.w, 0) || 1;
    const side = (p: ReadParagraph, id: number): EvidenceSide => ({
      original: p.occurrences.filter((o) => o.key === id && o.in === 'original').map((o) => [o.start, o.end] as Span),
      pivot: p.occurrences.filter((o) => o.key === id && o.in === 'pivot').map((o) => [o.start, o.end] as Span),
    });
    const out: LinkEvidence[] = items
      .sort((x, y) => y.w - x.w || x.id - y.id)
      .map(({ id, w: weight }) => ({ kind: vocab.info[id].kind, label: this.label(id, docA, a, docB, b), weight: round3(weight / sum), a: side(pa, id), b: side(pb, id) }));
    if (semantic !== null) out.push({ kind: 'semantic', label: `semantic similarity ${semantic.toFixed(2)}`, weight: 0, a: { original: [], pivot: [] }, b: { original: [], pivot: [] } });
    return out;
  }

  /** A name by its spellings on both sides ("Tokajev / Tokayev"); a number or date in one form. */
  private label(id: number, docA: number, a: number, docB: number, b: number): string {
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
    const spelling = (doc: number, index: number): string | null => {
      const p = this.read.paragraphs[doc][index];
      const o = p.occurrences.find((x) => x.key === id && x.in === 'original') ?? p.occurrences.find((x) => x.key === id);
      if (!o) return null;
      const seg = this.docs[doc].paragraphs[index];
      const text = o.in === 'original' ? seg.text : seg.pivot;
      return text ? text.slice(o.start, o.end) : null;
    };
    const x = spelling(docA, a);
    const y = spelling(docB, b);
    if (info.kind === 'term') {
      const lx = (x ?? info.label).toLowerCase();
      const ly = y?.toLowerCase();
      return ly && ly !== lx ? `${lx} / ${ly}` : lx;
    }
    return x && y && x !== y ? `${x} / ${y}` : x ?? y ?? info.label;
  }

  /** Connected groups of linked paragraphs across the story: candidate facts. */
  private clusters(selected: Array<{ c: Candidate; link: StoryLink }>): StoryCluster[] {
    const id = new Map<string, number>();
    const parent: number[] = [];
    const node = (d: number, p: number) => {
      const k = `${d}:${p}`;
      let n = id.get(k);
      if (n === undefined) {
        n = parent.length;
        id.set(k, n);
        parent.push(n);
      }
      return n;
    };
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]];
      return i;
    };
    for (const { c } of selected) {
      const a = find(node(c.docA, c.a));
      const b = find(node(c.docB, c.b));
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
    const groups = new Map<number, { members: Array<{ doc: number; paragraph: number }>; weight: Map<number, number>; conf: number }>();
    for (const [k, n] of id) {
      const r = find(n);
      let g = groups.get(r);
      if (!g) groups.set(r, (g = { members: [], weight: new Map(), conf: 0 }));
      const [d, p] = k.split(':').map(Number);
      g.members.push({ doc: d, paragraph: p });
    }
    for (const { c, link } of selected) {
      const g = groups.get(find(id.get(`${c.docA}:${c.a}`)!))!;
      g.conf = Math.max(g.conf, link.confidence);
      for (const sid of c.shared) g.weight.set(sid, (g.weight.get(sid) ?? 0) + this.read.vocab.idf(sid));
    }
    const out: StoryCluster[] = [...groups.values()].map((g) => {
      g.members.sort((x, y) => x.doc - y.doc || x.paragraph - y.paragraph);
      const label = [...g.weight.entries()]
        .sort((x, y) => y[1] - x[1] || x[0] - y[0])
        .slice(0, 4)
        .map(([sid]) => this.read.vocab.info[sid].label)
        .join(', ');
      return { id: 0, members: g.members, label, confidence: g.conf };
    });
    out.sort((x, y) => y.members.length - x.members.length || x.members[0].doc - y.members[0].doc || x.members[0].paragraph - y.members[0].paragraph);
    out.forEach((c, i) => (c.id = i + 1));
    return out;
  }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Links among every pair of documents of a story (scored once, then selected). */
export function linkStory(docs: readonly DocInput[], options: ScoreOptions & SelectOptions = {}): StoryResult {
  return new StoryIndex(docs, options).links(options);
}
