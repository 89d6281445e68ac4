import type { CustomerUpdatedEvent } from '@c360/contracts';
import { forEachCustomerInOrder } from './per-customer';

const update = (customerId: string, version: number): CustomerUpdatedEvent => ({ customerId, version, mergedCustomerIds: [], updatedAt: new Date().toISOString() });

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

  it("runs every other customer's updates when one fails, then throws that failure", async () => {
    const seen: string[] = [];
    const run = forEachCustomerInOrder([update('a', 1), update('b', 1), update('c', 1)], async (e) => {
      if (e.customerId === 'b') throw new Error('b failed');
      await new Promise((r) => setImmediate(r));
      seen.push(e.customerId);
    });
    await expect(run).rejects.toThrow('b failed');
    expect(seen.sort()).toEqual(['a', 'c']);
  });
});
