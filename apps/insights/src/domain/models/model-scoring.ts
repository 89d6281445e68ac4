import type { PredictionKind, ScoreBand } from '@c360/contracts';
import type { FeatureVector } from '../features/compute-features';
import { bandOf, type BandThresholds } from '../predictions/bands';
import { explain, type Contribution, type Explanation } from '../predictions/explanation';
import type { PropensityModel } from '../learning/propensity-model';
import { scoreFeatures } from './propensity';

/** The port to a lifetime-value model (BG/NBD with Gamma-Gamma): fitted on purchase summaries, read per customer. */
export interface ClvModel {
  name: string;
  fit(rows: readonly FeatureVector[], horizonDays: number, asOf: Date): Record<string, unknown>;
  /** Null for a customer the model says nothing about (no purchase yet). */
  predict(
    artifact: Record<string, unknown>,
    row: FeatureVector,
  ): { expectedValue: number; details: Record<string, number>; contributions: Contribution[] } | null;
}

/** What a deployment scores lifetime value with (propensity kinds use the learning module directly). */
export interface Learners {
  clv?: ClvModel;
}

/** What scoring needs of a stored model. */
export interface ScorableModel {
  kind: PredictionKind;
  learner: string;
  bands: BandThresholds;
  artifact: Record<string, unknown>;
}

export interface ModelScore {
  score: number;
  band: ScoreBand;
  explanation: Explanation;
  details: Record<string, number>;
}

/** One customer's score from one model, with its band and the factors behind it; null when the model does not apply to them. */
export function scoreWith(model: ScorableModel, features: FeatureVector, learners: Learners): ModelScore | null {
  if (model.kind === 'clv') {
    if (!learners.clv || learners.clv.name !== model.learner) throw new Error(`no lifetime-value model "${model.learner}" in this deployment`);
    const p = learners.clv.predict(model.artifact, features);
    if (!p) return null;
    return { score: p.expectedValue, band: bandOf(p.expectedValue, model.bands), explanation: explain('clv', p.contributions), details: p.details };
  }
  const p = scoreFeatures(model.artifact as unknown as PropensityModel, features);
  return { score: p.probability, band: bandOf(p.probability, model.bands), explanation: explain(model.kind, p.contributions), details: {} };
}
