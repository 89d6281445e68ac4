import { z } from 'zod';

/**
 * Golden-record survivorship, one policy for every service that picks a customer's value of an
 * attribute from several observations: identity-graph (`Customer.goldenRecord`) and insights (the
 * golden-record traits models read). Read from the same `SOURCE_TRUST` variable by both.
 */

/** Trust per source system (a touchpoint's `source`, else its channel): higher wins; unknown sources rank 0. */
export type SourceTrust = Readonly<Record<string, number>>;

export const DEFAULT_SOURCE_TRUST: SourceTrust = { crm: 100, pos: 80, call_center: 70, store: 70, app: 50, web: 40 };

/** `SOURCE_TRUST`: a JSON object of source to trust (0-1000). */
export const sourceTrustSchema = z.record(z.string(), z.number().int().min(0).max(1000));

/** Survivorship order: the more trusted source first, then the more recent observation. */
export function survivorshipOrder(trust: SourceTrust) {
  return (a: { source: string; observedAt: Date }, b: { source: string; observedAt: Date }): number =>
    (trust[b.source] ?? 0) - (trust[a.source] ?? 0) || b.observedAt.getTime() - a.observedAt.getTime();
}
