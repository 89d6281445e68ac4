import { touchFactSubjectData, type PrivacyHandlers, type TouchFactPrivacyDeps } from '@c360/service-kit';
import type { ConversationPrivacy } from '../conversations/conversations-privacy';
import type { DraftRepository } from '../store/draft.repository';

export interface GenerationPrivacyDeps extends TouchFactPrivacyDeps {
  drafts: DraftRepository;
  conversations: ConversationPrivacy;
}

/** generation's part of a data-subject request: drafts, conversations, touch facts, its view of who is who and queued events. */
export function createGenerationPrivacyHandlers(deps: GenerationPrivacyDeps): PrivacyHandlers {
  const data = touchFactSubjectData(deps, 'generation');
  return {
    service: 'generation',
    erase: async (job) => {
      const all = await data.ids(job);
      return { drafts: await deps.drafts.eraseCustomers(all), ...(await deps.conversations.erase(all)), ...(await data.erase(all)) };
    },
    verify: async (job) => {
      const all = await data.ids(job);
      return { drafts: await deps.drafts.countForCustomers(all), ...(await deps.conversations.count(all)), ...(await data.count(all)) };
    },
    export: async (job) => {
      const all = await data.ids(job);
      return { drafts: await deps.drafts.forCustomers(all), ...(await deps.conversations.export(all)), ...(await data.export(all)) };
    },
    retention: async (job) => {
      if (job.dataClass === 'generated_drafts') return deps.drafts.deleteOlderThan(new Date(job.olderThan));
      return (await deps.conversations.retention(job)) + (await data.retention(job));
    },
  };
}
