import { contentArmId, type Channel } from '@c360/contracts';
import { chooseArm, type PolicySettings, type ScoreDistribution } from './linear-thompson';

/**
 * The second step of a decision: once the bandit has chosen an action on a channel, which approved
 * content variant carries it. Variants are the customer's own (generation drafts per customer), so
 * every observation of one comes from one person, whose features hardly move between decisions: a
 * context-free model per variant is what can be learnt, and the action-level model keeps learning
 * from every reward as before.
 *
 * Each variant is the linear Thompson arm of `linear-thompson.ts` with the bias alone (x = [1],
 * λ = 1): A = 1 + n, b = Σr, so its score is N(Σr / (n + 1), v² / (n + 1)), Gaussian Thompson
 * sampling (Agrawal & Goyal 2017), in closed form rather than through a 1×1 Cholesky per arm. The
 * draw, the ε-uniform share and the exact propensities are `chooseArm`'s, so the decision log keeps
 * true probabilities at both steps.
 */
export const VARIANT_POLICY = 'gaussian-thompson';
/** Without profiling consent the customer's own responses are not used to choose for them. */
export const UNIFORM_VARIANT_POLICY = 'uniform';

export interface VariantArm {
  armId: string;
  draftId: string;
  variantIndex: number;
  /** Rewards learnt from, and their sum (rewards are 0..1). */
  n: number;
  rewardSum: number;
}

export interface VariantChoice {
  armId: string;
  draftId: string;
  variantIndex: number;
  /** P(this variant | the action and channel chosen). */
  propensity: number;
  policy: typeof VARIANT_POLICY | typeof UNIFORM_VARIANT_POLICY;
}

/** An approved draft's arms as the decision layer keeps them (one per draft, counts per variant). */
export interface DraftArms {
  draftId: string;
  actionId: string;
  channel: Channel;
  status: 'approved' | 'withdrawn';
  variantCount: number;
  /** Per variant (index − 1). */
  n: readonly number[];
  rewardSum: readonly number[];
}

/** The variants of approved drafts for one action on one channel, in a stable order (draft, then index). */
export function variantArmsOf(drafts: readonly DraftArms[], actionId: string, channel: Channel): VariantArm[] {
  return drafts
    .filter((d) => d.status === 'approved' && d.actionId === actionId && d.channel === channel)
    .sort((a, b) => a.draftId.localeCompare(b.draftId))
    .flatMap((d) =>
      Array.from({ length: d.variantCount }, (_, i) => ({
        armId: contentArmId(d.draftId, i + 1),
        draftId: d.draftId,
        variantIndex: i + 1,
        n: d.n[i] ?? 0,
        rewardSum: d.rewardSum[i] ?? 0,
      })),
    );
}

export function variantScore(arm: Pick<VariantArm, 'n' | 'rewardSum'>, exploration: number): ScoreDistribution {
  const precision = 1 + Math.max(0, arm.n);
  return { mean: arm.rewardSum / precision, sd: exploration / Math.sqrt(precision) };
}

/**
 * One variant of `arms` (null when there is none): by Thompson sampling over what this customer's
 * decisions taught each, or uniformly when `learn` is false. Arms are taken in the order given, so a
 * caller passes them in a stable order (the log's propensities then mean the same thing each time).
 */
export function chooseVariant(arms: readonly VariantArm[], settings: PolicySettings & { learn: boolean }, random: () => number): VariantChoice | null {
  if (arms.length === 0) return null;
  if (!settings.learn) {
    const arm = arms[Math.min(arms.length - 1, Math.floor(random() * arms.length))] as VariantArm;
    return { armId: arm.armId, draftId: arm.draftId, variantIndex: arm.variantIndex, propensity: 1 / arms.length, policy: UNIFORM_VARIANT_POLICY };
  }
  const choice = chooseArm(
    arms.map((arm) => variantScore(arm, settings.exploration)),
    settings,
    random,
  );
  const arm = arms[choice.index] as VariantArm;
  return { armId: arm.armId, draftId: arm.draftId, variantIndex: arm.variantIndex, propensity: choice.propensity, policy: VARIANT_POLICY };
}
