import { describe, expect, it } from 'vitest';
import { bandAroundGuide, widenAroundPath } from '../../../../core/align/band.js';
import type { Band } from '../../../../core/align/band.js';
import { bandDots, beadShapes, mergedNorms, pairBandFor, runDp, viewStats } from '../../../../core/align/dp.js';
import type { CostModel } from '../../../../core/align/dp.js';
import { DEFAULT_FEATURES, DfTable, applyIdf, buildRows, dfBitsFor } from '../../../../core/align/features.js';
import { syntheticParallel } from '../../../../bench/align.js';

/** A text whose second half has an insertion on the target side, so a guide-less band is too narrow. */
function shifted(): { src: string[]; tgt: string[] } {
  const { src, tgt } = syntheticParallel(400, 3);
  const extra = syntheticParallel(30, 5).tgt;
  return { src, tgt: [...tgt.slice(0, 200), ...extra, ...tgt.slice(200)] };
}

/** Character 4-gram rows of both sides, idf-weighted over the two together. */
function weightedRows(src: string[], tgt: string[]) {
  const cfg = { ...DEFAULT_FEATURES, ngrams: [4] };
  const rx = buildRows(src, cfg);
  const ry = buildRows(tgt, cfg);
  const df = new DfTable(dfBitsFor(rx.keys.length + ry.keys.length));
  df.add(rx);
  df.add(ry);
  return { x: applyIdf(rx, df), y: applyIdf(ry, df) };
}

function model(src: string[], tgt: string[], band: Band, stats?: { scale: number; weight: number }): CostModel {
  const { x, y } = weightedRows(src, tgt);
  const pb = pairBandFor(band);
  const dots = bandDots(x, y, pb);
  const xNorm = mergedNorms(x, 4);
  const yNorm = mergedNorms(y, 4);
  const { scale, weight } = stats ?? viewStats(dots, pb, xNorm, yNorm, 4);
  const lengths = (t: string[]): Float64Array => {
    const out = new Float64Array(t.length + 1);
    t.forEach((s, k) => (out[k + 1] = out[k] + s.trim().length));
    return out;
  };
  return {
    views: [{ dots, scale, weight, xNorm, yNorm }],
    pb,
    maxSide: 4,
    srcLen: lengths(src),
    tgtLen: lengths(tgt),
    ratio: 1,
    nullCost: 0.8,
    nullExtend: 0.8,
    mergePenalty: 0.12,
    lengthWeight: 0.1,
    ...beadShapes(4, 5),
  };
}

describe('runDp on a widened band', () => {
  it('gives the same path with costs carried over from the narrower band as from scratch', () => {
    const { src, tgt } = shifted();
    const narrow = bandAroundGuide(src.length, tgt.length, [], 5);
    const cm0 = model(src, tgt, narrow);
    const first = runDp(narrow, cm0);
    expect(first.touchedEdge).toBe(true);
    const stats = { scale: cm0.views[0].scale, weight: cm0.views[0].weight };
    let band = narrow;
    let prev = { band: narrow, pb: cm0.pb, costs: first.costs };
    let res = first;
    for (let round = 0; round < 4 && res.touchedEdge; round++) {
      band = widenAroundPath(band, res.endI, res.endJ, 5 * (round + 1));
      const cm = model(src, tgt, band, stats);
      const carried = runDp(band, cm, prev);
      const fresh = runDp(band, cm);
      expect(Array.from(carried.shape)).toEqual(Array.from(fresh.shape));
      expect(Array.from(carried.endI)).toEqual(Array.from(fresh.endI));
      expect(Array.from(carried.endJ)).toEqual(Array.from(fresh.endJ));
      for (let k = 0; k < fresh.cost.length; k++) expect(carried.cost[k]).toBeCloseTo(fresh.cost[k], 5);
      // Every bead cost carried over must be the one a fresh evaluation gives.
      let compared = 0;
      let wrong = 0;
      for (let q = 0; q < fresh.costs.length; q++) {
        const a = carried.costs[q];
        const b = fresh.costs[q];
        if (a !== a || b !== b) continue;
        compared++;
        if (a !== b) wrong++;
      }
      expect(compared).toBeGreaterThan(1000);
      expect(wrong).toBe(0);
      prev = { band, pb: cm.pb, costs: carried.costs };
      res = carried;
    }
  });
});

describe('bandDots on a widened band', () => {
  it('copies the products of the narrower band and sums the new ones, bit for bit as from scratch', () => {
    const { src, tgt } = shifted();
    const { x, y } = weightedRows(src, tgt);
    const narrow = bandAroundGuide(src.length, tgt.length, [], 5);
    const pb0 = pairBandFor(narrow);
    const dots0 = bandDots(x, y, pb0);
    const wide = bandAroundGuide(src.length, tgt.length, [], 12);
    // Shifted guides: bands that overlap the narrow one only in part, or not at all, on some rows.
    const skew = widenAroundPath(narrow, Int32Array.of(src.length), Int32Array.of(tgt.length), 30);
    for (const band of [narrow, wide, skew]) {
      const pb = pairBandFor(band);
      const fresh = bandDots(x, y, pb);
      const reused = bandDots(x, y, pb, { pb: pb0, dots: dots0 });
      expect(fresh.length).toBe(pb.size);
      expect(Array.from(reused)).toEqual(Array.from(fresh));
      expect(fresh.some((v) => v > 0)).toBe(true);
    }
    // A band narrower than the old one copies what it keeps.
    const pbWide = pairBandFor(wide);
    const dotsWide = bandDots(x, y, pbWide);
    expect(Array.from(bandDots(x, y, pb0, { pb: pbWide, dots: dotsWide }))).toEqual(Array.from(dots0));
  });
});
