import { stratifiedKFold } from './stratified-split';
import { cellText } from './tabular-columns';

/**
 * Smoothed outcome rate per level of a high-cardinality categorical column: what a capped one-hot loses in
 * its rare bucket. Rows used to train see rates fitted on the other folds only (out-of-fold), since a
 * level's in-sample rate contains the row's own label and would teach the learner to trust it blindly.
 */
export interface TargetRates {
  levels: string[];
  rates: number[];
  /** Positive rate of all training rows: what a level never seen (or seldom seen) falls back to. */
  prior: number;
}

/** Pseudo-rows of the prior blended into each level: a level seen 20 times is half its own rate, half the prior. */
export const TARGET_RATE_SMOOTHING = 20;
const MISSING_KEY = '\u0000missing';

function keyOf(value: unknown): string {
  return cellText(value) ?? MISSING_KEY;
}

export function fitTargetRates(values: readonly unknown[], labels: readonly number[]): TargetRates {
  const prior = labels.reduce((sum, y) => sum + y, 0) / Math.max(1, labels.length);
  const totals = new Map<string, [number, number]>();
  values.forEach((value, i) => {
    const key = keyOf(value);
    const [count, positives] = totals.get(key) ?? [0, 0];
    totals.set(key, [count + 1, positives + (labels[i] as number)]);
  });
  const levels = [...totals.keys()].sort();
  const rates = levels.map((level) => {
    const [count, positives] = totals.get(level) as [number, number];
    return (positives + TARGET_RATE_SMOOTHING * prior) / (count + TARGET_RATE_SMOOTHING);
  });
  return { levels, rates, prior };
}

// Scoring looks a level up once per row; a stored model is plain arrays, so the index is built on first use.
const indexes = new WeakMap<TargetRates, Map<string, number>>();

export function targetRateOf(stats: TargetRates, value: unknown): number {
  let index = indexes.get(stats);
  if (index === undefined) {
    index = new Map(stats.levels.map((level, i) => [level, stats.rates[i] as number]));
    indexes.set(stats, index);
  }
  return index.get(keyOf(value)) ?? stats.prior;
}

/** Each row's rate as fitted on the other folds (stratified by label, seeded). */
export function outOfFoldTargetRates(values: readonly unknown[], labels: readonly number[], folds: number, seed: number): Float64Array {
  const out = new Float64Array(values.length);
  for (const { train, test } of stratifiedKFold(labels, folds, seed)) {
    const stats = fitTargetRates(
      train.map((i) => values[i]),
      train.map((i) => labels[i] as number),
    );
    for (const i of test) out[i] = targetRateOf(stats, values[i]);
  }
  return out;
}
