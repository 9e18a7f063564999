/**
 * The curve a story-map link is drawn along, and the pieces it is drawn
 * with. A link leaves one column level and arrives level at the next: a cubic
 * Bézier curve whose height rises (or falls) steadily, so the part of it
 * within a band of heights is one piece, found without searching the whole
 * curve. Dashes are cut here as straight pieces, so that the drawing does not
 * pay for a dash effect on every curve. DOM-free.
 */

export type Point = [number, number];
/** A cubic Bézier curve's four control points. */
export type Cubic = [Point, Point, Point, Point];

/** The curve of a link from (x0, y0) on the right edge of one column to (x1, y1) on the left edge of another. */
export function linkCurve(x0: number, y0: number, x1: number, y1: number): Cubic {
  const dx = Math.max(24, (x1 - x0) * 0.4);
  return [[x0, y0], [x0 + dx, y0], [x1 - dx, y1], [x1, y1]];
}

export function pointAt(c: Cubic, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return [a * c[0][0] + b * c[1][0] + d * c[2][0] + e * c[3][0], a * c[0][1] + b * c[1][1] + d * c[2][1] + e * c[3][1]];
}

/** The part of a cubic between t0 and t1 (de Casteljau). */
export function subCurve(c: Cubic, t0: number, t1: number): Cubic {
  const split = (q: Cubic, t: number): [Cubic, Cubic] => {
    const lerp = (p: Point, r: Point): Point => [p[0] + (r[0] - p[0]) * t, p[1] + (r[1] - p[1]) * t];
    const ab = lerp(q[0], q[1]);
    const bc = lerp(q[1], q[2]);
    const cd = lerp(q[2], q[3]);
    const abc = lerp(ab, bc);
    const bcd = lerp(bc, cd);
    const m = lerp(abc, bcd);
    return [[q[0], ab, abc, m], [m, bcd, cd, q[3]]];
  };
  const right = t0 > 0 ? split(c, t0)[1] : c;
  const rest = t0 < 1 ? (t1 - t0) / (1 - t0) : 1;
  return rest < 1 ? split(right, rest)[0] : right;
}

/**
 * The part of a link's curve between heights `top` and `bottom`, or null when
 * none of it is there. Its control points hold y at y0 then y1, so
 * y(t) = y0 + (y1 - y0)(3t² - 2t³), which is monotonic in t.
 */
export function curveWithin(c: Cubic, top: number, bottom: number): Cubic | null {
  const y0 = c[0][1];
  const y1 = c[3][1];
  if (Math.max(y0, y1) < top || Math.min(y0, y1) > bottom) return null;
  if (y0 === y1 || (Math.min(y0, y1) >= top && Math.max(y0, y1) <= bottom)) return c;
  const tAt = (y: number) => {
    const s = Math.max(0, Math.min(1, (y - y0) / (y1 - y0)));
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 30; k++) {
      const mid = (lo + hi) / 2;
      if (3 * mid * mid - 2 * mid * mid * mid < s) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const a = tAt(top);
  const b = tAt(bottom);
  return subCurve(c, Math.min(a, b), Math.max(a, b));
}

/**
 * Cuts a curve into straight pieces of about `step` pixels and hands each
 * drawn piece to `line`: all of them for a solid line, or the "on" parts of
 * an on/off dash pattern.
 */
export function strokePieces(c: Cubic, dash: readonly [number, number] | null, line: (x0: number, y0: number, x1: number, y1: number) => void, step = 10): void {
  const approx = Math.hypot(c[1][0] - c[0][0], c[1][1] - c[0][1]) + Math.hypot(c[2][0] - c[1][0], c[2][1] - c[1][1]) + Math.hypot(c[3][0] - c[2][0], c[3][1] - c[2][1]);
  const n = Math.max(2, Math.min(400, Math.ceil(approx / step)));
  let prev = c[0];
  if (!dash) {
    for (let k = 1; k <= n; k++) {
      const p = pointAt(c, k / n);
      line(prev[0], prev[1], p[0], p[1]);
      prev = p;
    }
    return;
  }
  const [on, off] = dash;
  const period = on + off;
  // Where along the dash pattern the current point is: [0, on) draws, [on, period) does not.
  let phase = 0;
  for (let k = 1; k <= n; k++) {
    const p = pointAt(c, k / n);
    const len = Math.hypot(p[0] - prev[0], p[1] - prev[1]);
    let done = 0;
    while (done < len) {
      const inOn = phase < on;
      const left = (inOn ? on : period) - phase;
      const take = Math.min(left, len - done);
      if (inOn && take > 0) {
        const f0 = done / len;
        const f1 = (done + take) / len;
        line(prev[0] + (p[0] - prev[0]) * f0, prev[1] + (p[1] - prev[1]) * f0, prev[0] + (p[0] - prev[0]) * f1, prev[1] + (p[1] - prev[1]) * f1);
      }
      done += take;
      phase = (phase + take) % period;
    }
    prev = p;
  }
}

/**
 * For a link too long to be seen whole: a short curve at each end, leaving
 * the column level and bending toward the other end (up or down), `reach`
 * pixels into the gap. Each is a quadratic curve written as a cubic.
 */
export function linkStubs(x0: number, y0: number, x1: number, y1: number, reach: number, drop = 36): [Cubic, Cubic] {
  const dir = Math.sign(y1 - y0) || 1;
  const quad = (p: Point, q: Point, r: Point): Cubic => [p, [p[0] + (2 / 3) * (q[0] - p[0]), p[1] + (2 / 3) * (q[1] - p[1])], [r[0] + (2 / 3) * (q[0] - r[0]), r[1] + (2 / 3) * (q[1] - r[1])], r];
  return [
    quad([x0, y0], [x0 + reach * 0.7, y0], [x0 + reach, y0 + dir * drop]),
    quad([x1, y1], [x1 - reach * 0.7, y1], [x1 - reach, y1 - dir * drop]),
  ];
}
