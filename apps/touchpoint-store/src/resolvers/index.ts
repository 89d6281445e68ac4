import { CHANNEL_ENUM_VALUES, DateTimeScalar } from '@c360/contracts';
import type { CustomerAliasRepository, SubgraphResolvers } from '@c360/service-kit';
import { GraphQLJSON } from 'graphql-scalars';
import type { TouchpointIntake } from '../http/touchpoint-intake';
import type { TouchpointRepository } from '../store/touchpoint.repository';
import { createCustomerResolvers } from './customer.resolvers';
import { createRecordTouchpointsResolver } from './record-touchpoints.resolver';

export function createResolvers(deps: { touchpoints: TouchpointRepository; aliases: CustomerAliasRepository; intake: TouchpointIntake }) {
  return {
    DateTime: DateTimeScalar,
    JSON: GraphQLJSON,
    Channel: CHANNEL_ENUM_VALUES,
    Customer: createCustomerResolvers(deps.touchpoints, deps.aliases),
    Mutation: { recordTouchpoints: createRecordTouchpointsResolver(deps.intake) },
  } as unknown as SubgraphResolvers;
}
