import { describe, expect, it } from 'vitest';
import { curveWithin, linkCurve, linkStubs, pointAt, strokePieces } from '../../../../renderer/src/storymap/curves';

describe('the curves story-map links are drawn along', () => {
  it('cuts a link to the band of heights on screen, and finds nothing outside it', () => {
    const c = linkCurve(100, 0, 300, 10_000);
    const part = curveWithin(c, 4000, 4800)!;
    expect(part[0][1]).toBeCloseTo(4000, 0);
    expect(part[3][1]).toBeCloseTo(4800, 0);
    // The part lies on the whole curve: its middle is a point of it.
    const mid = pointAt(part, 0.5);
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 60; k++) {
      const t = (lo + hi) / 2;
      if (pointAt(c, t)[1] < mid[1]) lo = t;
      else hi = t;
    }
    // The whole curve at that height is at the same place.
    expect(pointAt(c, lo)[0]).toBeCloseTo(mid[0], 3);
    expect(curveWithin(c, 20_000, 21_000)).toBeNull();
    // A link wholly inside the band is kept as it is, and so is a level one.
    expect(curveWithin(linkCurve(0, 50, 100, 60), 0, 500)).toEqual(linkCurve(0, 50, 100, 60));
    expect(curveWithin(linkCurve(0, 50, 100, 50), 40, 60)).toEqual(linkCurve(0, 50, 100, 50));
  });

  it('cuts dashes of the pattern along the curve, and a solid line without gaps', () => {
    const c = linkCurve(0, 0, 400, 0);
    const dashes: number[] = [];
    strokePieces(c, [5, 4], (x0, y0, x1, y1) => dashes.push(Math.hypot(x1 - x0, y1 - y0)));
    const drawn = dashes.reduce((a, b) => a + b, 0);
    // A level line 400 px long: 5 of every 9 px are drawn.
    expect(drawn).toBeGreaterThan(400 * (5 / 9) - 6);
    expect(drawn).toBeLessThan(400 * (5 / 9) + 6);
    expect(Math.max(...dashes)).toBeLessThanOrEqual(5 + 1e-9);
    const solid: Array<[number, number, number, number]> = [];
    strokePieces(c, null, (...p) => solid.push(p));
    for (let k = 1; k < solid.length; k++) expect([solid[k][0], solid[k][1]]).toEqual([solid[k - 1][2], solid[k - 1][3]]);
    expect(solid[0].slice(0, 2)).toEqual([0, 0]);
    expect(solid.at(-1)!.slice(2)).toEqual([400, 0]);
  });

  it('draws a long link as stubs at its ends that bend toward each other', () => {
    const [a, b] = linkStubs(100, 500, 200, 9000, 40);
    expect(a[0]).toEqual([100, 500]);
    expect(a[3][0]).toBeCloseTo(140);
    expect(a[3][1]).toBeGreaterThan(500);
    expect(b[0]).toEqual([200, 9000]);
    expect(b[3][0]).toBeCloseTo(160);
    expect(b[3][1]).toBeLessThan(9000);
  });
});
