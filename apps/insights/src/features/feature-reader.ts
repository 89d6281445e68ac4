import type { ConsentClient } from '@c360/consent-client';
import type { CustomerIdentityView } from '@c360/service-kit';
import type { FeatureVector } from '../domain/features/compute-features';
import type { FeatureVectorRepository } from './feature-vector.repository';

export interface CustomerFeatures {
  /** The survivor the features were computed for (the id asked about, unless it was merged away). */
  customerId: string;
  features: FeatureVector;
  featureSetVersion: number;
  computedAt: Date;
}

/**
 * The read API other insights modules (next best action, segments) use: a customer's current
 * features, followed through merges, or null when there are none or the customer does not allow
 * profiling (fail closed: a consent answer that cannot be had is a no).
 */
export class FeatureReader {
  constructor(private readonly deps: { vectors: FeatureVectorRepository; identities: CustomerIdentityView; consent: Pick<ConsentClient, 'isAllowed'> }) {}

  async featuresOf(customerId: string): Promise<CustomerFeatures | null> {
    const survivor = await this.deps.identities.survivorOf(customerId);
    if (!(await this.deps.consent.isAllowed({ customerId: survivor, purpose: 'profiling' }))) return null;
    const vector = await this.deps.vectors.get(survivor);
    return vector ? { ...vector, customerId: survivor } : null;
  }
}
