import { customerUpdatedEventSchema, EVENTS, eventQueueName, type CustomerUpdatedEvent, type ServiceName } from '@c360/contracts';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { factOfUpdate, type CustomerIdentityView } from './customer-identity-view';
import type { Logger } from './logger';
import { createWorker, refuseUnreadableVersion, type QueueContext } from './queue';

export interface CustomerUpdatedHandling {
  /** The service's view of who is who, which every customer.updated keeps current. */
  identities: CustomerIdentityView;
  /** What the service itself does with the update, after its view has learnt the customer's lineage. */
  process?: (event: CustomerUpdatedEvent) => Promise<void>;
}

/**
 * customer.updated for one subscribing service: the identity fact it carries (the customer and every
 * id merged into it now) is applied to the service's view first, the same way in every service,
 * then the service's own processing runs.
 */
export function createCustomerUpdatedProcessor({ identities, process }: CustomerUpdatedHandling) {
  return async (job: Job): Promise<void> => {
    refuseUnreadableVersion(EVENTS.customerUpdated, job.data);
    const parsed = customerUpdatedEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.updated: ${parsed.error.message}`);
    await identities.record([factOfUpdate(parsed.data)]);
    if (process) await process(parsed.data);
  };
}

export function startCustomerUpdatedWorker(
  queues: QueueContext,
  subscriber: ServiceName,
  handling: CustomerUpdatedHandling & { logger: Logger; concurrency: number },
): Worker {
  const { logger, concurrency, ...rest } = handling;
  return createWorker(queues, eventQueueName(EVENTS.customerUpdated, subscriber), createCustomerUpdatedProcessor(rest), { logger, concurrency });
}
