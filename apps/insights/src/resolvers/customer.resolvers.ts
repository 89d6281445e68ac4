import type { ConsentClient } from '@c360/consent-client';
import { CHANNEL_ENUM_VALUES, DateTimeScalar } from '@c360/contracts';
import type { CustomerIdentityView, TouchFactRepository } from '@c360/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { summariseEngagement } from '../domain/engagement';

export function createResolvers(touches: TouchFactRepository, identities: CustomerIdentityView, consent: ConsentClient): Resolvers {
  return {
    DateTime: DateTimeScalar,
    Channel: CHANNEL_ENUM_VALUES,
    Customer: {
      __resolveReference: (ref) => ({ id: ref.id }),
      engagement: async (customer) => {
        // Engagement profiles the customer: without profiling consent (or under a restriction, or when
        // governance cannot say) it is withheld, though the facts behind it are kept.
        if (!(await consent.isAllowed({ customerId: customer.id, purpose: 'profiling' }))) return { ...summariseEngagement([]), withheld: true };
        return { ...summariseEngagement(await touches.perChannel(await identities.expand(customer.id))), withheld: false };
      },
    },
  };
}
