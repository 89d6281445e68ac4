import { z } from 'zod';
import { contentConfigShape } from '../content.config';

const recovery = z.object({
  CONTENT_RECOVERY_ACTIONS: contentConfigShape.CONTENT_RECOVERY_ACTIONS,
  CONTENT_RECOVERY_ASK_INSIGHTS: contentConfigShape.CONTENT_RECOVERY_ASK_INSIGHTS,
  CONTENT_RECOVERY_PLACEMENT: contentConfigShape.CONTENT_RECOVERY_PLACEMENT,
});

describe('recovery policy settings', () => {
  it('default to one action per trigger, insights asked first, in the recovery placement', () => {
    const parsed = recovery.parse({});
    expect(parsed.CONTENT_RECOVERY_ACTIONS.map((r) => [r.trigger, r.match, r.actionId])).toEqual([
      ['journey.dropoff', '*', 'journey-recovery'],
      ['prediction.band_changed', 'churn:high', 'churn-retention'],
      ['customer.sentiment-turned', '*', 'service-check-in'],
    ]);
    expect(parsed).toMatchObject({ CONTENT_RECOVERY_ASK_INSIGHTS: true, CONTENT_RECOVERY_PLACEMENT: 'recovery' });
  });

  it('read rules as JSON, a missing match meaning any', () => {
    const parsed = recovery.parse({
      CONTENT_RECOVERY_ACTIONS: JSON.stringify([{ trigger: 'journey.dropoff', actionId: 'basket-rescue', channels: ['email', 'web_banner'] }]),
      CONTENT_RECOVERY_ASK_INSIGHTS: 'false',
    });
    expect(parsed.CONTENT_RECOVERY_ACTIONS).toEqual([{ trigger: 'journey.dropoff', match: '*', actionId: 'basket-rescue', channels: ['email', 'web_banner'] }]);
    expect(parsed.CONTENT_RECOVERY_ASK_INSIGHTS).toBe(false);
  });

  it('refuse at start a rule the catalogue could not hold, and a malformed placement', () => {
    const fails = (env: Record<string, string>) => recovery.safeParse(env).error?.issues.map((i) => i.message) ?? [];
    expect(fails({ CONTENT_RECOVERY_ACTIONS: JSON.stringify([{ trigger: 'journey.dropoff', actionId: 'x', channels: ['sms'] }]) })).toEqual([
      'x: the action catalogue has no sms channel',
    ]);
    expect(fails({ CONTENT_RECOVERY_ACTIONS: JSON.stringify([{ trigger: 'journey.dropoff', actionId: 'Bad Id', channels: ['email'] }]) })).toHaveLength(1);
    expect(fails({ CONTENT_RECOVERY_ACTIONS: JSON.stringify([{ trigger: 'page.viewed', actionId: 'x', channels: ['email'] }]) })).toHaveLength(1);
    expect(fails({ CONTENT_RECOVERY_ACTIONS: 'not json' })).toEqual(['not JSON']);
    expect(fails({ CONTENT_RECOVERY_PLACEMENT: 'Recovery Page' })).toHaveLength(1);
  });
});
