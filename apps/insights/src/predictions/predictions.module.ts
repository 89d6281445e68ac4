import path from 'node:path';
import type { ConsentClient } from '@c360/consent-client';
import type { CustomerUpdatedEvent } from '@c360/contracts';
import { type CustomerIdentityView, EventPublisher, type Logger, type QueueContext, type RedisClient, type TouchFactRepository } from '@c360/service-kit';
import type { Worker } from 'bullmq';
import type { Connection } from 'mongoose';
import type { FeatureOptions } from '../domain/features/compute-features';
import { bgNbdClvModel } from '../domain/models/clv-adapter';
import type { Learners } from '../domain/models/model-scoring';
import { FeatureFactsRepository } from '../features/feature-facts.repository';
import { FeatureReader } from '../features/feature-reader';
import { FeatureVectorRepository } from '../features/feature-vector.repository';
import { startProfilingConsentListener } from '../governance/profiling-consent.listener';
import { ActiveModels } from '../models/active-models';
import { ModelRegistryRepository } from '../models/model-registry.repository';
import { ModelRunRepository } from '../models/model-run.repository';
import { createTrainingQueue, startTrainingWorker } from '../models/training.job';
import { predictionSubjectData, type DerivedPersonalStore } from '../privacy/predictions-privacy';
import { RetentionMarkRepository } from '../privacy/retention-mark.repository';
import { CustomerRescorer, type SentimentSource } from './customer-rescorer';
import { ProfilingHistory, type TouchpointHistorySource } from './profiling-history';
import { createPredictionResolvers } from './predictions.resolvers';
import { ScoreRepository } from './score.repository';

export const PREDICTIONS_SCHEMA_PATH = path.join(__dirname, 'predictions.graphql');

export interface PredictionsDeps {
  mongo: Connection;
  redis: RedisClient;
  queues: QueueContext;
  identities: CustomerIdentityView;
  consent: ConsentClient;
  /** insights' touch facts: recorded and erased with the feature facts, under profiling consent. */
  touches: TouchFactRepository;
  logger: Logger;
  learners?: Learners;
  sentiments?: SentimentSource;
  /** Stores of what other modules derive from profiling (segments): erased, exported and withheld with the features. */
  derived?: DerivedPersonalStore[];
  featureOptions?: FeatureOptions;
  /** touchpoint-store's answer to a customer's whole history: restored when they allow profiling again. */
  history?: TouchpointHistorySource;
}

/** Features, models and scores inside insights, so service.ts wires them with a few lines. */
export async function startPredictions(deps: PredictionsDeps) {
  const facts = new FeatureFactsRepository(deps.mongo);
  const vectors = new FeatureVectorRepository(deps.mongo);
  const scores = new ScoreRepository(deps.mongo);
  const registry = new ModelRegistryRepository(deps.mongo);
  const runs = new ModelRunRepository(deps.mongo);
  await Promise.all([facts.ensureIndexes(), vectors.ensureIndexes(), scores.ensureIndexes(), registry.ensureIndexes(), runs.ensureIndexes()]);
  const learners = deps.learners ?? { clv: bgNbdClvModel };
  const derived = deps.derived ?? [];
  const activeModels = new ActiveModels(registry);
  const events = new EventPublisher(deps.queues);
  const rescorer = new CustomerRescorer({ ...deps, facts, vectors, scores, models: activeModels, learners, events, derived });
  const trainingQueue = createTrainingQueue(deps.queues);
  const trainer = {
    facts,
    identities: deps.identities,
    consent: deps.consent,
    sentiments: deps.sentiments,
    featureOptions: deps.featureOptions,
    registry,
    learners,
  };
  const training: Worker = startTrainingWorker(deps.queues, trainer, runs, deps.logger);
  const marks = new RetentionMarkRepository(deps.mongo);
  const history = deps.history && new ProfilingHistory({ ...deps, source: deps.history, facts, marks });
  const listener = await startProfilingConsentListener({ ...deps, prefix: deps.queues.prefix, profiling: rescorer, history });
  const features = new FeatureReader({ vectors, identities: deps.identities, consent: deps.consent });
  return {
    resolvers: createPredictionResolvers({ runs, registry, scores, activeModels, identities: deps.identities, consent: deps.consent, trainingQueue, features }),
    vectors,
    /** The read API other modules (next best action) use: featuresOf(customerId). */
    features,
    rescorer,
    onUpdate: (event: CustomerUpdatedEvent) => rescorer.onUpdate(event),
    onUpdates: (events: readonly CustomerUpdatedEvent[]) => rescorer.onUpdates(events),
    /** A split moves feature facts with the touch facts, then recomputes the side they went to. */
    splitStore: (touches: { assignMessages(customerId: string, messageIds: readonly string[]): Promise<void> }) => ({
      assignMessages: async (customerId: string, messageIds: readonly string[]) => {
        await touches.assignMessages(customerId, messageIds);
        await facts.assignMessages(customerId, messageIds);
        await rescorer.refresh(customerId);
      },
    }),
    privacy: predictionSubjectData({ facts, vectors, scores, derived, queues: deps.queues, marks }),
    workers: [training],
    consentListener: listener,
    close: async () => {
      await listener.close();
      await trainingQueue.close();
      await events.close();
    },
  };
}
