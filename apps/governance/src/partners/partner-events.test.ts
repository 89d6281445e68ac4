import { EVENTS, type JourneyDropoffEvent } from '@c360/contracts';
import { orderingVersionOf, partnerEventFor, sourceKeyOf, wantsEvent, type PartnerSourceEvent } from './partner-events';

const dropoff: JourneyDropoffEvent = {
  dropoffId: 'd1',
  customerId: 'c1',
  journey: 'checkout',
  stepReached: 'payment',
  stepIndex: 2,
  score: 0.9,
  startedAt: '2026-03-01T09:00:00.000Z',
  detectedAt: '2026-03-01T10:00:00.000Z',
  channels: ['email'],
};
const source: PartnerSourceEvent = { type: EVENTS.journeyDropoff, event: dropoff };

describe('partner events', () => {
  it('sends a drop-off with what identifies it, and step and score only when the partner’s fields allow', () => {
    const bare = partnerEventFor(source, []);
    expect(bare).toEqual({
      type: 'journey.dropoff',
      schemaVersion: 1,
      eventId: expect.stringMatching(/^evt-/),
      customerId: 'c1',
      journey: 'checkout',
      detectedAt: dropoff.detectedAt,
    });
    expect(partnerEventFor(source, ['journey_step', 'scores'])).toMatchObject({
      stepReached: 'payment',
      stepIndex: 2,
      startedAt: dropoff.startedAt,
      score: 0.9,
    });
    // The channels marketing consent allows are c360's business, whatever the fields.
    expect(partnerEventFor(source, ['journey_step', 'scores', 'last_touchpoint', 'merged_customer_ids'])).not.toHaveProperty('channels');
  });

  it('keys an event by what it is, so a redelivery is the same delivery, and the event id does not name the customer', () => {
    const again = { ...source, event: { ...dropoff } };
    expect(sourceKeyOf(again)).toBe(sourceKeyOf(source));
    expect(sourceKeyOf({ ...source, event: { ...dropoff, dropoffId: 'd2' } })).not.toBe(sourceKeyOf(source));
    const named = { ...source, event: { ...dropoff, customerId: 'customer-42' } };
    expect((partnerEventFor(named, []) as { eventId: string }).eventId).toMatch(/^evt-[0-9a-f]{32}$/);
  });

  it('orders only profile updates, by version', () => {
    const update = { customerId: 'c1', version: 7, mergedCustomerIds: [], updatedAt: '2026-03-01T10:00:00.000Z' };
    expect(orderingVersionOf({ type: EVENTS.customerUpdated, event: update })).toBe(7);
    expect(orderingVersionOf(source)).toBe(0);
    expect(sourceKeyOf({ type: EVENTS.customerUpdated, event: update })).toBe('c1|7');
  });

  it('sends a band change without the band it left unless scores are allowed', () => {
    const band: PartnerSourceEvent = {
      type: EVENTS.predictionBandChanged,
      event: { customerId: 'c1', kind: 'churn', band: 'high', previousBand: 'low', modelId: 'm', modelVersion: 1, scoredAt: '2026-03-01T10:00:00.000Z' },
    };
    expect(partnerEventFor(band, [])).not.toHaveProperty('previousBand');
    expect(partnerEventFor(band, ['scores'])).toMatchObject({ band: 'high', previousBand: 'low' });
    expect(partnerEventFor(band, ['scores'])).not.toHaveProperty('modelId');
  });

  it('sends a partner only the events it registered for', () => {
    expect(wantsEvent({ events: [EVENTS.customerUpdated] }, EVENTS.journeyDropoff)).toBe(false);
    expect(wantsEvent({ events: [EVENTS.customerUpdated, EVENTS.journeyDropoff] }, EVENTS.journeyDropoff)).toBe(true);
  });
});
