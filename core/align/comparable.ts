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
 *
 * The index has to hold a project of a million paragraphs in a modest amount of memory, so it
 * is made of flat typed arrays only: features are hashed into buckets without a vocabulary,
 * document frequencies are counted in a first pass over the texts, and the postings of the
 * buckets that survive the frequency cut are laid out in a second pass (4 + 2 + 1 bytes per
 * posting: paragraph, quantised weight, hash fingerprint). Paragraph features are not kept;
 * they are recomputed from the text when an indexed paragraph is queried.
 */

import { normalizeForNgrams } from './features.js';
import type { Link, ScoredCandidate } from './types.js';
import { fnv1a, fnv1aLowerAscii } from './hash.js';

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

function mix(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h | 0;
}

/** Hash of s[start, end), without building the substring. */
function hashRange(s: string, start: number, end: number, seed: number): number {
  return mix(fnv1a(s, start, end, seed));
}

/** hashRange of the lower-cased ASCII substring. */
function hashLowerAscii(s: string, start: number, end: number, seed: number): number {
  return mix(fnv1aLowerAscii(s, start, end, seed));
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * The features of one paragraph, summed by key, in reusable typed arrays: building an index
 * over a million paragraphs must not allocate a map (or an object) per paragraph.
 */
class FeatureBag {
  n = 0;
  keys = new Int32Array(128);
  tf = new Float32Array(128);
  private slotKey = new Int32Array(512);
  private slotAt = new Int32Array(512);
  private stamp = new Int32Array(512);
  private cur = 0;

  reset(): void {
    this.n = 0;
    if (++this.cur === 0x7fffffff) {
      this.stamp.fill(0);
      this.cur = 1;
    }
  }

  add(key: number, w: number): void {
    const mask = this.stamp.length - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.stamp[slot] === this.cur) {
      if (this.slotKey[slot] === key) {
        this.tf[this.slotAt[slot]] += w;
        return;
      }
      slot = (slot + 1) & mask;
    }
    if (this.n === this.keys.length) {
      this.grow();
      this.add(key, w);
      return;
    }
    this.stamp[slot] = this.cur;
    this.slotKey[slot] = key;
    this.slotAt[slot] = this.n;
    this.keys[this.n] = key;
    this.tf[this.n++] = w;
  }

  private grow(): void {
    const keys = new Int32Array(this.keys.length * 2);
    keys.set(this.keys);
    const tf = new Float32Array(keys.length);
    tf.set(this.tf);
    this.keys = keys;
    this.tf = tf;
    const cap = keys.length * 4;
    this.slotKey = new Int32Array(cap);
    this.slotAt = new Int32Array(cap);
    this.stamp = new Int32Array(cap);
    this.cur = 1;
    for (let k = 0; k < this.n; k++) {
      let slot = (Math.imul(this.keys[k], 0x9e3779b1) >>> 0) & (cap - 1);
      while (this.stamp[slot] === 1) slot = (slot + 1) & (cap - 1);
      this.stamp[slot] = 1;
      this.slotKey[slot] = this.keys[k];
      this.slotAt[slot] = k;
    }
  }
}

