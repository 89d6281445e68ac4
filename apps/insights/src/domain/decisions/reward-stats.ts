/** A rate with its 95% interval. */
export interface RateInterval {
  rate: number;
  low: number;
  high: number;
}

const Z95 = 1.959964;

/**
 * Wilson score interval for `successes` of `trials` (rewards in [0, 1] summed count as successes).
 * Unlike the normal approximation it stays inside [0, 1] and is sensible for small counts and rates
 * near 0, which is where reward rates of marketing actions live. Null without trials.
 */
export function wilsonInterval(successes: number, trials: number, z = Z95): RateInterval | null {
  if (trials <= 0) return null;
  const p = Math.min(1, Math.max(0, successes / trials));
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The difference of two rates (treated − holdout) with Newcombe's hybrid score interval, built from
 * the two Wilson intervals, which keeps its coverage when one group is small (a holdout usually is).
 */
export function upliftInterval(treated: RateInterval | null, holdout: RateInterval | null): RateInterval | null {
  if (!treated || !holdout) return null;
  const d = treated.rate - holdout.rate;
  return {
    rate: d,
    low: d - Math.sqrt((treated.rate - treated.low) ** 2 + (holdout.high - holdout.rate) ** 2),
    high: d + Math.sqrt((treated.high - treated.rate) ** 2 + (holdout.rate - holdout.low) ** 2),
  };
}
