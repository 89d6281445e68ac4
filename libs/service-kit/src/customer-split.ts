import { customerSplitEventSchema, EVENTS, eventQueueName, type CustomerSplitEvent, type ServiceName } from '@c360/contracts';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { factOfSplit, type CustomerIdentityView } from './customer-identity-view';
import type { Logger } from './logger';
import { createWorker, refuseUnreadableVersion, type QueueContext } from './queue';

export interface SplitStores {
  identities: CustomerIdentityView;
  /** Whatever the service keeps per touchpoint, reassigned by messageId. */
  touches: { assignMessages(customerId: string, messageIds: readonly string[]): Promise<void> };
  /** Other stores of the service keyed by customer (drafts, conversations): each applies the split its own way, idempotently. */
  alsoOnSplit?: readonly ((event: CustomerSplitEvent) => Promise<unknown>)[];
}

/**
 * customer.split: each touchpoint goes to the customer identity-graph now says it belongs to, and the
 * restored customer is its own again. Every write is idempotent, so a redelivery is harmless.
 */
export function createCustomerSplitProcessor(stores: SplitStores) {
  return async (job: Job): Promise<void> => {
    refuseUnreadableVersion(EVENTS.customerSplit, job.data);
    const parsed = customerSplitEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.split: ${parsed.error.message}`);
    const event = parsed.data;
    await stores.identities.record([factOfSplit(event)]);
    for (const { customerId, messageIds } of event.assignments) await stores.touches.assignMessages(customerId, messageIds);
    for (const apply of stores.alsoOnSplit ?? []) await apply(event);
  };
}

/** The customer.split worker of one subscribing service. */
export function startCustomerSplitWorker(queues: QueueContext, subscriber: ServiceName, stores: SplitStores, logger: Logger, concurrency: number): Worker {
  return createWorker(queues, eventQueueName(EVENTS.customerSplit, subscriber), createCustomerSplitProcessor(stores), { concurrency, logger });
}
