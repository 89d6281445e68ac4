import { ConsentClient } from '@c360/consent-client';
import path from 'node:path';
import { QUEUES, type BatchJob, type IngestJob, type ResolveJob } from '@c360/contracts';
import {
  connectMongo,
  createMetricsRegistry,
  createPrivacyWorker,
  pingMongo,
  createQueue,
  createRedisConnection,
  createWorker,
  CustomerIdentityView,
  mergeResolvers,
  runService,
  startCustomerSplitWorker,
  type Logger,
  type RunningService,
} from '@c360/service-kit';
import { identifierRegistryFrom } from '@c360/identifiers';
import type { Worker } from 'bullmq';
import type { TouchpointStoreConfig } from './config';
import { mountBatchRoute } from './http/batch.route';
import { EventSchemaRegistry } from './intake/event-schema-registry';
import { PipelineBacklog } from './intake/pipeline-backlog';
import { registerPipelineMetrics } from './metrics/pipeline.metrics';
import { QuarantineReplay } from './intake/quarantine-replay';
import { TouchpointIntake } from './intake/touchpoint-intake';
import { createResolvers } from './resolvers';
import { AnonymousJourneyRepository } from './journey-export/anonymous-journey.repository';
import { createJourneyExportResolvers, JOURNEY_EXPORT_SCHEMA_PATH } from './journey-export/journey-export.resolvers';
import { createTouchpointFactsResolvers, TOUCHPOINT_FACTS_SCHEMA_PATH } from './touchpoint-facts/touchpoint-facts.resolvers';
import { TouchpointTextRepository } from './texts/touchpoint-text.repository';
import { AnalyticsRepository } from './store/analytics.repository';
import { CustomerJourneyRepository } from './store/customer-journey.repository';
import { EventSchemaRepository } from './store/event-schema.repository';
import { IngestBatchRepository } from './store/ingest-batch.repository';
import { IngestReconciliation } from './intake/ingest-reconciliation';
import { QuarantineRepository } from './store/quarantine.repository';
import { SuppressionList } from './store/suppression-list';
import { createTouchpointPrivacyHandlers } from './privacy/touchpoint-privacy.handlers';
import { TouchpointPrivacyRepository } from './store/touchpoint-privacy.repository';
import { TouchpointRepository } from './store/touchpoint.repository';
import { createIngestProcessor } from './workers/ingest-touchpoint.processor';
import { createLinkProcessor } from './workers/link-touchpoint.processor';

interface Stores {
  touchpoints: TouchpointRepository;
  identities: CustomerIdentityView;
}

function startWorkers(
  config: TouchpointStoreConfig,
  logger: Logger,
  queues: Parameters<typeof createWorker>[0],
  stores: Stores,
  resolveQueue: ReturnType<typeof createQueue<BatchJob<ResolveJob>>>,
): Worker[] {
  // A crashed worker's job is handed on after the lock lapses: lockDuration and stall checks follow one setting.
  const options = { concurrency: config.WORKER_CONCURRENCY, stalledInterval: config.STALLED_INTERVAL_MS, lockDuration: config.STALLED_INTERVAL_MS, logger };
  const workers = [
    createWorker(queues, QUEUES.touchpointIngest, createIngestProcessor(stores.touchpoints, resolveQueue), options),
    createWorker(queues, QUEUES.touchpointLink, createLinkProcessor(stores.touchpoints, stores.identities), options),
  ];
  return workers;
}

