import { customerUpdatedEventSchema, EVENTS, eventQueueName, type CustomerUpdatedEvent } from '@c360/contracts';
import { createWorker, factOfUpdate, refuseUnreadableVersion, type CustomerIdentityView, type Logger, type QueueContext } from '@c360/service-kit';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { KeyedBatcher } from './keyed-batcher';

export interface CustomerUpdatedBatchHandling {
  /** insights' view of who is who, which every customer.updated keeps current. */
  identities: CustomerIdentityView;
  /** What insights does with a batch of updates, after its view has learnt their lineages; answers the updates that failed on their own. */
  process(events: CustomerUpdatedEvent[]): Promise<ReadonlyMap<CustomerUpdatedEvent, unknown>>;
  logger: Logger;
  /** Most updates one batch takes (the worker holds twice as many jobs, so the next batch fills while one runs). */
  maxBatch: number;
}

/**
 * insights' customer.updated worker: each job is one update, as for every subscriber, but the updates
 * waiting are handled in batches (KeyedBatcher), so a backlog costs a few reads and writes per batch
 * rather than per update, and the updates of one customer that piled up are one rescoring. A job
 * completes once its batch is done; it fails (and is retried) only with its own failure.
 *
 * The identity facts are applied with service-kit's view, as the shared worker does, for the whole
 * batch at once and before anything reads who is who.
 */
export function startCustomerUpdatedBatchWorker(queues: QueueContext, handling: CustomerUpdatedBatchHandling): Worker {
  const { identities, process, logger, maxBatch } = handling;
  const batcher = new KeyedBatcher<CustomerUpdatedEvent>({
    maxBatch,
    maxInFlight: 2,
    keysOf: (event) => [event.customerId, ...event.mergedCustomerIds],
    run: async (events) => {
      await identities.record(events.map(factOfUpdate));
      return process(events);
    },
  });
  const processor = async (job: Job): Promise<void> => {
    refuseUnreadableVersion(EVENTS.customerUpdated, job.data);
    const parsed = customerUpdatedEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.updated: ${parsed.error.message}`);
    await batcher.add(parsed.data);
  };
  return createWorker(queues, eventQueueName(EVENTS.customerUpdated, 'insights'), processor, { logger, concurrency: 2 * maxBatch });
}
