import { CHANNEL_ENUM_VALUES, CHANNEL_FAMILY_ENUM_VALUES, DateTimeScalar } from '@c360/contracts';
import type { CustomerIdentityView } from '@c360/service-kit';
import { GraphQLJSON } from 'graphql-scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import type { EventSchemaRegistry } from '../intake/event-schema-registry';
import type { QuarantineReplay } from '../intake/quarantine-replay';
import type { TouchpointIntake } from '../intake/touchpoint-intake';
import type { QuarantineRepository } from '../store/quarantine.repository';
import type { TouchpointRepository } from '../store/touchpoint.repository';
import type { CustomerJourneyRepository } from '../store/customer-journey.repository';
import type { StageRule } from '../domain/journey-stage';
import type { AnalyticsRepository } from '../store/analytics.repository';
import type { IngestReconciliation } from '../intake/ingest-reconciliation';
import { createAnalyticsResolvers } from './analytics.resolvers';
import { createCustomerResolvers } from './customer.resolvers';
import { createQuarantineResolvers } from './quarantine.resolvers';
import { createReconciliationResolvers } from './reconciliation.resolvers';
import { createRecordTouchpointsResolver } from './record-touchpoints.resolver';
import { createTouchpointTextResolvers } from '../texts/touchpoint-text.resolvers';
import type { TouchpointTextRepository } from '../texts/touchpoint-text.repository';

export interface ResolverDeps {
  touchpoints: TouchpointRepository;
  identities: CustomerIdentityView;
  intake: TouchpointIntake;
  quarantine: QuarantineRepository;
  replay: QuarantineReplay;
  registry: EventSchemaRegistry;
  reconciliation: IngestReconciliation;
  journeys: CustomerJourneyRepository;
  analytics: AnalyticsRepository;
  stageRules: readonly StageRule[];
  defaultGapMinutes: number;
  texts: TouchpointTextRepository;
}

export function createResolvers(deps: ResolverDeps): Resolvers {
  const quarantine = createQuarantineResolvers(deps);
  return {
    DateTime: DateTimeScalar,
    JSON: GraphQLJSON,
    Channel: CHANNEL_ENUM_VALUES,
    ChannelFamily: CHANNEL_FAMILY_ENUM_VALUES,
    Customer: createCustomerResolvers(deps),
    Query: {
      ...quarantine.Query,
      ...createAnalyticsResolvers(deps.analytics),
      ...createReconciliationResolvers(deps.reconciliation),
      ...createTouchpointTextResolvers(deps.texts),
    },
    Mutation: { recordTouchpoints: createRecordTouchpointsResolver(deps.intake), ...quarantine.Mutation },
  };
}
