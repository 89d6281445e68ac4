import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/**
 * L2-regularised logistic regression with an unpenalised intercept, fitted by Newton's method (IRLS) on
 * standardised inputs. Written here rather than taken from ml-logistic-regression, which has no intercept,
 * no regularisation and only plain gradient descent; ml-matrix solves the Newton systems.
 */

export interface LogisticOptions {
  /** Penalty λ on the sum of squared standardised coefficients, added to the summed log-loss (default 1, as scikit-learn's C = 1). */
  l2?: number;
  maxIterations?: number;
  /** Stop when no coefficient moves by more than this (default 1e-8). */
  tolerance?: number;
}

export interface LogisticModel {
  kind: 'logistic';
  /** Training mean and standard deviation per feature; a constant feature gets scale 1. */
  means: number[];
  scales: number[];
  intercept: number;
  /** One coefficient per standardised feature. */
  coefficients: number[];
  l2: number;
  iterations: number;
}

export function sigmoid(margin: number): number {
  return margin >= 0 ? 1 / (1 + Math.exp(-margin)) : Math.exp(margin) / (1 + Math.exp(margin));
}

function standardisation(rows: readonly Float64Array[], width: number): { means: number[]; scales: number[] } {
  const means = new Array<number>(width).fill(0);
  const scales = new Array<number>(width).fill(0);
  for (const row of rows) for (let j = 0; j < width; j++) means[j] = (means[j] as number) + (row[j] as number) / rows.length;
  for (const row of rows) for (let j = 0; j < width; j++) scales[j] = (scales[j] as number) + ((row[j] as number) - (means[j] as number)) ** 2 / rows.length;
  return { means, scales: scales.map((v) => (v > 1e-24 ? Math.sqrt(v) : 1)) };
}

/** Standardised design, row-major in one buffer, with a leading column of ones for the intercept. */
interface Design {
  z: Float64Array;
  rows: number;
  width: number;
}

function designMatrix(rows: readonly Float64Array[], means: number[], scales: number[]): Design {
  const width = means.length + 1;
  const z = new Float64Array(rows.length * width);
  rows.forEach((row, i) => {
    z[i * width] = 1;
    for (let j = 0; j < means.length; j++) z[i * width + j + 1] = ((row[j] as number) - (means[j] as number)) / (scales[j] as number);
  });
  return { z, rows: rows.length, width };
}

function marginAt(d: Design, i: number, beta: Float64Array): number {
  let sum = 0;
  const base = i * d.width;
  for (let j = 0; j < d.width; j++) sum += (d.z[base + j] as number) * (beta[j] as number);
  return sum;
}

function penalisedLoss(d: Design, y: readonly number[], beta: Float64Array, l2: number): number {
  let loss = 0;
  for (let i = 0; i < d.rows; i++) {
    const margin = marginAt(d, i, beta);
    // log(1 + e^m) − y·m, written to stay finite for large |m|.
    loss += Math.max(margin, 0) + Math.log1p(Math.exp(-Math.abs(margin))) - (y[i] as number) * margin;
  }
  for (let j = 1; j < beta.length; j++) loss += (l2 / 2) * (beta[j] as number) ** 2;
  return loss;
}

/** Gradient and Hessian of the penalised loss at beta (the Hessian's lower triangle accumulated, then mirrored). */
function newtonSystem(d: Design, y: readonly number[], beta: Float64Array, l2: number): { gradient: number[]; hessian: number[][] } {
  const w = d.width;
  const gradient = new Float64Array(w);
  const lower = new Float64Array(w * w);
  for (let i = 0; i < d.rows; i++) {
    const p = sigmoid(marginAt(d, i, beta));
    const residual = p - (y[i] as number);
    const weight = p * (1 - p);
    const base = i * w;
    for (let a = 0; a < w; a++) {
      const za = d.z[base + a] as number;
      gradient[a] = (gradient[a] as number) + residual * za;
      if (za === 0) continue;
      const wa = weight * za;
      const row = a * w;
      for (let b = 0; b <= a; b++) lower[row + b] = (lower[row + b] as number) + wa * (d.z[base + b] as number);
    }
  }
  const hessian = Array.from({ length: w }, (_, a) => Array.from({ length: w }, (_, b) => (b <= a ? lower[a * w + b] : lower[b * w + a]) as number));
  for (let a = 0; a < w; a++) {
    // A tiny ridge on the intercept keeps the system solvable when every prediction saturates.
    (hessian[a] as number[])[a] = ((hessian[a] as number[])[a] as number) + (a === 0 ? 1e-10 : l2);
    if (a > 0) gradient[a] = (gradient[a] as number) + l2 * (beta[a] as number);
  }
  return { gradient: Array.from(gradient), hessian };
}

function newtonStep(gradient: number[], hessian: number[][]): number[] {
  const cholesky = new CholeskyDecomposition(new Matrix(hessian));
  if (!cholesky.isPositiveDefinite()) throw new RangeError('logistic regression: Hessian not positive definite (use l2 > 0)');
  return cholesky.solve(Matrix.columnVector(gradient)).getColumn(0);
}

/** Fits on rows of encoded features and 0/1 labels. */
export function fitLogistic(rows: readonly Float64Array[], labels: readonly number[], options: LogisticOptions = {}): LogisticModel {
  const l2 = options.l2 ?? 1;
  const width = rows[0]?.length ?? 0;
  const { means, scales } = standardisation(rows, width);
  const z = designMatrix(rows, means, scales);
  const beta = new Float64Array(width + 1);
  let loss = penalisedLoss(z, labels, beta, l2);
  let iterations = 0;
  for (; iterations < (options.maxIterations ?? 100); iterations++) {
    const { gradient, hessian } = newtonSystem(z, labels, beta, l2);
    const step = newtonStep(gradient, hessian);
    // Newton's step is the right size near the optimum; halving guards the first steps far from it.
    let size = 1;
    let candidate = beta.map((b, j) => b - size * (step[j] as number));
    let candidateLoss = penalisedLoss(z, labels, candidate, l2);
    while (candidateLoss > loss + 1e-12 && size > 1e-6) {
      size /= 2;
      candidate = beta.map((b, j) => b - size * (step[j] as number));
      candidateLoss = penalisedLoss(z, labels, candidate, l2);
    }
    const moved = Math.max(...step.map((s) => Math.abs(s * size)));
    beta.set(candidate);
    loss = candidateLoss;
    if (moved < (options.tolerance ?? 1e-8)) {
      iterations++;
      break;
    }
  }
  return { kind: 'logistic', means, scales, intercept: beta[0] as number, coefficients: Array.from(beta.slice(1)), l2, iterations };
}

/** Per-feature contributions to the margin: coefficient × standardised value. They sum with the intercept to the margin. */
export function logisticContributions(model: LogisticModel, row: Float64Array): number[] {
  return model.coefficients.map((c, j) => (c * ((row[j] as number) - (model.means[j] as number))) / (model.scales[j] as number));
}

export function logisticMargin(model: LogisticModel, row: Float64Array): number {
  return logisticContributions(model, row).reduce((sum, c) => sum + c, model.intercept);
}
