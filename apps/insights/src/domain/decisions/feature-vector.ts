import type { Literal } from './eligibility-rule';

/** Features beyond this magnitude are clipped: one wild value must not dominate a linear model. */
const CLIP = 10;

/**
 * The bandit's context: a bias term, then each configured feature, read from the customer's
 * features or else from a numeric value in the request's context; a missing value is 0.
 */
export function featureVector(names: readonly string[], features: Readonly<Record<string, number>>, context: Readonly<Record<string, Literal>>): number[] {
  return [
    1,
    ...names.map((name) => {
      const value = Object.prototype.hasOwnProperty.call(features, name) ? features[name] : context[name];
      return typeof value === 'number' && Number.isFinite(value) ? Math.max(-CLIP, Math.min(CLIP, value)) : 0;
    }),
  ];
}
