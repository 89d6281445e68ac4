import { recoveryChannels, recoveryPlan, type RecoveryPolicy } from './recovery';

const policy: RecoveryPolicy = {
  channels: ['email', 'push', 'sms'],
  minDropoffScore: 0.5,
  bandTriggers: ['churn:high'],
  afterNegativeTurn: true,
  maxPerWindow: 1,
  windowHours: 72,
  actions: [],
};

describe('recovery drafts', () => {
  it('plans a recovery draft for a drop-off above the threshold, grounded on its journey and step', () => {
    const plan = recoveryPlan({ kind: 'journey.dropoff', eventId: 'e', customerId: 'c', journey: 'checkout', stepReached: 'payment', score: 0.8 }, policy);
    expect(plan?.purpose).toBe('recovery');
    expect(plan?.facts).toEqual(expect.arrayContaining([{ source: 'event', key: 'dropoff_step', value: 'payment' }]));
    expect(
      recoveryPlan({ kind: 'journey.dropoff', eventId: 'e', customerId: 'c', journey: 'checkout', stepReached: 'payment', score: 0.3 }, policy),
    ).toBeNull();
  });

  it('plans a retention draft only for configured band entries', () => {
    const band = (toBand: string, model = 'churn') => ({
      kind: 'prediction.band_changed' as const,
      eventId: 'e',
      customerId: 'c',
      model,
      fromBand: 'medium',
      toBand,
    });
    expect(recoveryPlan(band('high'), policy)?.purpose).toBe('retention');
    expect(recoveryPlan(band('low'), policy)).toBeNull();
    expect(recoveryPlan(band('high', 'clv'), policy)).toBeNull();
  });

  it('plans a service check-in after a sharp negative turn, unless the policy turns it off', () => {
    const turn = { kind: 'customer.sentiment-turned' as const, eventId: 'm1', customerId: 'c', score: -0.7, trendBefore: 0.4, trendAfter: -0.1 };
    const plan = recoveryPlan(turn, policy);
    expect(plan?.purpose).toBe('service');
    expect(plan?.facts).toEqual([{ source: 'event', key: 'sentiment_turn', value: 'from 0.40 to -0.10' }]);
    expect(recoveryPlan(turn, { ...policy, afterNegativeTurn: false })).toBeNull();
  });

  it('offers the consented channels under their cap, in the policy order', () => {
    expect(recoveryChannels(policy, new Set(['sms', 'push']), new Map())).toEqual(['push', 'sms']);
    expect(recoveryChannels(policy, new Set(['sms', 'push']), new Map([['push', 1]]))).toEqual(['sms']);
    expect(recoveryChannels(policy, new Set(['email', 'web_banner']), new Map())).toEqual(['email']);
    expect(recoveryChannels(policy, new Set(['email']), new Map([['email', 1]]))).toEqual([]);
    expect(recoveryChannels(policy, new Set(), new Map())).toEqual([]);
  });
});
