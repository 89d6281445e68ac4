import { customerSplitEventSchema, EVENTS, eventQueueName } from '@c360/contracts';
import { createWorker, type Logger } from '@c360/service-kit';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { Connection } from 'mongoose';
import { CustomerSplitRepository } from '../store/customer-split.repository';

/** customer.split: relinks each touchpoint to the customer identity-graph now says it belongs to. */
export function createCustomerSplitProcessor(splits: CustomerSplitRepository) {
  return async (job: Job): Promise<void> => {
    const parsed = customerSplitEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.split: ${parsed.error.message}`);
    const event = parsed.data;
    await splits.restoreAliases(event.restoredCustomerId, event.restoredLineage, new Date(event.splitAt));
    for (const { customerId, messageIds } of event.assignments) await splits.reassign(customerId, messageIds);
  };
}

/** The customer.split worker, wired from service.ts in one line. */
export function startCustomerSplitWorker(queues: Parameters<typeof createWorker>[0], mongo: Connection, logger: Logger, concurrency: number): Worker {
  const worker = createWorker(queues, eventQueueName(EVENTS.customerSplit, 'touchpoint-store'), createCustomerSplitProcessor(new CustomerSplitRepository(mongo)), { concurrency });
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'customer.split job failed'));
  return worker;
}
