import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { FeatureValue, FeatureVector } from '../features/compute-features';
import type { Contribution } from '../predictions/explanation';

/**
 * The port between the model registry and a learner: train on feature rows and 0/1 labels into a
 * JSON artifact the registry stores, and score a row with the probability and each feature's
 * contribution. The service depends on this shape only, so the learner behind it (this regularised
 * logistic regression, or the learning module's gradient-boosted trees) is swapped in one place.
 */
export interface PropensityArtifact {
  learner: string;
  [key: string]: unknown;
}

export interface PropensityScore {
  probability: number;
  contributions: Contribution[];
}

export interface PropensityLearner {
  name: string;
  train(rows: readonly FeatureVector[], labels: readonly number[]): PropensityArtifact;
  score(artifact: PropensityArtifact, row: FeatureVector): PropensityScore;
}

interface Column {
  feature: string;
  /** For a one-hot column, the category it stands for; '' for the numeric value itself. */
  level?: string;
  mean: number;
  scale: number;
}

interface LogisticArtifact extends PropensityArtifact {
  learner: 'logistic';
  columns: Column[];
  weights: number[];
  intercept: number;
  /** Per source feature: its mean (numeric) or most common category, to say what "typical" is. */
  typical: Record<string, FeatureValue>;
}

const MAX_LEVELS = 20;
const MISSING = '(missing)';
const OTHER = '(other)';

function raw(column: Column, value: FeatureValue | undefined): number {
  if (column.level === undefined) return typeof value === 'number' ? value : Number.NaN;
  const category = value === null || value === undefined ? MISSING : String(value);
  return category === column.level ? 1 : 0;
}

/** Numeric features standardised (missing at the mean), categorical ones one-hot over their frequent levels. */
function fitColumns(rows: readonly FeatureVector[]): { columns: Column[]; typical: Record<string, FeatureValue> } {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort();
  const columns: Column[] = [];
  const typical: Record<string, FeatureValue> = {};
  for (const feature of names) {
    const values = rows.map((r) => r[feature] ?? null);
    const numbers = values.filter((v): v is number => typeof v === 'number');
    if (values.some((v) => typeof v === 'string')) {
      const counts = new Map<string, number>();
      for (const v of values) counts.set(v === null ? MISSING : String(v), (counts.get(v === null ? MISSING : String(v)) ?? 0) + 1);
      const levels = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_LEVELS);
      typical[feature] = levels[0]?.[0] ?? null;
      for (const [level, n] of levels) columns.push(standardised({ feature, level, mean: n / rows.length, scale: 1 }, rows));
      continue;
    }
    if (numbers.length === 0) continue;
    const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
    typical[feature] = Math.round(mean * 100) / 100;
    columns.push(standardised({ feature, mean, scale: 1 }, rows));
  }
  return { columns, typical };
}

function standardised(column: Column, rows: readonly FeatureVector[]): Column {
  const xs = rows.map((r) => raw(column, r[column.feature])).map((x) => (Number.isNaN(x) ? column.mean : x));
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
  return { ...column, mean, scale: sd > 1e-12 ? sd : 1 };
}

function encode(columns: readonly Column[], row: FeatureVector): number[] {
  return columns.map((c) => {
    const x = raw(c, row[c.feature]);
    return Number.isNaN(x) ? 0 : (x - c.mean) / c.scale;
  });
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * L2-regularised logistic regression with an unpenalised intercept, fitted by Newton's method
 * (iteratively reweighted least squares): a handful of exact steps on standardised columns, no
 * learning rate to tune. Written here because ml-matrix has the linear algebra but no classifier.
 */
export function logisticLearner(lambda = 1): PropensityLearner {
  return {
    name: 'logistic',
    train(rows, labels) {
      const { columns, typical } = fitColumns(rows);
      const X = rows.map((r) => [1, ...encode(columns, r)]);
      const d = columns.length + 1;
      let w = new Array<number>(d).fill(0);
      for (let iter = 0; iter < 25; iter++) {
        const H = Matrix.zeros(d, d);
        const g = new Array<number>(d).fill(0);
        X.forEach((x, i) => {
          const p = sigmoid(x.reduce((s, xj, j) => s + xj * (w[j] as number), 0));
          const [err, weight] = [p - (labels[i] as number), Math.max(p * (1 - p), 1e-9)];
          for (let j = 0; j < d; j++) {
            g[j] = (g[j] as number) + err * (x[j] as number);
            for (let k = j; k < d; k++) H.set(j, k, H.get(j, k) + weight * (x[j] as number) * (x[k] as number));
          }
        });
        for (let j = 0; j < d; j++) {
          for (let k = 0; k < j; k++) H.set(j, k, H.get(k, j));
          if (j > 0) {
            H.set(j, j, H.get(j, j) + lambda);
            g[j] = (g[j] as number) + lambda * (w[j] as number);
          }
        }
        const step = new CholeskyDecomposition(H).solve(Matrix.columnVector(g)).to1DArray();
        w = w.map((wj, j) => wj - (step[j] as number));
        if (Math.max(...step.map(Math.abs)) < 1e-7) break;
      }
      const artifact: LogisticArtifact = { learner: 'logistic', columns, weights: w.slice(1), intercept: w[0] as number, typical };
      return artifact;
    },
    score(artifact, row) {
      const a = artifact as LogisticArtifact;
      const z = encode(a.columns, row);
      const byFeature = new Map<string, number>();
      a.columns.forEach((c, j) => byFeature.set(c.feature, (byFeature.get(c.feature) ?? 0) + (a.weights[j] as number) * (z[j] as number)));
      const logit = a.intercept + [...byFeature.values()].reduce((s, v) => s + v, 0);
      return {
        probability: sigmoid(logit),
        contributions: [...byFeature.entries()].map(([feature, effect]) => ({ feature, effect, value: row[feature] ?? null, typical: a.typical[feature] ?? null })),
      };
    },
  };
}

/** Global importance of a linear model: mean absolute contribution per feature over the rows given. */
export function meanAbsoluteContributions(learner: PropensityLearner, artifact: PropensityArtifact, rows: readonly FeatureVector[]): { feature: string; importance: number }[] {
  const totals = new Map<string, number>();
  for (const row of rows) for (const c of learner.score(artifact, row).contributions) totals.set(c.feature, (totals.get(c.feature) ?? 0) + Math.abs(c.effect));
  return [...totals.entries()]
    .map(([feature, total]) => ({ feature, importance: Math.round((total / Math.max(rows.length, 1)) * 1e4) / 1e4 }))
    .sort((a, b) => b.importance - a.importance);
}
