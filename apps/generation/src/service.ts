import path from 'node:path';
import { ConsentClient } from '@c360/consent-client';
import type { CustomerUpdatedEvent } from '@c360/contracts';
import {
  connectMongo,
  createPrivacyWorker,
  pingMongo,
  createRedisConnection,
  CustomerIdentityView,
  mergeResolvers,
  runService,
  startCustomerSplitWorker,
  startCustomerUpdatedWorker,
  TouchFactRepository,
  type Logger,
  type RunningService,
  createMetricsRegistry,
} from '@c360/service-kit';
import type { GenerationConfig } from './config';
import { CONTENT_SCHEMA_PATH, startContent } from './content/content.module';
import { CONVERSATIONS_SCHEMA_PATH, startConversations } from './conversations/conversations.module';
import { AnthropicProvider, createAnthropicClient } from './providers/anthropic.provider';
import type { ContentProvider } from './providers/content-provider';
import { OfflineTemplateProvider } from './providers/offline-template.provider';
import { createGenerationPrivacyHandlers } from './privacy/generation-privacy.handlers';
import { createResolvers } from './resolvers/customer.resolvers';
import { DraftRepository } from './store/draft.repository';
import { createGreetingRedrafter } from './workers/greeting-redrafter';

function chooseProvider(config: GenerationConfig): ContentProvider {
  return config.ANTHROPIC_API_KEY
    ? new AnthropicProvider(createAnthropicClient(config.ANTHROPIC_API_KEY), config.ANTHROPIC_MODEL)
    : new OfflineTemplateProvider();
}

/** Wires generation from its configuration; main.ts and the integration tests both start it this way. */
export async function startGeneration(config: GenerationConfig, logger: Logger): Promise<RunningService> {
  const mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  const touches = new TouchFactRepository(mongo);
  const identities = new CustomerIdentityView(mongo);
  const drafts = new DraftRepository(mongo);
  await Promise.all([touches.ensureIndexes(), identities.ensureIndexes()]);

  const redis = createRedisConnection(config.REDIS_URL);
  const queues = { connection: redis, prefix: config.QUEUE_PREFIX };
  const metrics = createMetricsRegistry('generation');
  const consent = new ConsentClient({
    metrics,
    governanceUrl: config.CONSENT_SERVICE_URL,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    caller: 'generation',
    redis,
    queuePrefix: config.QUEUE_PREFIX,
    maxStaleMs: config.CONSENT_MAX_STALE_MS,
    timeoutMs: config.CONSENT_TIMEOUT_MS,
  });
  await consent.start();
  const concurrency = config.WORKER_CONCURRENCY;
  const conversations = await startConversations({ mongo, queues, identities, consent, config, logger });
  const redraft = createGreetingRedrafter({ touches, identities, drafts, provider: chooseProvider(config), consent });
  const process = async (events: CustomerUpdatedEvent[]) => {
    const failed = new Map<CustomerUpdatedEvent, unknown>();
    for (const event of events) await conversations.linkAnonymous(event).catch((err: unknown) => failed.set(event, err));
    for (const [event, err] of await redraft(events)) if (!failed.has(event)) failed.set(event, err);
    return failed;
  };
  const worker = startCustomerUpdatedWorker(queues, 'generation', { identities, process, logger });
  const content = await startContent({ mongo, redis, queues, identities, consent, config, logger, concurrency });
  // customer.split moves conversations with their touchpoints, as it moves touch facts.
  const splitTouches = {
    assignMessages: async (customerId: string, messageIds: readonly string[]) => {
      await touches.assignMessages(customerId, messageIds);
      await conversations.assignMessages(customerId, messageIds);
    },
  };

  return runService({
    metrics,
    consentCheck: (customerId, purpose) => consent.isAllowed({ customerId, purpose }),
    host: config.HOST,
    port: config.PORT,
    shutdownDrainMs: config.SHUTDOWN_DRAIN_MS,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logger,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    schemaPath: [path.join(__dirname, 'schema.graphql'), CONTENT_SCHEMA_PATH, CONVERSATIONS_SCHEMA_PATH],
    resolvers: mergeResolvers(createResolvers(drafts, identities), content.resolvers, conversations.resolvers),
    readiness: [
      { name: 'mongodb', check: () => pingMongo(mongo) },
      { name: 'redis', check: () => redis.ping() },
    ],
    workers: [
      worker,
      conversations.worker,
      startCustomerSplitWorker(queues, 'generation', { identities, touches: splitTouches, alsoOnSplit: [content.onSplit] }, logger, concurrency),
      createPrivacyWorker(
        queues,
        createGenerationPrivacyHandlers({ drafts, touches, identities, queues, content: content.privacy, conversations: conversations.privacy }),
        { logger },
      ),
      ...content.workers,
    ],
    resources: [
      { name: 'conversations', close: () => conversations.close() },
      { name: 'content', close: () => content.close() },
      { name: 'consent', close: () => consent.close() },
      { name: 'mongodb', close: () => mongo.close() },
      { name: 'redis', close: () => redis.quit() },
    ],
  });
}
