import type { RetentionJob } from '@c360/contracts';
import { touchFactSubjectData, type PrivacyHandlers, type TouchFactPrivacyDeps } from '@c360/service-kit';

/** One module's share of a data-subject request (predictions, decisions, sentiment...), over exactly the ids governance sent. */
export interface SubjectDataPart {
  erase(ids: string[]): Promise<Record<string, number>>;
  count(ids: string[]): Promise<Record<string, number>>;
  export(ids: string[]): Promise<Record<string, unknown>>;
  retention(job: RetentionJob): Promise<number>;
}

export type InsightsPrivacyDeps = TouchFactPrivacyDeps & { parts?: SubjectDataPart[] };

/** insights' part of a data-subject request: its touch facts, its view of who is who, queued customer.updated events, and each module's part. */
export function createInsightsPrivacyHandlers(deps: InsightsPrivacyDeps): PrivacyHandlers {
  const data = touchFactSubjectData(deps, 'insights');
  const parts = deps.parts ?? [];
  const merged = async <T>(own: Promise<Record<string, T>>, each: (p: SubjectDataPart) => Promise<Record<string, T>>) =>
    Object.assign({}, ...(await Promise.all(parts.map(each))), await own) as Record<string, T>;
  return {
    service: 'insights',
    // Module parts first: the identity view (touch facts' part) is what they would read the person's ids from.
    erase: async (job) => {
      const ids = data.ids(job);
      const fromParts = Object.assign({}, ...(await Promise.all(parts.map((p) => p.erase(ids))))) as Record<string, number>;
      return { ...fromParts, ...(await data.erase(ids)) };
    },
    verify: async (job) => merged(data.count(data.ids(job)), (p) => p.count(data.ids(job))),
    export: async (job) => merged(data.export(data.ids(job)), (p) => p.export(data.ids(job))),
    retention: async (job) => (await data.retention(job)) + (await Promise.all(parts.map((p) => p.retention(job)))).reduce((a, b) => a + b, 0),
  };
}
