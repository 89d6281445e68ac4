import type { RetentionJob } from '@c360/contracts';
import { touchFactSubjectData, type PrivacyHandlers, type TouchFactPrivacyDeps } from '@c360/service-kit';

/** What one module of insights holds about a person, under the ids governance sends. */
export interface SubjectDataPart {
  erase(ids: string[]): Promise<Record<string, number>>;
  count(ids: string[]): Promise<Record<string, number>>;
  export(ids: string[]): Promise<Record<string, unknown>>;
  retention(job: RetentionJob): Promise<number>;
}

export type InsightsPrivacyDeps = TouchFactPrivacyDeps & { parts?: readonly SubjectDataPart[] };

/** insights' part of a data-subject request: its touch facts, its view of who is who, queued customer.updated events, and each module's part. */
export function createInsightsPrivacyHandlers(deps: InsightsPrivacyDeps): PrivacyHandlers {
  const data = touchFactSubjectData(deps, 'insights');
  const parts = deps.parts ?? [];
  const merged = async <T>(own: Promise<Record<string, T>>, each: (part: SubjectDataPart) => Promise<Record<string, T>>) =>
    // The modules first: the identity view goes last, with the touch facts.
    Object.assign({}, ...(await Promise.all(parts.map(each))), await own) as Record<string, T>;
  return {
    service: 'insights',
    erase: async (job) => {
      const ids = await data.ids(job);
      const fromParts = await Promise.all(parts.map((p) => p.erase(ids)));
      return Object.assign({}, ...fromParts, await data.erase(ids)) as Record<string, number>;
    },
    verify: async (job) => {
      const ids = await data.ids(job);
      return merged(data.count(ids), (p) => p.count(ids));
    },
    export: async (job) => {
      const ids = await data.ids(job);
      return merged<unknown>(data.export(ids), (p) => p.export(ids));
    },
    retention: async (job) => (await data.retention(job)) + (await Promise.all(parts.map((p) => p.retention(job)))).reduce((s, n) => s + n, 0),
  };
}
