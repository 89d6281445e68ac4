import path from 'node:path';
import { PRIVACY_QUEUES, stampVersion } from '@c360/contracts';
import {
  connectMongo,
  closeQueueHandle,
  createPrivacyWorker,
  createQueue,
  createRedisConnection,
  createWorker,
  CustomerIdentityView,
  type Logger,
  mergeResolvers,
  pingMongo,
  type RedisClient,
  type RunningService,
  createMetricsRegistry,
  runService,
  startCustomerUpdatedWorker,
} from '@c360/service-kit';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the privacy flows' queues are contracts' and their jobs stamped (privacy/request-flows.ts)
import { FlowProducer, type Worker } from 'bullmq';
import type { Connection } from 'mongoose';
import { AuditAnchor } from './audit/audit-anchor';
import { IdentityDirectory } from './clients/identity-directory';
import type { GovernanceConfig } from './config';
import { currentConsents } from './domain/consent';
import { ConsentChangePublisher } from './events/consent-change.publisher';
import { CUSTOMER_REQUESTS_SCHEMA_PATH, startCustomerRequests } from './customer-requests/customer-requests.module';
import { mountConsentProfileRoute } from './http/consent-profile.route';
import { PARTNERS_SCHEMA_PATH, startPartners } from './partners/partners.module';
import type { HostLookup } from './partners/webhook-http-agent';
import { DataSubjectRequests } from './privacy/data-subject-requests';
import { createGovernancePrivacyHandlers } from './privacy/governance-privacy.handlers';
import { RequestFlows } from './privacy/request-flows';
import { createResolvers } from './resolvers';
import { AccessExportRepository } from './store/access-export.repository';
import { AuditAnchorRepository } from './store/audit-anchor.repository';
import { AuditRepository } from './store/audit.repository';
import { ConsentRepository } from './store/consent.repository';
import { PartnerDeliveryPrivacyRepository } from './store/partner-delivery-privacy.repository';
import { RequestRepository } from './store/request.repository';
import { RestrictionRepository } from './store/restriction.repository';
import { SuppressionRepository } from './store/suppression.repository';
import { registerRequestMetrics } from './metrics/request.metrics';
import { createRequestParentProcessor } from './workers/request-parent.processor';
import { createRetentionProcessor } from './workers/retention.processor';

const RETENTION_SCHEDULER = 'retention';

async function openStores(mongo: Connection, redis: RedisClient, prefix: string) {
  const stores = {
    consents: new ConsentRepository(mongo),
    identities: new CustomerIdentityView(mongo),
    audit: new AuditRepository(mongo),
    requests: new RequestRepository(mongo),
    restrictions: new RestrictionRepository(mongo),
    exports: new AccessExportRepository(mongo),
    suppression: new SuppressionRepository(mongo, redis, prefix),
  };
  await Promise.all(Object.values(stores).map((s) => s.ensureIndexes()));
  // Redis may have lost the set (flushed, replaced): the durable list puts it back before anything is ingested.
  await stores.suppression.reseed();
  return stores;
}

/** Checkpoints live behind a connection of their own: the audit writer's connection never reaches them. */
async function openAuditAnchor(config: GovernanceConfig, audit: AuditRepository, logger: Logger) {
  const connection = await connectMongo(config.AUDIT_ANCHOR_MONGODB_URI ?? config.MONGODB_URI, config.AUDIT_ANCHOR_DB);
  const checkpoints = new AuditAnchorRepository(connection);
  await checkpoints.ensureIndexes();
  const anchor = new AuditAnchor(audit, checkpoints, { key: config.AUDIT_ANCHOR_KEY, chain: config.MONGODB_DB });
  anchor.start(config.AUDIT_ANCHOR_INTERVAL_MS, logger);
  // After an erasure receipt: a failure is logged, not retried with the job (that would append the receipt again); the timer catches up.
  const anchorNow = () =>
    anchor.anchor().then(
      () => undefined,
      (err: Error) => logger.warn({ err: err.message }, 'audit anchoring failed'),
    );
  return { anchor, anchorNow, connection };
}

/** What a test may stand in for: DNS, to point a public-looking webhook host at a local address. */
export interface GovernanceOverrides {
  webhookLookup?: HostLookup;
}

