/**
 * The alignment engine's feature extraction and guide as first written: strings, Maps and the
 * built-in sort. The engine now does the same work on typed arrays in fewer passes; the tests
 * hold it to these definitions exactly (same hashes, same weights, same guide).
 */
import { fnv1a, fnv1aLowerAscii } from '../../../../core/align/hash.js';
import { normalizeForNgrams } from '../../../../core/align/features.js';
import type { FeatureConfig, SparseRows } from '../../../../core/align/features.js';
import { heaviestChain } from '../../../../core/align/band.js';
import type { AnchorPair } from '../../../../core/align/band.js';

const SEED_WORD = 0x9e3779b1 | 0;
const SEED_NUM = 0x85ebca6b | 0;
const SEED_NAME = 0xc2b2ae35 | 0;
const SEED_PUNCT = 0x27d4eb2f | 0;
const seedForNgram = (n: number): number => Math.imul(n + 1, 0x165667b1) | 0;
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}
const hashString = (s: string, start: number, end: number, seed: number): number => avalanche(fnv1a(s, start, end, seed));
const PUNCT: Record<string, number> = { '?': 1, '!': 2, '"': 3, '«': 3, '»': 3, '“': 3, '”': 3, '„': 3, '‟': 3, '‹': 3, '›': 3, ':': 4, ';': 5, '(': 6 };

/** Capitalised words (after combining marks are dropped) that do not open the text, lower-cased. */
function names(text: string): string[] {
  const out: string[] = [];
  const raw = text.normalize('NFD').replace(/\p{M}+/gu, '');
  let first = true;
  for (const m of raw.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    const c = w.charCodeAt(0);
    if (!first && w[0] !== w[0].toLowerCase() && w.length > 1 && !(c >= 48 && c <= 57)) out.push(w.toLowerCase());
    first = false;
  }
  return out;
}

/** One segment's features: hash (low three bits the kind) to weight. */
export function referenceFeatures(text: string, cfg: FeatureConfig): Map<number, number> {
  const weight = [1, cfg.wordWeight, cfg.numberWeight, cfg.nameWeight, cfg.punctWeight].map(Math.fround);
  const hashes: number[] = [];
  const push = (h: number, kind: number): void => void hashes.push((h & ~7) | kind);
  const norm = normalizeForNgrams(text);
  if (!cfg.wordsOnly) {
    for (const n of cfg.ngrams) {
      for (let p = 0; p + n <= norm.length; p++) if (!(n === 1 && norm[p] === ' ')) push(hashString(norm, p, p + n, seedForNgram(n)), 0);
    }
  }
  for (const m of norm.matchAll(/\S+/g)) {
    const w = m[0];
    const start = m.index!;
    if (/^\p{N}+$/u.test(w)) {
      if (cfg.numberWeight > 0) push(hashString(norm, start, start + w.length, SEED_NUM), 2);
    } else if (cfg.wordWeight > 0 && w.length > 1) push(hashString(norm, start, start + w.length, SEED_WORD), 1);
  }
  if (cfg.nameWeight > 0) {
    if (/^[\x00-\x7f]*$/.test(text)) {
      // ASCII: words of ASCII letters and digits, hashed lower-cased in place.
      let first = true;
      for (const m of text.matchAll(/[0-9A-Za-z]+/g)) {
        if (!first && /^[A-Z]/.test(m[0]) && m[0].length > 1) push(avalanche(fnv1aLowerAscii(text, m.index!, m.index! + m[0].length, SEED_NAME)), 3);
        first = false;
      }
    } else for (const w of names(text)) push(hashString(w, 0, w.length, SEED_NAME), 3);
  }
  if (cfg.punctWeight > 0) for (const ch of text) if (PUNCT[ch]) push(Math.imul(PUNCT[ch], SEED_PUNCT) | 0, 4);
  const out = new Map<number, number>();
  for (const h of hashes) out.set(h, Math.fround((out.get(h) ?? 0) + weight[h & 7]));
  return out;
}

