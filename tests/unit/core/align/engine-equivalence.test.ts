import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES, DfTable, applyIdf, dfBitsFor, extractFeatures, sortInt32 } from '../../../../core/align/features.js';
import type { FeatureConfig, SparseRows } from '../../../../core/align/features.js';
import { PairVotes, guideFromVotes, tokenPairVotes } from '../../../../core/align/band.js';
import { bandAroundGuide } from '../../../../core/align/band.js';
import { bandDots, mergedNorms, pairBandFor } from '../../../../core/align/dp.js';
import { weightView } from '../../../../core/align/vocab.js';
import { syntheticParallel } from '../../../../bench/align.js';
import { DE, EN } from './fixtures.js';
import { referenceAnchorTokens, referenceGuide, referenceRows } from './reference-engine.js';

/** Index of the first element where two arrays differ (by Object.is), or -1 when they are equal. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return k;
  return -1;
}

function random(seed: number): () => number {
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
}

/** Random strings over letters of several scripts, digits, separators and punctuation. */
function randomTexts(count: number, seed: number): string[] {
  const alphabet = [...'aBcÄöüßéÈçñÅøæŒœİıĳǄǅǆŉ0123456789²¼.,\' ’\u00a0\u202f-–—„“”«»()?!:;\u0301\u0308xyzÉÑŁłŠžĐđΣσДжЯ日本語١٢٣ '];
  const rnd = random(seed);
  const out: string[] = ['', ' ', 'A', '8.847 Meter, 1 234 567 und 12,345,678 Franken', 'x'.repeat(3000), '١٢٣٤٥ ٦٧'.repeat(50)];
  for (let n = 0; n < count; n++) {
    let s = '';
    const len = Math.floor(rnd() * 60);
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    out.push(s);
  }
  return out;
}

const TEXTS = [...EN, ...DE, ...syntheticParallel(200, 9).src, ...randomTexts(3000, 17)];
const CONFIGS: FeatureConfig[] = [
  DEFAULT_FEATURES,
  { ...DEFAULT_FEATURES, ngrams: [5] },
  { ...DEFAULT_FEATURES, ngrams: [1, 2], wordWeight: 0.7, nameWeight: 0 },
  { ...DEFAULT_FEATURES, wordsOnly: true, punctWeight: 0 },
];

describe('feature extraction in one pass', () => {
  it('gives the features of the string-based definition, for every configuration', () => {
    for (const cfg of CONFIGS) {
      const { rows } = extractFeatures(TEXTS, cfg);
      const ref = referenceRows(TEXTS, cfg);
      expect(firstDifference(rows.offsets, ref.offsets)).toBe(-1);
      expect(firstDifference(rows.keys, ref.keys)).toBe(-1);
      expect(firstDifference(rows.vals, ref.vals)).toBe(-1);
      expect(rows.keys.length).toBeGreaterThan(TEXTS.length * 5);
    }
  });

  it('gives the anchor tokens of the string-based definition from the same pass, and alone', () => {
    const withRows = extractFeatures(TEXTS, DEFAULT_FEATURES, true).tokens!;
    const alone = extractFeatures(TEXTS, null, true);
    expect(alone.rows.keys.length).toBe(0);
    expect(alone.tokens).toEqual(withRows);
    TEXTS.forEach((t, r) => {
      expect(Array.from(withRows.tokens.subarray(withRows.offsets[r], withRows.offsets[r + 1])), JSON.stringify(t)).toEqual(referenceAnchorTokens(t));
    });
  });

  it('sorts integers as the built-in sort does, short, long, skewed and with repeats', () => {
    const rnd = random(5);
    for (const n of [0, 1, 2, 15, 16, 17, 100, 5000, (1 << 20) + 3]) {
      for (const spread of [2 ** 32, 7, 1]) {
        const a = Int32Array.from({ length: n }, () => (Math.floor(rnd() * spread) - (spread > 1 ? spread / 2 : 0)) | 0);
        const expected = a.slice().sort();
        sortInt32(a, n, new Int32Array(n));
        expect(firstDifference(a, expected)).toBe(-1);
      }
    }
  });
});

