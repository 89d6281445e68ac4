import type { TouchFactRecord } from '../features/compute-features';

/**
 * What a propensity model predicts, read from the facts of the horizon after the cutoff:
 * churn is no touchpoint at all in it; conversion is at least one touchpoint of the chosen event.
 */
export type LabelSpec = { kind: 'churn' } | { kind: 'conversion'; conversionEvent: string };

export function labelOf(spec: LabelSpec, horizon: readonly TouchFactRecord[]): 0 | 1 {
  if (spec.kind === 'churn') return horizon.length === 0 ? 1 : 0;
  return horizon.some((t) => t.eventKey === spec.conversionEvent || t.type === spec.conversionEvent) ? 1 : 0;
}