/** Rows of referenceFeatures, keys sorted as numbers. */
export function referenceRows(texts: readonly string[], cfg: FeatureConfig): SparseRows {
  const maps = texts.map((t) => referenceFeatures(t, cfg));
  const offsets = new Int32Array(texts.length + 1);
  maps.forEach((m, r) => (offsets[r + 1] = offsets[r] + m.size));
  const keys = new Int32Array(offsets[texts.length]);
  const vals = new Float32Array(offsets[texts.length]);
  maps.forEach((m, r) => {
    [...m.keys()].sort((a, b) => a - b).forEach((k, q) => {
      keys[offsets[r] + q] = k;
      vals[offsets[r] + q] = m.get(k)!;
    });
  });
  return { offsets, keys, vals };
}

/** Numbers of two or more digits and words of four or more characters, FNV-1a, sorted, distinct. */
export function referenceAnchorTokens(text: string): number[] {
  const out = new Set<number>();
  for (const w of normalizeForNgrams(text).split(' ')) {
    if (!((/^[0-9]/.test(w) && w.length >= 2) || w.length >= 4)) continue;
    let h = 0x811c9dc5 | 0;
    for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), 16777619);
    out.add(h | 0);
  }
  return [...out].sort((a, b) => a - b);
}

function rareTokenPairs(x: readonly number[][], y: readonly number[][], scores: Map<number, number>, maxDf = 2): void {
  const m = y.length;
  const dfX = new Map<number, number>();
  for (const row of x) for (const t of row) dfX.set(t, (dfX.get(t) ?? 0) + 1);
  const postY = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    for (const t of y[j]) {
      const dx = dfX.get(t);
      if (dx === undefined || dx > maxDf) continue;
      const p = postY.get(t);
      if (p === undefined) postY.set(t, [j]);
      else if (p.length <= maxDf) p.push(j);
    }
  }
  for (let i = 0; i < x.length; i++) {
    for (const t of x[i]) {
      const p = postY.get(t);
      if (p === undefined || p.length > maxDf) continue;
      const w = 1 / (dfX.get(t)! * p.length);
      for (const j of p) scores.set(i * (m + 1) + j, (scores.get(i * (m + 1) + j) ?? 0) + w);
    }
  }
}

function orderedTokenPairs(x: readonly number[][], y: readonly number[][], scores: Map<number, number>, minDf = 3, maxShare = 0.01, weight = 0.5): void {
  const m = y.length;
  const maxDf = Math.floor(maxShare * Math.min(x.length, m));
  if (maxDf < minDf) return;
  const posX = new Map<number, number[]>();
  for (let i = 0; i < x.length; i++) {
    for (const t of x[i]) {
      const p = posX.get(t);
      if (p === undefined) posX.set(t, [i]);
      else if (p.length <= maxDf) p.push(i);
    }
  }
  const posY = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    for (const t of y[j]) {
      const px = posX.get(t);
      if (px === undefined || px.length < minDf || px.length > maxDf) continue;
      const p = posY.get(t);
      if (p === undefined) posY.set(t, [j]);
      else if (p.length <= maxDf) p.push(j);
    }
  }
  for (const [t, py] of posY) {
    const px = posX.get(t)!;
    if (px.length !== py.length) continue;
    for (let k = 0; k < px.length; k++) scores.set(px[k] * (m + 1) + py[k], (scores.get(px[k] * (m + 1) + py[k]) ?? 0) + weight);
  }
}

/** The guide chain from views of token rows (source-side, target-side), as Maps of pair scores. */
export function referenceGuide(views: Array<[number[][], number[][]]>, m: number, minScore = 1): AnchorPair[] {
  const scores = new Map<number, number>();
  for (const [x, y] of views) {
    rareTokenPairs(x, y, scores);
    orderedTokenPairs(x, y, scores);
  }
  const bestForI = new Map<number, AnchorPair>();
  const bestForJ = new Map<number, AnchorPair>();
  for (const [key, score] of scores) {
    if (score < minScore) continue;
    const i = Math.floor(key / (m + 1));
    const j = key - i * (m + 1);
    const p = { i, j, score };
    const bi = bestForI.get(i);
    if (!bi || score > bi.score || (score === bi.score && j < bi.j)) bestForI.set(i, p);
    const bj = bestForJ.get(j);
    if (!bj || score > bj.score || (score === bj.score && i < bj.i)) bestForJ.set(j, p);
  }
  const mutual: AnchorPair[] = [];
  for (const p of bestForI.values()) if (bestForJ.get(p.j) === p) mutual.push(p);
  return heaviestChain(mutual, m);
}
