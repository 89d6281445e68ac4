import { DateTimeScalar } from '@c360/contracts';
import type { CustomerAliasRepository, SubgraphResolvers } from '@c360/service-kit';
import type { DraftRepository } from '../store/draft.repository';

export function createResolvers(drafts: DraftRepository, aliases: CustomerAliasRepository): SubgraphResolvers {
  return {
    DateTime: DateTimeScalar,
    Customer: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      greeting: async (customer: { id: string }) => drafts.latest(await aliases.expand(customer.id)),
    },
  } as SubgraphResolvers;
}
