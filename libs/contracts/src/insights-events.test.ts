import { journeyDropoffEventSchema, predictionBandChangedEventSchema } from './insights-events';
import { EVENT_SUBSCRIBERS, EVENTS, eventQueueName } from './queues';

describe('insights events', () => {
  const dropoff = { eventId: 'e1', customerId: 'c1', journey: 'checkout', stepReached: 'payment', score: 0.8, detectedAt: '2026-03-01T10:00:00.000Z' };

  it('reads a journey.dropoff and refuses a score outside 0..1 or a missing step', () => {
    expect(journeyDropoffEventSchema.parse(dropoff)).toEqual(dropoff);
    expect(journeyDropoffEventSchema.safeParse({ ...dropoff, score: 1.2 }).success).toBe(false);
    expect(journeyDropoffEventSchema.safeParse({ ...dropoff, stepReached: '' }).success).toBe(false);
  });

  it('reads a band change, with no earlier band for a first score', () => {
    const change = { eventId: 'e2', customerId: 'c1', model: 'churn', fromBand: null, toBand: 'high', score: 0.9, changedAt: '2026-03-01T10:00:00.000Z' };
    expect(predictionBandChangedEventSchema.parse(change)).toEqual(change);
    expect(predictionBandChangedEventSchema.safeParse({ ...change, toBand: undefined }).success).toBe(false);
  });

  it('fans both out to generation’s own queues', () => {
    expect(EVENT_SUBSCRIBERS[EVENTS.journeyDropoff]).toContain('generation');
    expect(eventQueueName(EVENTS.predictionBandChanged, 'generation')).toBe('prediction.band_changed--generation');
  });
});
