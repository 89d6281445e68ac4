import { EVENT_SUBSCRIBERS, EVENTS, eventQueueName, type QueueName, type RetentionJob } from '@c360/contracts';
import { countJobsMatching, jobNamesCustomer, removeJobsMatching, withQueue, type QueueContext } from '@c360/service-kit';
import type { FeatureFactsRepository } from '../features/feature-facts.repository';
import type { FeatureVectorRepository } from '../features/feature-vector.repository';
import type { ScoreRepository } from '../predictions/score.repository';
import type { RetentionMarkRepository } from './retention-mark.repository';

/** A store of something derived from profiling (segment membership...), erased, counted and exported with the rest. */
export interface DerivedPersonalStore {
  name: string;
  eraseCustomers(customerIds: readonly string[]): Promise<number>;
  countForCustomers(customerIds: readonly string[]): Promise<number>;
  forCustomers(customerIds: readonly string[]): Promise<unknown[]>;
  deleteOlderThan(cutoff: Date): Promise<number>;
}

export interface PredictionPrivacyDeps {
  facts: FeatureFactsRepository;
  vectors: FeatureVectorRepository;
  scores: ScoreRepository;
  derived: DerivedPersonalStore[];
  queues: QueueContext;
  /** Where the cut-off applied is kept, so a restored history does not bring back what it removed. */
  marks: Pick<RetentionMarkRepository, 'record'>;
}

const BAND_QUEUES = EVENT_SUBSCRIBERS[EVENTS.predictionBandChanged].map((s) => eventQueueName(EVENTS.predictionBandChanged, s));

/**
 * What the prediction side of insights holds on a person: feature facts, features, scores with their
 * explanations, anything derived (segments), and band-change events still queued about them. Each part
 * takes exactly the ids governance sent (identity-graph's answer), never a wider local view.
 */
export function predictionSubjectData(deps: PredictionPrivacyDeps) {
  const about = (ids: readonly string[]) => jobNamesCustomer(new Set(ids));
  const inQueues = async (fn: (name: QueueName) => Promise<number>) => (await Promise.all(BAND_QUEUES.map(fn))).reduce((a, b) => a + b, 0);
  return {
    erase: async (ids: string[]) => ({
      ...(await deps.facts.eraseCustomers(ids)),
      featureVectors: await deps.vectors.eraseCustomers(ids),
      predictionScores: await deps.scores.eraseCustomers(ids),
      ...Object.fromEntries(await Promise.all(deps.derived.map(async (d) => [d.name, await d.eraseCustomers(ids)] as const))),
      queuedBandEvents: await inQueues((name) => withQueue(deps.queues, name, (q) => removeJobsMatching(q, about(ids)))),
    }),
    count: async (ids: string[]) => ({
      ...(await deps.facts.countForCustomers(ids)),
      featureVectors: await deps.vectors.countForCustomers(ids),
      predictionScores: await deps.scores.countForCustomers(ids),
      ...Object.fromEntries(await Promise.all(deps.derived.map(async (d) => [d.name, await d.countForCustomers(ids)] as const))),
      queuedBandEvents: await inQueues((name) => withQueue(deps.queues, name, (q) => countJobsMatching(q, about(ids)))),
    }),
    export: async (ids: string[]) => ({
      featureFacts: await deps.facts.factsOf(ids),
      features: await deps.vectors.forCustomers(ids),
      predictions: await deps.scores.forCustomers(ids),
      ...Object.fromEntries(await Promise.all(deps.derived.map(async (d) => [d.name, await d.forCustomers(ids)] as const))),
    }),
    /** Feature facts are touch facts; what was derived from facts that old goes with them. */
    retention: async (job: RetentionJob) => {
      if (job.dataClass !== 'touch_facts') return 0;
      const cutoff = new Date(job.olderThan);
      await deps.marks.record(job.dataClass, cutoff, new Date());
      const derived = await Promise.all(deps.derived.map((d) => d.deleteOlderThan(cutoff)));
      return (
        (await deps.facts.deleteOlderThan(cutoff)) +
        (await deps.vectors.deleteOlderThan(cutoff)) +
        (await deps.scores.deleteOlderThan(cutoff)) +
        derived.reduce((a, b) => a + b, 0)
      );
    },
  };
}
