import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { normalCdf, normalPdf, standardNormal } from './normal-distribution';

/**
 * Linear Thompson sampling with a disjoint model per arm (an action on a channel): each arm keeps
 * A = λI + Σ x xᵀ and b = Σ r x over the decisions it was chosen for; its coefficients have the
 * posterior N(A⁻¹b, v²A⁻¹) (Agrawal & Goyal 2013). For a customer x, an arm's expected reward xᵀθ is
 * therefore normal with mean xᵀA⁻¹b and variance v²·xᵀA⁻¹x, and arms are independent, so a
 * decision draws one number per arm rather than a whole θ.
 *
 * Independence also gives the probability each arm had of being chosen exactly (one integral per
 * arm, below), so every decision logs a true propensity and off-policy evaluation (IPS, doubly
 * robust) can be run on the log. A share ε of decisions is uniform, so no propensity is below ε/K.
 */
export const POLICY_NAME = 'linear-thompson';

export interface ArmState {
  /** A, row-major, d×d. */
  a: number[];
  b: number[];
  /** Rewards observed. */
  n: number;
}

export interface PolicySettings {
  /** v: the posterior's scale, how boldly uncertain arms are tried. */
  exploration: number;
  /** Share of decisions made uniformly at random. */
  epsilon: number;
}

export interface ScoreDistribution {
  mean: number;
  sd: number;
}

export interface Choice {
  index: number;
  propensity: number;
  propensities: number[];
}

export function priorArm(dimension: number, lambda = 1): ArmState {
  const a = new Array<number>(dimension * dimension).fill(0);
  for (let i = 0; i < dimension; i++) a[i * dimension + i] = lambda;
  return { a, b: new Array<number>(dimension).fill(0), n: 0 };
}

/** What one reward adds to an arm: x xᵀ to A and r·x to b. Additive, so stores apply it with $inc in any order. */
export function rewardDelta(x: readonly number[], reward: number): { a: number[]; b: number[] } {
  const a: number[] = [];
  for (const xi of x) for (const xj of x) a.push(xi * xj);
  return { a, b: x.map((xi) => reward * xi) };
}

export function applyDelta(state: ArmState, delta: { a: readonly number[]; b: readonly number[] }): ArmState {
  return { a: state.a.map((v, i) => v + (delta.a[i] ?? 0)), b: state.b.map((v, i) => v + (delta.b[i] ?? 0)), n: state.n + 1 };
}

/** The distribution of xᵀθ under the arm's posterior (sd already scaled by v). */
export function scoreDistribution(state: ArmState, x: readonly number[], exploration: number): ScoreDistribution {
  const d = x.length;
  if (state.b.length !== d || state.a.length !== d * d) throw new Error(`arm state of dimension ${state.b.length} for a vector of ${d}`);
  const rows = Array.from({ length: d }, (_, i) => state.a.slice(i * d, i * d + d));
  const chol = new CholeskyDecomposition(new Matrix(rows));
  if (!chol.isPositiveDefinite()) throw new Error('arm state is not positive definite');
  const mu = chol.solve(Matrix.columnVector(state.b)).getColumn(0);
  const ainvX = chol.solve(Matrix.columnVector([...x])).getColumn(0);
  const mean = x.reduce((s, xi, i) => s + xi * (mu[i] ?? 0), 0);
  const variance = x.reduce((s, xi, i) => s + xi * (ainvX[i] ?? 0), 0);
  return { mean, sd: exploration * Math.sqrt(Math.max(variance, 0)) };
}

const GRID = 120;
/** Beyond this many sd a normal's mass (about 1e-15) no longer changes a propensity. */
const REACH = 8;

/**
 * P(arm k's draw is the largest) for independent normal draws: ∫ pdf_k(s) Π_{j≠k} cdf_j(s) ds, by
 * Simpson's rule over ±8 sd of arm k. An arm whose highest plausible draw is below another arm's
 * lowest gets 0 without integrating, which once the model has learnt is most arms. Arms with sd 0
 * are point masses and handled apart.
 */
export function thompsonPropensities(scores: readonly ScoreDistribution[]): number[] {
  const k = scores.length;
  if (k === 1) return [1];
  const floor = Math.max(...scores.map(({ mean, sd }) => mean - REACH * sd));
  const cdf = (j: number, s: number) => {
    const { mean, sd } = scores[j] as ScoreDistribution;
    return sd > 0 ? normalCdf((s - mean) / sd) : s >= mean ? 1 : 0;
  };
  const raw = scores.map(({ mean, sd }, i) => {
    if (sd <= 0) return scores.every((o, j) => j === i || (o.sd <= 0 ? o.mean < mean : false)) ? 1 : 0;
    if (mean + REACH * sd < floor) return 0;
    const lo = mean - REACH * sd;
    const h = (2 * REACH * sd) / GRID;
    let sum = 0;
    for (let g = 0; g <= GRID; g++) {
      const s = lo + g * h;
      let f = normalPdf((s - mean) / sd) / sd;
      for (let j = 0; j < k && f > 0; j++) if (j !== i) f *= cdf(j, s);
      sum += f * (g === 0 || g === GRID ? 1 : g % 2 === 1 ? 4 : 2);
    }
    return (sum * h) / 3;
  });
  const total = raw.reduce((s, p) => s + p, 0);
  return total > 0 ? raw.map((p) => p / total) : raw.map(() => 1 / k);
}

/** Draws one arm: uniformly with probability ε, else the largest Thompson draw; with the probability it had. */
export function chooseArm(scores: readonly ScoreDistribution[], settings: PolicySettings, random: () => number): Choice {
  const k = scores.length;
  if (k === 0) throw new Error('no arm to choose from');
  const ts = thompsonPropensities(scores);
  const propensities = ts.map((p) => (1 - settings.epsilon) * p + settings.epsilon / k);
  let index: number;
  if (random() < settings.epsilon) index = Math.min(k - 1, Math.floor(random() * k));
  else {
    const draws = scores.map(({ mean, sd }) => mean + sd * standardNormal(random));
    index = draws.reduce((best, v, i) => (v > (draws[best] as number) ? i : best), 0);
  }
  return { index, propensity: propensities[index] as number, propensities };
}
