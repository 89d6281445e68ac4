import type { CustomerUpdatedEvent } from '@c360/contracts';
import { forEachCustomerInOrder } from './per-customer';

const update = (customerId: string, version: number): CustomerUpdatedEvent => ({
  customerId,
  version,
  mergedCustomerIds: [],
  updatedAt: new Date().toISOString(),
});

describe('forEachCustomerInOrder', () => {
  it("runs one customer's updates oldest version first, one after another", async () => {
    const seen: string[] = [];
    let running = 0;
    await forEachCustomerInOrder([update('a', 3), update('b', 1), update('a', 1), update('a', 2)], async (e) => {
      running += e.customerId === 'a' ? 1 : 0;
      expect(running).toBeLessThanOrEqual(1);
      await new Promise((r) => setImmediate(r));
      seen.push(`${e.customerId}${e.version}`);
      running -= e.customerId === 'a' ? 1 : 0;
    });
    expect(seen.filter((s) => s.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(seen).toContain('b1');
  });

  it("runs every other customer's updates when one fails, and answers the failed update and its customer's later ones", async () => {
    const seen: string[] = [];
    const events = [update('a', 1), update('b', 1), update('b', 2), update('c', 1)];
    const failed = await forEachCustomerInOrder(events, async (e) => {
      if (e.customerId === 'b' && e.version === 1) throw new Error('b failed');
      await new Promise((r) => setImmediate(r));
      seen.push(`${e.customerId}${e.version}`);
    });
    expect(seen.sort()).toEqual(['a1', 'c1']);
    expect([...failed.keys()]).toEqual([events[1], events[2]]);
    expect((failed.get(events[2] as CustomerUpdatedEvent) as Error).message).toBe('b failed');
  });
});
