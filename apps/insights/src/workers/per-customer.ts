import type { CustomerUpdatedEvent } from '@c360/contracts';

/**
 * Runs a per-update step for a batch of updates: one customer's updates one after another, oldest
 * version first (a journey's start before its completion), different customers side by side. Every
 * update's step runs even when another's fails; the first failure is then thrown.
 */
export async function forEachCustomerInOrder(events: readonly CustomerUpdatedEvent[], step: (event: CustomerUpdatedEvent) => Promise<void>): Promise<void> {
  const byCustomer = new Map<string, CustomerUpdatedEvent[]>();
  for (const event of events) {
    const list = byCustomer.get(event.customerId) ?? [];
    byCustomer.set(event.customerId, list);
    list.push(event);
  }
  const outcomes = await Promise.allSettled(
    [...byCustomer.values()].map(async (list) => {
      for (const event of [...list].sort((a, b) => a.version - b.version)) await step(event);
    }),
  );
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}
