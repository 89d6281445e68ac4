import { customerUpdatedEventSchema, EVENTS, eventQueueName, type CustomerUpdatedEvent, type ServiceName } from '@c360/contracts';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { factOfUpdate, type CustomerIdentityView } from './customer-identity-view';
import { KeyedBatcher } from './keyed-batcher';
import type { Logger } from './logger';
import { createWorker, refuseUnreadableVersion, type QueueContext } from './queue';

/** Most updates one batch takes, unless a service says otherwise. */
export const DEFAULT_UPDATE_BATCH_MAX = 100;

export interface CustomerUpdatedHandling {
  /** The service's view of who is who, which every customer.updated keeps current. */
  identities: CustomerIdentityView;
  /**
   * What the service itself does with a batch of updates, after its view has learnt their lineages;
   * answers the updates that failed on their own (the others are done).
   */
  process?: (events: CustomerUpdatedEvent[]) => Promise<ReadonlyMap<CustomerUpdatedEvent, unknown> | void>;
  logger: Logger;
  /** Most updates one batch takes (the worker holds twice as many jobs, so the next batch fills while one runs). */
  maxBatch?: number;
}

/**
 * customer.updated for one subscribing service. Each job is one update, but the updates waiting are
 * handled in batches (KeyedBatcher): a backlog costs a few reads and writes per batch rather than per
 * update, and the updates of one customer that piled up are handled together. The identity facts the
 * updates carry (each customer and every id merged into it now) are applied to the service's view
 * first, for the whole batch at once and the same way in every service; then the service's own
 * processing runs. A job completes once its batch is done; it fails (and is retried) only with its
 * own failure.
 */
export function startCustomerUpdatedWorker(queues: QueueContext, subscriber: ServiceName, handling: CustomerUpdatedHandling): Worker {
  const { identities, process, logger } = handling;
  const maxBatch = handling.maxBatch ?? DEFAULT_UPDATE_BATCH_MAX;
  const batcher = new KeyedBatcher<CustomerUpdatedEvent>({
    maxBatch,
    maxInFlight: 2,
    keysOf: (event) => [event.customerId, ...event.mergedCustomerIds],
    run: async (events) => {
      await identities.record(events.map(factOfUpdate));
      return process?.(events);
    },
  });
  const processor = async (job: Job): Promise<void> => {
    refuseUnreadableVersion(EVENTS.customerUpdated, job.data);
    const parsed = customerUpdatedEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.updated: ${parsed.error.message}`);
    await batcher.add(parsed.data);
  };
  return createWorker(queues, eventQueueName(EVENTS.customerUpdated, subscriber), processor, { logger, concurrency: 2 * maxBatch });
}
