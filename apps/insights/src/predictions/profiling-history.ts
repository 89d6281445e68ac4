import type { ConsentClient } from '@c360/consent-client';
import type { CustomerUpdatedEvent, TouchpointRef } from '@c360/contracts';
import type { CustomerIdentityView, TouchFactRepository } from '@c360/service-kit';
import { touchFactsOf } from '../domain/features/profile-minimisation';
import type { FeatureFactsRepository } from '../features/feature-facts.repository';
import type { RetentionMarkRepository } from '../privacy/retention-mark.repository';

/** A customer's whole history, as customer.updated carries touchpoints (touchpoint-store answers it). */
export interface TouchpointHistorySource {
  factsOf(customerId: string): Promise<TouchpointRef[]>;
}

/**
 * Restores what insights keeps for profiling when a customer allows it again. An objection removed
 * every fact kept of them, and none was kept while it stood, so without this their features would
 * start from the next update as if they had no past. The touchpoints insights lacks (by messageId,
 * over every id of the person) are recorded as their updates would have been, under the survivor,
 * but none older than the touch_facts retention cut-off insights was last given (and moved on since).
 * Recording does not score: the caller's refresh asks governance again after these writes, so a
 * withdrawal that lands meanwhile still removes what was restored.
 */
export class ProfilingHistory {
  constructor(
    private readonly deps: {
      source: TouchpointHistorySource;
      facts: Pick<FeatureFactsRepository, 'factsByCustomer' | 'recordUpdates'>;
      touches: Pick<TouchFactRepository, 'recordMany'>;
      identities: Pick<CustomerIdentityView, 'lineagesOf'>;
      consent: Pick<ConsentClient, 'check'>;
      /** The touch_facts retention cut-off in force: nothing older is restored. */
      marks: Pick<RetentionMarkRepository, 'cutoffAt'>;
      now?: () => Date;
    },
  ) {}

  /** The number of touchpoints restored; none unless governance says profiling is allowed now. */
  async restore(customerId: string): Promise<number> {
    const { deps } = this;
    if (!(await deps.consent.check({ customerId, purpose: 'profiling' })).allowed) return 0;
    const lineage = (await deps.identities.lineagesOf([customerId])).get(customerId) ?? [customerId];
    const kept = await deps.facts.factsByCustomer(lineage);
    const known = new Set([...kept.values()].flatMap((f) => f.touches.map((t) => t.messageId)));
    const now = deps.now?.() ?? new Date();
    const cutoff = (await deps.marks.cutoffAt('touch_facts', now))?.getTime() ?? -Infinity;
    const missing = (await deps.source.factsOf(customerId)).filter((t) => !known.has(t.messageId) && Date.parse(t.occurredAt) >= cutoff);
    if (missing.length === 0) return 0;
    const update: CustomerUpdatedEvent = { customerId, version: 0, mergedCustomerIds: [], touchpoints: missing, updatedAt: now.toISOString() };
    await deps.touches.recordMany(touchFactsOf([update]));
    await deps.facts.recordUpdates([update]);
    return missing.length;
  }
}
