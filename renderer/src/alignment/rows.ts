import type { AlignmentView, Link } from '../../../common/types';
import { inReadingOrder } from '../links';

/**
 * How rows line up across panes: which links start rows, how a translation
 * (one line per paragraph) stands beside its original's segments, and how
 * much blank space each pane needs where so that every row starts at one
 * height in all of them. DOM-free: heights come in as numbers.
 */

/** How a translation pane's lines stand beside its original's segments, from their stored paragraph alignment. */
export interface TranslationRows {
  /** Rows that start at one height, flattened: original segment, translation line, …; increasing in both. */
  rows: Int32Array;
  /** Per original paragraph: the first and last translation line aligned with it, or -1. */
  trLo: Int32Array;
  trHi: Int32Array;
  /** Per translation line: the first and last original paragraph aligned with it, or -1. */
  origLo: Int32Array;
  origHi: Int32Array;
  /** First segment of each original paragraph; one more entry than paragraphs. */
  segStart: Int32Array;
  /** Per original segment that ends a row: the translation line that ends the same row, or -1. */
  endBeside: Int32Array;
  /** Where the rows come from: the stored links, or the order of the paragraphs when nothing is stored. */
  source: 'links' | 'order' | 'none';
}

export const NO_ROWS = new Int32Array(0);

/**
 * Which rows of a translation (one line per paragraph) start beside which
 * segments of its original, from their paragraph links; with none stored, a
 * translation with as many paragraphs as the original is paired in order.
 */
export function translationRows(paragraphs: number, origParagraphOf: Int32Array, lines: number, align: AlignmentView | null): TranslationRows {
  const segs = origParagraphOf.length;
  const segStart = new Int32Array(paragraphs + 1).fill(segs);
  for (let s = segs - 1; s >= 0; s--) segStart[origParagraphOf[s]] = s;
  for (let p = paragraphs - 1; p >= 0; p--) segStart[p] = Math.min(segStart[p], segStart[p + 1]);
  let links = (align?.links ?? []).filter((l) => l.status !== 'rejected' && l.a.length && l.b.length);
  let source: TranslationRows['source'] = 'links';
  if (!links.length) {
    source = lines === paragraphs ? 'order' : 'none';
    links = source === 'order' ? Array.from({ length: lines }, (_, i) => ({ a: [i], b: [i] }) as Link) : [];
  }
  const trLo = new Int32Array(paragraphs).fill(-1);
  const trHi = new Int32Array(paragraphs).fill(-1);
  const origLo = new Int32Array(lines).fill(-1);
  const origHi = new Int32Array(lines).fill(-1);
  const rows: number[] = [];
  let lastO = -1;
  let lastT = -1;
  for (const l of inReadingOrder(links)) {
    const a0 = l.a[0];
    const a1 = l.a[l.a.length - 1];
    const b0 = l.b[0];
    const b1 = l.b[l.b.length - 1];
    if (a1 >= paragraphs || b1 >= lines) continue;
    for (const p of l.a) {
      trLo[p] = trLo[p] < 0 ? b0 : Math.min(trLo[p], b0);
      trHi[p] = Math.max(trHi[p], b1);
    }
    for (const t of l.b) {
      origLo[t] = origLo[t] < 0 ? a0 : Math.min(origLo[t], a0);
      origHi[t] = Math.max(origHi[t], a1);
    }
    const o0 = segStart[a0];
    if (o0 > lastO && b0 > lastT && o0 < segs) {
      rows.push(o0, b0);
      lastO = segStart[a1 + 1] - 1;
      lastT = b1;
    }
  }
  // Each row ends where the next begins, in both panes.
  const endBeside = new Int32Array(segs).fill(-1);
  for (let k = 0; k < rows.length; k += 2) {
    const oEnd = k + 2 < rows.length ? rows[k + 2] - 1 : segs - 1;
    const tEnd = k + 2 < rows.length ? rows[k + 3] - 1 : lines - 1;
    if (oEnd >= 0) endBeside[oEnd] = tEnd;
  }
  return { rows: Int32Array.from(rows), trLo, trHi, origLo, origHi, segStart, endBeside, source };
}

