/**
 * Non-monotonic alignment of comparable texts (independent articles about the same event),
 * compared through their translations into one pivot language.
 *
 * Paragraphs become tf-idf vectors over words, word-initial character 5-grams (a crude stem
 * that survives inflection), numbers and capitalised names (boosted: they are what two
 * independent reports of the same fact share). An inverted index over the features that are
 * rare enough to be informative yields candidates sparsely, so building is linear and a query
 * touches only the postings of its rare features; the accumulated score is the cosine over
 * those features.
 */

import { normalizeForNgrams } from './features.js';
import type { Link, ScoredCandidate } from './types.js';

export interface IndexOptions {
  /** Weight of numbers relative to words. Default 2. */
  numberWeight?: number;
  /** Weight of capitalised, non-initial tokens relative to words. Default 2. */
  nameWeight?: number;
  /**
   * Features found in more than this fraction of paragraphs are ignored (too common to find
   * candidates, and nearly zero idf anyway). Default 0.05, never below 20 paragraphs.
   */
  maxDfRatio?: number;
  /** Most postings a query reads (rarest features first). Default 50,000. */
  postingBudget?: number;
}

export interface IndexHit {
  /** Position of the paragraph in the indexed list. */
  index: number;
  id: string | number;
  score: number;
}

export interface SimilarityIndex {
  readonly size: number;
  /** The k indexed paragraphs most similar to `text`, best first, score > 0 only. */
  query(text: string, k: number): IndexHit[];
  /** Like query, for an indexed paragraph (it is excluded from its own results). */
  queryIndexed(index: number, k: number): IndexHit[];
}

const SEED_WORD = 0x2545f491;
const SEED_STEM = 0x6a09e667;
const SEED_NUM = 0x3c6ef372;
const SEED_NAME = 0x510e527f;
const TOKEN = /[\p{L}\p{N}]+/gu;
const COMBINING = /\p{M}+/gu;

function hash(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) | 0;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 16777619);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h | 0;
}

interface RawVec {
  keys: Int32Array;
  tf: Float32Array;
}

function featurize(text: string, numberWeight: number, nameWeight: number): RawVec {
  const counts = new Map<number, number>();
  const add = (k: number, w: number): void => {
    counts.set(k, (counts.get(k) ?? 0) + w);
  };
  const norm = normalizeForNgrams(text);
  const ascii = /^[\x00-\x7f]*$/.test(text);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(norm); m; m = TOKEN.exec(norm)) {
    const w = m[0];
    const c = w.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      add(hash(w, SEED_NUM), numberWeight);
      continue;
    }
    if (w.length < 3) continue;
    add(hash(w, SEED_WORD), 1);
    if (w.length > 5) add(hash(w.slice(0, 5), SEED_STEM), 1);
  }
  const raw = ascii ? text : text.normalize('NFD').replace(COMBINING, '');
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(raw); m; m = TOKEN.exec(raw)) {
    const w = m[0];
    if (w.length < 2 || w[0] === w[0].toLowerCase()) continue;
    // A token that opens a sentence is capitalised for grammar, not because it is a name.
    let q = m.index - 1;
    while (q >= 0 && (raw[q] === ' ' || raw[q] === '"' || raw[q] === '«' || raw[q] === '“')) q--;
    if (q >= 0 && !'.!?:'.includes(raw[q])) add(hash(w.toLowerCase(), SEED_NAME), nameWeight);
  }
  const keys = Int32Array.from(counts.keys()).sort();
  const tf = new Float32Array(keys.length);
  for (let k = 0; k < keys.length; k++) tf[k] = counts.get(keys[k])!;
  return { keys, tf };
}

class InvertedIndex implements SimilarityIndex {
  readonly size: number;
  private readonly ids: ReadonlyArray<string | number>;
  private readonly bucketBits: number;
  private readonly df: Uint32Array;
  private readonly postStart: Uint32Array;
  private readonly postDoc: Int32Array;
  private readonly postKey: Int32Array;
  private readonly postW: Float32Array;
  private readonly maxDf: number;
  private readonly numberWeight: number;
  private readonly nameWeight: number;
  private readonly docOff: Uint32Array;
  private readonly docKeys: Int32Array;
  private readonly docTf: Float32Array;
  private readonly budget: number;
  private acc: Float32Array;

