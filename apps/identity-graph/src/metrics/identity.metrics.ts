import { metricOn } from '@c360/service-kit';
import { Counter, type Registry } from 'prom-client';

/** What identity resolution did, by kind (merges, matches sent to review...), and what stewards decided. */
export interface IdentityMetrics {
  resolutions: Counter<'kind'>;
  reviewDecisions: Counter<'decision'>;
}

export function identityMetrics(registry: Registry): IdentityMetrics {
  return {
    resolutions: metricOn(
      registry,
      'c360_identity_resolutions_total',
      () =>
        new Counter({
          name: 'c360_identity_resolutions_total',
          help: 'Touchpoints resolved, by outcome: create, attach, merge, probabilistic (merged on a match score), review (sent to a steward), replay',
          labelNames: ['kind'],
          registers: [registry],
        }),
    ),
    reviewDecisions: metricOn(
      registry,
      'c360_identity_review_decisions_total',
      () =>
        new Counter({
          name: 'c360_identity_review_decisions_total',
          help: "Stewards' decisions on identity reviews: merged, rejected, or refused (not found, already resolved, conflict)",
          labelNames: ['decision'],
          registers: [registry],
        }),
    ),
  };
}
