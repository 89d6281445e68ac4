import { CHANNEL_ENUM_VALUES, DateTimeScalar } from '@c360/contracts';
import type { CustomerAliasRepository, SubgraphContext, TouchFactRepository } from '@c360/service-kit';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { summariseEngagement } from '../domain/engagement';

export function createResolvers(touches: TouchFactRepository, aliases: CustomerAliasRepository): GraphQLResolverMap<SubgraphContext> {
  return {
    DateTime: DateTimeScalar,
    Channel: CHANNEL_ENUM_VALUES,
    Customer: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      engagement: async (customer: { id: string }) => summariseEngagement(await touches.perChannel(await aliases.expand(customer.id))),
    },
  } as GraphQLResolverMap<SubgraphContext>;
}
