/**
 * Alignment quality against a gold standard (Sennrich & Volk 2011).
 *
 * strict: a bead is correct if exactly the same bead is in the other alignment.
 * lax: a bead is correct if it shares at least one source and one target segment with some
 * bead of the other alignment.
 * Precision counts test beads, recall counts gold beads.
 *
 * Two rule sets differ only in how beads with an empty side count:
 *
 * - `bleualign` (the default) reproduces `evaluate()` and `finalevaluation()` of Bleualign's
 *   `utils.py`, the reference scorer of the Text+Berg benchmark. Recall counts only gold beads
 *   with both sides. Precision counts every test bead except a fully empty one: a test bead with
 *   one empty side is a strict and lax hit when the gold lists the very same bead (`[]:[16]`),
 *   and a miss on both counts otherwise (it cannot overlap anything on both sides).
 * - `linked` leaves beads with an empty side out of both counts. It judges only the links a
 *   reader would follow and ignores how material without a counterpart is treated.
 *
 * Counts are kept apart from the ratios so that several texts can be pooled the way
 * Bleualign's `finalevaluation()` pools articles: sums of counts, then ratios.
 */

import type { Bead, BeadSpan } from './types.js';

export type ScoreRules = 'bleualign' | 'linked';

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** Raw counts behind a score; add them over texts, then call `scoreFromCounts`. */
export interface ScoreCounts {
  /** Test beads counted for precision, and how many of them are strict / lax hits. */
  testBeads: number;
  strictTp: number;
  laxTp: number;
  /** Gold beads counted for recall, and how many of them are found strictly / laxly. */
  goldBeads: number;
  strictFound: number;
  laxFound: number;
}

export interface AlignmentScore {
  rules: ScoreRules;
  strict: Prf;
  lax: Prf;
  goldBeads: number;
  testBeads: number;
  counts: ScoreCounts;
}

export interface ScoreOptions {
  /** Default `bleualign`. */
  rules?: ScoreRules;
}

const key = (b: BeadSpan): string => b.src.join(',') + '|' + b.tgt.join(',');
const linked = (b: BeadSpan): boolean => b.src.length > 0 && b.tgt.length > 0;
const empty = (b: BeadSpan): boolean => b.src.length === 0 && b.tgt.length === 0;

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

/** Beads of `hyp` found in `ref`: exactly (strict), or sharing a source and a target segment with one bead (lax). */
function matches(hyp: readonly BeadSpan[], ref: readonly BeadSpan[]): { strict: number; lax: number } {
  const refKeys = new Set(ref.map(key));
  const links = linkMap(ref);
  let strict = 0;
  let lax = 0;
  for (const b of hyp) {
    if (refKeys.has(key(b))) {
      strict++;
      lax++;
    } else if (b.src.some((s) => b.tgt.some((t) => links.get(s)?.has(t)))) lax++;
  }
  return { strict, lax };
}

/** The counts of one text under the given rules. */
export function scoreCounts(gold: readonly BeadSpan[], test: readonly BeadSpan[], rules: ScoreRules = 'bleualign'): ScoreCounts {
  const g = gold.filter(linked);
  const t = rules === 'bleualign' ? test.filter((b) => !empty(b)) : test.filter(linked);
  // Under Bleualign's rules a test bead with an empty side is matched against the whole gold,
  // null beads included; it can only ever match strictly.
  const p = matches(t, rules === 'bleualign' ? gold.filter((b) => !empty(b)) : g);
  const r = matches(g, test.filter(linked));
  return { testBeads: t.length, strictTp: p.strict, laxTp: p.lax, goldBeads: g.length, strictFound: r.strict, laxFound: r.lax };
}

export function addCounts(a: ScoreCounts, b: ScoreCounts): ScoreCounts {
  return {
    testBeads: a.testBeads + b.testBeads,
    strictTp: a.strictTp + b.strictTp,
    laxTp: a.laxTp + b.laxTp,
    goldBeads: a.goldBeads + b.goldBeads,
    strictFound: a.strictFound + b.strictFound,
    laxFound: a.laxFound + b.laxFound,
  };
}

export const NO_COUNTS: ScoreCounts = { testBeads: 0, strictTp: 0, laxTp: 0, goldBeads: 0, strictFound: 0, laxFound: 0 };

