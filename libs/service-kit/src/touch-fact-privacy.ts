import { EVENTS, eventQueueName, type RetentionJob, type Subscriber, type SubjectJob } from '@c360/contracts';
import { countJobsMatching, jobNamesCustomer, removeJobsMatching, withQueue } from './job-scrub';
import type { CustomerAliasRepository } from './mongo';
import type { QueueContext } from './queue';
import type { TouchFactRepository } from './touch-facts';

export interface TouchFactPrivacyDeps {
  touches: TouchFactRepository;
  aliases: CustomerAliasRepository;
  queues: QueueContext;
}

/**
 * What every customer.updated subscriber keeping touch facts holds about a person: the facts, its
 * merge aliases and the events still queued for it. Each part takes the person's ids expanded once
 * (`ids`); aliases go last in an erasure, since they are what expands the ids.
 */
export function touchFactSubjectData(deps: TouchFactPrivacyDeps, subscriber: Subscriber) {
  const eventQueue = eventQueueName(EVENTS.customerUpdated, subscriber);
  const about = (all: readonly string[]) => jobNamesCustomer(new Set(all));
  return {
    ids: (job: SubjectJob) => deps.aliases.expandAll(job.customerIds),
    erase: async (all: string[]) => ({
      touchFacts: await deps.touches.eraseCustomers(all),
      queuedJobs: await withQueue(deps.queues, eventQueue, (q) => removeJobsMatching(q, about(all))),
      aliases: await deps.aliases.eraseCustomers(all),
    }),
    count: async (all: string[]) => ({
      touchFacts: await deps.touches.countForCustomers(all),
      queuedJobs: await withQueue(deps.queues, eventQueue, (q) => countJobsMatching(q, about(all))),
      aliases: await deps.aliases.countForCustomers(all),
    }),
    export: async (all: string[]) => ({ touchFacts: await deps.touches.forCustomers(all) }),
    retention: async (job: RetentionJob) => (job.dataClass === 'touch_facts' ? deps.touches.deleteOlderThan(new Date(job.olderThan)) : 0),
  };
}
