/**
 * Bead confidence: a logistic model of whether a bead is exactly right, from the bead's
 * margin (how much more the cheapest local alternative around it would cost) and its shape.
 *
 * The coefficients are fitted by `npm run bench` (BENCH_ONLY=align, section "calibration") on
 * half of the development set's 30-bead windows, over every MT variant and no MT, and judged
 * on the other half; they are copied here from that fit. Merged beads are wrong more often at
 * equal margin than 1-1 beads, and beads with an empty side follow a margin curve of their own.
 */

/** Margins above this carry no further information (the alternative is simply far away). */
const MARGIN_CAP = 3;

/** Features of a bead for the model: bias, margin, 1-1, empty side, margin on an empty side. */
export function confidenceFeatures(margin: number, a: number, b: number): number[] {
  const m = Math.min(Math.max(margin, 0), MARGIN_CAP);
  const isNull = a === 0 || b === 0 ? 1 : 0;
  return [1, m, a === 1 && b === 1 ? 1 : 0, isNull, m * isNull];
}

/** Fitted coefficients for confidenceFeatures (see the module comment). */
export const CONFIDENCE_COEFFICIENTS: readonly number[] = [0.29, 2.59, 1.74, 0.89, -4.18];

export function confidenceOf(margin: number, a: number, b: number, coefficients: readonly number[] = CONFIDENCE_COEFFICIENTS): number {
  const x = confidenceFeatures(margin, a, b);
  let z = 0;
  for (let k = 0; k < x.length; k++) z += x[k] * coefficients[k];
  return Math.round(1000 / (1 + Math.exp(-z))) / 1000;
}

/**
 * Logistic regression by Newton's method with a ridge penalty (so that a feature that happens
 * to separate the classes on the fitting windows, such as the margin of unaligned segments,
 * stays finite). Deterministic.
 */
export function fitLogistic(xs: readonly number[][], ys: readonly number[], ridge = 1, iterations = 50): number[] {
  const d = xs[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k];
      let z = 0;
      for (let i = 0; i < d; i++) z += w[i] * x[i];
      const p = 1 / (1 + Math.exp(-z));
      for (let i = 0; i < d; i++) {
        g[i] += (p - ys[k]) * x[i];
        for (let j = 0; j < d; j++) h[i][j] += p * (1 - p) * x[i] * x[j];
      }
    }
    for (let i = 0; i < d; i++) {
      g[i] += ridge * w[i];
      h[i][i] += ridge;
    }
    const step = solve(h, g);
    let change = 0;
    for (let i = 0; i < d; i++) {
      w[i] -= step[i];
      change = Math.max(change, Math.abs(step[i]));
    }
    if (change < 1e-9) break;
  }
  return w;
}

/** Solves a small symmetric positive-definite system by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    [m[c], m[piv]] = [m[piv], m[c]];
    const div = m[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / div;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / (m[i][i] || 1e-12));
}
