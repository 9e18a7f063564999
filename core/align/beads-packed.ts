/**
 * Beads in a handful of typed arrays, for moving many of them between threads: the arrays are
 * transferred, not copied, and nothing is built per bead until the receiver unpacks them.
 */

import type { Bead } from './types.js';

export interface PackedBeads {
  /** Bead k's source segments are srcIds[srcStart[k] .. srcStart[k+1]). */
  srcStart: Int32Array;
  srcIds: Int32Array;
  tgtStart: Int32Array;
  tgtIds: Int32Array;
  confidence: Float64Array;
  /** NaN where the bead has no margin (anchors). */
  margin: Float64Array;
}

export function packBeads(beads: readonly Bead[]): PackedBeads {
  const n = beads.length;
  const srcStart = new Int32Array(n + 1);
  const tgtStart = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    srcStart[k + 1] = srcStart[k] + beads[k].src.length;
    tgtStart[k + 1] = tgtStart[k] + beads[k].tgt.length;
  }
  const srcIds = new Int32Array(srcStart[n]);
  const tgtIds = new Int32Array(tgtStart[n]);
  const confidence = new Float64Array(n);
  const margin = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const b = beads[k];
    srcIds.set(b.src, srcStart[k]);
    tgtIds.set(b.tgt, tgtStart[k]);
    confidence[k] = b.confidence;
    margin[k] = b.margin ?? NaN;
  }
  return { srcStart, srcIds, tgtStart, tgtIds, confidence, margin };
}

/** The arrays to transfer with a PackedBeads. */
export function packedBuffers(p: PackedBeads): ArrayBuffer[] {
  return [p.srcStart, p.srcIds, p.tgtStart, p.tgtIds, p.confidence, p.margin].map((a) => a.buffer as ArrayBuffer);
}

/** The beads, with source and target numbers shifted by srcOffset and tgtOffset, appended to `out`. */
export function unpackBeads(p: PackedBeads, srcOffset = 0, tgtOffset = 0, out: Bead[] = []): Bead[] {
  const n = p.confidence.length;
  for (let k = 0; k < n; k++) {
    const src: number[] = [];
    for (let q = p.srcStart[k]; q < p.srcStart[k + 1]; q++) src.push(p.srcIds[q] + srcOffset);
    const tgt: number[] = [];
    for (let q = p.tgtStart[k]; q < p.tgtStart[k + 1]; q++) tgt.push(p.tgtIds[q] + tgtOffset);
    const margin = p.margin[k];
    out.push(margin === margin ? { src, tgt, confidence: p.confidence[k], margin } : { src, tgt, confidence: p.confidence[k] });
  }
  return out;
}
