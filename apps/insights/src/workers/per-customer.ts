import type { CustomerUpdatedEvent } from '@c360/contracts';

/** Customers whose steps run at once: a batch asking governance or touchpoint-store about all its customers together would make them time out. */
const CUSTOMERS_AT_ONCE = 16;

/**
 * Runs a per-update step for a batch of updates: one customer's updates one after another, oldest
 * version first (a journey's start before its completion), up to CUSTOMERS_AT_ONCE customers side by
 * side. A customer's failed update stops their later ones; the others go on. Answers each failed
 * update (and the later ones of its customer, which did not run) with its error.
 */
export async function forEachCustomerInOrder(
  events: readonly CustomerUpdatedEvent[],
  step: (event: CustomerUpdatedEvent) => Promise<void>,
): Promise<Map<CustomerUpdatedEvent, unknown>> {
  const byCustomer = new Map<string, CustomerUpdatedEvent[]>();
  for (const event of events) {
    const list = byCustomer.get(event.customerId) ?? [];
    byCustomer.set(event.customerId, list);
    list.push(event);
  }
  const failed = new Map<CustomerUpdatedEvent, unknown>();
  const lists = [...byCustomer.values()];
  const runCustomer = async (list: CustomerUpdatedEvent[]) => {
    const ordered = [...list].sort((a, b) => a.version - b.version);
    for (const [i, event] of ordered.entries()) {
      try {
        await step(event);
      } catch (err) {
        for (const later of ordered.slice(i)) failed.set(later, err);
        return;
      }
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CUSTOMERS_AT_ONCE, lists.length) }, async () => {
      while (next < lists.length) await runCustomer(lists[next++] as CustomerUpdatedEvent[]);
    }),
  );
  return failed;
}
