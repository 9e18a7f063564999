import { describe, expect, it } from 'vitest';
import { alignChunk, alignParallel, chunkInput, chunkTokens, planChunks, textTokens } from '../../../../core/align/parallel.js';
import { scoreAlignment } from '../../../../core/align/score.js';
import { alignParallelThreaded } from '../../../../core/services/align-threads.js';
import { syntheticParallel } from '../../../../bench/align.js';

describe('alignment of a long text in pieces', () => {
  const { src, tgt, gold } = syntheticParallel(3000, 5);
  const options = { chunkSize: 600 };

  it('cuts at steady guide anchors into pieces that cover the text in order', () => {
    const plan = planChunks({ src, tgt }, options);
    expect(plan.length).toBeGreaterThanOrEqual(4);
    expect(plan[0]).toMatchObject({ s0: 0, t0: 0 });
    expect(plan[plan.length - 1]).toMatchObject({ s1: src.length, t1: tgt.length });
    for (let k = 1; k < plan.length; k++) {
      expect(plan[k].s0).toBe(plan[k - 1].s1);
      expect(plan[k].t0).toBe(plan[k - 1].t1);
    }
    // Every cut falls on a 1-1 bead boundary of the gold.
    const starts = new Set(gold.filter((b) => b.src.length && b.tgt.length).map((b) => `${b.src[0]}:${b.tgt[0]}`));
    for (const c of plan.slice(1)) expect(starts.has(`${c.s0}:${c.t0}`)).toBe(true);
  });

  it('aligns a piece from the anchor tokens read for the plan as from its own', () => {
    const tokens = { src: textTokens(src), tgt: textTokens(tgt) };
    const plan = planChunks({ src, tgt }, options, tokens);
    for (const c of [plan[1], plan[plan.length - 1]]) {
      const piece = chunkInput({ src, tgt }, c);
      const given = chunkTokens(tokens, c);
      expect(given.src).toEqual(textTokens(piece.src));
      expect(given.tgt).toEqual(textTokens(piece.tgt));
      expect(alignChunk(piece, options, given)).toEqual(alignChunk(piece, options));
    }
    // Tokens of another piece are refused rather than misread.
    expect(() => alignChunk(chunkInput({ src, tgt }, plan[0]), options, chunkTokens(tokens, plan[1]))).toThrow(/anchor tokens/);
  });

  it('gives the same beads on two threads as on one, and aligns well', async () => {
    const one = alignParallel({ src, tgt }, options);
    const two = await alignParallelThreaded({ src, tgt }, options, { threads: 2 });
    expect(two).toEqual(one);
    expect(scoreAlignment(gold, two).strict.f1).toBeGreaterThan(0.9);
  });

  it('aligns a text of one piece on a worker thread when asked to keep this thread free', async () => {
    const short = { src: src.slice(0, 300), tgt: tgt.slice(0, 330) };
    const seen: number[] = [];
    const inWorker = await alignParallelThreaded(short, {}, { background: true, onProgress: (done) => seen.push(done) });
    expect(inWorker).toEqual(alignParallel(short));
    expect(seen).toEqual([1]);
    // On one thread too, in the background.
    expect(await alignParallelThreaded({ src, tgt }, options, { threads: 1, background: true })).toEqual(alignParallel({ src, tgt }, options));
  });

  it('turns bad input into a clear error from the threads', async () => {
    const bad = { src, tgt, anchors: [{ src: [5], tgt: [5] }, { src: [6], tgt: [2] }] };
    await expect(alignParallelThreaded(bad, options, { threads: 2 })).rejects.toThrow(/anchors cross/);
    await expect(alignParallelThreaded({ src: src.slice(0, 50), tgt: tgt.slice(0, 50), srcMt: ['x'] }, {}, { background: true })).rejects.toThrow(/srcMt has 1 lines/);
  });

  it('reports progress per piece and stops when cancelled', async () => {
    const seen: number[] = [];
    await alignParallelThreaded({ src, tgt }, options, { threads: 2, onProgress: (done) => seen.push(done) });
    const pieces = planChunks({ src, tgt }, options).length;
    expect(seen).toEqual(Array.from({ length: pieces }, (_, k) => k + 1));
    const ctrl = new AbortController();
    ctrl.abort(new Error('stop'));
    await expect(alignParallelThreaded({ src, tgt }, options, { threads: 2, signal: ctrl.signal })).rejects.toThrow('stop');
  });
});
