/**
 * The features of one similarity view numbered densely, and weighted by idf.
 *
 * Rows keep their hashed keys in ascending order (the order every dot product sums in), and
 * each entry also carries the feature's id among the distinct features of the two sides. The
 * per-feature tables (document frequencies, postings, scattered rows) are then small arrays
 * indexed by id instead of hash tables or tables sized for every occurrence, which is what the
 * cache can hold.
 */

import { dfBitsFor } from './features.js';
import type { SparseRows } from './features.js';

/** Sparse rows whose entries also carry their feature's id (0 .. features-1) in a view. */
export interface IdRows extends SparseRows {
  ids: Int32Array;
  /** Number of distinct features of the view the ids count. */
  features: number;
}

/** Source-side and target-side rows of one view, idf-weighted over both. */
export interface WeightedView {
  x: IdRows;
  y: IdRows;
}

/**
 * Open-addressing table from a 32-bit key to a dense id, grown as keys arrive. Slot k holds its
 * key at 2k and its id + 1 at 2k + 1 (0: empty), so a probe reads one cache line.
 */
export class IdTable {
  private bits: number;
  private slots: Int32Array;
  size = 0;

  constructor(expected: number) {
    this.bits = 10;
    while (this.bits < 30 && 1 << this.bits < expected * 2) this.bits++;
    this.slots = new Int32Array(2 << this.bits);
  }

  /** The id of `key`, numbering it next when it is new. */
  idOf(key: number): number {
    const slots = this.slots;
    const mask = (1 << this.bits) - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
    for (;;) {
      const id = slots[2 * slot + 1];
      if (id === 0) break;
      if (slots[2 * slot] === key) return id - 1;
      slot = (slot + 1) & mask;
    }
    slots[2 * slot] = key;
    slots[2 * slot + 1] = ++this.size;
    if (this.size * 2 > 1 << this.bits) this.grow();
    return this.size - 1;
  }

  /** idOf of every key of `keys`, into `out`. */
  idsOf(keys: Int32Array, out: Int32Array): void {
    let slots = this.slots;
    let mask = (1 << this.bits) - 1;
    let shift = 32 - this.bits;
    let limit = 1 << (this.bits - 1);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      let slot = Math.imul(key, 0x9e3779b1) >>> shift;
      let id = slots[2 * slot + 1];
      while (id !== 0 && slots[2 * slot] !== key) {
        slot = (slot + 1) & mask;
        id = slots[2 * slot + 1];
      }
      if (id === 0) {
        slots[2 * slot] = key;
        id = slots[2 * slot + 1] = ++this.size;
        if (this.size > limit) {
          this.grow();
          slots = this.slots;
          mask = (1 << this.bits) - 1;
          shift = 32 - this.bits;
          limit = 1 << (this.bits - 1);
        }
      }
      out[k] = id - 1;
    }
  }

  /** Every key with its id. */
  entries(): { keys: Int32Array; ids: Int32Array } {
    const keys = new Int32Array(this.size);
    const ids = new Int32Array(this.size);
    let k = 0;
    const slots = this.slots;
    for (let slot = 0; slot < slots.length; slot += 2) {
      if (slots[slot + 1] === 0) continue;
      keys[k] = slots[slot];
      ids[k++] = slots[slot + 1] - 1;
    }
    return { keys, ids };
  }

  private grow(): void {
    const old = this.slots;
    this.bits++;
    const slots = (this.slots = new Int32Array(2 << this.bits));
    const shift = 32 - this.bits;
    const mask = (1 << this.bits) - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = Math.imul(old[s], 0x9e3779b1) >>> shift;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[s];
      slots[2 * slot + 1] = old[s + 1];
    }
  }
}

/**
 * Ids of the features of x and y, numbered over both sides from the most frequent down, with
 * each id's key and document frequency (rows of either side that have it). Text follows Zipf's
 * law: most occurrences are of a few thousand features, whose per-feature entries (cursors,
 * postings, scattered values) then sit together in memory and stay in the cache.
 */
function numberFeatures(x: SparseRows, y: SparseRows): { xIds: Int32Array; yIds: Int32Array; df: Int32Array; keyOf: Int32Array } {
  const { xIds, yIds, rank, df, keyOf } = rankFeatures(x, y);
  for (let k = 0; k < xIds.length; k++) xIds[k] = rank[xIds[k]];
  for (let k = 0; k < yIds.length; k++) yIds[k] = rank[yIds[k]];
  return { xIds, yIds, df, keyOf };
}

/**
 * numberFeatures before its last step: xIds and yIds number features in order of first sight,
 * and rank[f] is the final id of feature f (df and keyOf are indexed by final id already).
 */
