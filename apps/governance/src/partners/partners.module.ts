import path from 'node:path';
import { EVENTS, eventQueueName } from '@c360/contracts';
import { createWorker, type Logger, type QueueContext } from '@c360/service-kit';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { DeliveryRepository } from './delivery.repository';
import { PartnerDispatcher } from './partner-dispatcher';
import { createPartnerFanoutProcessor, type ConsentLookup } from './partner-fanout.processor';
import { PartnerRepository } from './partner.repository';
import { createPartnerResolvers } from './partners.resolvers';
import type { partnersConfigShape } from './partners.config';

type PartnersConfig = { [K in keyof typeof partnersConfigShape]: number };

export const PARTNERS_SCHEMA_PATH = path.join(__dirname, 'partners.graphql');

/** Everything partners need inside governance, so service.ts wires it with a few lines. */
export async function startPartners(deps: {
  mongo: Connection;
  queues: QueueContext;
  publisher: Redis;
  consents: ConsentLookup;
  config: PartnersConfig;
  logger: Logger;
}) {
  const partners = new PartnerRepository(deps.mongo);
  const deliveries = new DeliveryRepository(deps.mongo);
  await Promise.all([partners.ensureIndexes(), deliveries.ensureIndexes()]);
  const schedule = { baseDelayMs: deps.config.WEBHOOK_RETRY_BASE_MS, maxDelayMs: deps.config.WEBHOOK_RETRY_MAX_MS, maxAttempts: deps.config.WEBHOOK_MAX_ATTEMPTS };
  const dispatcher = new PartnerDispatcher(deps.queues, partners, { deliveries, partners, schedule, timeoutMs: deps.config.WEBHOOK_TIMEOUT_MS, logger: deps.logger }, deps.logger);
  await dispatcher.start(deps.config.PARTNER_REFRESH_MS);
  const fanout: Worker = createWorker(
    deps.queues,
    eventQueueName(EVENTS.customerUpdated, 'partners'),
    createPartnerFanoutProcessor({ partners, deliveries, dispatcher, consents: deps.consents, publisher: deps.publisher, prefix: deps.queues.prefix }),
  );
  fanout.on('failed', (job, err) => deps.logger.warn({ jobId: job?.id, err: err.message }, 'partner fan-out failed'));
  return {
    resolvers: createPartnerResolvers({ partners, deliveries, dispatcher }),
    fanout,
    close: () => dispatcher.close(),
  };
}
