import type { ConsentClient } from '@c360/consent-client';
import { DateTimeScalar } from '@c360/contracts';
import type { CustomerAliasRepository, SubgraphResolvers } from '@c360/service-kit';
import type { DraftRepository } from '../store/draft.repository';

export function createResolvers(drafts: DraftRepository, aliases: CustomerAliasRepository, consent: ConsentClient): SubgraphResolvers {
  return {
    DateTime: DateTimeScalar,
    Customer: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      // A draft made before consent was withdrawn (or a restriction began) is not served. The
      // customer's own draft describes the whole person; one under a merged-away id is an older view,
      // served only until the survivor has its own (a late event for that id may still write one).
      greeting: async (customer: { id: string }) => {
        if (!(await consent.isAllowed({ customerId: customer.id, purpose: 'personalisation' }))) return null;
        return (await drafts.latest([customer.id])) ?? drafts.latest(await aliases.expand(customer.id));
      },
    },
  } as SubgraphResolvers;
}
