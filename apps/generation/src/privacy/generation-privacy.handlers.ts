import { EVENTS, eventQueueName, type SubjectJob } from '@c360/contracts';
import { countJobsMatching, jobNamesCustomer, removeJobsMatching, withQueue, type CustomerAliasRepository, type PrivacyHandlers, type QueueContext, type TouchFactRepository } from '@c360/service-kit';
import type { DraftRepository } from '../store/draft.repository';

export interface GenerationPrivacyDeps {
  drafts: DraftRepository;
  touches: TouchFactRepository;
  aliases: CustomerAliasRepository;
  queues: QueueContext;
}

/** generation's part of a data-subject request: drafts, touch facts, merge aliases and queued events. */
export function createGenerationPrivacyHandlers(deps: GenerationPrivacyDeps): PrivacyHandlers {
  const ids = (job: SubjectJob) => deps.aliases.expandAll(job.customerIds);
  const eventQueue = eventQueueName(EVENTS.customerUpdated, 'generation');
  return {
    service: 'generation',
    erase: async (job) => {
      const all = await ids(job);
      return {
        drafts: await deps.drafts.eraseCustomers(all),
        touchFacts: await deps.touches.eraseCustomers(all),
        queuedJobs: await withQueue(deps.queues, eventQueue, (q) => removeJobsMatching(q, jobNamesCustomer(new Set(all)))),
        aliases: await deps.aliases.eraseCustomers(all),
      };
    },
    verify: async (job) => {
      const all = await ids(job);
      return {
        drafts: await deps.drafts.countForCustomers(all),
        touchFacts: await deps.touches.countForCustomers(all),
        queuedJobs: await withQueue(deps.queues, eventQueue, (q) => countJobsMatching(q, jobNamesCustomer(new Set(all)))),
        aliases: await deps.aliases.countForCustomers(all),
      };
    },
    export: async (job) => {
      const all = await ids(job);
      return { drafts: await deps.drafts.forCustomers(all), touchFacts: await deps.touches.forCustomers(all) };
    },
    retention: async (job) => {
      if (job.dataClass === 'generated_drafts') return deps.drafts.deleteOlderThan(new Date(job.olderThan));
      if (job.dataClass === 'touch_facts') return deps.touches.deleteOlderThan(new Date(job.olderThan));
      return 0;
    },
  };
}
