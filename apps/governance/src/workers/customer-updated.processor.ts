import { customerUpdatedEventSchema } from '@c360/contracts';
import type { CustomerAliasRepository } from '@c360/service-kit';
import { UnrecoverableError, type Job } from 'bullmq';

/** Follows identity-graph's merges so consents recorded under any of a person's ids stay theirs. */
export function createCustomerUpdatedProcessor(aliases: CustomerAliasRepository) {
  return async (job: Job): Promise<void> => {
    const parsed = customerUpdatedEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.updated: ${parsed.error.message}`);
    const { customerId, mergedCustomerIds, updatedAt } = parsed.data;
    if (mergedCustomerIds.length > 0) await aliases.recordMerge(customerId, mergedCustomerIds, new Date(updatedAt));
  };
}
