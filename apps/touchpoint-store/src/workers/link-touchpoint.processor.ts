import { linkJobSchema } from '@c360/contracts';
import type { CustomerAliasRepository } from '@c360/service-kit';
import { UnrecoverableError, type Job } from 'bullmq';
import type { TouchpointRepository } from '../store/touchpoint.repository';

/** touchpoint-link: records which customer a touchpoint belongs to, and which customers merged. */
export function createLinkProcessor(touchpoints: TouchpointRepository, aliases: CustomerAliasRepository) {
  return async (job: Job): Promise<void> => {
    const parsed = linkJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed touchpoint-link job: ${parsed.error.message}`);
    const { messageId, customerId, mergedCustomerIds, linkedAt } = parsed.data;
    if (mergedCustomerIds.length > 0) {
      await aliases.recordMerge(customerId, mergedCustomerIds, new Date(linkedAt));
      await touchpoints.reassignCustomers(mergedCustomerIds, customerId);
    }
    // Resolution only follows storage, so a missing touchpoint is a fault worth retrying, not ignoring.
    if (!(await touchpoints.assignCustomer(messageId, customerId))) throw new Error('touchpoint to link is not stored');
  };
}