  constructor(texts: readonly string[], ids: ReadonlyArray<string | number>, o: IndexOptions) {
    this.size = texts.length;
    this.ids = ids;
    this.numberWeight = o.numberWeight ?? 2;
    this.nameWeight = o.nameWeight ?? 2;
    this.maxDf = Math.max(20, Math.floor((o.maxDfRatio ?? 0.05) * texts.length));
    this.budget = o.postingBudget ?? 50000;
    // Features of all paragraphs in one compressed-row store: a million small typed arrays
    // would cost more in object headers than in data.
    this.docOff = new Uint32Array(texts.length + 1);
    let keys = new Int32Array(Math.max(1024, texts.length * 32));
    let tfs = new Float32Array(keys.length);
    let total = 0;
    for (let d = 0; d < texts.length; d++) {
      const v = featurize(texts[d], this.numberWeight, this.nameWeight);
      if (total + v.keys.length > keys.length) {
        const cap = Math.max(keys.length * 2, total + v.keys.length);
        const nk = new Int32Array(cap);
        nk.set(keys.subarray(0, total));
        keys = nk;
        const nt = new Float32Array(cap);
        nt.set(tfs.subarray(0, total));
        tfs = nt;
      }
      keys.set(v.keys, total);
      tfs.set(v.tf, total);
      total += v.keys.length;
      this.docOff[d + 1] = total;
    }
    this.docKeys = keys.slice(0, total);
    this.docTf = tfs.slice(0, total);
    let bits = 16;
    while (bits < 24 && 1 << bits < total) bits++;
    this.bucketBits = bits;
    const mask = (1 << bits) - 1;
    // Document frequency per hash bucket; buckets are shared by few features at this size.
    this.df = new Uint32Array(1 << bits);
    for (let p = 0; p < total; p++) this.df[this.docKeys[p] & mask]++;
    const postStart = new Uint32Array((1 << bits) + 1);
    for (let b = 0; b < 1 << bits; b++) {
      postStart[b + 1] = postStart[b] + (this.df[b] <= this.maxDf ? this.df[b] : 0);
    }
    const nPost = postStart[1 << bits];
    this.postDoc = new Int32Array(nPost);
    this.postKey = new Int32Array(nPost);
    this.postW = new Float32Array(nPost);
    const fill = postStart.slice(0, 1 << bits);
    for (let d = 0; d < texts.length; d++) {
      const v = this.docVec(d);
      const w = this.weights(v);
      for (let k = 0; k < v.keys.length; k++) {
        const b = v.keys[k] & mask;
        if (this.df[b] > this.maxDf) continue;
        const p = fill[b]++;
        this.postDoc[p] = d;
        this.postKey[p] = v.keys[k];
        this.postW[p] = w[k];
      }
    }
    this.postStart = postStart;
    this.acc = new Float32Array(texts.length);
  }

  private docVec(d: number): RawVec {
    return {
      keys: this.docKeys.subarray(this.docOff[d], this.docOff[d + 1]),
      tf: this.docTf.subarray(this.docOff[d], this.docOff[d + 1]),
    };
  }

  private idf(key: number): number {
    const df = this.df[key & ((1 << this.bucketBits) - 1)];
    return Math.log((this.size + 1) / (df + 1)) + 1;
  }

  /** L2-normalised tf-idf weights (tf dampened by square root). */
  private weights(v: RawVec): Float32Array {
    const w = new Float32Array(v.keys.length);
    let norm = 0;
    for (let k = 0; k < w.length; k++) {
      w[k] = Math.sqrt(v.tf[k]) * this.idf(v.keys[k]);
      norm += w[k] * w[k];
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < w.length; k++) w[k] /= norm;
    return w;
  }

  private search(v: RawVec, k: number, exclude: number): IndexHit[] {
    if (k <= 0 || this.size === 0) return [];
    const mask = (1 << this.bucketBits) - 1;
    const qw = this.weights(v);
    const acc = this.acc;
    const touched: number[] = [];
    // Rarest features first, until the posting budget is spent: they carry most of the idf
    // mass and keep query time bounded however large the collection grows.
    const order = Array.from(v.keys.keys()).sort(
      (x, y) => this.df[v.keys[x] & mask] - this.df[v.keys[y] & mask] || x - y,
    );
    let spent = 0;
    for (const f of order) {
      const key = v.keys[f];
      const b = key & mask;
      const len = this.postStart[b + 1] - this.postStart[b];
      if (len === 0) continue;
      if (spent + len > this.budget && spent > 0) break;
      spent += len;
      for (let p = this.postStart[b]; p < this.postStart[b + 1]; p++) {
        if (this.postKey[p] !== key) continue;
        const d = this.postDoc[p];
        if (acc[d] === 0) touched.push(d);
        acc[d] += qw[f] * this.postW[p];
      }
    }
    // Top-k by insertion into a short sorted list; touched sets can be large.
    const topD: number[] = [];
    const topS: number[] = [];
    for (const d of touched) {
      const sc = acc[d];
      acc[d] = 0;
      if (d === exclude || sc <= 0) continue;
      if (topD.length === k && (sc < topS[k - 1] || (sc === topS[k - 1] && d > topD[k - 1]))) continue;
      let p = topD.length === k ? k - 1 : topD.length;
      while (p > 0 && (topS[p - 1] < sc || (topS[p - 1] === sc && topD[p - 1] > d))) {
        topS[p] = topS[p - 1];
        topD[p] = topD[p - 1];
        p--;
      }
      topS[p] = sc;
      topD[p] = d;
      if (topD.length > k) {
        topD.length = k;
        topS.length = k;
      }
    }
    return topD.map((d, r) => ({ index: d, id: this.ids[d], score: topS[r] }));
  }

