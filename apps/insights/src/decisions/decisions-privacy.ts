import { EVENTS, eventQueueName, type QueueName, type RetentionJob } from '@c360/contracts';
import { countJobsMatching, jobNamesCustomer, removeJobsMatching, withQueue, type QueueContext } from '@c360/service-kit';
import type { ContentArmRepository } from './content-arm.repository';
import type { DecisionRepository } from './decision.repository';

/** insights' own queues of content events: what arrived about a person but is not yet in the copy. */
export const CONTENT_EVENT_QUEUES = [EVENTS.contentApproved, EVENTS.contentWithdrawn].map((event) => eventQueueName(event, 'insights'));

/**
 * Decisions' part of a data-subject request, under exactly the ids governance sends: decisions,
 * content arms (with what the person's answers taught them), and content events still queued for
 * them, which are removed before the copy is erased so none lands after.
 */
export function decisionSubjectData(decisions: DecisionRepository, contentArms: ContentArmRepository, queues: QueueContext) {
  const about = (ids: readonly string[]) => jobNamesCustomer(new Set(ids));
  const overQueues = async (fn: (name: QueueName) => Promise<number>) => (await Promise.all(CONTENT_EVENT_QUEUES.map(fn))).reduce((s, n) => s + n, 0);
  return {
    erase: async (ids: string[]) => {
      const queuedContentEvents = await overQueues((name) => withQueue(queues, name, (q) => removeJobsMatching(q, about(ids))));
      return { decisions: await decisions.eraseCustomers(ids), contentArms: await contentArms.eraseCustomers(ids), queuedContentEvents };
    },
    count: async (ids: string[]) => ({
      decisions: await decisions.countForCustomers(ids),
      contentArms: await contentArms.countForCustomers(ids),
      queuedContentEvents: await overQueues((name) => withQueue(queues, name, (q) => countJobsMatching(q, about(ids)))),
    }),
    export: async (ids: string[]) => ({ decisions: await decisions.forCustomers(ids), contentArms: await contentArms.forCustomers(ids) }),
    retention: async (job: RetentionJob) => {
      if (job.dataClass === 'nba_decisions') return decisions.deleteOlderThan(new Date(job.olderThan));
      if (job.dataClass === 'generated_drafts') return contentArms.deleteOlderThan(new Date(job.olderThan));
      return 0;
    },
  };
}
