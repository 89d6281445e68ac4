import { linkJobSchema } from '@c360/contracts';
import type { CustomerAliasRepository } from '@c360/service-kit';
import { UnrecoverableError, type Job } from 'bullmq';
import type { TouchpointRepository } from '../store/touchpoint.repository';

/**
 * touchpoint-link: records which customer a touchpoint belongs to, and which customers merged.
 * Touchpoints of newly merged customers are moved onto the survivor before the merge is recorded,
 * so a crash between the two is repaired by the retry; a link naming a customer already merged
 * away is stored under its survivor. Analytics can then group by customerId alone.
 */
export function createLinkProcessor(touchpoints: TouchpointRepository, aliases: CustomerAliasRepository) {
  return async (job: Job): Promise<void> => {
    const parsed = linkJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed touchpoint-link job: ${parsed.error.message}`);
    const { messageId, customerId, mergedCustomerIds, linkedAt } = parsed.data;
    if (mergedCustomerIds.length > 0) {
      const survivors = await Promise.all(mergedCustomerIds.map((id) => aliases.survivorOf(id)));
      const newlyMerged = mergedCustomerIds.filter((id, i) => survivors[i] !== customerId);
      await touchpoints.reassignCustomers(newlyMerged, customerId);
      await aliases.recordMerge(customerId, mergedCustomerIds, new Date(linkedAt));
    }
    const owner = await aliases.survivorOf(customerId);
    // Resolution only follows storage, so a missing touchpoint is a fault worth retrying, not ignoring.
    if (!(await touchpoints.assignCustomer(messageId, owner))) throw new Error('touchpoint to link is not stored');
  };
}
