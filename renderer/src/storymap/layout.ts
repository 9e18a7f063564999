import type { StoryMap } from '../../../common/api';

/**
 * Where everything of a story map goes: each article a column of paragraph
 * blocks (taller for longer paragraphs), each link a line between the blocks
 * it joins. Coordinates are the map's content coordinates (y from the top of
 * the first block). DOM-free, so that what is on screen can be worked out
 * (and tested) without drawing anything.
 */

export interface MapGeometry {
  /** Width of the drawing area; columns share it, at least `columnMin` each. */
  width: number;
  columnMin?: number;
  /** Space between two columns, where the links run. */
  gap?: number;
  /** Space between two blocks of a column. */
  blockGap?: number;
  /** Height to fill: a short story's blocks are drawn taller (up to 2.5 times) so that it fills the screen. */
  fit?: number;
}

export interface MapColumn {
  docId: number;
  x: number;
  width: number;
  /** Top and height of each paragraph's block; tops are increasing. */
  tops: Float64Array;
  heights: Float64Array;
  /** Bottom of the last block. */
  bottom: number;
}

export interface MapLayout {
  columns: MapColumn[];
  /** Column of each article, by document id. */
  columnOf: Map<number, number>;
  /** Per link of the map (same order): its two columns (left first) and where it meets each, [x0, y0, x1, y1]. */
  linkCols: Int32Array;
  linkPos: Float64Array;
  /** Links of each paragraph, by `${column}:${paragraph}`. */
  linksAt: Map<string, number[]>;
  width: number;
  height: number;
}

const DEFAULTS = { columnMin: 150, gap: 64, blockGap: 3 };

/** A paragraph's block height: grows with the square root of its length, so long paragraphs stand out without taking the screen. */
export function blockHeight(length: number): number {
  return Math.round(Math.max(9, Math.min(44, 6 + Math.sqrt(Math.max(0, length)) * 1.3)));
}

export function layoutMap(map: StoryMap, geometry: MapGeometry): MapLayout {
  const columnMin = geometry.columnMin ?? DEFAULTS.columnMin;
  const gap = geometry.gap ?? DEFAULTS.gap;
  const blockGap = geometry.blockGap ?? DEFAULTS.blockGap;
  const n = map.articles.length;
  const width = Math.max(geometry.width, n * columnMin + Math.max(0, n - 1) * gap);
  const colWidth = n ? (width - Math.max(0, n - 1) * gap) / n : 0;
  const columns: MapColumn[] = [];
  const columnOf = new Map<number, number>();
  let natural = 0;
  for (const art of map.articles) {
    let y = 0;
    for (const p of art.paragraphs) y += blockHeight(p.length) + blockGap;
    natural = Math.max(natural, y - blockGap);
  }
  const scale = geometry.fit && natural > 0 && natural < geometry.fit ? Math.min(2.5, geometry.fit / natural) : 1;
  let height = 0;
  map.articles.forEach((art, i) => {
    const k = art.paragraphs.length;
    const tops = new Float64Array(k);
    const heights = new Float64Array(k);
    let y = 0;
    for (let p = 0; p < k; p++) {
      tops[p] = y;
      heights[p] = Math.round(blockHeight(art.paragraphs[p].length) * scale);
      y += heights[p] + blockGap * scale;
    }
    const bottom = k ? y - blockGap * scale : 0;
    columns.push({ docId: art.docId, x: i * (colWidth + gap), width: colWidth, tops, heights, bottom });
    columnOf.set(art.docId, i);
    height = Math.max(height, bottom);
  });
  const linkCols = new Int32Array(map.links.length * 2).fill(-1);
  const linkPos = new Float64Array(map.links.length * 4);
  const linksAt = new Map<string, number[]>();
  const centre = (col: MapColumn, paras: number[]) => {
    const first = Math.max(0, Math.min(col.tops.length - 1, paras[0]));
    const last = Math.max(0, Math.min(col.tops.length - 1, paras[paras.length - 1]));
    return (col.tops[first] + col.tops[last] + col.heights[last]) / 2;
  };
  map.links.forEach((l, i) => {
    const ca = columnOf.get(l.docA);
    const cb = columnOf.get(l.docB);
    if (ca === undefined || cb === undefined || ca === cb || !l.a.length || !l.b.length || !columns[ca].tops.length || !columns[cb].tops.length) return;
    const [left, lp, right, rp] = ca < cb ? [ca, l.a, cb, l.b] : [cb, l.b, ca, l.a];
    linkCols[2 * i] = left;
    linkCols[2 * i + 1] = right;
    linkPos[4 * i] = columns[left].x + columns[left].width;
    linkPos[4 * i + 1] = centre(columns[left], lp);
    linkPos[4 * i + 2] = columns[right].x;
    linkPos[4 * i + 3] = centre(columns[right], rp);
    for (const [c, ps] of [[ca, l.a], [cb, l.b]] as const) {
      for (const p of ps) {
        const key = `${c}:${p}`;
        const list = linksAt.get(key);
        if (list) list.push(i);
        else linksAt.set(key, [i]);
      }
    }
  });
  return { columns, columnOf, linkCols, linkPos, linksAt, width, height };
}

/** The blocks of a column that reach into [top, bottom): first and last index, or [0, -1] for none. */
export function visibleBlocks(col: MapColumn, top: number, bottom: number): [number, number] {
  const n = col.tops.length;
  // The first block whose bottom is below `top`.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (col.tops[mid] + col.heights[mid] < top) lo = mid + 1;
    else hi = mid;
  }
  let last = lo - 1;
  while (last + 1 < n && col.tops[last + 1] < bottom) last++;
  return [lo, last];
}

/** The links with any part of their line in [top, bottom) (a line that crosses the view from above to below counts). */
export function visibleLinks(layout: MapLayout, top: number, bottom: number, keep?: (i: number) => boolean): number[] {
  const out: number[] = [];
  const n = layout.linkCols.length / 2;
  for (let i = 0; i < n; i++) {
    if (layout.linkCols[2 * i] < 0) continue;
    const y0 = layout.linkPos[4 * i + 1];
    const y1 = layout.linkPos[4 * i + 3];
    if (Math.max(y0, y1) < top || Math.min(y0, y1) >= bottom) continue;
    if (keep && !keep(i)) continue;
    out.push(i);
  }
  return out;
}

/** The paragraph of a column nearest a height (for moving left or right at the same height). */
export function paragraphAt(col: MapColumn, y: number): number {
  const n = col.tops.length;
  if (!n) return -1;
  const [first] = visibleBlocks(col, y, y + 1);
  return Math.max(0, Math.min(n - 1, first));
}
