import { linkJobSchema, type LinkJob } from '@c360/contracts';
import { factOfLink, failOnMalformedItems, readBatchJob, type CustomerIdentityView } from '@c360/service-kit';
import type { Job } from 'bullmq';
import type { TouchpointRepository } from '../store/touchpoint.repository';

/** Per customer in a batch: every id merged into it and when the batch learnt so. */
function lineagesOf(items: readonly LinkJob[]): Map<string, { mergedIds: Set<string>; linkedAt: Date }> {
  const lineages = new Map<string, { mergedIds: Set<string>; linkedAt: Date }>();
  for (const { customerId, mergedCustomerIds, linkedAt } of items) {
    if (mergedCustomerIds.length === 0) continue;
    const entry = lineages.get(customerId) ?? { mergedIds: new Set<string>(), linkedAt: new Date(linkedAt) };
    for (const id of mergedCustomerIds) entry.mergedIds.add(id);
    if (new Date(linkedAt) > entry.linkedAt) entry.linkedAt = new Date(linkedAt);
    lineages.set(customerId, entry);
  }
  return lineages;
}

/**
 * touchpoint-link: records which customer each touchpoint of a batch belongs to, and which customers
 * merged. Touchpoints of newly merged customers are moved onto the survivor before the merge is
 * recorded, so a crash between the two is repaired by the retry; a link naming a customer already
 * merged away is stored under its survivor. Analytics can then group by customerId alone.
 */
export function createLinkProcessor(touchpoints: TouchpointRepository, identities: CustomerIdentityView) {
  return async (job: Job): Promise<{ linked: number }> => {
    const parsed = readBatchJob('touchpoint-link', linkJobSchema, job.data);
    const { items } = parsed;
    const lineages = lineagesOf(items);
    if (lineages.size > 0) {
      const survivors = await identities.survivorsOf([...lineages.values()].flatMap((l) => [...l.mergedIds]));
      await touchpoints.reassignCustomers(
        [...lineages].map(([customerId, { mergedIds }]) => ({ from: [...mergedIds].filter((id) => survivors.get(id) !== customerId), to: customerId })),
      );
    }
    await identities.record(items.map(factOfLink));
    const owners = await identities.survivorsOf(items.map((i) => i.customerId));
    const missing = await touchpoints.assignCustomers(
      items.map(({ messageId, customerId }) => ({ messageId, customerId: owners.get(customerId) ?? customerId })),
    );
    // Resolution only follows storage, so a missing touchpoint is a fault worth retrying, not ignoring;
    // the links written meanwhile are written again, harmlessly.
    if (missing.length > 0) throw new Error(`${missing.length} of ${items.length} touchpoints to link are not stored`);
    failOnMalformedItems('touchpoint-link', parsed);
    return { linked: items.length };
  };
}