  query(text: string, k: number): IndexHit[] {
    return this.search(featurize(text, this.numberWeight, this.nameWeight), k, -1);
  }

  queryIndexed(index: number, k: number): IndexHit[] {
    return this.search(this.docVec(index), k, index);
  }
}

/** Builds an index once; query it many times. Ids default to positions. */
export function buildIndex(
  items: ReadonlyArray<string | { id: string | number; text: string }>,
  options: IndexOptions = {},
): SimilarityIndex {
  const texts = items.map((x) => (typeof x === 'string' ? x : x.text));
  const ids = items.map((x, k) => (typeof x === 'string' ? k : x.id));
  return new InvertedIndex(texts, ids, options);
}

/**
 * The topK candidates most similar to `query` (e.g. paragraphs of other articles that mention
 * the same fact). Pass a prebuilt index when querying the same candidates repeatedly.
 */
export function rankSimilar(
  query: string,
  candidates: ReadonlyArray<{ id: string | number; text: string }> | SimilarityIndex,
  topK = 10,
): ScoredCandidate[] {
  const index = 'query' in candidates ? candidates : buildIndex(candidates);
  return index.query(query, topK).map((h) => ({ id: h.id, score: h.score }));
}

export interface ComparableOptions {
  /** Minimum cosine for a link. Default 0.2. */
  threshold?: number;
  /** Candidates examined per paragraph (and most links per paragraph). Default 5. */
  topK?: number;
  index?: IndexOptions;
}

/**
 * Links between paragraphs of two comparable texts given in the same pivot language. Links
 * may cross and a paragraph may have several; most paragraphs usually have none. Each link is
 * one pair; confidence is the cosine, capped at 1.
 */
export function alignComparable(a: readonly string[], b: readonly string[], options: ComparableOptions = {}): Link[] {
  return alignComparableMany([a, b], options)[0]?.links ?? [];
}

export interface DocPairLinks {
  docA: number;
  docB: number;
  links: Link[];
}

/**
 * Pairwise links among several comparable texts, from one shared index (idf over all of
 * them). Returns one entry per pair of documents (docA < docB).
 */
export function alignComparableMany(docs: ReadonlyArray<readonly string[]>, options: ComparableOptions = {}): DocPairLinks[] {
  const threshold = options.threshold ?? 0.2;
  const topK = options.topK ?? 5;
  const texts: string[] = [];
  const docOf: number[] = [];
  const posOf: number[] = [];
  docs.forEach((d, di) =>
    d.forEach((t, pi) => {
      texts.push(t);
      docOf.push(di);
      posOf.push(pi);
    }),
  );
  const index = buildIndex(texts, options.index);
  const pairKey = (x: number, y: number): number => x * docs.length + y;
  const found = new Map<number, Map<string, Link>>();
  for (let g = 0; g < texts.length; g++) {
    // Ask for more than topK because hits in the paragraph's own document are skipped.
    const hits = index.queryIndexed(g, topK * docs.length);
    let kept = 0;
    for (const h of hits) {
      if (kept >= topK * (docs.length - 1) || h.score < threshold) break;
      if (docOf[h.index] === docOf[g]) continue;
      kept++;
      const [p, q] = docOf[g] < docOf[h.index] ? [g, h.index] : [h.index, g];
      const key = pairKey(docOf[p], docOf[q]);
      let links = found.get(key);
      if (!links) found.set(key, (links = new Map()));
      const lk = posOf[p] + ':' + posOf[q];
      // Queries in both directions find the same pair with the same cosine.
      if (!links.has(lk)) links.set(lk, { a: [posOf[p]], b: [posOf[q]], confidence: Math.min(1, h.score) });
    }
  }
  const out: DocPairLinks[] = [];
  for (let x = 0; x < docs.length; x++) {
    for (let y = x + 1; y < docs.length; y++) {
      const links = [...(found.get(pairKey(x, y))?.values() ?? [])];
      links.sort((l, r) => l.a[0] - r.a[0] || l.b[0] - r.b[0]);
      out.push({ docA: x, docB: y, links });
    }
  }
  return out;
}
