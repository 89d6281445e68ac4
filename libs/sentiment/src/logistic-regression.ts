/**
 * Binary logistic regression with an intercept and an L2 penalty on the weights (not the intercept),
 * on sparse rows, minimising Σ log-loss + ‖w‖² / (2C), the objective scikit-learn's
 * LogisticRegression(C) minimises, so the two can be checked against each other. Fitted by L-BFGS.
 *
 * Written here rather than imported: no maintained npm package fits a sparse L2 logistic regression
 * (ml-logistic-regression is dense and unregularised), and a library cannot import the insights app's
 * learners. It is small: one objective, one optimiser.
 */

/** A sparse row: feature indices and their values. */
export interface SparseRow {
  indices: readonly number[];
  values: readonly number[];
}

export interface LogisticFit {
  weights: number[];
  intercept: number;
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** Inverse regularisation strength, as in scikit-learn. */
  c?: number;
  maxIterations?: number;
  /** Stop when the gradient's largest component is below this. */
  tolerance?: number;
}

function dot(row: SparseRow, w: Float64Array, b: number): number {
  let z = b;
  for (let k = 0; k < row.indices.length; k++) z += w[row.indices[k]!]! * row.values[k]!;
  return z;
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** The objective and its gradient at θ = (w…, b), the intercept last. */
function objective(rows: readonly SparseRow[], y: readonly number[], theta: Float64Array, dims: number, c: number): { f: number; g: Float64Array } {
  const g = new Float64Array(dims + 1);
  const b = theta[dims]!;
  let f = 0;
  for (let j = 0; j < dims; j++) {
    f += (theta[j]! * theta[j]!) / (2 * c);
    g[j] = theta[j]! / c;
  }
  rows.forEach((row, i) => {
    const z = dot(row, theta, b);
    // loss = log(1 + e^z) − y·z; its derivative in z is σ(z) − y.
    f += softplus(z) - y[i]! * z;
    const r = 1 / (1 + Math.exp(-z)) - y[i]!;
    for (let k = 0; k < row.indices.length; k++) g[row.indices[k]!]! += r * row.values[k]!;
    g[dims]! += r;
  });
  return { f, g };
}

function dotDense(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/** The L-BFGS two-loop recursion: an approximation of −H⁻¹g from the last few steps. */
function direction(g: Float64Array, history: readonly { s: Float64Array; y: Float64Array; rho: number }[]): Float64Array {
  const q = Float64Array.from(g);
  const alphas: number[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const { s, y, rho } = history[i]!;
    const a = rho * dotDense(s, q);
    alphas[i] = a;
    for (let j = 0; j < q.length; j++) q[j]! -= a * y[j]!;
  }
  const last = history[history.length - 1];
  const gamma = last ? dotDense(last.s, last.y) / dotDense(last.y, last.y) : 1 / Math.max(1, maxAbs(g));
  for (let j = 0; j < q.length; j++) q[j]! *= gamma;
  for (let i = 0; i < history.length; i++) {
    const { s, y, rho } = history[i]!;
    const beta = rho * dotDense(y, q);
    for (let j = 0; j < q.length; j++) q[j]! += s[j]! * (alphas[i]! - beta);
  }
  for (let j = 0; j < q.length; j++) q[j] = -q[j]!;
  return q;
}

/** Fits on rows with labels 0/1 over `dims` features. Deterministic: the same data gives the same model. */
export function fitLogistic(rows: readonly SparseRow[], y: readonly number[], dims: number, options: LogisticOptions = {}): LogisticFit {
  const c = options.c ?? 1;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-5;
  let theta = new Float64Array(dims + 1);
  let { f, g } = objective(rows, y, theta, dims, c);
  const history: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  let iterations = 0;
  // No further decrease at double precision: the optimum is reached even if the gradient test is stricter.
  let stalled = false;
  for (; iterations < maxIterations && maxAbs(g) > tolerance; iterations++) {
    let d = direction(g, history);
    let slope = dotDense(g, d);
    if (slope >= 0) {
      // Not a descent direction (curvature information gone stale): restart from steepest descent.
      history.length = 0;
      d = g.map((v) => -v);
      slope = dotDense(g, d);
    }
    // Backtracking line search with the Armijo condition.
    let step = 1;
    let next = theta.map((v, j) => v + step * d[j]!);
    let trial = objective(rows, y, next, dims, c);
    while (trial.f > f + 1e-4 * step * slope && step > 1e-12) {
      step /= 2;
      next = theta.map((v, j) => v + step * d[j]!);
      trial = objective(rows, y, next, dims, c);
    }
    const s = next.map((v, j) => v - theta[j]!);
    const yk = trial.g.map((v, j) => v - g[j]!);
    const sy = dotDense(s, yk);
    if (sy > 1e-12) history.push({ s, y: yk, rho: 1 / sy });
    if (history.length > 10) history.shift();
    theta = next;
    const improvement = f - trial.f;
    ({ f, g } = trial);
    if (improvement <= 1e-12 * Math.max(1, Math.abs(f))) {
      stalled = true;
      break;
    }
  }
  return { weights: Array.from(theta.subarray(0, dims)), intercept: theta[dims]!, iterations, converged: stalled || maxAbs(g) <= tolerance };
}

/** P(y = 1 | row). */
export function predictProbability(fit: Pick<LogisticFit, 'weights' | 'intercept'>, row: SparseRow): number {
  let z = fit.intercept;
  for (let k = 0; k < row.indices.length; k++) z += (fit.weights[row.indices[k]!] ?? 0) * row.values[k]!;
  return 1 / (1 + Math.exp(-z));
}