/** Wires touchpoint-store from its configuration; main.ts and the integration tests both start it this way. */
export async function startTouchpointStore(config: TouchpointStoreConfig, logger: Logger): Promise<RunningService> {
  const mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  const stores = { touchpoints: new TouchpointRepository(mongo), identities: new CustomerIdentityView(mongo) };
  const quarantine = new QuarantineRepository(mongo);
  const schemas = new EventSchemaRepository(mongo);
  const batches = new IngestBatchRepository(mongo);
  await Promise.all([
    stores.touchpoints.ensureIndexes(),
    stores.identities.ensureIndexes(),
    quarantine.ensureIndexes(),
    schemas.ensureIndexes(),
    batches.ensureIndexes(),
  ]);
  const backfilled = await stores.touchpoints.backfillDerivedFields();
  if (backfilled > 0) logger.info({ backfilled }, 'derived touchpoint fields filled for older touchpoints');
  if (await stores.touchpoints.timelines.buildOnce(stores.touchpoints.model)) logger.info('journey timelines built from the touchpoints');

  const redis = createRedisConnection(config.REDIS_URL);
  const queues = { connection: redis, prefix: config.QUEUE_PREFIX };
  const metrics = createMetricsRegistry('touchpoint-store');
  // Marketers see personal fields only where governance says the customer consented (field-access).
  const consent = new ConsentClient({
    metrics,
    governanceUrl: config.CONSENT_SERVICE_URL,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    caller: 'touchpoint-store',
    redis,
    queuePrefix: config.QUEUE_PREFIX,
    maxStaleMs: config.CONSENT_MAX_STALE_MS,
    timeoutMs: config.CONSENT_TIMEOUT_MS,
  });
  await consent.start();
  const ingestQueue = createQueue<BatchJob<IngestJob>>(queues, QUEUES.touchpointIngest);
  const resolveQueue = createQueue<BatchJob<ResolveJob>>(queues, QUEUES.identityResolve);
  const identifiers = identifierRegistryFrom(config);
  const registry = new EventSchemaRegistry(schemas, config.UNKNOWN_EVENT_POLICY, config.EVENT_SCHEMA_CACHE_MS);
  const backlog = new PipelineBacklog(queues, { workQueueMaxDepth: config.INGEST_QUEUE_MAX_DEPTH, eventQueueMaxDepth: config.EVENT_QUEUE_MAX_DEPTH });
  const reconciliation = new IngestReconciliation(batches, stores.touchpoints);
  registerPipelineMetrics(metrics, backlog, reconciliation, {
    batches: config.RECONCILIATION_METRIC_BATCHES,
    settleMs: config.RECONCILIATION_SETTLE_SECONDS * 1000,
    cacheMs: 15_000,
  });
  const intake = new TouchpointIntake({
    ingestQueue,
    backlog,
    batches,
    window: { earliest: config.TOUCHPOINT_TIME_EARLIEST, maxAheadMs: config.TOUCHPOINT_TIME_MAX_AHEAD_SECONDS * 1000 },
    registry,
    quarantine,
    suppression: new SuppressionList(redis, config.QUEUE_PREFIX, config.SUPPRESSION_SECRET),
    identifiers,
    retryAfterSeconds: config.INGEST_RETRY_AFTER_SECONDS,
    jobMaxItems: config.INGEST_JOB_MAX_ITEMS,
  });
  const replay = new QuarantineReplay(quarantine, intake);
  const workers =
    config.WORKER_ROLE === 'api'
      ? []
      : [
          ...startWorkers(config, logger, queues, stores, resolveQueue),
          startCustomerSplitWorker(
            queues,
            'touchpoint-store',
            { identities: stores.identities, touches: stores.touchpoints },
            logger,
            config.WORKER_CONCURRENCY,
          ),
        ];
  if (config.WORKER_ROLE !== 'api')
    workers.push(
      createPrivacyWorker(
        queues,
        createTouchpointPrivacyHandlers({
          privacy: new TouchpointPrivacyRepository(mongo),
          identities: stores.identities,
          queues,
          suppression: new SuppressionList(redis, config.QUEUE_PREFIX, config.SUPPRESSION_SECRET),
          identifiers,
        }),
        { logger },
      ),
    );
  const access = { secret: config.ACCESS_TOKEN_SECRET, issuer: config.ACCESS_TOKEN_ISSUER, audience: config.ACCESS_TOKEN_AUDIENCE };

  return runService({
    consentCheck: (customerId, purpose) => consent.isAllowed({ customerId, purpose }),
    host: config.HOST,
    port: config.PORT,
    shutdownDrainMs: config.SHUTDOWN_DRAIN_MS,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    metrics,
    logger,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    // Relative to src: the build copies every SDL file to the same place beside the bundle.
    schemaPath: [
      path.join(__dirname, 'schema.graphql'),
      path.join(__dirname, 'texts/touchpoint-texts.graphql'),
      JOURNEY_EXPORT_SCHEMA_PATH,
      TOUCHPOINT_FACTS_SCHEMA_PATH,
    ],
    resolvers: mergeResolvers(
      createResolvers({
        ...stores,
        texts: new TouchpointTextRepository(mongo),
        intake,
        quarantine,
        replay,
        registry,
        reconciliation,
        journeys: new CustomerJourneyRepository(stores.touchpoints.model),
        analytics: new AnalyticsRepository(stores.touchpoints.timelines.model),
        stageRules: config.JOURNEY_STAGE_RULES,
        defaultGapMinutes: config.SESSION_GAP_MINUTES,
      }),
      createJourneyExportResolvers(new AnonymousJourneyRepository(stores.touchpoints.timelines.model, stores.touchpoints.model)),
      createTouchpointFactsResolvers(stores),
    ),
    routes: (app) => {
      if (config.WORKER_ROLE !== 'worker')
        mountBatchRoute(app, {
          intake,
          access,
          maxItems: config.BATCH_MAX_ITEMS,
          maxBytes: config.BATCH_MAX_BYTES,
          maxItemBytes: config.BATCH_MAX_ITEM_BYTES,
          logger,
        });
    },
    readiness: [
      { name: 'mongodb', check: () => pingMongo(mongo) },
      { name: 'redis', check: () => redis.ping() },
    ],
    workers,
    resources: [
      { name: 'consent client', close: () => consent.close() },
      { name: 'queues', close: () => Promise.all([ingestQueue.close(), resolveQueue.close(), backlog.close()]) },
      { name: 'mongodb', close: () => mongo.close() },
      { name: 'redis', close: () => redis.quit() },
    ],
  });
}
