import { touchFactSubjectData, type PrivacyHandlers, type TouchFactPrivacyDeps } from '@c360/service-kit';
import type { sentimentSubjectData } from '../sentiment/sentiment-privacy';

export type InsightsPrivacyDeps = TouchFactPrivacyDeps & { sentiment: ReturnType<typeof sentimentSubjectData> };

/** insights' part of a data-subject request: its touch facts, sentiment scores, its view of who is who and queued events. */
export function createInsightsPrivacyHandlers(deps: InsightsPrivacyDeps): PrivacyHandlers {
  const data = touchFactSubjectData(deps, 'insights');
  const { sentiment } = deps;
  return {
    service: 'insights',
    erase: async (job) => ({ ...(await data.erase(await data.ids(job))), ...(await sentiment.erase(job.customerIds)) }),
    verify: async (job) => ({ ...(await data.count(await data.ids(job))), ...(await sentiment.count(job.customerIds)) }),
    export: async (job) => ({ ...(await data.export(await data.ids(job))), ...(await sentiment.export(job.customerIds)) }),
    retention: async (job) => (await data.retention(job)) + (await sentiment.retention(job)),
  };
}
