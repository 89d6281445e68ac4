import { touchFactSubjectData, type PrivacyHandlers, type TouchFactPrivacyDeps } from '@c360/service-kit';
import type { contentSubjectData } from '../content/content-privacy';
import type { ConversationPrivacy } from '../conversations/conversations-privacy';
import type { DraftRepository } from '../store/draft.repository';

export interface GenerationPrivacyDeps extends TouchFactPrivacyDeps {
  drafts: DraftRepository;
  /** The content module's part (content drafts, queued trigger events). */
  content?: ReturnType<typeof contentSubjectData>;
  /** The conversations module's part (conversations, escalations, queued chat turns). */
  conversations?: ConversationPrivacy;
}

/** generation's part of a data-subject request: drafts, conversations, touch facts, its view of who is who and queued events. */
export function createGenerationPrivacyHandlers(deps: GenerationPrivacyDeps): PrivacyHandlers {
  const data = touchFactSubjectData(deps, 'generation');
  return {
    service: 'generation',
    erase: async (job) => {
      const all = await data.ids(job);
      return {
        drafts: await deps.drafts.eraseCustomers(all),
        ...(await deps.conversations?.erase(all)),
        ...(await data.erase(all)),
        ...(await deps.content?.erase(all)),
      };
    },
    verify: async (job) => {
      const all = await data.ids(job);
      return {
        drafts: await deps.drafts.countForCustomers(all),
        ...(await deps.conversations?.count(all)),
        ...(await data.count(all)),
        ...(await deps.content?.count(all)),
      };
    },
    export: async (job) => {
      const all = await data.ids(job);
      return {
        drafts: await deps.drafts.forCustomers(all),
        ...(await deps.conversations?.export(all)),
        ...(await data.export(all)),
        ...(await deps.content?.export(all)),
      };
    },
    retention: async (job) => {
      const content = (await deps.content?.retention(job)) ?? 0;
      if (job.dataClass === 'generated_drafts') return (await deps.drafts.deleteOlderThan(new Date(job.olderThan))) + content;
      return ((await deps.conversations?.retention(job)) ?? 0) + (await data.retention(job)) + content;
    },
  };
}
