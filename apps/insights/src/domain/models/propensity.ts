import type { FeatureVector } from '../features/compute-features';
import { scorePropensity, type LearnerKind, type PropensityModel } from '../learning/propensity-model';
import { trainPropensityModel, type TrainResult } from '../learning/train-propensity';
import type { Contribution } from '../predictions/explanation';

/** The label column added to feature rows for training; no feature is named like it. */
const LABEL = '__label';

export type LearnerChoice = LearnerKind | 'auto';

/**
 * Churn and conversion models are the learning module's propensity models trained on feature rows:
 * its stratified hold-out (seed), learner choice by cross-validation on the training part, metrics on
 * the hold-out and importance from hold-out explanations.
 */
export function trainOnFeatures(
  rows: readonly FeatureVector[],
  labels: readonly number[],
  options: { learner: LearnerChoice; seed: number; cvFolds?: number },
): TrainResult {
  const table = rows.map((row, i) => ({ ...row, [LABEL]: labels[i] }));
  return trainPropensityModel(table, { target: LABEL, positive: 1, model: options.learner, seed: options.seed, cvFolds: options.cvFolds ?? 3 });
}

/** A customer's probability and each feature's push on its log-odds, with what is typical for comparison. */
export function scoreFeatures(model: PropensityModel, row: FeatureVector): { probability: number; contributions: Contribution[] } {
  const scored = scorePropensity(model, row);
  const typical = new Map(model.encoding.columns.map((c) => [c.name, c.kind === 'numeric' ? c.median : (c.levels[0] ?? null)] as const));
  return {
    probability: scored.probability,
    contributions: scored.contributions.map((c) => ({
      feature: c.feature,
      effect: c.contribution,
      value: row[c.feature] ?? null,
      typical: typical.get(c.feature) ?? null,
    })),
  };
}
