import { describe, expect, it } from 'vitest';
import type { StoryMap } from '../../../../common/api';
import { blockHeight, layoutMap, paragraphAt, visibleBlocks, visibleLinks } from '../../../../renderer/src/storymap/layout';

/** A map of `n` articles of `k` paragraphs each, paragraph i of each linked with paragraph i of the next. */
function map(n: number, k: number): StoryMap {
  const articles = Array.from({ length: n }, (_, d) => ({
    docId: 10 + d, title: `A${d}`, lang: 'en', translationDoc: null,
    paragraphs: Array.from({ length: k }, (_, i) => ({ index: i, length: 40 + ((i * 37) % 400), preview: `p${i}`, facts: [], cluster: null })),
  }));
  const links: StoryMap['links'] = [];
  for (let d = 0; d + 1 < n; d++) for (let i = 0; i < k; i++) links.push({ alignmentId: d, linkId: links.length + 1, docA: 10 + d + 1, a: [i], docB: 10 + d, b: [i], status: i % 3 ? 'suggested' : 'confirmed', confidence: 0.5, cluster: null });
  // One long link from the first article's top to the last's bottom: it crosses every screen in between.
  links.push({ alignmentId: 99, linkId: 9999, docA: 10, a: [0], docB: 10 + n - 1, b: [k - 1], status: 'suggested', confidence: 0.3, cluster: null });
  return { collection: 's', articles, links, clusters: [], facts: [], notes: [] };
}

describe('the story map layout', () => {
  it('lays articles out as columns of blocks, taller for longer paragraphs, within the width', () => {
    const l = layoutMap(map(5, 1000), { width: 1200 });
    expect(l.columns.length).toBe(5);
    expect(l.width).toBe(1200);
    for (const c of l.columns) {
      expect(c.x + c.width).toBeLessThanOrEqual(1200 + 1e-9);
      for (let i = 1; i < c.tops.length; i++) expect(c.tops[i]).toBeGreaterThan(c.tops[i - 1] + c.heights[i - 1]);
    }
    expect(blockHeight(400)).toBeGreaterThan(blockHeight(40));
    expect(blockHeight(1e6)).toBe(44);
    // Too narrow for five columns: the map grows wider and scrolls.
    expect(layoutMap(map(5, 3), { width: 300 }).width).toBeGreaterThan(300);
    // A short story is drawn taller to fill the screen; a long one is not.
    expect(layoutMap(map(2, 3), { width: 800, fit: 600 }).height).toBeGreaterThan(layoutMap(map(2, 3), { width: 800 }).height);
    expect(layoutMap(map(2, 1000), { width: 800, fit: 600 }).height).toBe(layoutMap(map(2, 1000), { width: 800 }).height);
  });

  it('draws each link from the right edge of its left column to the left edge of its right one', () => {
    const m = map(3, 10);
    const l = layoutMap(m, { width: 900 });
    // The first link joins article 1 (docA, on the right) with article 0 (docB, on the left).
    expect([l.linkCols[0], l.linkCols[1]]).toEqual([0, 1]);
    expect(l.linkPos[0]).toBeCloseTo(l.columns[0].x + l.columns[0].width);
    expect(l.linkPos[2]).toBeCloseTo(l.columns[1].x);
    expect(l.linksAt.get('0:0')).toContain(0);
    expect(l.linksAt.get('1:0')).toContain(0);
  });

  it('finds what is on screen without looking at what is not', () => {
    const m = map(5, 1000);
    const l = layoutMap(m, { width: 1200 });
    const [first, last] = visibleBlocks(l.columns[2], 5000, 5800);
    expect(first).toBeGreaterThan(0);
    expect(last - first).toBeLessThan(100);
    expect(l.columns[2].tops[first] + l.columns[2].heights[first]).toBeGreaterThanOrEqual(5000);
    expect(l.columns[2].tops[last]).toBeLessThan(5800);
    expect(l.columns[2].tops[first - 1] + l.columns[2].heights[first - 1]).toBeLessThan(5000);
    const links = visibleLinks(l, 5000, 5800);
    expect(links.length).toBeLessThan(m.links.length / 10);
    // The long link crosses this screen, so it is drawn.
    expect(links).toContain(m.links.length - 1);
    expect(visibleLinks(l, 5000, 5800, (i) => m.links[i].status === 'confirmed').every((i) => m.links[i].status === 'confirmed')).toBe(true);
    expect(paragraphAt(l.columns[1], l.columns[1].tops[500] + 1)).toBe(500);
    expect(visibleBlocks(l.columns[0], 1e9, 1e9 + 10)).toEqual([1000, 999]);
  });
});
