import type { CustomerUpdatedEvent } from '@c360/contracts';
import { withoutProfileTraits } from './profile-minimisation';

const touch = (messageId: string, profile?: Record<string, string>) => ({
  messageId,
  channel: 'store' as const,
  occurredAt: '2026-11-01T10:00:00.000Z',
  source: 'pos',
  eventKey: 'Order Completed',
  value: { amount: 12, currency: 'EUR' },
  ...(profile ? { profile } : {}),
});

describe('withoutProfileTraits', () => {
  it('drops the traits of every touchpoint (the latest one included) and keeps every other fact', () => {
    const event: CustomerUpdatedEvent = {
      customerId: 'c1',
      version: 3,
      mergedCustomerIds: ['c0'],
      touchpoint: touch('m2', { gender: 'F', country: 'GB' }),
      touchpoints: [touch('m1', { locality: 'Leeds' }), touch('m2', { gender: 'F', country: 'GB' })],
      updatedAt: '2026-11-01T10:00:01.000Z',
    };
    const kept = withoutProfileTraits(event);
    expect(kept.touchpoints).toEqual([touch('m1'), touch('m2')]);
    expect(kept.touchpoint).toEqual(touch('m2'));
    expect({ ...kept, touchpoint: undefined, touchpoints: undefined }).toEqual({ ...event, touchpoint: undefined, touchpoints: undefined });
    // The event handed in is left as it was: the other modules of the batch read it after.
    expect(event.touchpoints![0]!.profile).toEqual({ locality: 'Leeds' });
  });

  it('leaves an event of the older one-touchpoint shape in that shape', () => {
    const event: CustomerUpdatedEvent = {
      customerId: 'c1',
      version: 1,
      mergedCustomerIds: [],
      touchpoint: touch('m1', { gender: 'M' }),
      updatedAt: '2026-11-01T10:00:01.000Z',
    };
    const kept = withoutProfileTraits(event);
    expect(kept.touchpoint).toEqual(touch('m1'));
    expect('touchpoints' in kept).toBe(false);
  });
});