/** Wires governance from its configuration; main.ts and the integration tests both start it this way. */
export async function startGovernance(config: GovernanceConfig, logger: Logger, overrides: GovernanceOverrides = {}): Promise<RunningService> {
  const mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  const redis = createRedisConnection(config.REDIS_URL);
  const stores = await openStores(mongo, redis, config.QUEUE_PREFIX);
  const anchoring = await openAuditAnchor(config, stores.audit, logger);
  const queues = { connection: redis, prefix: config.QUEUE_PREFIX };
  const producer = new FlowProducer({ connection: redis, prefix: config.QUEUE_PREFIX });
  const flows = new RequestFlows(producer, config.QUEUE_PREFIX, { attempts: config.PRIVACY_JOB_ATTEMPTS, backoffMs: config.PRIVACY_BACKOFF_MS });
  const changes = new ConsentChangePublisher(redis, config.QUEUE_PREFIX);
  const directory = new IdentityDirectory(config.IDENTITY_GRAPH_URL, config.INTERNAL_TOKEN_SECRET);
  const dsr = new DataSubjectRequests({ ...stores, flows, directory, changes, suppressionSecret: config.SUPPRESSION_SECRET, dueDays: config.REQUEST_DUE_DAYS });
  // A restricted customer's data goes to no partner, whatever the consents say.
  const consentsOf = async (customerId: string) => {
    const ids = await stores.identities.expand(customerId);
    if (await stores.restrictions.isRestricted(ids)) return [];
    return currentConsents(await stores.consents.ledger(ids), config.CONSENT_DEFAULT_GRANTED);
  };
  const customerRequests = await startCustomerRequests(mongo);
  const metrics = createMetricsRegistry('governance');
  registerRequestMetrics(metrics, stores.requests);
  const partners = await startPartners({
    mongo,
    queues,
    publisher: redis,
    consents: consentsOf,
    config,
    logger,
    lookup: overrides.webhookLookup,
    metrics,
    audit: stores.audit,
  });

  const retentionQueue = createQueue(queues, PRIVACY_QUEUES.retention);
  if (config.RETENTION_CRON !== 'off')
    await retentionQueue.upsertJobScheduler(
      RETENTION_SCHEDULER,
      { pattern: config.RETENTION_CRON, tz: 'UTC' },
      { name: 'run', data: stampVersion(PRIVACY_QUEUES.retention, {}) },
    );
  const workers: Worker[] = [
    // governance keeps nothing of a customer.updated but who is who, for consents recorded under older ids.
    startCustomerUpdatedWorker(queues, 'governance', { identities: stores.identities, logger }),
    createWorker(queues, PRIVACY_QUEUES.requests, createRequestParentProcessor({ ...stores, flows, queues, anchorAudit: anchoring.anchorNow }), {
      concurrency: config.WORKER_CONCURRENCY,
      logger,
    }),
    createWorker(queues, PRIVACY_QUEUES.retention, createRetentionProcessor(flows, config.RETENTION_POLICIES), { concurrency: 1, logger }),
    createPrivacyWorker(
      queues,
      createGovernancePrivacyHandlers({
        ...stores,
        deliveries: new PartnerDeliveryPrivacyRepository(mongo),
        customerRequests: customerRequests.repository,
        queues,
      }),
      { logger },
    ),
  ];
  // A worker closed before it finished starting leaves its stalled-job check running on a closed connection.
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  producer.on('error', (err) => logger.warn({ err: err.message }, 'flow producer error'));
  retentionQueue.on('error', (err) => logger.warn({ err: err.message }, 'retention queue error'));

  return runService({
    metrics,
    host: config.HOST,
    port: config.PORT,
    shutdownDrainMs: config.SHUTDOWN_DRAIN_MS,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logger,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    schemaPath: [path.join(__dirname, 'schema.graphql'), PARTNERS_SCHEMA_PATH, CUSTOMER_REQUESTS_SCHEMA_PATH],
    resolvers: mergeResolvers(
      createResolvers({ ...stores, dsr, changes, grantedByDefault: config.CONSENT_DEFAULT_GRANTED, verifyAudit: () => anchoring.anchor.verify() }),
      partners.resolvers,
      customerRequests.resolvers,
    ),
    routes: (app) =>
      mountConsentProfileRoute(app, { ...stores, grantedByDefault: config.CONSENT_DEFAULT_GRANTED, internalTokenSecret: config.INTERNAL_TOKEN_SECRET }),
    readiness: [
      { name: 'mongodb', check: () => pingMongo(mongo) },
      { name: 'redis', check: () => redis.ping() },
    ],
    workers: [...workers, ...partners.fanouts],
    laterWorkers: () => partners.deliveryWorkers,
    resources: [
      { name: 'partner deliveries', close: () => partners.close() },
      { name: 'queues', close: () => Promise.all([closeQueueHandle(producer), retentionQueue.close()]) },
      { name: 'audit anchoring', close: () => anchoring.anchor.stop().then(() => anchoring.connection.close()) },
      { name: 'mongodb', close: () => mongo.close() },
      { name: 'redis', close: () => redis.quit() },
    ],
  });
}
