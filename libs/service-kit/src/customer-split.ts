import { customerSplitEventSchema, EVENTS, eventQueueName, type ServiceName } from '@c360/contracts';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { Logger } from './logger';
import type { CustomerAliasRepository } from './mongo';
import { createWorker, type QueueContext } from './queue';

export interface SplitStores {
  aliases: CustomerAliasRepository;
  /** Whatever the service keeps per touchpoint, reassigned by messageId. */
  touches: { assignMessages(customerId: string, messageIds: readonly string[]): Promise<void> };
}

/**
 * customer.split: the restored customer stops being an alias of the survivor, and each touchpoint
 * goes to the customer identity-graph now says it belongs to. Every write is idempotent, so a
 * redelivery is harmless.
 */
export function createCustomerSplitProcessor(stores: SplitStores) {
  return async (job: Job): Promise<void> => {
    const parsed = customerSplitEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.split: ${parsed.error.message}`);
    const event = parsed.data;
    await stores.aliases.recordSplit(event.restoredCustomerId, event.restoredLineage, new Date(event.splitAt));
    for (const { customerId, messageIds } of event.assignments) await stores.touches.assignMessages(customerId, messageIds);
  };
}

/** The customer.split worker of one subscribing service. */
export function startCustomerSplitWorker(queues: QueueContext, subscriber: ServiceName, stores: SplitStores, logger: Logger, concurrency: number): Worker {
  const worker = createWorker(queues, eventQueueName(EVENTS.customerSplit, subscriber), createCustomerSplitProcessor(stores), { concurrency });
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'customer.split job failed'));
  return worker;
}
