import { describe, expect, it } from 'vitest';
import {
  assignConfidences,
  CONFIDENCE_FEATURES,
  CONFIDENCE_MODEL,
  charPrefix,
  confidenceFeatureRows,
  confidenceFromFeatures,
  type ConfidenceBead,
} from '../../../../core/align/confidence.js';
import { alignParallel } from '../../../../core/align/parallel.js';

const feature = (row: number[], name: (typeof CONFIDENCE_FEATURES)[number]): number => row[CONFIDENCE_FEATURES.indexOf(name)];

/** Ten segments of 10 characters on each side. */
const tens = charPrefix(Array.from({ length: 10 }, () => '  abcdefghij  '));

function confidences(beads: ConfidenceBead[]): number[] {
  const withConf = beads.map((b) => ({ ...b, confidence: -1 }));
  assignConfidences(withConf, tens, tens);
  return withConf.map((b) => b.confidence);
}

describe('bead confidence features', () => {
  it('counts trimmed characters per segment', () => {
    expect([...charPrefix([' ab ', '', 'cde'])]).toEqual([0, 2, 2, 5]);
  });

  it('describes a linked bead by its log margin (capped at 1), shape, neighbours and length', () => {
    const [row] = confidenceFeatureRows([{ src: [0], tgt: [0, 1], margin: 5 }], tens, tens);
    expect(feature(row, 'logMargin')).toBeCloseTo(Math.log(1.05), 10);
    expect(feature(row, 'oneToOne')).toBe(0);
    expect(feature(row, 'emptySide')).toBe(0);
    expect(feature(row, 'besideNull')).toBe(0);
    expect(feature(row, 'logChars')).toBeCloseTo(Math.log1p(30), 10);
    const [one] = confidenceFeatureRows([{ src: [0], tgt: [0], margin: 0 }], tens, tens);
    expect(feature(one, 'logMargin')).toBeCloseTo(Math.log(0.05), 10);
    expect(feature(one, 'oneToOne')).toBe(1);
  });

  it('judges a deletion by the run of deletions it belongs to, and marks the beads beside it', () => {
    const beads: ConfidenceBead[] = [
      { src: [0], tgt: [0], margin: 0.5 },
      { src: [1], tgt: [], margin: 0.3 },
      { src: [2], tgt: [1], margin: 0.5 },
      { src: [3], tgt: [2], margin: 0.5 },
      { src: [], tgt: [3], margin: 0 },
      { src: [4], tgt: [], margin: 0 },
      { src: [], tgt: [4], margin: 0 },
      { src: [5], tgt: [5], margin: 0.5 },
    ];
    const rows = confidenceFeatureRows(beads, tens, tens);
    expect(rows.map((r) => feature(r, 'emptySide'))).toEqual([0, 1, 0, 0, 1, 1, 1, 0]);
    expect(rows.map((r) => feature(r, 'shortNullRun'))).toEqual([0, 1, 0, 0, 0, 0, 0, 0]);
    expect(rows.map((r) => feature(r, 'besideNull'))).toEqual([1, 0, 1, 1, 0, 0, 0, 1]);
    // A deletion's own margin says nothing: the features of a deletion do not read it.
    expect(rows[4]).toEqual(rows[5]);
  });
});

describe('bead confidence', () => {
  it('rises with the margin, and is higher for 1-1 beads, longer beads and beads away from deletions', () => {
    const [lo, hi, far] = confidences([{ src: [0], tgt: [0], margin: 0.1 }]).concat(confidences([{ src: [0], tgt: [0], margin: 0.6 }]), confidences([{ src: [0], tgt: [0], margin: 40 }]));
    expect(hi).toBeGreaterThan(lo);
    expect(far).toBe(confidences([{ src: [0], tgt: [0], margin: 1 }])[0]);
    const [merged] = confidences([{ src: [0, 1], tgt: [0], margin: 0.6 }]);
    expect(hi).toBeGreaterThan(merged);
    const bead = [{ src: [0], tgt: [0], margin: 0.6, confidence: -1 }];
    const long = charPrefix(['x'.repeat(200)]);
    assignConfidences(bead, long, long);
    expect(bead[0].confidence).toBeGreaterThan(hi);
    const [besideDeletion] = confidences([
      { src: [0], tgt: [0], margin: 0.6 },
      { src: [1], tgt: [], margin: 0.6 },
    ]);
    expect(hi).toBeGreaterThan(besideDeletion);
  });

  it('trusts a block of unaligned segments more than a lone deletion', () => {
    const lone = confidences([
      { src: [0], tgt: [0], margin: 0.6 },
      { src: [1], tgt: [], margin: 0.2 },
      { src: [2], tgt: [1], margin: 0.6 },
    ])[1];
    const block = confidences([
      { src: [0], tgt: [0], margin: 0.6 },
      { src: [1], tgt: [], margin: 0 },
      { src: [2], tgt: [], margin: 0 },
      { src: [], tgt: [1], margin: 0 },
      { src: [3], tgt: [2], margin: 0.6 },
    ]);
    expect(block[1]).toBeGreaterThan(lone);
    expect(block[2]).toBe(block[1]);
  });

  it('stays a probability and leaves beads without a margin (anchors) alone', () => {
    for (const m of [0, 0.01, 0.3, 1, 3, 1e9]) {
      for (const c of confidences([{ src: [0, 1, 2, 3], tgt: [0], margin: m }, { src: [], tgt: [1], margin: m }])) {
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }
    }
    expect(confidences([{ src: [0], tgt: [0] }])).toEqual([-1]);
    expect(confidenceFromFeatures(new Array(CONFIDENCE_FEATURES.length).fill(0))).toBe(Math.round(1000 / (1 + Math.exp(-CONFIDENCE_MODEL.intercept))) / 1000);
  });

  it('is what the aligner reports, computed from the beads it returns and the texts alone', () => {
    const src = ['The river rose by 3 metres in Basel.', 'Schools stayed closed.', 'A photo caption.', 'Rescue teams worked all night long.', 'By Monday the water fell.'];
    const tgt = ['Le Rhin est monté de 3 mètres à Bâle.', 'Les écoles sont restées fermées.', 'Les secours ont travaillé toute la nuit.', 'Lundi, l’eau a baissé.'];
    const beads = alignParallel({ src, tgt });
    const rows = confidenceFeatureRows(beads, charPrefix(src), charPrefix(tgt));
    expect(beads.map((b, k) => confidenceFromFeatures(rows[k]))).toEqual(beads.map((b) => b.confidence));
  });
});
