import type { PrivacyHandlers } from '@c360/service-kit';
import type { PrivacyRepository } from '../store/privacy.repository';

/** identity-graph's part of data-subject requests: its customers, identifiers and touchpoint traits. */
export function createIdentityPrivacyHandlers(privacy: PrivacyRepository): PrivacyHandlers {
  return {
    service: 'identity-graph',
    erase: (job) => privacy.erase(job.customerIds),
    verify: (job) => privacy.remaining(job.customerIds),
    export: async (job) => ({ customers: await privacy.held(job.customerIds) }),
    // No retention class is held here: identities live as long as the customer (erasure removes them).
    retention: () => Promise.resolve(0),
  };
}
