import { EVENTS, jobIdFor, type CustomerSplitEvent, type CustomerUpdatedEvent } from '@c360/contracts';
import type { EventPublisher } from '@c360/service-kit';
import type { SplitOutcome, UnmergeFailure, UnmergeRepository } from '../store/unmerge.repository';

export interface UnmergeDeps {
  unmerges: UnmergeRepository;
  events: EventPublisher;
}

/**
 * Splits a wrongly merged customer back out, then tells the other services: `customer.split` with
 * the exact touchpoints each side now owns, and `customer.updated` for both customers.
 */
export async function unmergeCustomer(deps: UnmergeDeps, customerId: string, by: string, reason: string): Promise<SplitOutcome | UnmergeFailure> {
  const outcome = await deps.unmerges.unmerge(customerId, by, reason);
  if (typeof outcome === 'string') return outcome;
  const split: CustomerSplitEvent = {
    splitId: outcome.splitId,
    customerId: outcome.rootId,
    restoredCustomerId: outcome.restoredId,
    restoredLineage: outcome.restoredLineage,
    assignments: outcome.assignments,
    splitAt: new Date(outcome.splitAt).toISOString(),
  };
  await deps.events.publish(EVENTS.customerSplit, split, jobIdFor('cs', outcome.splitId));
  for (const [id, version] of [
    [outcome.rootId, outcome.rootVersion],
    [outcome.restoredId, outcome.restoredVersion],
  ] as const) {
    const updated: CustomerUpdatedEvent = { customerId: id, version, mergedCustomerIds: outcome.lineages[id] ?? [], updatedAt: split.splitAt };
    await deps.events.publish(EVENTS.customerUpdated, updated, jobIdFor(`cu-${version}`, `${outcome.splitId}:${id}`));
  }
  return outcome;
}
