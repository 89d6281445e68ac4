/**
 * Nelder–Mead simplex minimiser. Written here because no maintained optimiser is among the
 * project's dependencies, and the likelihoods it serves are cheap, smooth and low-dimensional
 * (3–4 log-parameters): a derivative-free simplex needs no hand-written gradients of log-gamma
 * sums and copes with the flat ridges sparse data gives. Restarting from the best vertex until a
 * restart stops improving guards against the simplex collapsing early, the method's known failure.
 */
export interface MinimiseResult {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

export interface MinimiseOptions {
  initialStep?: number;
  tolerance?: number;
  maxIterations?: number;
  maxRestarts?: number;
}

const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

export function minimiseNelderMead(f: (x: number[]) => number, start: readonly number[], options: MinimiseOptions = {}): MinimiseResult {
  const { initialStep = 0.5, tolerance = 1e-10, maxIterations = 5000, maxRestarts = 10 } = options;
  let best = runSimplex(f, [...start], initialStep, tolerance, maxIterations);
  let iterations = best.iterations;
  for (let restart = 0; restart < maxRestarts; restart += 1) {
    const next = runSimplex(f, best.x, initialStep, tolerance, maxIterations);
    iterations += next.iterations;
    const improved = best.value - next.value > tolerance * (1 + Math.abs(best.value));
    if (next.value < best.value) best = next;
    if (!improved) return { ...best, iterations, converged: best.converged };
  }
  return { ...best, iterations, converged: false };
}

interface Vertex {
  x: number[];
  value: number;
}

function runSimplex(f: (x: number[]) => number, start: number[], step: number, tolerance: number, maxIterations: number): MinimiseResult {
  const evaluate = (x: number[]): Vertex => ({ x, value: finiteOrInfinity(f(x)) });
  const simplex: Vertex[] = [evaluate(start)];
  for (let i = 0; i < start.length; i += 1) simplex.push(evaluate(start.map((v, j) => (j === i ? v + step : v))));
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    simplex.sort((p, q) => p.value - q.value);
    const lowest = simplex[0] as Vertex;
    const highest = simplex[simplex.length - 1] as Vertex;
    if (Math.abs(highest.value - lowest.value) <= tolerance * (Math.abs(lowest.value) + tolerance) && spread(simplex) <= Math.sqrt(tolerance)) {
      return { x: lowest.x, value: lowest.value, iterations: iteration, converged: true };
    }
    simplex[simplex.length - 1] = nextVertex(evaluate, simplex);
  }
  simplex.sort((p, q) => p.value - q.value);
  const lowest = simplex[0] as Vertex;
  return { x: lowest.x, value: lowest.value, iterations: maxIterations, converged: false };
}

/** One Nelder–Mead step: reflect the worst vertex, expand or contract, else shrink towards the best (mutating the others). */
function nextVertex(evaluate: (x: number[]) => Vertex, simplex: Vertex[]): Vertex {
  const n = simplex.length - 1;
  const worst = simplex[n] as Vertex;
  const best = simplex[0] as Vertex;
  const secondWorst = simplex[n - 1] as Vertex;
  const centroid = worst.x.map((_, j) => simplex.slice(0, n).reduce((sum, v) => sum + (v.x[j] ?? 0), 0) / n);
  const along = (t: number): number[] => centroid.map((c, j) => c + t * (c - (worst.x[j] ?? 0)));
  const reflected = evaluate(along(REFLECT));
  if (reflected.value < best.value) {
    const expanded = evaluate(along(EXPAND));
    return expanded.value < reflected.value ? expanded : reflected;
  }
  if (reflected.value < secondWorst.value) return reflected;
  const outside = reflected.value < worst.value;
  const contracted = evaluate(along(outside ? CONTRACT : -CONTRACT));
  if (contracted.value < (outside ? reflected.value : worst.value)) return contracted;
  for (let i = 1; i < n; i += 1) {
    const v = simplex[i] as Vertex;
    simplex[i] = evaluate(v.x.map((xj, j) => (best.x[j] ?? 0) + SHRINK * (xj - (best.x[j] ?? 0))));
  }
  return evaluate(worst.x.map((xj, j) => (best.x[j] ?? 0) + SHRINK * (xj - (best.x[j] ?? 0))));
}

function spread(simplex: readonly Vertex[]): number {
  const first = (simplex[0] as Vertex).x;
  return Math.max(...simplex.map((v) => Math.max(...v.x.map((xj, j) => Math.abs(xj - (first[j] ?? 0))))));
}

function finiteOrInfinity(value: number): number {
  return Number.isFinite(value) ? value : Infinity;
}
