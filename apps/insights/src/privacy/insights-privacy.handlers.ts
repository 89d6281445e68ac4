import { EVENTS, eventQueueName, type SubjectJob } from '@c360/contracts';
import { countJobsMatching, jobNamesCustomer, removeJobsMatching, withQueue, type CustomerAliasRepository, type PrivacyHandlers, type QueueContext, type TouchFactRepository } from '@c360/service-kit';

export interface InsightsPrivacyDeps {
  touches: TouchFactRepository;
  aliases: CustomerAliasRepository;
  queues: QueueContext;
}

/** insights' part of a data-subject request: its touch facts, merge aliases and queued customer.updated events. */
export function createInsightsPrivacyHandlers(deps: InsightsPrivacyDeps): PrivacyHandlers {
  const ids = (job: SubjectJob) => deps.aliases.expandAll(job.customerIds);
  const eventQueue = eventQueueName(EVENTS.customerUpdated, 'insights');
  return {
    service: 'insights',
    erase: async (job) => {
      const all = await ids(job);
      return {
        touchFacts: await deps.touches.eraseCustomers(all),
        queuedJobs: await withQueue(deps.queues, eventQueue, (q) => removeJobsMatching(q, jobNamesCustomer(new Set(all)))),
        aliases: await deps.aliases.eraseCustomers(all),
      };
    },
    verify: async (job) => {
      const all = await ids(job);
      return {
        touchFacts: await deps.touches.countForCustomers(all),
        queuedJobs: await withQueue(deps.queues, eventQueue, (q) => countJobsMatching(q, jobNamesCustomer(new Set(all)))),
        aliases: await deps.aliases.countForCustomers(all),
      };
    },
    export: async (job) => ({ touchFacts: await deps.touches.forCustomers(await ids(job)) }),
    retention: async (job) => (job.dataClass === 'touch_facts' ? deps.touches.deleteOlderThan(new Date(job.olderThan)) : 0),
  };
}
