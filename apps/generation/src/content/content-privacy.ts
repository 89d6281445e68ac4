import { EVENTS, eventQueueName, type RetentionJob } from '@c360/contracts';
import { countJobsMatching, jobNamesCustomer, removeJobsMatching, withQueue, type QueueContext } from '@c360/service-kit';
import type { ContentDraftRepository } from './store/content-draft.repository';

const TRIGGER_QUEUES = [EVENTS.journeyDropoff, EVENTS.predictionBandChanged, EVENTS.customerSentimentTurned].map((event) =>
  eventQueueName(event, 'generation'),
);

/**
 * The content module's part of a data-subject request: drafts about the person (and drafts of
 * another customer grounded on them while merged), and trigger events still queued for them.
 * Retention class `generated_drafts` covers content drafts as it covers greetings.
 */
export function contentSubjectData(deps: { drafts: ContentDraftRepository; queues: QueueContext }) {
  const about = (ids: readonly string[]) => jobNamesCustomer(new Set(ids));
  const inQueues = async (fn: (q: Parameters<Parameters<typeof withQueue>[2]>[0]) => Promise<number>) => {
    let n = 0;
    for (const name of TRIGGER_QUEUES) n += await withQueue(deps.queues, name, fn);
    return n;
  };
  return {
    erase: async (ids: string[]) => ({
      contentDrafts: await deps.drafts.eraseCustomers(ids),
      queuedTriggers: await inQueues((q) => removeJobsMatching(q, about(ids))),
    }),
    count: async (ids: string[]) => ({
      contentDrafts: await deps.drafts.countForCustomers(ids),
      queuedTriggers: await inQueues((q) => countJobsMatching(q, about(ids))),
    }),
    export: async (ids: string[]) => ({ contentDrafts: await deps.drafts.forCustomers(ids) }),
    retention: async (job: RetentionJob) => (job.dataClass === 'generated_drafts' ? deps.drafts.deleteOlderThan(new Date(job.olderThan)) : 0),
  };
}