function isSeparatorOfThousands(c: number): boolean {
  return c === 46 || c === 44 || c === 39 || c === 32;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Words, stems and numbers of an ASCII text read straight from it, with the same tokens and
 * hashes as over normalizeForNgrams(text) (lower case, thousands separators dropped), but
 * without building the normalised string.
 */
function wordFeaturesAscii(text: string, bag: FeatureBag, numberWeight: number): void {
  const len = text.length;
  for (let p = 0; p < len; ) {
    if (!isAsciiAlnum(text.charCodeAt(p))) {
      p++;
      continue;
    }
    const number = isDigit(text.charCodeAt(p));
    let h = (0x811c9dc5 ^ (number ? SEED_NUM : SEED_WORD)) | 0;
    let stem = (0x811c9dc5 ^ SEED_STEM) | 0;
    let n = 0;
    for (; p < len; p++) {
      let c = text.charCodeAt(p);
      if (!isAsciiAlnum(c)) {
        // "12,000", "12 000" and "12000" are one number.
        if (
          isSeparatorOfThousands(c) &&
          n > 0 &&
          isDigit(text.charCodeAt(p - 1)) &&
          isDigit(text.charCodeAt(p + 1)) &&
          isDigit(text.charCodeAt(p + 2)) &&
          isDigit(text.charCodeAt(p + 3)) &&
          !isDigit(text.charCodeAt(p + 4))
        ) {
          continue;
        }
        break;
      }
      if (c >= 65 && c <= 90) c += 32;
      h = Math.imul(h ^ c, 16777619);
      if (n < 5) stem = Math.imul(stem ^ c, 16777619);
      n++;
    }
    if (number) bag.add(mix(h), numberWeight);
    else if (n >= 3) {
      bag.add(mix(h), 1);
      if (n > 5) bag.add(mix(stem), 1);
    }
  }
}

function featurize(text: string, bag: FeatureBag, numberWeight: number, nameWeight: number): void {
  bag.reset();
  let ascii = true;
  for (let k = 0; k < text.length && ascii; k++) if (text.charCodeAt(k) > 127) ascii = false;
  if (ascii) {
    wordFeaturesAscii(text, bag, numberWeight);
  } else {
    // The normalised text is letter-and-digit runs separated by single spaces.
    const norm = normalizeForNgrams(text);
    for (let p = 0; p < norm.length; ) {
      while (p < norm.length && norm.charCodeAt(p) === 32) p++;
      if (p >= norm.length) break;
      const start = p;
      while (p < norm.length && norm.charCodeAt(p) !== 32) p++;
      if (isDigit(norm.charCodeAt(start))) {
        bag.add(hashRange(norm, start, p, SEED_NUM), numberWeight);
        continue;
      }
      if (p - start < 3) continue;
      bag.add(hashRange(norm, start, p, SEED_WORD), 1);
      if (p - start > 5) bag.add(hashRange(norm, start, start + 5, SEED_STEM), 1);
    }
  }
  if (nameWeight === 0) return;
  if (ascii) {
    for (let p = 0; p < text.length; ) {
      if (!isAsciiAlnum(text.charCodeAt(p))) {
        p++;
        continue;
      }
      const start = p;
      while (p < text.length && isAsciiAlnum(text.charCodeAt(p))) p++;
      const c = text.charCodeAt(start);
      if (p - start < 2 || c < 65 || c > 90) continue;
      if (!afterSentenceEnd(text, start)) bag.add(hashLowerAscii(text, start, p, SEED_NAME), nameWeight);
    }
    return;
  }
  const raw = text.normalize('NFD').replace(COMBINING, '');
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(raw); m; m = TOKEN.exec(raw)) {
    const w = m[0];
    if (w.length < 2 || w[0] === w[0].toLowerCase()) continue;
    if (!afterSentenceEnd(raw, m.index)) {
      const lw = w.toLowerCase();
      bag.add(hashRange(lw, 0, lw.length, SEED_NAME), nameWeight);
    }
  }
}

/**
 * A token that opens the text or a sentence is capitalised for grammar, not because it is a
 * name.
 */
function afterSentenceEnd(raw: string, at: number): boolean {
  let q = at - 1;
  while (q >= 0) {
    const c = raw.charCodeAt(q);
    if (c !== 32 && c !== 34 && c !== 0xab && c !== 0x201c) break;
    q--;
  }
  if (q < 0) return true;
  const c = raw.charCodeAt(q);
  return c === 46 || c === 33 || c === 63 || c === 58;
}

// Posting weights are cosine contributions in (0, 1], kept to 16 bits.
const W_SCALE = 65535;

class InvertedIndex implements SimilarityIndex {
  readonly size: number;
  private readonly ids: ReadonlyArray<string | number>;
  private readonly texts: readonly string[];
  private readonly mask: number;
  private readonly df: Uint32Array;
  private readonly idfByDf: Float64Array;
  private readonly postStart: Uint32Array;
  private readonly postDoc: Int32Array;
  private readonly postW: Uint16Array;
  /** High byte of each posting's feature hash: tells most features sharing a bucket apart. */
  private readonly postFp: Uint8Array;
  private readonly numberWeight: number;
  private readonly nameWeight: number;
  private readonly budget: number;
  private readonly bag = new FeatureBag();
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;

