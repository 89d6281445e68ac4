import type { CustomerUpdatedEvent } from '@c360/contracts';
import { touchFactsOf } from './profile-minimisation';

const touch = (messageId: string, channel: 'store' | 'web', occurredAt: string) => ({
  messageId,
  channel,
  occurredAt,
  source: 'pos',
  eventKey: 'Order Completed',
  value: { amount: 12, currency: 'EUR' },
  profile: { gender: 'F' },
  attributes: { tier: 'gold' },
});

const update = (customerId: string, touchpoints: ReturnType<typeof touch>[]): CustomerUpdatedEvent => ({
  customerId,
  version: 1,
  mergedCustomerIds: [],
  touchpoint: touchpoints.at(-1),
  touchpoints,
  updatedAt: '2026-11-01T10:00:00.000Z',
});

describe('touchFactsOf', () => {
  it('keeps message, customer, channel and time of every touchpoint of every update, and nothing else', () => {
    const rows = touchFactsOf([
      update('a', [touch('m1', 'store', '2026-11-01T10:00:00.000Z'), touch('m2', 'web', '2026-11-02T10:00:00.000Z')]),
      update('b', [touch('m3', 'web', '2026-11-03T10:00:00.000Z')]),
    ]);
    expect(rows).toEqual([
      { messageId: 'm1', customerId: 'a', channel: 'store', occurredAt: new Date('2026-11-01T10:00:00.000Z') },
      { messageId: 'm2', customerId: 'a', channel: 'web', occurredAt: new Date('2026-11-02T10:00:00.000Z') },
      { messageId: 'm3', customerId: 'b', channel: 'web', occurredAt: new Date('2026-11-03T10:00:00.000Z') },
    ]);
  });

  it('reads the older one-touchpoint shape and keeps nothing for no update', () => {
    const old: CustomerUpdatedEvent = { ...update('c', []), touchpoints: undefined, touchpoint: touch('m4', 'store', '2026-11-04T10:00:00.000Z') };
    expect(touchFactsOf([old]).map((r) => r.messageId)).toEqual(['m4']);
    expect(touchFactsOf([])).toEqual([]);
  });
});
