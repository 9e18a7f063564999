import { describe, expect, it } from 'vitest';
import { finishBand } from '../../../../core/align/band.js';
import { bandDots, mergedNorms, pairBandFor, stretchView } from '../../../../core/align/dp.js';
import { DEFAULT_FEATURES, DfTable, applyIdf, buildRows, dfBitsFor } from '../../../../core/align/features.js';
import { alignParallel } from '../../../../core/align/parallel.js';
import { withIds } from '../../../../core/align/vocab.js';
import type { IdRows } from '../../../../core/align/vocab.js';
import { checkCoverage, spans } from './fixtures.js';

// A council report whose second sentence the German version splits into five.
const EN = [
  'The village council met on Tuesday evening in the old school hall.',
  'It discussed the new bridge over the river, the budget for 2027, the closure of the post office, the bus timetable and the summer festival on 3 July on the village square.',
  'The meeting ended shortly before eleven o’clock.',
  'Minutes will be published on the council website next week.',
  'The next meeting is planned for 14 January.',
];
const DE = [
  'Der Gemeinderat tagte am Dienstagabend in der alten Schulhalle.',
  'Besprochen wurde die neue Brücke über den Fluss.',
  'Ebenso das Budget für 2027.',
  'Dann die Schliessung der Post.',
  'Ferner der Busfahrplan.',
  'Und schliesslich das Sommerfest am 3. Juli auf dem Dorfplatz.',
  'Die Sitzung endete kurz vor elf Uhr.',
  'Das Protokoll wird nächste Woche auf der Website der Gemeinde veröffentlicht.',
  'Die nächste Sitzung ist für den 14. Januar geplant.',
];
const EN_MT_DE = [
  'Der Gemeinderat traf sich am Dienstagabend in der alten Schulhalle.',
  'Er besprach die neue Brücke über den Fluss, das Budget für 2027, die Schliessung der Post, den Busfahrplan und das Sommerfest am 3. Juli auf dem Dorfplatz.',
  'Die Sitzung endete kurz vor elf Uhr.',
  'Das Protokoll wird nächste Woche auf der Website des Gemeinderats veröffentlicht.',
  'Die nächste Sitzung ist für den 14. Januar geplant.',
];
const GOLD = [
  { src: [0], tgt: [0] },
  { src: [1], tgt: [1, 2, 3, 4, 5] },
  { src: [2], tgt: [6] },
  { src: [3], tgt: [7] },
  { src: [4], tgt: [8] },
];

describe('second pass over unsure stretches', () => {
  it('finds a 1-5 bead the first pass cannot produce, and leaves the sure beads as they were', () => {
    const first = alignParallel({ src: EN, tgt: DE, srcMt: EN_MT_DE }, { refineBelow: 0 });
    checkCoverage(first, EN.length, DE.length);
    expect(spans(first)).not.toContainEqual(GOLD[1]);
    const unsure = first.filter((b) => b.confidence < 0.4);
    expect(unsure.length).toBeGreaterThan(0);

    const beads = alignParallel({ src: EN, tgt: DE, srcMt: EN_MT_DE });
    checkCoverage(beads, EN.length, DE.length);
    expect(spans(beads)).toEqual(GOLD);
    // The new bead is sure of itself, and the beads the first pass was sure of are kept.
    expect(beads[1].confidence).toBeGreaterThan(0.4);
    const sure = spans(first.filter((b) => b.confidence >= 0.4 && b.src[0] !== 1 && b.src[0] !== undefined));
    for (const b of sure) expect(spans(beads)).toContainEqual(b);
  });

  it('keeps the shapes a caller limits', () => {
    const beads = alignParallel({ src: EN, tgt: DE, srcMt: EN_MT_DE }, { maxBeadSize: 5, maxSide: 4 });
    checkCoverage(beads, EN.length, DE.length);
    for (const b of beads) {
      expect(b.src.length + b.tgt.length).toBeLessThanOrEqual(5);
      expect(Math.max(b.src.length, b.tgt.length)).toBeLessThanOrEqual(4);
    }
  });

  it('changes nothing where the first pass is sure', () => {
    const src = [EN[0], EN[2], EN[3], EN[4]];
    const tgt = [DE[0], DE[6], DE[7], DE[8]];
    const srcMt = [EN_MT_DE[0], EN_MT_DE[2], EN_MT_DE[3], EN_MT_DE[4]];
    const first = alignParallel({ src, tgt, srcMt }, { refineBelow: 0 });
    expect(first.every((b) => b.confidence >= 0.4)).toBe(true);
    expect(alignParallel({ src, tgt, srcMt })).toEqual(first);
  });
});

describe('stretchView', () => {
  /** Rows [r0, r0 + n) of `rows` as rows of their own. */
  const slice = (rows: IdRows, r0: number, n: number): IdRows => {
    const a = rows.offsets[r0];
    const b = rows.offsets[r0 + n];
    return {
      offsets: rows.offsets.subarray(r0, r0 + n + 1).map((o) => o - a),
      keys: rows.keys.subarray(a, b),
      vals: rows.vals.subarray(a, b),
      ids: rows.ids.subarray(a, b),
      features: rows.features,
    };
  };

  it('gives the products and merged norms of bandDots and mergedNorms over every pair of a stretch', () => {
    const cfg = { ...DEFAULT_FEATURES, ngrams: [3, 4] };
    const rx = buildRows(EN_MT_DE, cfg);
    const ry = buildRows(DE, cfg);
    const df = new DfTable(dfBitsFor(rx.keys.length + ry.keys.length));
    df.add(rx);
    df.add(ry);
    const { x, y } = withIds(applyIdf(rx, df), applyIdf(ry, df));
    const [x0, n, y0, m] = [1, 3, 1, 6];
    const scratch = new Float32Array(x.features);
    const got = stretchView(x, x0, n, y, y0, m, 5, scratch);
    expect(scratch.every((v) => v === 0)).toBe(true);
    const band = finishBand(n, m, new Int32Array(n + 1), new Int32Array(n + 1).fill(m));
    const xs = slice(x, x0, n);
    const ys = slice(y, y0, m);
    expect(got.dots).toEqual(bandDots(xs, ys, pairBandFor(band)));
    expect(got.xNorm).toEqual(mergedNorms(xs, 5));
    expect(got.yNorm).toEqual(mergedNorms(ys, 5));
    expect(got.dots.some((d) => d > 0)).toBe(true);
  });
});
