import { CHANNEL_ENUM_VALUES, DateTimeScalar } from '@c360/contracts';
import type { CustomerAliasRepository, SubgraphResolvers, TouchFactRepository } from '@c360/service-kit';
import { summariseEngagement } from '../domain/engagement';

export function createResolvers(touches: TouchFactRepository, aliases: CustomerAliasRepository): SubgraphResolvers {
  return {
    DateTime: DateTimeScalar,
    Channel: CHANNEL_ENUM_VALUES,
    Customer: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      engagement: async (customer: { id: string }) => summariseEngagement(await touches.perChannel(await aliases.expand(customer.id))),
    },
  } as SubgraphResolvers;
}
