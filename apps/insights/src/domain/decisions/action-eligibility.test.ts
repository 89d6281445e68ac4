import type { Channel } from '@c360/contracts';
import type { ActionDefinition } from './action';
import { validateAction, ActionDefinitionError } from './action';
import { candidateArms, longestCapHours, type CandidateQuestion } from './action-eligibility';

const now = new Date('2026-06-01T12:00:00Z');
const action = (over: Partial<ActionDefinition>): ActionDefinition => ({
  id: 'a',
  kind: 'offer',
  name: 'A',
  channels: ['email'],
  placements: [],
  eligibility: '',
  priority: 0,
  caps: [],
  startsAt: null,
  endsAt: null,
  active: true,
  ...over,
});
const question = (over: Partial<CandidateQuestion> = {}): CandidateQuestion => ({
  now,
  placement: 'home',
  consented: new Set<Channel>(['email', 'app']),
  subject: { features: { spend: 100 }, traits: {}, context: {}, segments: [] },
  recent: [],
  ...over,
});

describe('candidate arms', () => {
  it('keeps live actions on consented channels only', () => {
    const c = candidateArms([action({ id: 'x', channels: ['email', 'web', 'app'] })], question());
    expect(c.arms).toEqual([
      { actionId: 'x', channel: 'email' },
      { actionId: 'x', channel: 'app' },
    ]);
  });

  it('explains a "no" by the first filter that empties the list', () => {
    expect(candidateArms([action({ endsAt: now })], question()).reason).toBe('no_active_action');
    expect(candidateArms([action({ placements: ['checkout'] })], question()).reason).toBe('no_active_action');
    expect(candidateArms([action({ channels: ['web'] })], question()).reason).toBe('no_consented_channel');
    expect(candidateArms([action({ eligibility: 'features.spend > 500' })], question()).reason).toBe('not_eligible');
    const capped = action({ caps: [{ channel: null, max: 1, periodHours: 24 }] });
    expect(candidateArms([capped], question({ recent: [{ actionId: 'a', channel: 'email', decidedAt: new Date(now.getTime() - 3_600_000) }] })).reason).toBe(
      'capped',
    );
  });

  it('caps per channel and forgets decisions older than the period', () => {
    const a = action({ channels: ['email', 'app'], caps: [{ channel: 'email', max: 2, periodHours: 24 }] });
    const at = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const recent = [
      { actionId: 'a', channel: 'email' as const, decidedAt: at(1) },
      { actionId: 'a', channel: 'email' as const, decidedAt: at(2) },
    ];
    expect(candidateArms([a], question({ recent })).arms).toEqual([{ actionId: 'a', channel: 'app' }]);
    expect(candidateArms([a], question({ recent: [recent[0]!, { ...recent[1]!, decidedAt: at(25) }] })).arms).toHaveLength(2);
    expect(longestCapHours([a, action({ caps: [{ channel: null, max: 1, periodHours: 72 }] })])).toBe(72);
  });

  it('lets only the highest priority still eligible compete', () => {
    const arms = candidateArms(
      [action({ id: 'low', priority: 1 }), action({ id: 'high', priority: 5, eligibility: 'features.spend > 50' }), action({ id: 'high2', priority: 5 })],
      question(),
    ).arms;
    expect(arms.map((a) => a.actionId)).toEqual(['high', 'high2']);
  });
});

describe('action definitions', () => {
  const fieldOf = (over: Partial<ActionDefinition>) => {
    try {
      validateAction(action(over));
      return null;
    } catch (err) {
      if (err instanceof ActionDefinitionError) return err.field;
      throw err;
    }
  };
  it('names the field at fault', () => {
    expect(fieldOf({ id: 'Bad Id' })).toBe('id');
    expect(fieldOf({ channels: [] })).toBe('channels');
    expect(fieldOf({ priority: 1.5 })).toBe('priority');
    expect(fieldOf({ caps: [{ channel: 'web', max: 1, periodHours: 1 }] })).toBe('caps[0].channel');
    expect(fieldOf({ startsAt: now, endsAt: now })).toBe('endsAt');
    expect(fieldOf({ eligibility: 'features.x >' })).toBe('eligibility');
    expect(fieldOf({ name: '  Ok  ' })).toBeNull();
  });
});
