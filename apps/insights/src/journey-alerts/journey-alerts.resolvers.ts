import type { JourneyAlertKind, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import type { AlertKind } from '../domain/journey-alerts/journey-alert';
import type { JourneyAlertsUseCase } from './journey-alerts.use-case';

const KIND: Record<AlertKind, JourneyAlertKind> = {
  volume_spike: 'VOLUME_SPIKE',
  volume_drop: 'VOLUME_DROP',
  conversion_drop: 'CONVERSION_DROP',
  new_loop: 'NEW_LOOP',
  segment_gap: 'SEGMENT_GAP',
};

/** journeyAlerts and runJourneyAlerts: population aggregates only. */
export function createJourneyAlertResolvers(useCase: JourneyAlertsUseCase): {
  Query: Pick<QueryResolvers, 'journeyAlerts'>;
  Mutation: Pick<MutationResolvers, 'runJourneyAlerts'>;
} {
  return {
    Query: {
      journeyAlerts: async (_, args) => (await useCase.list(args.from, args.to)).map((a) => ({ ...a, kind: KIND[a.kind] })),
    },
    Mutation: {
      runJourneyAlerts: (_, args) => useCase.run(args.from, args.to),
    },
  };
}
