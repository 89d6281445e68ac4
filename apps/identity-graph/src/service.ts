import { ConsentClient } from '@c360/consent-client';
import path from 'node:path';
import { QUEUES, type BatchJob, type LinkJob } from '@c360/contracts';
import {
  createPrivacyWorker,
  createQueue,
  createRedisConnection,
  createWorker,
  EventPublisher,
  runService,
  type Logger,
  type RunningService,
  createMetricsRegistry,
} from '@c360/service-kit';
import { identifierRegistryFrom } from '@c360/identifiers';
import type { IdentityGraphConfig } from './config';
import { createFellegiSunterMatcher } from './domain/fellegi-sunter';
import { matchModelFrom, rulesFrom } from './identity-setup';
import { createResolvers } from './resolvers/customer.resolvers';
import { CustomerReadRepository } from './store/customer-read.repository';
import { createIdentityPrivacyHandlers } from './privacy/identity-privacy.handlers';
import { GoldenRecordRepository } from './store/golden-record.repository';
import { IdentityRepository } from './store/identity.repository';
import { LinkExplanationRepository } from './store/link-explanation.repository';
import { ReviewRepository } from './store/review.repository';
import { UnmergeRepository } from './store/unmerge.repository';
import { createNeo4jDriver } from './store/neo4j-driver';
import { IdentityPrivacyRepository } from './store/privacy.repository';
import { identityMetrics } from './metrics/identity.metrics';
import { createResolveIdentityProcessor } from './workers/resolve-identity.processor';

/** Wires identity-graph from its configuration; main.ts and the integration tests both start it this way. */
export async function startIdentityGraph(config: IdentityGraphConfig, logger: Logger): Promise<RunningService> {
  const driver = createNeo4jDriver(config.NEO4J_URI, config.NEO4J_USER, config.NEO4J_PASSWORD);
  await driver.verifyConnectivity();
  const registry = identifierRegistryFrom(config);
  const identities = new IdentityRepository(driver, { rules: rulesFrom(registry), matcher: createFellegiSunterMatcher(matchModelFrom(config)) });
  await identities.ensureSchema();

  const redis = createRedisConnection(config.REDIS_URL);
  const queues = { connection: redis, prefix: config.QUEUE_PREFIX };
  const metrics = createMetricsRegistry('identity-graph');
  const counted = identityMetrics(metrics);
  // Marketers see personal fields only where governance says the customer consented (field-access).
  const consent = new ConsentClient({
    metrics,
    governanceUrl: config.CONSENT_SERVICE_URL,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    caller: 'identity-graph',
    redis,
    queuePrefix: config.QUEUE_PREFIX,
    maxStaleMs: config.CONSENT_MAX_STALE_MS,
    timeoutMs: config.CONSENT_TIMEOUT_MS,
  });
  await consent.start();
  const events = new EventPublisher(queues);
  const linkQueue = createQueue<BatchJob<LinkJob>>(queues, QUEUES.touchpointLink);
  const processor = createResolveIdentityProcessor({ identities, events, linkQueue, registry, logger, metrics: counted });
  const worker = createWorker(queues, QUEUES.identityResolve, processor, { concurrency: config.WORKER_CONCURRENCY, logger });
  const privacyWorker = createPrivacyWorker(queues, createIdentityPrivacyHandlers({ privacy: new IdentityPrivacyRepository(driver), queues, registry }), {
    logger,
  });

  return runService({
    metrics,
    consentCheck: (customerId, purpose) => consent.isAllowed({ customerId, purpose }),
    host: config.HOST,
    port: config.PORT,
    shutdownDrainMs: config.SHUTDOWN_DRAIN_MS,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logger,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    schemaPath: path.join(__dirname, 'schema.graphql'),
    resolvers: createResolvers({
      customers: new CustomerReadRepository(driver),
      registry,
      explanations: new LinkExplanationRepository(driver),
      unmerges: new UnmergeRepository(driver),
      events,
      reviews: new ReviewRepository(driver, rulesFrom(registry)),
      linkQueue,
      metrics: counted,
      golden: new GoldenRecordRepository(driver),
      sourceTrust: config.SOURCE_TRUST,
    }),
    readiness: [
      { name: 'neo4j', check: () => driver.verifyConnectivity() },
      { name: 'redis', check: () => redis.ping() },
    ],
    workers: [worker, privacyWorker],
    resources: [
      { name: 'consent client', close: () => consent.close() },
      { name: 'queues', close: () => Promise.all([events.close(), linkQueue.close()]) },
      { name: 'neo4j', close: () => driver.close() },
      { name: 'redis', close: () => redis.quit() },
    ],
  });
}
