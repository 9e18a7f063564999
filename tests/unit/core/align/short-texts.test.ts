import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBeads } from '../../../../core/align/beads-format.js';
import { alignParallel } from '../../../../core/align/parallel.js';
import { scoreAlignment } from '../../../../core/align/score.js';
import type { BeadSpan } from '../../../../core/align/types.js';
import { checkCoverage, spans } from './fixtures.js';
import {
  EN_FERRY,
  EN_NB_FERRY_GOLD,
  EN_NL_VILLAGE_GOLD,
  EN_RAILWAY_PARAS,
  EN_SONG,
  EN_VILLAGE,
  NB_FERRY,
  NB_RAILWAY_PARAS,
  NB_RAILWAY_PARAS_SPLIT,
  NL_SONG,
  NL_VILLAGE,
} from './short-fixtures.js';

const swap = (gold: BeadSpan[]): BeadSpan[] => gold.map((b) => ({ src: b.tgt, tgt: b.src }));
const oneToOne = (n: number): BeadSpan[] => Array.from({ length: n }, (_, k) => ({ src: [k], tgt: [k] }));

function strictF1(src: string[], tgt: string[], gold: BeadSpan[]): number {
  const beads = alignParallel({ src, tgt });
  checkCoverage(beads, src.length, tgt.length);
  return scoreAlignment(gold, beads).strict.f1;
}

describe('short texts without MT', () => {
  it('aligns a short article sentence by sentence, with one split and one merge', () => {
    const beads = alignParallel({ src: EN_VILLAGE, tgt: NL_VILLAGE });
    checkCoverage(beads, EN_VILLAGE.length, NL_VILLAGE.length);
    expect(scoreAlignment(EN_NL_VILLAGE_GOLD, beads).strict.f1).toBeGreaterThanOrEqual(0.9);
    expect(spans(beads)).toContainEqual({ src: [5], tgt: [5, 6] });
    expect(spans(beads)).toContainEqual({ src: [9, 10], tgt: [10] });
    expect(strictF1(NL_VILLAGE, EN_VILLAGE, swap(EN_NL_VILLAGE_GOLD))).toBeGreaterThanOrEqual(0.9);
  });

  it('does not merge neighbours on chance overlap when the languages share little', () => {
    const beads = alignParallel({ src: EN_FERRY, tgt: NB_FERRY });
    checkCoverage(beads, EN_FERRY.length, NB_FERRY.length);
    expect(scoreAlignment(EN_NB_FERRY_GOLD, beads).strict.f1).toBeGreaterThanOrEqual(0.9);
    // Most beads of a translation are 1-1; a short text must not come out as a chain of merges.
    expect(beads.filter((b) => b.src.length === 1 && b.tgt.length === 1).length).toBeGreaterThanOrEqual(9);
    expect(strictF1(NB_FERRY, EN_FERRY, swap(EN_NB_FERRY_GOLD))).toBeGreaterThanOrEqual(0.9);
  });

  it('aligns the German-French story fixture about as well as with MT', () => {
    const dir = path.join(process.cwd(), 'tests', 'fixtures', 'parallel');
    const lines = (f: string): string[] => readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l !== '');
    const gold = parseBeads(readFileSync(path.join(dir, 'de.fr.gold'), 'utf8'));
    expect(strictF1(lines('de.txt'), lines('fr.txt'), gold)).toBeGreaterThanOrEqual(0.85);
  });
});

describe('a few paragraphs', () => {
  it('aligns three paragraphs with three 1-1', () => {
    expect(spans(alignParallel({ src: EN_RAILWAY_PARAS, tgt: NB_RAILWAY_PARAS }))).toEqual(oneToOne(3));
    expect(spans(alignParallel({ src: NB_RAILWAY_PARAS, tgt: EN_RAILWAY_PARAS }))).toEqual(oneToOne(3));
  });

  it('finds the one split paragraph in 3 against 4', () => {
    expect(spans(alignParallel({ src: EN_RAILWAY_PARAS, tgt: NB_RAILWAY_PARAS_SPLIT }))).toEqual([
      { src: [0], tgt: [0, 1] },
      { src: [1], tgt: [2] },
      { src: [2], tgt: [3] },
    ]);
    expect(spans(alignParallel({ src: NB_RAILWAY_PARAS_SPLIT, tgt: EN_RAILWAY_PARAS }))).toEqual([
      { src: [0, 1], tgt: [0] },
      { src: [2], tgt: [1] },
      { src: [3], tgt: [2] },
    ]);
  });

  it('handles two against two and one against several', () => {
    expect(spans(alignParallel({ src: EN_RAILWAY_PARAS.slice(1), tgt: NB_RAILWAY_PARAS.slice(1) }))).toEqual(oneToOne(2));
    expect(spans(alignParallel({ src: [EN_RAILWAY_PARAS[1]], tgt: NB_RAILWAY_PARAS_SPLIT.slice(0, 2) }))).toEqual([
      { src: [0], tgt: [0, 1] },
    ]);
  });
});

describe('repeated segments', () => {
  it('keeps a verbatim refrain in step', () => {
    expect(spans(alignParallel({ src: EN_SONG, tgt: NL_SONG }))).toEqual(oneToOne(EN_SONG.length));
  });

  it('aligns texts made only of identical segments one by one', () => {
    expect(spans(alignParallel({ src: ['Ja.', 'Ja.', 'Ja.', 'Ja.'], tgt: ['Yes.', 'Yes.', 'Yes.', 'Yes.'] }))).toEqual(
      oneToOne(4),
    );
    const same = ['* * *', 'Same line.', '* * *', 'Same line.', '* * *'];
    expect(spans(alignParallel({ src: same, tgt: same }))).toEqual(oneToOne(5));
  });
});
