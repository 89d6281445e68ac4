import type { Channel } from '@c360/contracts';
import type { ArmReport } from './decision-report';
import { upliftInterval, wilsonInterval, type RateInterval } from './reward-stats';

/** Treated decisions that carried one content variant, with what is known of their outcomes. */
export interface VariantTally {
  armId: string;
  draftId: string;
  variantIndex: number;
  actionId: string;
  channel: Channel;
  decisions: number;
  outcomes: number;
  rewards: number;
}

export interface VariantReport extends VariantTally {
  rewardRate: RateInterval | null;
  /** The holdout of the variant's action on its channel over the same period. */
  holdoutRate: RateInterval | null;
  uplift: RateInterval | null;
}

/**
 * One line per variant. The holdout a variant is compared with is its action's on its channel:
 * holdout membership is per person and a variant belongs to one person, so a variant never has a
 * holdout of its own (a held-out customer is shown nothing, their variants included).
 */
export function reportVariants(tallies: readonly VariantTally[], arms: readonly ArmReport[]): VariantReport[] {
  const holdouts = new Map(arms.map((a) => [`${a.actionId}|${a.channel}`, a.holdoutRate]));
  return tallies
    .map((t) => {
      const rewardRate = wilsonInterval(t.rewards, t.outcomes);
      const holdoutRate = holdouts.get(`${t.actionId}|${t.channel}`) ?? null;
      return { ...t, rewardRate, holdoutRate, uplift: upliftInterval(rewardRate, holdoutRate) };
    })
    .sort((a, b) => a.draftId.localeCompare(b.draftId) || a.variantIndex - b.variantIndex);
}
