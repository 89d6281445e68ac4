export interface CountComparison {
  actualTotal: number;
  predictedTotal: number;
  mae: number;
  rmse: number;
  /** Pearson correlation; NaN when either side is constant. */
  correlation: number;
}

/** Per-customer errors and correlation between actual and predicted counts (paired by position). */
export function compareCounts(actual: readonly number[], predicted: readonly number[]): CountComparison {
  const n = actual.length;
  if (n === 0 || predicted.length !== n) throw new RangeError('need as many predictions as actual counts, at least one');
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  const actualTotal = sum(actual);
  const predictedTotal = sum(predicted);
  const [ma, mp] = [actualTotal / n, predictedTotal / n];
  let abs = 0;
  let sq = 0;
  let cov = 0;
  let va = 0;
  let vp = 0;
  for (let i = 0; i < n; i += 1) {
    const [a, p] = [actual[i] ?? 0, predicted[i] ?? 0];
    abs += Math.abs(p - a);
    sq += (p - a) ** 2;
    cov += (a - ma) * (p - mp);
    va += (a - ma) ** 2;
    vp += (p - mp) ** 2;
  }
  return { actualTotal, predictedTotal, mae: abs / n, rmse: Math.sqrt(sq / n), correlation: cov / Math.sqrt(va * vp) };
}
