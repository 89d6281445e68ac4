import type { ConsentClient } from '@c360/consent-client';
import { DateTimeScalar } from '@c360/contracts';
import type { CustomerAliasRepository, SubgraphResolvers } from '@c360/service-kit';
import type { DraftRepository } from '../store/draft.repository';

export function createResolvers(drafts: DraftRepository, aliases: CustomerAliasRepository, consent: ConsentClient): SubgraphResolvers {
  return {
    DateTime: DateTimeScalar,
    Customer: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      // A draft made before consent was withdrawn (or a restriction began) is not served.
      greeting: async (customer: { id: string }) =>
        (await consent.isAllowed({ customerId: customer.id, purpose: 'personalisation' })) ? drafts.latest(await aliases.expand(customer.id)) : null,
    },
  } as SubgraphResolvers;
}
