import { describe, expect, it } from 'vitest';
import { alignParallel } from '../../../../core/align/parallel.js';
import { scoreAlignment } from '../../../../core/align/score.js';
import { DE, EN, EN_DE_GOLD, EN_MT_DE, checkCoverage, spans } from './fixtures.js';

describe('alignParallel with MT', () => {
  it('finds 1-1, 2-1, 1-2 beads and an insertion', () => {
    const beads = alignParallel({ src: EN, tgt: DE, srcMt: EN_MT_DE });
    checkCoverage(beads, EN.length, DE.length);
    expect(spans(beads)).toEqual(EN_DE_GOLD);
  });

  it('with MT one way only, still compares the two sides directly', () => {
    // An MT whose lines are off by one (as when a paragraph's translation is shared out over its
    // sentences wrongly): the names and numbers the two sides share keep the opening beads right.
    const offByOne = [...EN_MT_DE.slice(1), EN_MT_DE[0]];
    const beads = alignParallel({ src: EN, tgt: DE, srcMt: offByOne });
    checkCoverage(beads, EN.length, DE.length);
    expect(spans(beads).slice(0, 2)).toEqual(EN_DE_GOLD.slice(0, 2));
  });

  it('uses MT in the other direction too', () => {
    // Swap roles: German is the source, the English text with its German MT is the target.
    const beads = alignParallel({ src: DE, tgt: EN, tgtMt: EN_MT_DE });
    checkCoverage(beads, DE.length, EN.length);
    const gold = EN_DE_GOLD.map((b) => ({ src: b.tgt, tgt: b.src }));
    expect(scoreAlignment(gold, beads).strict.f1).toBe(1);
  });

  it('rejects MT with the wrong number of lines', () => {
    expect(() => alignParallel({ src: EN, tgt: DE, srcMt: EN_MT_DE.slice(1) })).toThrow(/srcMt/);
    expect(() => alignParallel({ src: EN, tgt: DE, tgtMt: EN_MT_DE })).toThrow(/tgtMt/);
  });
});

describe('alignParallel without MT', () => {
  it('aligns from numbers, names, punctuation and length', () => {
    const beads = alignParallel({ src: EN, tgt: DE });
    checkCoverage(beads, EN.length, DE.length);
    const s = scoreAlignment(EN_DE_GOLD, beads);
    expect(s.strict.f1).toBeGreaterThanOrEqual(0.8);
    expect(s.lax.f1).toBe(1);
  });

  it('handles empty sides and single segments', () => {
    expect(alignParallel({ src: [], tgt: [] })).toEqual([]);
    expect(spans(alignParallel({ src: ['Hei, verden!'], tgt: [] }))).toEqual([{ src: [0], tgt: [] }]);
    expect(spans(alignParallel({ src: [], tgt: ['Bonjour.', 'Salut.'] }))).toEqual([
      { src: [], tgt: [0] },
      { src: [], tgt: [1] },
    ]);
    expect(spans(alignParallel({ src: ['Det var 17 grader i Oslo.'], tgt: ['Il faisait 17 degrés à Oslo.'] }))).toEqual([
      { src: [0], tgt: [0] },
    ]);
  });

  it('is deterministic', () => {
    const a = alignParallel({ src: EN, tgt: DE, srcMt: EN_MT_DE });
    const b = alignParallel({ src: EN, tgt: DE, srcMt: EN_MT_DE });
    expect(b).toEqual(a);
  });
});

describe('anchors', () => {
  it('keeps confirmed beads, even against the evidence, and aligns around them', () => {
    const anchors = [
      { src: [5], tgt: [4] },
      { src: [8, 9], tgt: [7, 8, 9] },
    ];
    const beads = alignParallel({ src: EN, tgt: DE, srcMt: EN_MT_DE, anchors });
    checkCoverage(beads, EN.length, DE.length);
    const got = spans(beads);
    expect(got).toContainEqual({ src: [5], tgt: [4] });
    expect(got).toContainEqual({ src: [8, 9], tgt: [7, 8, 9] });
    expect(beads.find((b) => b.src[0] === 8)?.confidence).toBe(1);
    expect(got).toContainEqual({ src: [2, 3], tgt: [2] });
    expect(got).toContainEqual({ src: [10], tgt: [11] });
  });

  it('treats an anchor with an empty side as an unaligned segment', () => {
    const beads = alignParallel({ src: EN, tgt: DE, srcMt: EN_MT_DE, anchors: [{ src: [], tgt: [10] }] });
    checkCoverage(beads, EN.length, DE.length);
    expect(spans(beads)).toEqual(EN_DE_GOLD);
  });

  it('rejects crossing or overlapping anchors', () => {
    expect(() =>
      alignParallel({ src: EN, tgt: DE, anchors: [{ src: [2], tgt: [5] }, { src: [3], tgt: [4] }] }),
    ).toThrow(/cross/);
    expect(() =>
      alignParallel({ src: EN, tgt: DE, anchors: [{ src: [2], tgt: [5] }, { src: [2], tgt: [6] }] }),
    ).toThrow(/overlap/);
  });
});

describe('confidence', () => {
  it('ranks clean 1-1 beads above beads that are wrong', () => {
    // Shuffle part of the target so that some beads must be poor.
    const order = [0, 1, 2, 3, 4, 5, 9, 8, 7, 6, 10, 11, 12];
    const tgt = order.map((k) => DE[k]);
    const beads = alignParallel({ src: EN, tgt, srcMt: EN_MT_DE });
    // The gold, renumbered to the shuffled target.
    const key = (b: { src: number[]; tgt: number[] }): string => `${b.src.join(',')}|${[...b.tgt].sort((x, y) => x - y).join(',')}`;
    const gold = new Set(EN_DE_GOLD.map((b) => key({ src: b.src, tgt: b.tgt.map((t) => order.indexOf(t)) })));
    const first = beads.find((b) => b.src[0] === 0)!;
    expect(gold.has(key(first))).toBe(true);
    const wrong = beads.filter((b) => !gold.has(key(b)));
    expect(wrong.length).toBeGreaterThan(0);
    for (const b of wrong) expect(b.confidence).toBeLessThan(first.confidence);
  });
});