function rankFeatures(x: SparseRows, y: SparseRows): { xIds: Int32Array; yIds: Int32Array; rank: Int32Array; df: Int32Array; keyOf: Int32Array } {
  const table = new IdTable(Math.max(1024, (x.keys.length + y.keys.length) >> 4));
  const xIds = new Int32Array(x.keys.length);
  table.idsOf(x.keys, xIds);
  const yIds = new Int32Array(y.keys.length);
  table.idsOf(y.keys, yIds);
  const features = table.size;
  // Rows hold each feature once, so counting occurrences counts rows.
  const count = new Int32Array(features);
  countIds(xIds, count);
  countIds(yIds, count);
  // Renumber by descending frequency (a counting sort; ties keep the order of first sight).
  const docs = x.offsets.length + y.offsets.length;
  const byCount = new Int32Array(docs + 1);
  for (let f = 0; f < features; f++) byCount[docs - count[f]]++;
  for (let c = 0, sum = 0; c <= docs; c++) {
    const n = byCount[c];
    byCount[c] = sum;
    sum += n;
  }
  const rank = new Int32Array(features);
  for (let f = 0; f < features; f++) rank[f] = byCount[docs - count[f]]++;
  const df = new Int32Array(features);
  const keyOf = new Int32Array(features);
  const { keys, ids } = table.entries();
  for (let k = 0; k < features; k++) {
    const f = rank[ids[k]];
    keyOf[f] = keys[k];
    df[f] = count[ids[k]];
  }
  return { xIds, yIds, rank, df, keyOf };
}

function countIds(ids: Int32Array, count: Int32Array): void {
  for (let k = 0; k < ids.length; k++) count[ids[k]]++;
}

/** x and y with feature ids over both, unweighted (for tests and one-off dot products). */
export function withIds(x: SparseRows, y: SparseRows): WeightedView {
  const { xIds, yIds, df } = numberFeatures(x, y);
  return { x: { ...x, ids: xIds, features: df.length }, y: { ...y, ids: yIds, features: df.length } };
}

/**
 * Weights raw term frequencies by idf over the rows of both sides, exactly as DfTable and
 * applyIdf do (document frequencies counted per hash bucket of 2^dfBitsFor(occurrences), so
 * that colliding features share one count), and numbers the features.
 */
export function weightView(x: SparseRows, y: SparseRows): WeightedView {
  const { xIds, yIds, rank, df, keyOf } = rankFeatures(x, y);
  const features = df.length;
  const mask = (1 << dfBitsFor(x.keys.length + y.keys.length)) - 1;
  // Document frequency per bucket: the sum over the distinct features that fall in it.
  const buckets = new IdTable(features);
  const bucketOf = new Int32Array(features);
  const bucketDf = new Int32Array(Math.max(16, features));
  for (let f = 0; f < features; f++) {
    const b = buckets.idOf(keyOf[f] & mask);
    bucketOf[f] = b;
    bucketDf[b] += df[f];
  }
  const docs = x.offsets.length - 1 + (y.offsets.length - 1);
  const idf = new Float64Array(features);
  for (let f = 0; f < features; f++) idf[f] = Math.log((docs + 1) / (bucketDf[bucketOf[f]] + 1)) + 1;
  return { x: weighRows(x, xIds, rank, idf, features), y: weighRows(y, yIds, rank, idf, features) };
}

/**
 * Rows weighted by idf, with their features renumbered to their final ids (`rowIds` is
 * overwritten: it holds the ids of first sight, see rankFeatures) in the same pass.
 */
function weighRows(rows: SparseRows, rowIds: Int32Array, rank: Int32Array, idf: Float64Array, features: number): IdRows {
  const src = rows.vals;
  const vals = new Float32Array(src.length);
  for (let k = 0; k < vals.length; k++) {
    const f = rank[rowIds[k]];
    rowIds[k] = f;
    // Most features occur once in their segment, and the square root of 1 is 1.
    const tf = src[k];
    vals[k] = (tf === 1 ? 1 : Math.sqrt(tf)) * idf[f];
  }
  return { offsets: rows.offsets, keys: rows.keys, vals, ids: rowIds, features };
}

/** Rows `idx` of `rows`, in that order. */
export function selectRows(rows: IdRows, idx: readonly number[]): IdRows {
  const offsets = new Int32Array(idx.length + 1);
  for (let k = 0; k < idx.length; k++) offsets[k + 1] = offsets[k] + rows.offsets[idx[k] + 1] - rows.offsets[idx[k]];
  const keys = new Int32Array(offsets[idx.length]);
  const vals = new Float32Array(offsets[idx.length]);
  const ids = new Int32Array(offsets[idx.length]);
  for (let k = 0; k < idx.length; k++) {
    const from = rows.offsets[idx[k]];
    const to = rows.offsets[idx[k] + 1];
    keys.set(rows.keys.subarray(from, to), offsets[k]);
    vals.set(rows.vals.subarray(from, to), offsets[k]);
    ids.set(rows.ids.subarray(from, to), offsets[k]);
  }
  return { offsets, keys, vals, ids, features: rows.features };
}
