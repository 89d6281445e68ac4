import type { ConsentClient } from '@c360/consent-client';
import { type CustomerIdentityView, EventPublisher, type Logger, type QueueContext, type RedisClient } from '@c360/service-kit';
import type { Connection } from 'mongoose';
import { startSentimentConsentListener } from './sentiment-consent.listener';
import { SentimentModelRepository } from './sentiment-model.repository';
import { SentimentModels } from './sentiment-models';
import { sentimentSubjectData } from './sentiment-privacy';
import { SentimentReader } from './sentiment-reader';
import { SentimentScoreRepository } from './sentiment-score.repository';
import { SentimentScoring } from './sentiment-scoring';
import { createSentimentResolvers } from './sentiment.resolvers';
import { TouchpointTextClient } from './touchpoint-text.client';

export interface SentimentModuleDeps {
  mongo: Connection;
  redis: RedisClient;
  queues: QueueContext;
  identities: CustomerIdentityView;
  consent: ConsentClient;
  touchpointStoreUrl: string;
  internalTokenSecret: string;
  logger: Logger;
}

/** Sentiment of customer text, wired: insights' service.ts takes its parts (resolvers, scoring, privacy, resources). */
export async function startSentimentModule(deps: SentimentModuleDeps) {
  const scores = new SentimentScoreRepository(deps.mongo);
  await scores.ensureIndexes();
  const models = new SentimentModels(new SentimentModelRepository(deps.mongo));
  const events = new EventPublisher(deps.queues);
  const scoring = new SentimentScoring({
    scores,
    models,
    texts: new TouchpointTextClient(deps.touchpointStoreUrl, deps.internalTokenSecret),
    identities: deps.identities,
    consent: deps.consent,
    events,
  });
  const reader = new SentimentReader(scores, deps.identities, deps.consent);
  const listener = await startSentimentConsentListener(deps.redis, deps.queues.prefix, {
    consent: deps.consent,
    scores,
    identities: deps.identities,
    logger: deps.logger,
  });
  return {
    scores,
    scoring,
    /** The read API for the feature store: a customer's sentiment trend as of a time. */
    reader,
    resolvers: createSentimentResolvers(reader, models),
    privacy: sentimentSubjectData({ scores, queues: deps.queues }),
    resources: [
      { name: 'sentiment consent listener', close: () => listener.close() },
      { name: 'sentiment events', close: () => events.close() },
    ],
  };
}
