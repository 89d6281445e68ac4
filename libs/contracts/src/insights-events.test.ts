import { journeyDropoffEventSchema } from './journey-dropoff';
import { predictionBandChangedEventSchema } from './prediction-events';
import { EVENT_SUBSCRIBERS, EVENTS, eventQueueName } from './queues';

describe('events insights publishes', () => {
  const dropoff = {
    dropoffId: 'd1',
    customerId: 'c1',
    journey: 'checkout',
    stepReached: 'payment',
    stepIndex: 2,
    score: 0.8,
    startedAt: '2026-03-01T09:00:00.000Z',
    detectedAt: '2026-03-01T10:00:00.000Z',
    channels: ['email'],
  };

  it('reads a journey.dropoff and refuses a score outside 0..1 or a missing step', () => {
    expect(journeyDropoffEventSchema.parse(dropoff)).toEqual(dropoff);
    expect(journeyDropoffEventSchema.safeParse({ ...dropoff, score: 1.2 }).success).toBe(false);
    expect(journeyDropoffEventSchema.safeParse({ ...dropoff, stepReached: '' }).success).toBe(false);
  });

  it('reads a band change, with no earlier band for a first score, and carries no score', () => {
    const change = { customerId: 'c1', kind: 'churn', band: 'high', previousBand: null, modelId: 'm1', modelVersion: 3, scoredAt: '2026-03-01T10:00:00.000Z' };
    expect(predictionBandChangedEventSchema.parse(change)).toEqual(change);
    expect(predictionBandChangedEventSchema.safeParse({ ...change, band: 'extreme' }).success).toBe(false);
    expect(predictionBandChangedEventSchema.parse({ ...change, score: 0.93 })).not.toHaveProperty('score');
  });

  it('fans each out to generation’s and the partner fan-out’s own queues, and only to consumers that read them', () => {
    for (const event of [EVENTS.journeyDropoff, EVENTS.predictionBandChanged, EVENTS.customerSentimentTurned]) {
      expect(EVENT_SUBSCRIBERS[event]).toEqual(['generation', 'partners']);
    }
    expect(eventQueueName(EVENTS.predictionBandChanged, 'generation')).toBe('customer.prediction.band_changed--generation');
  });
});
