import path from 'node:path';
import { ConsentClient } from '@c360/consent-client';
import {
  connectMongo,
  createPrivacyWorker,
  mergeResolvers,
  pingMongo,
  createRedisConnection,
  CustomerIdentityView,
  runService,
  startCustomerSplitWorker,
  startCustomerUpdatedWorker,
  TouchFactRepository,
  type Logger,
  type RunningService,
  createMetricsRegistry,
} from '@c360/service-kit';
import { createAnalyticsModule } from './analytics-module';
import type { CustomerUpdatedEvent } from '@c360/contracts';
import type { InsightsConfig } from './config';
import { createInsightsPrivacyHandlers } from './privacy/insights-privacy.handlers';
import { TouchpointFactsClient } from './features/touchpoint-facts.client';
import { PREDICTIONS_SCHEMA_PATH, startPredictions } from './predictions/predictions.module';
import { createResolvers } from './resolvers/customer.resolvers';
import { SEGMENTS_SCHEMA_PATH, startSegments } from './segments/segments.module';
import { sentimentSource } from './predictions/sentiment-source';
import { startSentimentModule } from './sentiment/sentiment.module';
import { DECISIONS_SCHEMA_PATH, startDecisions } from './decisions/decisions.module';
import { EngagementProfileSource, FeatureStoreProfileSource } from './decisions/customer-profile';
import { startDropoff } from './dropoff/dropoff.module';
import { forEachCustomerInOrder } from './workers/per-customer';

/** Wires insights from its configuration; main.ts and the integration tests both start it this way. */
export async function startInsights(config: InsightsConfig, logger: Logger): Promise<RunningService> {
  const mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  const redis = createRedisConnection(config.REDIS_URL);
  const touches = new TouchFactRepository(mongo);
  const identities = new CustomerIdentityView(mongo);
  await Promise.all([touches.ensureIndexes(), identities.ensureIndexes()]);
  const analytics = await createAnalyticsModule(config, mongo, { connection: redis, prefix: config.QUEUE_PREFIX }, logger);

  const queues = { connection: redis, prefix: config.QUEUE_PREFIX };
  const concurrency = config.WORKER_CONCURRENCY;
  const metrics = createMetricsRegistry('insights');
  const consent = new ConsentClient({
    metrics,
    governanceUrl: config.CONSENT_SERVICE_URL,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    caller: 'insights',
    redis,
    queuePrefix: config.QUEUE_PREFIX,
    maxStaleMs: config.CONSENT_MAX_STALE_MS,
    timeoutMs: config.CONSENT_TIMEOUT_MS,
  });
  await consent.start();
  const sentiment = await startSentimentModule({
    mongo,
    redis,
    queues,
    identities,
    consent,
    touchpointStoreUrl: config.TOUCHPOINT_STORE_URL,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    logger,
  });
  const segments = await startSegments({ mongo, queues, identities, consent, logger });
  const predictions = await startPredictions({
    mongo,
    redis,
    queues,
    identities,
    consent,
    touches,
    logger,
    sentiments: sentimentSource(sentiment.scores),
    derived: [segments.store],
    featureOptions: { sourceTrust: config.SOURCE_TRUST },
    history: new TouchpointFactsClient(config.TOUCHPOINT_STORE_URL, config.INTERNAL_TOKEN_SECRET),
  });
  const segmentation = segments.start(predictions.vectors);
  const profiles = new FeatureStoreProfileSource({ features: predictions.features, segments: segments.store, fallback: new EngagementProfileSource(touches) });
  const decisions = await startDecisions({ mongo, queues, identities, consent, touches, config, logger, profiles, concurrency });
  const dropoff = await startDropoff({ mongo, queues, identities, consent, config, consentPurpose: config.NBA_CONSENT_PURPOSE, logger });
  // A batch of updates; an update that fails on its own (governance or touchpoint-store not answering
  // for its customer) is answered as failed and retried by the queue, the others complete.
  const process = async (events: CustomerUpdatedEvent[]) => {
    // Texts are scored first, so the features computed next include these updates' sentiment.
    const failed = await forEachCustomerInOrder(events, (e) => sentiment.scoring.onCustomerUpdated(e));
    const { unanswered } = await predictions.onUpdates(events);
    for (const e of unanswered) if (!failed.has(e)) failed.set(e, new Error('profiling consent unknown: governance did not answer'));
    const later = await forEachCustomerInOrder(events, async (e) => {
      await decisions.onCustomerUpdated(e);
      await dropoff.onCustomerUpdated(e);
    });
    for (const [e, err] of later) if (!failed.has(e)) failed.set(e, err);
    return failed;
  };
  const worker = startCustomerUpdatedWorker(queues, 'insights', { identities, process, logger, maxBatch: config.UPDATE_BATCH_MAX });
  // A split hands touchpoints back: their touch facts, sentiment scores and feature facts alike.
  const perTouchpoint = predictions.splitStore({
    assignMessages: async (customerId: string, messageIds: readonly string[]) => {
      await touches.assignMessages(customerId, messageIds);
      await sentiment.scores.assignMessages(customerId, messageIds);
      await dropoff.assignMessages(customerId, messageIds);
    },
  });

  return runService({
    metrics,
    host: config.HOST,
    port: config.PORT,
    shutdownDrainMs: config.SHUTDOWN_DRAIN_MS,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logger,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    // Relative to src: the build copies every SDL file to the same place beside the bundle.
    schemaPath: [
      path.join(__dirname, 'schema.graphql'),
      path.join(__dirname, 'sentiment/sentiment.graphql'),
      PREDICTIONS_SCHEMA_PATH,
      SEGMENTS_SCHEMA_PATH,
      DECISIONS_SCHEMA_PATH,
      ...analytics.schemaPaths,
    ],
    consentCheck: (customerId, purpose) => consent.isAllowed({ customerId, purpose }),
    resolvers: mergeResolvers(
      createResolvers(touches, identities, consent),
      sentiment.resolvers,
      predictions.resolvers,
      segmentation.resolvers,
      decisions.resolvers,
      ...analytics.resolvers,
    ),
    readiness: [
      { name: 'mongodb', check: () => pingMongo(mongo) },
      { name: 'redis', check: () => redis.ping() },
    ],
    workers: [
      worker,
      startCustomerSplitWorker(queues, 'insights', { identities, touches: perTouchpoint, alsoOnSplit: [decisions.onSplit] }, logger, concurrency),
      createPrivacyWorker(
        queues,
        createInsightsPrivacyHandlers({ touches, identities, queues, parts: [sentiment.privacy, predictions.privacy, decisions.privacy, dropoff.privacy] }),
        { logger },
      ),
      ...predictions.workers,
      ...decisions.workers,
      segmentation.worker,
      ...analytics.workers,
    ],
    resources: [
      { name: 'decisions', close: () => decisions.close() },
      { name: 'drop-off', close: () => dropoff.close() },
      { name: 'predictions', close: () => predictions.close() },
      { name: 'segments', close: () => segments.close() },
      ...sentiment.resources,
      { name: 'consent', close: () => consent.close() },
      { name: 'mongodb', close: () => mongo.close() },
      { name: 'redis', close: () => redis.quit() },
    ],
  });
}
