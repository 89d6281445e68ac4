import type { Channel } from '@c360/contracts';

/**
 * A population whose best action depends on who they are: each customer has four features in
 * [0, 1], and each arm (an action on a channel) converts with a probability linear in them, drawn
 * at random per run (seeded). Regret is measured in expected reward: p(best arm | x) − p(chosen | x),
 * which needs no luck in the draws to compare two policies.
 */
export const FEATURES = ['f1', 'f2', 'f3', 'f4'] as const;

export interface SimArm {
  actionId: string;
  channel: Channel;
  base: number;
  weights: number[];
}

export interface Population {
  arms: SimArm[];
  customers: { id: string; x: number[] }[];
}

export function conversionProbability(arm: SimArm, x: readonly number[]): number {
  const p = arm.base + arm.weights.reduce((s, w, i) => s + w * (x[i] ?? 0), 0);
  return Math.min(0.95, Math.max(0.01, p));
}

export function bestArm(arms: readonly SimArm[], x: readonly number[]): { index: number; p: number } {
  return arms.reduce(
    (best, arm, index) => {
      const p = conversionProbability(arm, x);
      return p > best.p ? { index, p } : best;
    },
    { index: -1, p: -Infinity },
  );
}

/** For each arm, the share of customers for whom it is the best. */
export function shareOfBest(arms: readonly SimArm[], customers: readonly { x: number[] }[]): number[] {
  const shares = new Array<number>(arms.length).fill(0);
  for (const c of customers) {
    const i = bestArm(arms, c.x).index;
    shares[i] = (shares[i] ?? 0) + 1 / customers.length;
  }
  return shares;
}

/**
 * Four actions on two channels. Each arm's rate is a base plus weights that favour one or two
 * features, so different parts of the population have different best arms; a run with a single
 * dominant arm (which any policy finds) is redrawn.
 */
export function simulatedPopulation(random: () => number, customers: number): Population {
  const channels: Channel[] = ['email', 'app'];
  for (;;) {
    const arms: SimArm[] = [];
    for (let a = 0; a < 4; a++) {
      for (const channel of channels) {
        const weights = FEATURES.map(() => (random() - 0.4) * 0.3);
        arms.push({ actionId: `offer-${a + 1}`, channel, base: 0.04 + random() * 0.08, weights });
      }
    }
    const population = Array.from({ length: customers }, (_, i) => ({ id: `sim-${i}`, x: FEATURES.map(() => random()) }));
    const shares = shareOfBest(arms, population);
    if (shares.filter((s) => s >= 0.1).length >= 3 && Math.max(...shares) <= 0.6) return { arms, customers: population };
  }
}