function prf(tpP: number, nTest: number, tpR: number, nGold: number): Prf {
  const precision = nTest === 0 ? 0 : tpP / nTest;
  const recall = nGold === 0 ? 0 : tpR / nGold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function scoreFromCounts(c: ScoreCounts, rules: ScoreRules = 'bleualign'): AlignmentScore {
  return {
    rules,
    strict: prf(c.strictTp, c.testBeads, c.strictFound, c.goldBeads),
    lax: prf(c.laxTp, c.testBeads, c.laxFound, c.goldBeads),
    goldBeads: c.goldBeads,
    testBeads: c.testBeads,
    counts: c,
  };
}

export function scoreAlignment(gold: readonly BeadSpan[], test: readonly BeadSpan[], options: ScoreOptions = {}): AlignmentScore {
  const rules = options.rules ?? 'bleualign';
  return scoreFromCounts(scoreCounts(gold, test, rules), rules);
}

export interface DecileRow {
  /** 1 = the tenth of beads with the highest confidence. */
  decile: number;
  count: number;
  minConfidence: number;
  maxConfidence: number;
  meanConfidence: number;
  strictPrecision: number;
  laxPrecision: number;
}

/**
 * Precision of test beads grouped into ten equal-sized groups by descending confidence, each
 * group judged as precision is under the chosen rules.
 */
export function precisionByDecile(gold: readonly BeadSpan[], test: readonly Bead[], options: ScoreOptions = {}): DecileRow[] {
  return pooledPrecisionByDecile([{ gold, test }], options);
}

/** precisionByDecile over the beads of several texts, each judged against its own gold. */
export function pooledPrecisionByDecile(
  texts: ReadonlyArray<{ gold: readonly BeadSpan[]; test: readonly Bead[] }>,
  options: ScoreOptions = {},
): DecileRow[] {
  const rules = options.rules ?? 'bleualign';
  const all: Array<{ b: Bead; strict: boolean; lax: boolean; k: number }> = [];
  for (const { gold, test } of texts) {
    const counted = rules === 'bleualign' ? test.filter((b) => !empty(b)) : test.filter(linked);
    const ref = rules === 'bleualign' ? gold.filter((b) => !empty(b)) : gold.filter(linked);
    const refKeys = new Set(ref.map(key));
    const links = linkMap(ref);
    for (const b of counted) {
      const strict = refKeys.has(key(b));
      const lax = strict || b.src.some((s) => b.tgt.some((t) => links.get(s)?.has(t)));
      all.push({ b, strict, lax, k: all.length });
    }
  }
  all.sort((x, y) => y.b.confidence - x.b.confidence || x.k - y.k);
  const rows: DecileRow[] = [];
  for (let d = 0; d < 10; d++) {
    const group = all.slice(Math.floor((d * all.length) / 10), Math.floor(((d + 1) * all.length) / 10));
    rows.push({
      decile: d + 1,
      count: group.length,
      minConfidence: group.length ? group[group.length - 1].b.confidence : 0,
      maxConfidence: group.length ? group[0].b.confidence : 0,
      meanConfidence: group.length ? group.reduce((t, x) => t + x.b.confidence, 0) / group.length : 0,
      strictPrecision: group.length ? group.filter((x) => x.strict).length / group.length : 0,
      laxPrecision: group.length ? group.filter((x) => x.lax).length / group.length : 0,
    });
  }
  return rows;
}

/** Shape of a bead as "source-target" segment counts: "1-1", "2-1", "0-1" for an insertion. */
export const beadType = (b: BeadSpan): string => `${b.src.length}-${b.tgt.length}`;

/** One gold bead shape in a confusion table (see beadTypeConfusion). */
export interface BeadTypeRow {
  type: string;
  /** Gold beads of this shape. */
  gold: number;
  /** Of these, found exactly in the test. */
  found: number;
  /**
   * What the test made of the others: the shapes of the test beads sharing a segment with the
   * gold bead, in text order, joined by "+" ("1-1+1-0" for a 2-1 split into a pair and a
   * deletion), with how often.
   */
  instead: Record<string, number>;
}

export interface BeadTypeConfusion {
  /** By gold shape, most frequent first. */
  byGold: BeadTypeRow[];
  /** Test beads found nowhere in the gold, by their shape. */
  wrongByTest: Record<string, number>;
}

/**
 * Where an aligner goes wrong, by bead shape: for every shape of the gold, how many beads are
 * found exactly and what the missed ones became; and which shapes the aligner produces that the
 * gold does not have. Null beads count on both sides, as in Bleualign's precision.
 */
export function beadTypeConfusion(gold: readonly BeadSpan[], test: readonly BeadSpan[]): BeadTypeConfusion {
  const g = gold.filter((b) => !empty(b));
  const t = test.filter((b) => !empty(b));
  const testKeys = new Set(t.map(key));
  const goldKeys = new Set(g.map(key));
  const bySrc = new Map<number, number>();
  const byTgt = new Map<number, number>();
  t.forEach((b, k) => {
    for (const s of b.src) bySrc.set(s, k);
    for (const y of b.tgt) byTgt.set(y, k);
  });
  const rows = new Map<string, BeadTypeRow>();
  for (const b of g) {
    const type = beadType(b);
    let row = rows.get(type);
    if (!row) rows.set(type, (row = { type, gold: 0, found: 0, instead: {} }));
    row.gold++;
    if (testKeys.has(key(b))) {
      row.found++;
      continue;
    }
    const hit = new Set<number>();
    for (const s of b.src) if (bySrc.has(s)) hit.add(bySrc.get(s)!);
    for (const y of b.tgt) if (byTgt.has(y)) hit.add(byTgt.get(y)!);
    const made = [...hit].sort((p, q) => p - q).map((k) => beadType(t[k])).join('+') || 'nothing';
    row.instead[made] = (row.instead[made] ?? 0) + 1;
  }
  const wrongByTest: Record<string, number> = {};
  for (const b of t) if (!goldKeys.has(key(b))) wrongByTest[beadType(b)] = (wrongByTest[beadType(b)] ?? 0) + 1;
  const byGold = [...rows.values()].sort((p, q) => q.gold - p.gold || p.type.localeCompare(q.type));
  return { byGold, wrongByTest };
}
