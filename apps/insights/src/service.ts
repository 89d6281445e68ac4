import path from 'node:path';
import { ConsentClient } from '@c360/consent-client';
import { EVENTS, eventQueueName } from '@c360/contracts';
import { connectMongo, createPrivacyWorker, pingMongo, createRedisConnection, createWorker, CustomerAliasRepository, runService, startCustomerSplitWorker, TouchFactRepository, type Logger, type RunningService } from '@c360/service-kit';
import type { InsightsConfig } from './config';
import { createInsightsPrivacyHandlers } from './privacy/insights-privacy.handlers';
import { createResolvers } from './resolvers/customer.resolvers';
import { createCustomerUpdatedProcessor } from './workers/customer-updated.processor';

/** Wires insights from its configuration; main.ts and the integration tests both start it this way. */
export async function startInsights(config: InsightsConfig, logger: Logger): Promise<RunningService> {
  const mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  const redis = createRedisConnection(config.REDIS_URL);
  const touches = new TouchFactRepository(mongo);
  const aliases = new CustomerAliasRepository(mongo);
  await Promise.all([touches.ensureIndexes(), aliases.ensureIndexes()]);

  const queues = { connection: redis, prefix: config.QUEUE_PREFIX };
  const worker = createWorker(queues, eventQueueName(EVENTS.customerUpdated, 'insights'), createCustomerUpdatedProcessor(touches, aliases), {
    concurrency: config.WORKER_CONCURRENCY,
  });
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'customer.updated job failed'));
  const consent = new ConsentClient({ governanceUrl: config.CONSENT_SERVICE_URL, internalTokenSecret: config.INTERNAL_TOKEN_SECRET, caller: 'insights', redis, queuePrefix: config.QUEUE_PREFIX, maxStaleMs: config.CONSENT_MAX_STALE_MS, timeoutMs: config.CONSENT_TIMEOUT_MS });
  await consent.start();

  return runService({
    host: config.HOST,
    port: config.PORT,
    logger,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    schemaPath: path.join(__dirname, 'schema.graphql'),
    resolvers: createResolvers(touches, aliases, consent),
    readiness: [
      { name: 'mongodb', check: () => pingMongo(mongo) },
      { name: 'redis', check: () => redis.ping() },
    ],
    workers: [worker, startCustomerSplitWorker(queues, 'insights', { aliases, touches }, logger, config.WORKER_CONCURRENCY), createPrivacyWorker(queues, createInsightsPrivacyHandlers({ touches, aliases, queues }))],
    resources: [
      { name: 'consent', close: () => consent.close() },
      { name: 'mongodb', close: () => mongo.close() },
      { name: 'redis', close: () => redis.quit() },
    ],
  });
}
