import type { RecoveryTrigger } from './recovery';
import {
  chooseRecoveryAction,
  contentChannelOf,
  decisionContext,
  DEFAULT_RECOVERY_ACTIONS,
  mappedAction,
  ruleProblem,
  type DecisionAnswer,
  type RecoveryActionRule,
} from './recovery-action';

const dropoff = (journey: string): RecoveryTrigger => ({ kind: 'journey.dropoff', eventId: 'e', customerId: 'c', journey, stepReached: 'payment', score: 0.8 });
const band = (model: string, toBand: string): RecoveryTrigger => ({
  kind: 'prediction.band_changed',
  eventId: 'e',
  customerId: 'c',
  model,
  fromBand: null,
  toBand,
});
const turn: RecoveryTrigger = { kind: 'customer.sentiment-turned', eventId: 'm', customerId: 'c', score: -0.8, trendBefore: 0.4, trendAfter: -0.2 };

const rules: RecoveryActionRule[] = [
  { trigger: 'journey.dropoff', match: 'checkout', actionId: 'checkout-rescue', channels: ['email'] },
  { trigger: 'journey.dropoff', match: 'onboarding', actionId: null, channels: [] },
  { trigger: 'journey.dropoff', match: '*', actionId: 'journey-recovery', channels: ['email', 'push'] },
  { trigger: 'prediction.band_changed', match: 'churn:high', actionId: 'churn-retention', channels: ['push'] },
];

describe('the recovery policy: which action a trigger carries', () => {
  it('takes the first rule for the trigger whose match is its journey, model:band or *', () => {
    expect(mappedAction(dropoff('checkout'), rules)?.actionId).toBe('checkout-rescue');
    expect(mappedAction(dropoff('signup'), rules)?.actionId).toBe('journey-recovery');
    expect(mappedAction(dropoff('onboarding'), rules)?.actionId).toBeNull();
    expect(mappedAction(band('churn', 'high'), rules)?.actionId).toBe('churn-retention');
    expect(mappedAction(band('churn', 'medium'), rules)).toBeNull();
    expect(mappedAction(band('conversion', 'high'), rules)).toBeNull();
    expect(mappedAction(turn, rules)).toBeNull();
    expect(mappedAction(turn, DEFAULT_RECOVERY_ACTIONS)?.actionId).toBe('service-check-in');
  });

  it('refuses a rule whose action id is malformed, has no channel, or sits on a channel the catalogue lacks', () => {
    for (const rule of DEFAULT_RECOVERY_ACTIONS) expect(ruleProblem(rule)).toBeNull();
    expect(ruleProblem({ trigger: 'journey.dropoff', match: '*', actionId: 'Not An Id', channels: ['email'] })).toMatch(/not a catalogue action id/);
    expect(ruleProblem({ trigger: 'journey.dropoff', match: '*', actionId: 'a', channels: [] })).toMatch(/no channel/);
    expect(ruleProblem({ trigger: 'journey.dropoff', match: '*', actionId: 'a', channels: ['email', 'sms'] })).toMatch(/no sms channel/);
    expect(ruleProblem({ trigger: 'journey.dropoff', match: '*', actionId: null, channels: [] })).toBeNull();
  });

  it('gives insights the trigger as decision context, and no identifier', () => {
    expect(decisionContext(dropoff('checkout'))).toEqual({ trigger: 'journey.dropoff', journey: 'checkout', step: 'payment', dropoff_risk: 0.8 });
    expect(decisionContext(band('churn', 'high'))).toEqual({ trigger: 'prediction.band_changed', model: 'churn', band: 'high' });
    expect(Object.values(decisionContext(turn))).not.toContain('c');
  });

  it('maps decision channels back to the content channel delivered there', () => {
    expect(contentChannelOf('email')).toBe('email');
    expect(contentChannelOf('app')).toBe('push');
    expect(contentChannelOf('web')).toBe('web_banner');
    expect(contentChannelOf('call_center')).toBe('call_script');
    expect(contentChannelOf('store')).toBeNull();
  });
});

describe('choosing a recovery draft’s channel and action', () => {
  const rule = mappedAction(dropoff('signup'), rules);
  const decided = (channel: 'email' | 'app' | 'web'): DecisionAnswer => ({ kind: 'decided', decisionId: 'd1', actionId: 'nba-pick', channel });

  it('writes nothing for a customer insights holds out', () => {
    expect(chooseRecoveryAction(['email'], rule, { kind: 'holdout', decisionId: 'd0' })).toBe('holdout');
  });

  it('carries insights’ decision, with its id, on the decision’s channel when the customer may get a recovery there', () => {
    expect(chooseRecoveryAction(['email', 'push'], rule, decided('app'))).toEqual({
      channel: 'push',
      actionId: 'nba-pick',
      decisionId: 'd1',
      source: 'decision',
      note: 'insights decided nba-pick on app',
    });
  });

  it('falls back to the configured action when insights did not answer, made no decision, or decided a channel out of reach', () => {
    for (const answer of [{ kind: 'unreachable' }, { kind: 'no_decision', reason: 'capped' }, decided('web'), { kind: 'not_asked' }] as DecisionAnswer[]) {
      const choice = chooseRecoveryAction(['sms', 'push', 'email'], rule, answer);
      expect(choice).toMatchObject({ channel: 'push', actionId: 'journey-recovery', decisionId: null, source: 'policy' });
      expect(choice !== 'holdout' && choice.note).toMatch(/journey-recovery$/);
    }
    const unreachable = chooseRecoveryAction(['email'], rule, { kind: 'unreachable' });
    expect(unreachable !== 'holdout' && unreachable.note).toBe("insights did not answer; the recovery policy's journey-recovery");
    const outOfReach = chooseRecoveryAction(['email'], rule, decided('web'));
    expect(outOfReach !== 'holdout' && outOfReach.note).toMatch(/^insights decided nba-pick on web, where this customer cannot get a recovery now/);
  });

  it('leaves the draft without an action, saying why, when no rule fits or its channels are out of reach', () => {
    const none = chooseRecoveryAction(['sms'], null, { kind: 'unreachable' });
    expect(none).toMatchObject({ channel: 'sms', actionId: null, decisionId: null, source: 'none' });
    expect(none !== 'holdout' && none.note).toMatch(/maps this trigger to no action/);
    const off = chooseRecoveryAction(['sms'], rule, { kind: 'no_decision', reason: 'not_eligible' });
    expect(off).toMatchObject({ channel: 'sms', actionId: null, source: 'none' });
    expect(off !== 'holdout' && off.note).toBe(
      'insights made no decision (not_eligible); journey-recovery is on email, push, none of which this customer can get a recovery on now',
    );
    const deliberate = chooseRecoveryAction(['email'], mappedAction(dropoff('onboarding'), rules), { kind: 'unreachable' });
    expect(deliberate).toMatchObject({ channel: 'email', actionId: null, source: 'none' });
    expect(() => chooseRecoveryAction([], rule, { kind: 'unreachable' })).toThrow();
  });
});
