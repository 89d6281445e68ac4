import { customerSplitEventSchema, EVENTS, eventQueueName } from '@c360/contracts';
import { createWorker, type CustomerAliasRepository, type Logger } from '@c360/service-kit';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { TouchpointRepository } from '../store/touchpoint.repository';

interface SplitStores {
  aliases: CustomerAliasRepository;
  /** Whatever this service keeps per touchpoint, reassigned by messageId. */
  touches: Pick<TouchpointRepository, 'assignMessages'>;
}

/** customer.split: relinks each touchpoint to the customer identity-graph now says it belongs to. Every write is idempotent, so a redelivery is harmless. */
export function createCustomerSplitProcessor(stores: SplitStores) {
  return async (job: Job): Promise<void> => {
    const parsed = customerSplitEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.split: ${parsed.error.message}`);
    const event = parsed.data;
    await stores.aliases.recordSplit(event.restoredCustomerId, event.restoredLineage, new Date(event.splitAt));
    for (const { customerId, messageIds } of event.assignments) await stores.touches.assignMessages(customerId, messageIds);
  };
}

/** The customer.split worker, wired from service.ts in one line. */
export function startCustomerSplitWorker(queues: Parameters<typeof createWorker>[0], stores: SplitStores, logger: Logger, concurrency: number): Worker {
  const worker = createWorker(queues, eventQueueName(EVENTS.customerSplit, 'touchpoint-store'), createCustomerSplitProcessor(stores), { concurrency });
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'customer.split job failed'));
  return worker;
}
