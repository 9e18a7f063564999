/**
 * Alignment quality against a gold standard (Sennrich & Volk 2011).
 *
 * strict: a bead is correct if exactly the same bead is in the other alignment.
 * lax: a bead is correct if it shares at least one source and one target segment with a
 * single bead of the other alignment.
 * Precision counts test beads, recall counts gold beads (the same test with roles swapped).
 *
 * Beads with an empty side are left out of both counts by default. The Text+Berg dev gold
 * lists unaligned segments (`[]:[16]`, mostly picture captions and credits that exist on one
 * side only); counting them would reward or punish the treatment of material that has no
 * counterpart rather than alignment quality, and Bleualign itself never outputs such beads,
 * so its scores are computed as if they were absent. `includeNull` keeps them for a stricter
 * reading (a null bead can then only match strictly; it never overlaps on both sides).
 */

import type { Bead, BeadSpan } from './types.js';

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface AlignmentScore {
  strict: Prf;
  lax: Prf;
  goldBeads: number;
  testBeads: number;
}

export interface ScoreOptions {
  includeNull?: boolean;
}

const key = (b: BeadSpan): string => b.src.join(',') + '|' + b.tgt.join(',');

function keep(b: BeadSpan, includeNull: boolean): boolean {
  if (b.src.length === 0 && b.tgt.length === 0) return false;
  return includeNull || (b.src.length > 0 && b.tgt.length > 0);
}

/** For each source index, the target indices it is aligned with in `ref`. */
function linkMap(ref: readonly BeadSpan[]): Map<number, Set<number>> {
  const map = new Map<number, Set<number>>();
  for (const b of ref) {
    for (const s of b.src) {
      let set = map.get(s);
      if (!set) map.set(s, (set = new Set()));
      for (const t of b.tgt) set.add(t);
    }
  }
  return map;
}

function countMatches(hyp: readonly BeadSpan[], ref: readonly BeadSpan[]): { strict: number; lax: number } {
  const refKeys = new Set(ref.map(key));
  const links = linkMap(ref);
  let strict = 0;
  let lax = 0;
  for (const b of hyp) {
    if (refKeys.has(key(b))) {
      strict++;
      lax++;
      continue;
    }
    if (b.src.some((s) => b.tgt.some((t) => links.get(s)?.has(t)))) lax++;
  }
  return { strict, lax };
}

function prf(tpP: number, nTest: number, tpR: number, nGold: number): Prf {
  const precision = nTest === 0 ? 0 : tpP / nTest;
  const recall = nGold === 0 ? 0 : tpR / nGold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function scoreAlignment(
  gold: readonly BeadSpan[],
  test: readonly BeadSpan[],
  options: ScoreOptions = {},
): AlignmentScore {
  const inc = options.includeNull ?? false;
  const g = gold.filter((b) => keep(b, inc));
  const t = test.filter((b) => keep(b, inc));
  const p = countMatches(t, g);
  const r = countMatches(g, t);
  return {
    strict: prf(p.strict, t.length, r.strict, g.length),
    lax: prf(p.lax, t.length, r.lax, g.length),
    goldBeads: g.length,
    testBeads: t.length,
  };
}

export interface DecileRow {
  /** 1 = the tenth of beads with the highest confidence. */
  decile: number;
  count: number;
  minConfidence: number;
  maxConfidence: number;
  strictPrecision: number;
  laxPrecision: number;
}

/** Precision of test beads grouped into ten equal-sized groups by descending confidence. */
export function precisionByDecile(
  gold: readonly BeadSpan[],
  test: readonly Bead[],
  options: ScoreOptions = {},
): DecileRow[] {
  const inc = options.includeNull ?? false;
  const g = gold.filter((b) => keep(b, inc));
  const t = test
    .map((b, k) => ({ b, k }))
    .filter((x) => keep(x.b, inc))
    .sort((x, y) => y.b.confidence - x.b.confidence || x.k - y.k)
    .map((x) => x.b);
  const rows: DecileRow[] = [];
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * t.length) / 10);
    const to = Math.floor(((d + 1) * t.length) / 10);
    const group = t.slice(from, to);
    const c = countMatches(group, g);
    rows.push({
      decile: d + 1,
      count: group.length,
      minConfidence: group.length ? group[group.length - 1].confidence : 0,
      maxConfidence: group.length ? group[0].confidence : 0,
      strictPrecision: group.length ? c.strict / group.length : 0,
      laxPrecision: group.length ? c.lax / group.length : 0,
    });
  }
  return rows;
}