/** The original segments a translation line stands beside, or null. */
export function originalSegments(m: TranslationRows, line: number): { first: number; last: number } | null {
  const lo = m.origLo[line];
  const hi = m.origHi[line];
  if (lo === undefined || lo < 0) return null;
  const first = m.segStart[lo];
  const last = m.segStart[hi + 1] - 1;
  return last >= first ? { first, last } : null;
}

/** Anchors: links that start rows in A and B; they go down both documents together. */
export function anchors(links: readonly Link[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let lastA = -1;
  let lastB = -1;
  for (const l of links) {
    if (!l.a.length || !l.b.length || l.status === 'rejected') continue;
    const a0 = l.a[0];
    const b0 = l.b[0];
    if (a0 > lastA && b0 > lastB) {
      out.push([a0, b0]);
      lastA = l.a[l.a.length - 1];
      lastB = l.b[l.b.length - 1];
    }
  }
  return out;
}

/** A pane's wrapped height per segment: prefix[i] is the height of the segments before i (prefix.length = segments + 1). */
export interface RowPane {
  prefix: Float64Array;
}

/**
 * The blank zones each pane needs so that each row starts at one height in
 * every pane: an anchor's segments in A and B, and beside each original the
 * translation paragraph it is aligned with. Rows are taken in document
 * order; at each one, the panes that are higher up are padded down to the
 * lowest, and at the end every pane is made as tall as the tallest.
 *
 * Returns, per pane (A, B, then the translations given), the zones wanted:
 * segment index (a zone there sits just above that segment) → height.
 */
export function computeZones(
  a: RowPane,
  b: RowPane,
  rowAnchors: ReadonlyArray<[number, number]>,
  ta: (RowPane & { rows: Int32Array }) | null,
  tb: (RowPane & { rows: Int32Array }) | null,
): Array<Map<number, number>> {
  const panes: RowPane[] = [a, b];
  const iTA = ta ? panes.push(ta) - 1 : -1;
  const iTB = tb ? panes.push(tb) - 1 : -1;
  const want = panes.map(() => new Map<number, number>());
  const off = panes.map(() => 0);
  // The row being built: which panes, and the segment (0-based line) each starts it with.
  const idx: number[] = [];
  const lines: number[] = [];
  const row = () => {
    let top = -Infinity;
    for (let k = 0; k < idx.length; k++) top = Math.max(top, panes[idx[k]].prefix[lines[k]] + off[idx[k]]);
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      const d = Math.round(top - (panes[i].prefix[lines[k]] + off[i]));
      if (d > 0) {
        want[i].set(lines[k], (want[i].get(lines[k]) ?? 0) + d);
        off[i] += d;
      }
    }
    idx.length = 0;
    lines.length = 0;
  };
  const ra = ta?.rows ?? NO_ROWS;
  const rb = tb?.rows ?? NO_ROWS;
  let ia = 0;
  let ib = 0;
  // Rows of one side only (an original and its translation) up to the next anchor; the other side is not involved.
  const sideRows = (limitA: number, limitB: number) => {
    for (; ia < ra.length && ra[ia] < limitA; ia += 2) {
      idx.push(0, iTA);
      lines.push(ra[ia], ra[ia + 1]);
      row();
    }
    for (; ib < rb.length && rb[ib] < limitB; ib += 2) {
      idx.push(1, iTB);
      lines.push(rb[ib], rb[ib + 1]);
      row();
    }
  };
  for (const [la, lb] of rowAnchors) {
    if (ra.length || rb.length) sideRows(la, lb);
    idx.push(0, 1);
    lines.push(la, lb);
    if (ia < ra.length && ra[ia] === la) {
      idx.push(iTA);
      lines.push(ra[ia + 1]);
      ia += 2;
    }
    if (ib < rb.length && rb[ib] === lb) {
      idx.push(iTB);
      lines.push(rb[ib + 1]);
      ib += 2;
    }
    row();
  }
  sideRows(Infinity, Infinity);
  panes.forEach((p, i) => {
    idx.push(i);
    lines.push(p.prefix.length - 1);
  });
  row();
  return want;
}
