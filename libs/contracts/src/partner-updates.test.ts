import { PARTNER_EVENT_TYPES, partnerEventSchema, partnerUpdateSchema } from './partner-updates';
import { EVENTS } from './queues';

describe('what partners receive', () => {
  const dropoff = {
    type: EVENTS.journeyDropoff,
    schemaVersion: 1,
    eventId: 'evt-1',
    customerId: 'c1',
    journey: 'checkout',
    detectedAt: '2026-03-01T10:00:00.000Z',
  };

  it('tells events apart by type, and reads a profile update exactly as before', () => {
    expect(partnerEventSchema.parse(dropoff)).toEqual(dropoff);
    const update = { type: 'customer.updated', customerId: 'c1', version: 3, updatedAt: '2026-03-01T10:00:00.000Z' };
    expect(partnerEventSchema.parse(update)).toEqual(partnerUpdateSchema.parse(update));
    expect(partnerEventSchema.safeParse({ ...dropoff, type: 'customer.split' }).success).toBe(false);
  });

  it('refuses a payload version it does not know, and a band outside the bands', () => {
    expect(partnerEventSchema.safeParse({ ...dropoff, schemaVersion: 2 }).success).toBe(false);
    const band = { type: EVENTS.predictionBandChanged, schemaVersion: 1, eventId: 'e', customerId: 'c1', kind: 'churn', band: 'high', scoredAt: 'x' };
    expect(partnerEventSchema.safeParse(band).success).toBe(true);
    expect(partnerEventSchema.safeParse({ ...band, band: 'extreme' }).success).toBe(false);
  });

  it('drops anything a payload does not declare', () => {
    expect(partnerEventSchema.parse({ ...dropoff, channels: ['email'] })).not.toHaveProperty('channels');
  });

  it('offers customer.updated and the three insights events', () => {
    expect([...PARTNER_EVENT_TYPES]).toEqual(['customer.updated', 'journey.dropoff', 'customer.prediction.band_changed', 'customer.sentiment-turned']);
  });
});
