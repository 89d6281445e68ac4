import { EVENT_SUBSCRIBERS, EVENTS, eventQueueName, type QueueName, type RetentionJob } from '@c360/contracts';
import { countJobsMatching, jobNamesCustomer, removeJobsMatching, withQueue, type QueueContext } from '@c360/service-kit';
import type { JourneyInstanceRepository } from './journey-instance.repository';

/**
 * Drop-off's part of a data-subject request: the person's journey attempts, and the journey.dropoff
 * events insights published about them that no consumer has taken yet.
 */
export function dropoffSubjectData(instances: JourneyInstanceRepository, queues: QueueContext) {
  const eventQueues = EVENT_SUBSCRIBERS[EVENTS.journeyDropoff].map((s) => eventQueueName(EVENTS.journeyDropoff, s));
  const about = (ids: readonly string[]) => jobNamesCustomer(new Set(ids));
  const overQueues = async (fn: (name: QueueName) => Promise<number>) => (await Promise.all(eventQueues.map(fn))).reduce((s, n) => s + n, 0);
  return {
    erase: async (ids: string[]) => ({
      journeyInstances: await instances.eraseCustomers(ids),
      queuedDropoffs: await overQueues((name) => withQueue(queues, name, (q) => removeJobsMatching(q, about(ids)))),
    }),
    count: async (ids: string[]) => ({
      journeyInstances: await instances.countForCustomers(ids),
      queuedDropoffs: await overQueues((name) => withQueue(queues, name, (q) => countJobsMatching(q, about(ids)))),
    }),
    export: async (ids: string[]) => ({ journeyInstances: await instances.forCustomers(ids) }),
    retention: async (job: RetentionJob) => (job.dataClass === 'journey_states' ? instances.deleteOlderThan(new Date(job.olderThan)) : 0),
  };
}
