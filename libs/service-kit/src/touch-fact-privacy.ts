import { EVENTS, eventQueueName, type RetentionJob, type Subscriber, type SubjectJob } from '@c360/contracts';
import { countJobsMatching, jobNamesCustomer, removeJobsMatching, withQueue } from './job-scrub';
import type { CustomerIdentityView } from './customer-identity-view';
import type { QueueContext } from './queue';
import type { TouchFactRepository } from './touch-facts';

export interface TouchFactPrivacyDeps {
  touches: TouchFactRepository;
  identities: CustomerIdentityView;
  queues: QueueContext;
}

/**
 * What every customer.updated subscriber keeping touch facts holds about a person: the facts, its
 * view of their ids and the events still queued for it. Each part takes exactly the ids
 * identity-graph gave for the person (`ids`): a local view may lag behind a split, so it never
 * widens whom a request reaches.
 */
export function touchFactSubjectData(deps: TouchFactPrivacyDeps, subscriber: Subscriber) {
  const eventQueue = eventQueueName(EVENTS.customerUpdated, subscriber);
  const about = (all: readonly string[]) => jobNamesCustomer(new Set(all));
  return {
    ids: (job: SubjectJob) => job.customerIds,
    erase: async (all: string[]) => ({
      touchFacts: await deps.touches.eraseCustomers(all),
      queuedJobs: await withQueue(deps.queues, eventQueue, (q) => removeJobsMatching(q, about(all))),
      identityView: await deps.identities.eraseCustomers(all),
    }),
    count: async (all: string[]) => ({
      touchFacts: await deps.touches.countForCustomers(all),
      queuedJobs: await withQueue(deps.queues, eventQueue, (q) => countJobsMatching(q, about(all))),
      identityView: await deps.identities.countForCustomers(all),
    }),
    export: async (all: string[]) => ({ touchFacts: await deps.touches.forCustomers(all) }),
    retention: async (job: RetentionJob) => (job.dataClass === 'touch_facts' ? deps.touches.deleteOlderThan(new Date(job.olderThan)) : 0),
  };
}
