import type { Channel } from '@c360/contracts';
import { upliftInterval, wilsonInterval, type RateInterval } from './reward-stats';

export interface ArmTally {
  actionId: string;
  channel: Channel;
  holdout: boolean;
  decisions: number;
  outcomes: number;
  rewards: number;
}

export interface ArmReport {
  actionId: string;
  channel: Channel;
  decisions: number;
  outcomes: number;
  rewards: number;
  rewardRate: RateInterval | null;
  holdoutDecisions: number;
  holdoutOutcomes: number;
  holdoutRewards: number;
  holdoutRate: RateInterval | null;
  uplift: RateInterval | null;
}

/**
 * One line per action and channel: the treated group's reward rate beside the holdout's (customers
 * for whom the policy would have chosen the same arm), and the difference. Rates count known
 * outcomes only: a decision still inside its window is neither a success nor a failure yet.
 */
export function reportArms(tallies: readonly ArmTally[]): ArmReport[] {
  const lines = new Map<string, ArmReport>();
  for (const t of tallies) {
    const key = `${t.actionId}|${t.channel}`;
    const line = lines.get(key) ?? {
      actionId: t.actionId,
      channel: t.channel,
      decisions: 0,
      outcomes: 0,
      rewards: 0,
      rewardRate: null,
      holdoutDecisions: 0,
      holdoutOutcomes: 0,
      holdoutRewards: 0,
      holdoutRate: null,
      uplift: null,
    };
    if (t.holdout) {
      line.holdoutDecisions += t.decisions;
      line.holdoutOutcomes += t.outcomes;
      line.holdoutRewards += t.rewards;
    } else {
      line.decisions += t.decisions;
      line.outcomes += t.outcomes;
      line.rewards += t.rewards;
    }
    lines.set(key, line);
  }
  return [...lines.values()]
    .map((line) => {
      const rewardRate = wilsonInterval(line.rewards, line.outcomes);
      const holdoutRate = wilsonInterval(line.holdoutRewards, line.holdoutOutcomes);
      return { ...line, rewardRate, holdoutRate, uplift: upliftInterval(rewardRate, holdoutRate) };
    })
    .sort((a, b) => a.actionId.localeCompare(b.actionId) || a.channel.localeCompare(b.channel));
}