  constructor(texts: readonly string[], ids: ReadonlyArray<string | number>, o: IndexOptions) {
    this.size = texts.length;
    this.ids = ids;
    // Features are recomputed from the text when needed rather than stored: a second pass over
    // the text is cheaper than holding tens of millions of feature entries.
    this.texts = texts;
    this.numberWeight = o.numberWeight ?? 2;
    this.nameWeight = o.nameWeight ?? 2;
    const maxDf = Math.max(20, Math.floor((o.maxDfRatio ?? 0.05) * texts.length));
    this.budget = o.postingBudget ?? 50000;
    // Vocabulary-free: a feature is its hash bucket. About one bucket per two feature
    // occurrences keeps distinct features apart (the fingerprint separates most of the rest).
    let chars = 0;
    for (const t of texts) chars += t.length;
    let bits = 16;
    while (bits < 24 && 1 << bits < chars / 3) bits++;
    const mask = (1 << bits) - 1;
    this.mask = mask;
    const bag = this.bag;
    const df = new Uint32Array(1 << bits);
    for (let d = 0; d < texts.length; d++) {
      featurize(texts[d], bag, this.numberWeight, this.nameWeight);
      for (let k = 0; k < bag.n; k++) df[bag.keys[k] & mask]++;
    }
    this.df = df;
    this.idfByDf = new Float64Array(texts.length + 2);
    for (let c = 0; c < this.idfByDf.length; c++) this.idfByDf[c] = Math.log((texts.length + 1) / (c + 1)) + 1;
    // Features in more than maxDf paragraphs get no postings (counting first, then filling
    // typed arrays in place).
    const postStart = new Uint32Array((1 << bits) + 1);
    for (let b = 0; b < 1 << bits; b++) postStart[b + 1] = postStart[b] + (df[b] <= maxDf ? df[b] : 0);
    const nPost = postStart[1 << bits];
    this.postDoc = new Int32Array(nPost);
    this.postW = new Uint16Array(nPost);
    this.postFp = new Uint8Array(nPost);
    const fill = postStart.slice(0, 1 << bits);
    for (let d = 0; d < texts.length; d++) {
      featurize(texts[d], bag, this.numberWeight, this.nameWeight);
      const inv = 1 / this.norm(bag);
      for (let k = 0; k < bag.n; k++) {
        const key = bag.keys[k];
        const b = key & mask;
        if (df[b] > maxDf) continue;
        const p = fill[b]++;
        this.postDoc[p] = d;
        this.postW[p] = Math.max(1, Math.round(Math.sqrt(bag.tf[k]) * this.idf(key) * inv * W_SCALE));
        this.postFp[p] = key >>> 24;
      }
    }
    this.postStart = postStart;
    this.acc = new Float64Array(texts.length);
    this.touched = new Int32Array(texts.length);
  }

  private idf(key: number): number {
    const c = this.df[key & this.mask];
    return c < this.idfByDf.length ? this.idfByDf[c] : Math.log((this.size + 1) / (c + 1)) + 1;
  }

  /** L2 norm of the tf-idf vector (tf dampened by square root). */
  private norm(bag: FeatureBag): number {
    let s = 0;
    for (let k = 0; k < bag.n; k++) {
      const idf = this.idf(bag.keys[k]);
      s += bag.tf[k] * idf * idf;
    }
    return Math.sqrt(s) || 1;
  }

  private search(text: string, k: number, exclude: number): IndexHit[] {
    if (k <= 0 || this.size === 0) return [];
    const bag = this.bag;
    featurize(text, bag, this.numberWeight, this.nameWeight);
    const n = bag.n;
    const keys = bag.keys.slice(0, n);
    const qw = new Float64Array(n);
    const inv = 1 / this.norm(bag);
    for (let f = 0; f < n; f++) qw[f] = (Math.sqrt(bag.tf[f]) * this.idf(keys[f]) * inv) / W_SCALE;
    const mask = this.mask;
    const { df, postStart, postDoc, postW, postFp, acc, touched } = this;
    // Rarest features first, until the posting budget is spent: they carry most of the idf
    // mass and keep query time bounded however large the collection grows.
    const order = Array.from({ length: n }, (_, f) => f).sort(
      (x, y) => df[keys[x] & mask] - df[keys[y] & mask] || keys[x] - keys[y],
    );
    let spent = 0;
    let nt = 0;
    for (const f of order) {
      const key = keys[f];
      const b = key & mask;
      const from = postStart[b];
      const to = postStart[b + 1];
      if (to === from) continue;
      if (spent + to - from > this.budget && spent > 0) break;
      spent += to - from;
      const fp = key >>> 24;
      const w = qw[f];
      for (let p = from; p < to; p++) {
        if (postFp[p] !== fp) continue;
        const d = postDoc[p];
        if (acc[d] === 0) touched[nt++] = d;
        acc[d] += w * postW[p];
      }
    }
    // Top-k by insertion into a short sorted list; touched sets can be large.
    const topD: number[] = [];
    const topS: number[] = [];
    for (let x = 0; x < nt; x++) {
      const d = touched[x];
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
    }
    return topD.map((d, r) => ({ index: d, id: this.ids[d], score: topS[r] }));
  }

  query(text: string, k: number): IndexHit[] {
    return this.search(text, k, -1);
  }

  queryIndexed(index: number, k: number): IndexHit[] {
    if (!(index >= 0 && index < this.size)) return [];
    return this.search(this.texts[index], k, index);
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
