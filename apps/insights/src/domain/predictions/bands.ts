import type { ScoreBand } from '@c360/contracts';

/** Upper bounds of the low and medium bands; a probability at or above `medium` is high. */
export interface BandThresholds {
  low: number;
  medium: number;
}

/** Probabilities: a third and two thirds, unless the model says otherwise. */
export const PROBABILITY_BANDS: BandThresholds = { low: 1 / 3, medium: 2 / 3 };

export function bandOf(score: number, thresholds: BandThresholds): ScoreBand {
  if (score < thresholds.low) return 'low';
  return score < thresholds.medium ? 'medium' : 'high';
}

/** Bands from a distribution (CLV): terciles of the scores the model was fitted on. */
export function tercileBands(scores: readonly number[]): BandThresholds {
  const sorted = [...scores].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { low: at(1 / 3), medium: at(2 / 3) };
}
