/**
 * Logistic regression, small and exact: Newton's method (IRLS) with an L2 penalty on the
 * weights (not the intercept). Used to turn evidence features into a confidence that means a
 * probability, fitted on development data by the calibration script; the fitted weights ship as
 * constants, and the engine only evaluates them.
 */

export interface LogisticModel {
  /** Feature names, in the order of `weights`. */
  features: readonly string[];
  weights: readonly number[];
  intercept: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}

export function predictLogit(model: LogisticModel, x: readonly number[]): number {
  let z = model.intercept;
  for (let k = 0; k < model.weights.length; k++) z += model.weights[k] * x[k];
  return z;
}

/** Solves A x = b for a small symmetric positive definite A (Gaussian elimination, pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const d = m[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / d;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / (row[i] || 1e-12));
}

export interface FitOptions {
  /** L2 penalty on the weights. Default 1. */
  l2?: number;
  /** Per-example weights (e.g. to balance classes). */
  sampleWeights?: readonly number[];
  iterations?: number;
}

/** Fits P(y=1|x) = sigmoid(w·x + b). */
export function fitLogistic(features: readonly string[], xs: readonly (readonly number[])[], ys: readonly number[], options: FitOptions = {}): LogisticModel {
  const d = features.length;
  const l2 = options.l2 ?? 1;
  const sw = options.sampleWeights;
  // Parameters: d weights, then the intercept.
  let theta = new Array(d + 1).fill(0);
  for (let it = 0; it < (options.iterations ?? 50); it++) {
    const grad = new Array(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array(d + 1).fill(0));
    for (let i = 0; i < xs.length; i++) {
      const x = [...xs[i], 1];
      let z = 0;
      for (let k = 0; k <= d; k++) z += theta[k] * x[k];
      const p = sigmoid(z);
      const w = sw ? sw[i] : 1;
      const g = (p - ys[i]) * w;
      const h = Math.max(p * (1 - p), 1e-9) * w;
      for (let a = 0; a <= d; a++) {
        grad[a] += g * x[a];
        for (let b = 0; b <= a; b++) hess[a][b] += h * x[a] * x[b];
      }
    }
    for (let a = 0; a <= d; a++) for (let b = 0; b < a; b++) hess[b][a] = hess[a][b];
    for (let k = 0; k < d; k++) {
      grad[k] += l2 * theta[k];
      hess[k][k] += l2;
    }
    hess[d][d] += 1e-9;
    const step = solve(hess, grad);
    let change = 0;
    theta = theta.map((t, k) => {
      change = Math.max(change, Math.abs(step[k]));
      return t - step[k];
    });
    if (change < 1e-8) break;
  }
  return { features: [...features], weights: theta.slice(0, d), intercept: theta[d] };
}