describe('a view numbered by feature', () => {
  const { src, tgt } = syntheticParallel(600, 4);
  const x = extractFeatures(src).rows;
  const y = extractFeatures(tgt).rows;

  it('weights by idf exactly as the per-bucket document frequency table does', () => {
    const df = new DfTable(dfBitsFor(x.keys.length + y.keys.length));
    df.add(x);
    df.add(y);
    const v = weightView(x, y);
    expect(firstDifference(v.x.vals, applyIdf(x, df).vals)).toBe(-1);
    expect(firstDifference(v.y.vals, applyIdf(y, df).vals)).toBe(-1);
    // Every key has one id on both sides, and distinct keys distinct ids.
    const idOf = new Map<number, number>();
    let conflicts = 0;
    for (const side of [v.x, v.y]) {
      side.keys.forEach((k, p) => {
        const id = idOf.get(k);
        if (id === undefined) idOf.set(k, side.ids[p]);
        else if (id !== side.ids[p]) conflicts++;
      });
    }
    expect(conflicts).toBe(0);
    expect(idOf.size).toBe(v.x.features);
    expect(new Set(idOf.values()).size).toBe(idOf.size);
  });

  it('gives band dot products and merged norms bit for bit as sorted merges of the rows', () => {
    const v = weightView(x, y);
    const rowDot = (a: SparseRows, r: number, b: SparseRows, q: number): number => {
      let p = a.offsets[r];
      let k = b.offsets[q];
      let s = 0;
      while (p < a.offsets[r + 1] && k < b.offsets[q + 1]) {
        if (a.keys[p] === b.keys[k]) s += a.vals[p++] * b.vals[k++];
        else if (a.keys[p] < b.keys[k]) p++;
        else k++;
      }
      return s;
    };
    const pb = pairBandFor(bandAroundGuide(src.length, tgt.length, [], 6));
    const dots = bandDots(v.x, v.y, pb);
    for (let s = 0; s < src.length; s++) {
      for (let t = pb.plo[s]; t <= pb.phi[s]; t++) expect(dots[pb.poff[s] + t - pb.plo[s]]).toBe(Math.fround(rowDot(v.x, s, v.y, t)));
    }
    const S = 4;
    const norms = mergedNorms(v.x, S);
    for (let i = 1; i <= src.length; i++) {
      for (let a = 1; a <= S && a <= i; a++) {
        let e = 0;
        for (let s = i - a; s < i; s++) {
          e += rowDot(v.x, s, v.x, s);
          for (let t = s + 1; t < i; t++) e += 2 * rowDot(v.x, s, v.x, t);
        }
        expect(norms[i * (S + 1) + a]).toBe(e);
      }
    }
  });
});

describe('the guide from typed votes', () => {
  it('is the chain of the map-based definition, with and without MT views, on texts with repeats', () => {
    const rnd = random(11);
    for (const copies of [1, 4, 30]) {
      const { src, tgt } = syntheticParallel(150, Math.floor(rnd() * 1000));
      const s = Array.from({ length: copies }, () => src).flat();
      const t = Array.from({ length: copies }, () => tgt).flat();
      const tok = (texts: string[]) => extractFeatures(texts, null, true).tokens!;
      const lists = (texts: string[]) => texts.map(referenceAnchorTokens);
      const sx = tok(s);
      const ty = tok(t);
      const mt = tok(t.map((x) => x.toUpperCase()));
      const votes = new PairVotes();
      tokenPairVotes(sx, ty, votes);
      tokenPairVotes(sx, mt, votes);
      const chain = guideFromVotes(votes, s.length, t.length);
      const ref = referenceGuide([[lists(s), lists(t)], [lists(s), lists(t.map((x) => x.toUpperCase()))]], t.length);
      expect(chain).toEqual(ref);
      expect(chain.length).toBeGreaterThan(copies * 10);
    }
  });
});
