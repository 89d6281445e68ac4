import path from 'node:path';
import { EVENTS, eventQueueName } from '@c360/contracts';
import { mergeResolvers, connectMongo, pingMongo, createRedisConnection, createWorker, CustomerAliasRepository, runService, type Logger, type RunningService } from '@c360/service-kit';
import type { GovernanceConfig } from './config';
import { currentConsents } from './domain/consent';
import { PARTNERS_SCHEMA_PATH, startPartners } from './partners/partners.module';
import { createResolvers } from './resolvers/consent.resolvers';
import { ConsentRepository } from './store/consent.repository';
import { createCustomerUpdatedProcessor } from './workers/customer-updated.processor';

/** Wires governance from its configuration; main.ts and the integration tests both start it this way. */
export async function startGovernance(config: GovernanceConfig, logger: Logger): Promise<RunningService> {
  const mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  const consents = new ConsentRepository(mongo);
  const aliases = new CustomerAliasRepository(mongo);
  await Promise.all([consents.ensureIndexes(), aliases.ensureIndexes()]);

  const redis = createRedisConnection(config.REDIS_URL);
  const queues = { connection: redis, prefix: config.QUEUE_PREFIX };
  const worker = createWorker(queues, eventQueueName(EVENTS.customerUpdated, 'governance'), createCustomerUpdatedProcessor(aliases), {
    concurrency: config.WORKER_CONCURRENCY,
  });
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'customer.updated job failed'));
  const consentsOf = async (customerId: string) => currentConsents(await consents.ledger(await aliases.expand(customerId)), config.CONSENT_DEFAULT_GRANTED);
  const partners = await startPartners({ mongo, queues, publisher: redis, consents: consentsOf, config, logger });

  return runService({
    host: config.HOST,
    port: config.PORT,
    logger,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    schemaPath: [path.join(__dirname, 'schema.graphql'), PARTNERS_SCHEMA_PATH],
    resolvers: mergeResolvers(createResolvers({ consents, aliases, grantedByDefault: config.CONSENT_DEFAULT_GRANTED }), partners.resolvers),
    readiness: [
      { name: 'mongodb', check: () => pingMongo(mongo) },
      { name: 'redis', check: () => redis.ping() },
    ],
    workers: [worker, partners.fanout],
    resources: [
      { name: 'partner deliveries', close: () => partners.close() },
      { name: 'mongodb', close: () => mongo.close() },
      { name: 'redis', close: () => redis.quit() },
    ],
  });
}
