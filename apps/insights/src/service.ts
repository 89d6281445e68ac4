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
} from '@c360/service-kit';
import { createAnalyticsModule } from './analytics-module';
import type { CustomerUpdatedEvent } from '@c360/contracts';
import type { InsightsConfig } from './config';
import { createInsightsPrivacyHandlers } from './privacy/insights-privacy.handlers';
import { createResolvers } from './resolvers/customer.resolvers';
import { startSentimentModule } from './sentiment/sentiment.module';

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
  const consent = new ConsentClient({
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
  const process = async (event: CustomerUpdatedEvent) => {
    await touches.recordUpdate(event);
    await sentiment.scoring.onCustomerUpdated(event);
  };
  const worker = startCustomerUpdatedWorker(queues, 'insights', { identities, process, logger, concurrency });
  // A split hands touchpoints back: their touch facts and their sentiment scores alike.
  const perTouchpoint = {
    assignMessages: async (customerId: string, messageIds: readonly string[]) => {
      await touches.assignMessages(customerId, messageIds);
      await sentiment.scores.assignMessages(customerId, messageIds);
    },
  };

  return runService({
    host: config.HOST,
    port: config.PORT,
    logger,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    // Relative to src: the build copies every SDL file to the same place beside the bundle.
    schemaPath: [path.join(__dirname, 'schema.graphql'), path.join(__dirname, 'sentiment/sentiment.graphql'), ...analytics.schemaPaths],
    resolvers: mergeResolvers(createResolvers(touches, identities, consent), sentiment.resolvers, ...analytics.resolvers),
    readiness: [
      { name: 'mongodb', check: () => pingMongo(mongo) },
      { name: 'redis', check: () => redis.ping() },
    ],
    workers: [
      worker,
      startCustomerSplitWorker(queues, 'insights', { identities, touches: perTouchpoint }, logger, concurrency),
      createPrivacyWorker(queues, createInsightsPrivacyHandlers({ touches, identities, queues, sentiment: sentiment.privacy }), { logger }),
      ...analytics.workers,
    ],
    resources: [
      ...sentiment.resources,
      { name: 'consent', close: () => consent.close() },
      { name: 'mongodb', close: () => mongo.close() },
      { name: 'redis', close: () => redis.quit() },
    ],
  });
}
