import { customerUpdatedEventSchema, touchpointsOf } from '@c360/contracts';
import type { CustomerAliasRepository, TouchFactRepository } from '@c360/service-kit';
import { UnrecoverableError, type Job } from 'bullmq';

/** Keeps insights' copy of touches and merges current with identity-graph's `customer.updated`. */
export function createCustomerUpdatedProcessor(touches: TouchFactRepository, aliases: CustomerAliasRepository) {
  return async (job: Job): Promise<void> => {
    const parsed = customerUpdatedEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.updated: ${parsed.error.message}`);
    const event = parsed.data;
    if (event.mergedCustomerIds.length > 0) {
      await aliases.recordMerge(event.customerId, event.mergedCustomerIds, new Date(event.updatedAt));
    }
    await touches.recordMany(touchpointsOf(event).map(({ messageId, channel, occurredAt }) => ({ messageId, customerId: event.customerId, channel, occurredAt: new Date(occurredAt) })));
  };
}
