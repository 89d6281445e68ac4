import type { PredictionKind } from '@c360/contracts';
import { featureDefinition } from '../features/feature-definitions';
import type { FeatureValue } from '../features/compute-features';

/** One feature's push on one customer's score, in the model's own units (log-odds, SHAP value...). */
export interface Contribution {
  feature: string;
  effect: number;
  value: FeatureValue;
  /** What the value is for a typical customer of the training data (mean, or most common category). */
  typical: FeatureValue;
}

export interface Factor {
  feature: string;
  effect: number;
  /** The factor as a marketer reads it. */
  text: string;
}

export interface Explanation {
  raising: Factor[];
  lowering: Factor[];
}

const OUTCOME: Record<PredictionKind, string> = {
  churn: 'churn risk',
  conversion: 'likelihood to convert',
  clv: 'expected value',
  next_steps: 'likelihood to convert',
};

const show = (v: FeatureValue) => (v === null ? 'unknown' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : `"${v}"`);

/** "More web interactions in the last 30 days than typical (12 vs 3) raises churn risk." */
export function describeFactor(kind: PredictionKind, c: Contribution): string {
  const { phrase } = featureDefinition(c.feature);
  const verb = c.effect >= 0 ? 'raises' : 'lowers';
  if (c.value === null) return `${capitalise(phrase)} not known ${verb} ${OUTCOME[kind]}.`;
  if (typeof c.value === 'number' && typeof c.typical === 'number') {
    const comparison = c.value > c.typical ? 'higher than' : c.value < c.typical ? 'lower than' : 'the same as';
    return `${capitalise(phrase)} ${comparison} typical (${show(c.value)} vs ${show(c.typical)}) ${verb} ${OUTCOME[kind]}.`;
  }
  return `${capitalise(phrase)} ${show(c.value)} ${verb} ${OUTCOME[kind]}.`;
}

/** The `top` factors pushing the score up and the `top` pulling it down, strongest first. */
export function explain(kind: PredictionKind, contributions: readonly Contribution[], top = 3): Explanation {
  const sorted = [...contributions].filter((c) => Math.abs(c.effect) > 1e-9).sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  const factor = (c: Contribution): Factor => ({ feature: c.feature, effect: Math.round(c.effect * 1e4) / 1e4, text: describeFactor(kind, c) });
  return {
    raising: sorted
      .filter((c) => c.effect > 0)
      .slice(0, top)
      .map(factor),
    lowering: sorted
      .filter((c) => c.effect < 0)
      .slice(0, top)
      .map(factor),
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
