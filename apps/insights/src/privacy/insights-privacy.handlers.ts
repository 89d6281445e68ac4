import { touchFactSubjectData, type PrivacyHandlers, type TouchFactPrivacyDeps } from '@c360/service-kit';

export type InsightsPrivacyDeps = TouchFactPrivacyDeps;

/** insights' part of a data-subject request: its touch facts, its view of who is who and queued customer.updated events. */
export function createInsightsPrivacyHandlers(deps: InsightsPrivacyDeps): PrivacyHandlers {
  const data = touchFactSubjectData(deps, 'insights');
  return {
    service: 'insights',
    erase: async (job) => data.erase(await data.ids(job)),
    verify: async (job) => data.count(await data.ids(job)),
    export: async (job) => data.export(await data.ids(job)),
    retention: data.retention,
  };
}
