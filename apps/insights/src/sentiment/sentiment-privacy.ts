import { EVENTS, eventQueueName, EVENT_SUBSCRIBERS, type RetentionJob } from '@c360/contracts';
import { countJobsMatching, jobNamesCustomer, removeJobsMatching, withQueue, type QueueContext } from '@c360/service-kit';
import type { SentimentScoreRepository } from './sentiment-score.repository';

/** The data class retention runs name for sentiment scores (libs/contracts DATA_CLASSES). */
export const SENTIMENT_DATA_CLASS = 'sentiment_scores';

/**
 * insights' sentiment part of a data-subject request, over exactly the ids identity-graph gave for the
 * person: the scores, and the turn events still queued for consumers (they name the customer).
 */
export function sentimentSubjectData(deps: { scores: SentimentScoreRepository; queues: QueueContext }) {
  const turnQueues = EVENT_SUBSCRIBERS[EVENTS.customerSentimentTurned].map((s) => eventQueueName(EVENTS.customerSentimentTurned, s));
  const about = (ids: readonly string[]) => jobNamesCustomer(new Set(ids));
  const overQueues = async (ids: readonly string[], fn: typeof removeJobsMatching) => {
    let n = 0;
    for (const name of turnQueues) n += await withQueue(deps.queues, name, (q) => fn(q, about(ids)));
    return n;
  };
  return {
    erase: async (ids: string[]) => ({
      sentimentScores: await deps.scores.eraseCustomers(ids),
      queuedSentimentTurns: await overQueues(ids, removeJobsMatching),
    }),
    count: async (ids: string[]) => ({
      sentimentScores: await deps.scores.countForCustomers(ids),
      queuedSentimentTurns: await overQueues(ids, countJobsMatching),
    }),
    export: async (ids: string[]) => ({ sentimentScores: await deps.scores.forCustomers(ids) }),
    retention: async (job: RetentionJob) => (job.dataClass === SENTIMENT_DATA_CLASS ? deps.scores.deleteOlderThan(new Date(job.olderThan)) : 0),
  };
}
