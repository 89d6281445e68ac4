import { touchFactSubjectData, type PrivacyHandlers, type TouchFactPrivacyDeps } from '@c360/service-kit';
import type { DraftRepository } from '../store/draft.repository';

export interface GenerationPrivacyDeps extends TouchFactPrivacyDeps {
  drafts: DraftRepository;
}

/** generation's part of a data-subject request: drafts, touch facts, its view of who is who and queued events. */
export function createGenerationPrivacyHandlers(deps: GenerationPrivacyDeps): PrivacyHandlers {
  const data = touchFactSubjectData(deps, 'generation');
  return {
    service: 'generation',
    erase: async (job) => {
      const all = await data.ids(job);
      return { drafts: await deps.drafts.eraseCustomers(all), ...(await data.erase(all)) };
    },
    verify: async (job) => {
      const all = await data.ids(job);
      return { drafts: await deps.drafts.countForCustomers(all), ...(await data.count(all)) };
    },
    export: async (job) => {
      const all = await data.ids(job);
      return { drafts: await deps.drafts.forCustomers(all), ...(await data.export(all)) };
    },
    retention: async (job) => (job.dataClass === 'generated_drafts' ? deps.drafts.deleteOlderThan(new Date(job.olderThan)) : data.retention(job)),
  };
}
