import path from 'node:path';
import { eventQueueName, PARTNER_EVENT_TYPES } from '@c360/contracts';
import { createWorker, type Logger, type QueueContext, type RedisClient } from '@c360/service-kit';
import type { Worker } from 'bullmq';
import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import type { AuditRepository } from '../store/audit.repository';
import { DeliveryRepository } from './delivery.repository';
import { PartnerDispatcher } from './partner-dispatcher';
import { createPartnerFanoutProcessor, type ConsentLookup } from './partner-fanout.processor';
import { PartnerRepository } from './partner.repository';
import { createPartnerResolvers } from './partners.resolvers';
import type { PartnersConfig } from './partners.config';
import { keyringFrom } from './secret-cipher';
import { webhookDeliveryOutcomes } from './webhook-delivery.metrics';
import { createWebhookAgent, type HostLookup } from './webhook-http-agent';

export const PARTNERS_SCHEMA_PATH = path.join(__dirname, 'partners.graphql');

/** Everything partners need inside governance, so service.ts wires it with a few lines. */
export async function startPartners(deps: {
  mongo: Connection;
  queues: QueueContext;
  publisher: RedisClient;
  consents: ConsentLookup;
  config: PartnersConfig;
  logger: Logger;
  /** How webhook hosts are resolved; the system resolver unless a test stands in for DNS. */
  lookup?: HostLookup;
  metrics: Registry;
  audit: AuditRepository;
}) {
  const { config } = deps;
  const keyring = keyringFrom(config.WEBHOOK_SECRET_ENCRYPTION_KEY, config.WEBHOOK_SECRET_ENCRYPTION_KEYS_OLD);
  const partners = new PartnerRepository(deps.mongo, keyring);
  const deliveries = new DeliveryRepository(deps.mongo);
  await Promise.all([partners.ensureIndexes(), deliveries.ensureIndexes()]);
  const resealed = await partners.resealWithCurrentKey();
  if (resealed > 0) deps.logger.info({ partners: resealed }, 'webhook secrets sealed again with the current key');
  const allowPrivateNetworks = config.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
  const agent = createWebhookAgent({ allowPrivateNetworks, lookup: deps.lookup });
  const schedule = { baseDelayMs: config.WEBHOOK_RETRY_BASE_MS, maxDelayMs: config.WEBHOOK_RETRY_MAX_MS, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS };
  const outcomes = webhookDeliveryOutcomes(deps.metrics);
  const deliveryDeps = {
    deliveries,
    partners,
    schedule,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    logger: deps.logger,
    keyring,
    agent,
    allowPrivateNetworks,
    outcomes,
  };
  const dispatcher = new PartnerDispatcher(deps.queues, partners, deliveryDeps, deps.logger);
  await dispatcher.start(config.PARTNER_REFRESH_MS);
  const fanoutDeps = { partners, deliveries, dispatcher, consents: deps.consents, publisher: deps.publisher, prefix: deps.queues.prefix };
  // One queue per event (libs/contracts EVENT_SUBSCRIBERS, subscriber 'partners'), one processor for all.
  const fanouts: Worker[] = PARTNER_EVENT_TYPES.map((type) =>
    createWorker(deps.queues, eventQueueName(type, 'partners'), createPartnerFanoutProcessor(type, fanoutDeps), { logger: deps.logger }),
  );
  return {
    resolvers: createPartnerResolvers({ partners, deliveries, dispatcher, allowPrivateNetworks, audit: deps.audit }),
    fanouts,
    /** One per partner with a webhook, started as partners register. */
    get deliveryWorkers() {
      return dispatcher.workers;
    },
    close: async () => {
      await dispatcher.close();
      // close() resolves once the requests in flight end. With the lanes closed, one still in flight
      // belongs to a delivery whose job the shutdown left to stalled-job recovery (to be sent again by
      // another replica): it is cut when the process exits, not awaited, and not aborted, which would
      // fail the job here and count an attempt the partner never refused.
      void agent.close();
    },
  };
}
