/** Metrics of predicted probabilities against 0/1 labels. Every function expects equal, non-empty arrays. */

function assertPaired(labels: readonly number[], scores: readonly number[]): void {
  if (labels.length !== scores.length) throw new RangeError(`labels (${labels.length}) and scores (${scores.length}) differ in length`);
  if (labels.length === 0) throw new RangeError('no predictions to score');
}

function countPositives(labels: readonly number[]): number {
  return labels.reduce((sum, y) => sum + (y === 1 ? 1 : 0), 0);
}

/** Indices ordered by score, highest first; ties keep input order so results are deterministic. */
function byScoreDescending(scores: readonly number[]): number[] {
  return scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

/**
 * ROC-AUC as the Mann–Whitney statistic with mid-ranks, so a tied positive/negative pair counts one half.
 * NaN when only one class is present (the area is undefined).
 */
export function rocAuc(labels: readonly number[], scores: readonly number[]): number {
  assertPaired(labels, scores);
  const positives = countPositives(labels);
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positiveRankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) if (labels[order[i] as number] === 1) positiveRankSum += midRank;
    start = end + 1;
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Average precision (area under the precision–recall curve as a step sum): Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct
 * score thresholds, the definition scikit-learn uses; tied scores enter together. NaN without positives.
 */
export function averagePrecision(labels: readonly number[], scores: readonly number[]): number {
  assertPaired(labels, scores);
  const positives = countPositives(labels);
  if (positives === 0) return Number.NaN;
  const order = byScoreDescending(scores);
  let truePositives = 0;
  let seen = 0;
  let previousRecall = 0;
  let sum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    for (let i = start; i <= end; i++) truePositives += labels[order[i] as number] === 1 ? 1 : 0;
    seen = end + 1;
    const recall = truePositives / positives;
    sum += (recall - previousRecall) * (truePositives / seen);
    previousRecall = recall;
    start = end + 1;
  }
  return sum;
}

/** Mean squared difference between probability and outcome (0 is perfect; 0.25 is a constant 0.5). */
export function brierScore(labels: readonly number[], probabilities: readonly number[]): number {
  assertPaired(labels, probabilities);
  return probabilities.reduce((sum, p, i) => sum + (p - (labels[i] as number)) ** 2, 0) / labels.length;
}

/** Mean negative log-likelihood, probabilities clipped away from 0 and 1 so one confident miss stays finite. */
export function logLoss(labels: readonly number[], probabilities: readonly number[]): number {
  assertPaired(labels, probabilities);
  const eps = 1e-15;
  const total = probabilities.reduce((sum, p, i) => {
    const q = Math.min(1 - eps, Math.max(eps, p));
    return sum - (labels[i] === 1 ? Math.log(q) : Math.log(1 - q));
  }, 0);
  return total / labels.length;
}

export interface CalibrationBin {
  /** 1 = the tenth with the lowest predicted probabilities, 10 = the highest. */
  decile: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Index ranges of `bins` near-equal groups of n sorted items (the first n mod bins groups get one more). */
function equalCountRanges(n: number, bins: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let b = 0; b < bins; b++) {
    const size = Math.floor(n / bins) + (b < n % bins ? 1 : 0);
    ranges.push([start, start + size]);
    start += size;
  }
  return ranges;
}

/**
 * Predictions sorted by probability and cut into ten groups of (near) equal count; each group's mean
 * prediction beside its observed positive rate. Empty groups (fewer than ten rows) are left out.
 */
export function calibrationByDecile(labels: readonly number[], probabilities: readonly number[]): CalibrationBin[] {
  assertPaired(labels, probabilities);
  const order = byScoreDescending(probabilities).reverse();
  return equalCountRanges(order.length, 10)
    .map(([from, to], b) => {
      const members = order.slice(from, to);
      const mean = (pick: (i: number) => number) => members.reduce((sum, i) => sum + pick(i), 0) / members.length;
      return { decile: b + 1, count: members.length, meanPredicted: mean((i) => probabilities[i] as number), observedRate: mean((i) => labels[i] as number) };
    })
    .filter((bin) => bin.count > 0);
}

/**
 * Positive rate among the top tenth by score (ceil(n/10) rows, ties broken by input order) divided by the
 * overall positive rate: 1 is no better than random targeting. NaN without positives.
 */
export function liftTopDecile(labels: readonly number[], scores: readonly number[]): number {
  assertPaired(labels, scores);
  const positives = countPositives(labels);
  if (positives === 0) return Number.NaN;
  const top = byScoreDescending(scores).slice(0, Math.ceil(labels.length / 10));
  const topRate = top.reduce((sum, i) => sum + (labels[i] as number), 0) / top.length;
  return topRate / (positives / labels.length);
}

export interface ClassificationMetrics {
  count: number;
  positives: number;
  rocAuc: number;
  prAuc: number;
  brier: number;
  logLoss: number;
  liftTopDecile: number;
  calibration: CalibrationBin[];
}

export function classificationMetrics(labels: readonly number[], probabilities: readonly number[]): ClassificationMetrics {
  return {
    count: labels.length,
    positives: countPositives(labels),
    rocAuc: rocAuc(labels, probabilities),
    prAuc: averagePrecision(labels, probabilities),
    brier: brierScore(labels, probabilities),
    logLoss: logLoss(labels, probabilities),
    liftTopDecile: liftTopDecile(labels, probabilities),
    calibration: calibrationByDecile(labels, probabilities),
  };
}
