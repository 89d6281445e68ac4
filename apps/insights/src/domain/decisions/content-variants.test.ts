import { seededRandom } from '../seeded-random';
import { chooseVariant, UNIFORM_VARIANT_POLICY, VARIANT_POLICY, variantArmsOf, variantScore, type DraftArms, type VariantArm } from './content-variants';
import { applyDelta, priorArm, rewardDelta, scoreDistribution } from './linear-thompson';
import { reportArms } from './decision-report';
import { reportVariants } from './variant-report';

const arm = (variantIndex: number, n = 0, rewardSum = 0): VariantArm => ({ armId: `d:${variantIndex}`, draftId: 'd', variantIndex, n, rewardSum });
const settings = { exploration: 0.5, epsilon: 0.02, learn: true };

describe('content variant choice', () => {
  it('scores a variant as the bias-only linear Thompson arm would', () => {
    const rewards = [1, 0, 1, 1, 0, 0, 1];
    const state = rewards.reduce((s, r) => applyDelta(s, rewardDelta([1], r)), priorArm(1));
    const viaMatrix = scoreDistribution(state, [1], 0.7);
    const closed = variantScore({ n: rewards.length, rewardSum: rewards.reduce((a, b) => a + b, 0) }, 0.7);
    expect(closed.mean).toBeCloseTo(viaMatrix.mean, 12);
    expect(closed.sd).toBeCloseTo(viaMatrix.sd, 12);
  });

  it('has nothing to choose without variants, and the only one with certainty', () => {
    expect(chooseVariant([], settings, Math.random)).toBeNull();
    expect(chooseVariant([arm(3)], settings, Math.random)).toMatchObject({ armId: 'd:3', variantIndex: 3, propensity: 1, policy: VARIANT_POLICY });
  });

  it('chooses uniformly, with propensity 1/K, when it may not learn from the customer', () => {
    const random = seededRandom(7);
    const arms = [arm(1, 50, 45), arm(2, 50, 5), arm(3)];
    const counts = [0, 0, 0];
    const choices = Array.from({ length: 3000 }, () => chooseVariant(arms, { ...settings, learn: false }, random)!);
    expect(new Set(choices.map((c) => `${c.policy} ${c.propensity.toFixed(12)}`))).toEqual(new Set([`${UNIFORM_VARIANT_POLICY} ${(1 / 3).toFixed(12)}`]));
    for (const c of choices) counts[c.variantIndex - 1]!++;
    for (const n of counts) expect(Math.abs(n / 3000 - 1 / 3)).toBeLessThan(0.04);
  });

  it('logs the probability each choice had: the share of draws that chose it', () => {
    const random = seededRandom(11);
    const arms = [arm(1, 4, 2), arm(2, 6, 4)];
    const draws = 1500;
    let second = 0;
    let logged = 0;
    for (let i = 0; i < draws; i++) {
      const c = chooseVariant(arms, settings, random)!;
      if (c.variantIndex === 2) {
        second++;
        logged = c.propensity;
      }
    }
    expect(Math.abs(second / draws - logged)).toBeLessThan(0.04);
  });

  it('learns which variant a customer answers and chooses it in most later decisions', () => {
    const random = seededRandom(3);
    const truth = [0.2, 0.7];
    const arms = [arm(1), arm(2)];
    const picks: number[] = [];
    for (let t = 0; t < 300; t++) {
      const c = chooseVariant(arms, settings, random)!;
      const chosen = arms[c.variantIndex - 1]!;
      const reward = random() < truth[c.variantIndex - 1]! ? 1 : 0;
      arms[c.variantIndex - 1] = { ...chosen, n: chosen.n + 1, rewardSum: chosen.rewardSum + reward };
      picks.push(c.variantIndex);
    }
    const late = picks.slice(200);
    expect(late.filter((v) => v === 2).length / late.length).toBeGreaterThan(0.85);
  });
});

describe('variant arms of a decision', () => {
  const draft = (over: Partial<DraftArms>): DraftArms => ({
    draftId: 'd1',
    actionId: 'a',
    channel: 'email',
    status: 'approved',
    variantCount: 2,
    n: [3, 1],
    rewardSum: [2, 0],
    ...over,
  });
  it('takes every variant of the approved drafts for the action and channel, and nothing withdrawn', () => {
    const arms = variantArmsOf(
      [
        draft({ draftId: 'd2', variantCount: 1, n: [], rewardSum: [] }),
        draft({}),
        draft({ draftId: 'd0', status: 'withdrawn' }),
        draft({ draftId: 'd3', channel: 'app' }),
        draft({ draftId: 'd4', actionId: 'b' }),
      ],
      'a',
      'email',
    );
    expect(arms).toEqual([
      { armId: 'd1:1', draftId: 'd1', variantIndex: 1, n: 3, rewardSum: 2 },
      { armId: 'd1:2', draftId: 'd1', variantIndex: 2, n: 1, rewardSum: 0 },
      { armId: 'd2:1', draftId: 'd2', variantIndex: 1, n: 0, rewardSum: 0 },
    ]);
  });
});

describe('variant report', () => {
  it('compares each variant with its action’s holdout on its channel', () => {
    const arms = reportArms([
      { actionId: 'a', channel: 'email', holdout: false, decisions: 10, outcomes: 10, rewards: 6 },
      { actionId: 'a', channel: 'email', holdout: true, decisions: 10, outcomes: 10, rewards: 2 },
    ]);
    const [v1, v2] = reportVariants(
      [
        { armId: 'd:2', draftId: 'd', variantIndex: 2, actionId: 'a', channel: 'email', decisions: 4, outcomes: 4, rewards: 1 },
        { armId: 'd:1', draftId: 'd', variantIndex: 1, actionId: 'a', channel: 'email', decisions: 6, outcomes: 5, rewards: 5 },
      ],
      arms,
    );
    expect(v1).toMatchObject({ variantIndex: 1, rewardRate: { rate: 1 }, holdoutRate: { rate: 0.2 } });
    expect(v1!.uplift!.rate).toBeCloseTo(0.8, 12);
    expect(v2!.uplift!.rate).toBeCloseTo(0.25 - 0.2, 12);
    const [lone] = reportVariants(
      [{ armId: 'e:1', draftId: 'e', variantIndex: 1, actionId: 'b', channel: 'app', decisions: 1, outcomes: 0, rewards: 0 }],
      arms,
    );
    expect(lone).toMatchObject({ rewardRate: null, holdoutRate: null, uplift: null });
  });
});
