import type { GraphQLResolverMap } from '@apollo/subgraph';
import { DateTimeScalar } from '@c360/contracts';
import type { CustomerAliasRepository, SubgraphContext } from '@c360/service-kit';
import type { DraftRepository } from '../store/draft.repository';

export function createResolvers(drafts: DraftRepository, aliases: CustomerAliasRepository): GraphQLResolverMap<SubgraphContext> {
  return {
    DateTime: DateTimeScalar,
    Customer: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      greeting: async (customer: { id: string }) => drafts.latest(await aliases.expand(customer.id)),
    },
  } as GraphQLResolverMap<SubgraphContext>;
}
