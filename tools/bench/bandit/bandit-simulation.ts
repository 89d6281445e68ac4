/* eslint-disable @nx/enforce-module-boundaries -- the benchmark drives insights' own decision code over the state it simulates. */
import { seededRandom } from '@c360/testing';
import { decisionsConfigShape, type DecisionsConfig } from '../../../apps/insights/src/decisions/decisions.config';
import { DecisionOutcomes } from '../../../apps/insights/src/decisions/decision-outcomes';
import { NextBestAction } from '../../../apps/insights/src/decisions/next-best-action';
import type { ActionRecord } from '../../../apps/insights/src/decisions/action.repository';
import { z } from 'zod';
import { InMemoryPolicyState, SimulatedProfiles } from './in-memory-policy-state';
import { bestArm, conversionProbability, FEATURES, shareOfBest, simulatedPopulation } from './simulated-population';

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

export interface SimulationResult {
  decisions: number;
  policyRegret: number;
  uniformRegret: number;
  bestShare: number;
  lastQuarterBestShare: number;
  bestArmShares: number[];
  seconds: number;
}

/**
 * Runs `n` decisions for customers drawn from the population through insights' NextBestAction and
 * DecisionOutcomes (the service's policy, feature vector, propensities and reward path), each
 * rewarded at once with a draw from the arm's true rate. A uniform-random policy meets the same
 * customers in the same run, for the baseline regret.
 */
export async function runBanditSimulation(n: number, seed: number, env: Record<string, string>): Promise<SimulationResult> {
  const random = seededRandom(seed);
  const population = simulatedPopulation(random, 5_000);
  const config = z.object(decisionsConfigShape).parse({ NBA_FEATURES: FEATURES.join(','), NBA_HOLDOUT_SHARE: '0', ...env }) as DecisionsConfig;
  const now = new Date();
  const actions: ActionRecord[] = [...new Set(population.arms.map((a) => a.actionId))].map((id) => ({
    id,
    kind: 'offer',
    name: id,
    channels: population.arms.filter((a) => a.actionId === id).map((a) => a.channel),
    placements: [],
    eligibility: '',
    priority: 0,
    caps: [],
    startsAt: null,
    endsAt: null,
    active: true,
    version: 1,
    updatedAt: now,
  }));
  const state = new InMemoryPolicyState(actions);
  const profiles = new SimulatedProfiles(new Map(population.customers.map((c) => [c.id, Object.fromEntries(FEATURES.map((f, i) => [f, c.x[i] ?? 0]))])));
  // Every simulated customer allows profiling and marketing on every channel.
  const consent = { isAllowed: async () => true };
  const nba = new NextBestAction({
    actions: state.actions,
    decisions: state.decisionStore,
    arms: state.arms,
    identities: state.identities,
    consent,
    profiles,
    config,
    random,
  });
  const outcomes = new DecisionOutcomes({ decisions: state.decisionStore, arms: state.arms, identities: state.identities, conversionEvents: ['purchase'] });

  const armIndex = new Map(population.arms.map((a, i) => [`${a.actionId}|${a.channel}`, i]));
  let policyRegret = 0;
  let uniformRegret = 0;
  let best = 0;
  let lastQuarterBest = 0;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const customer = pick(population.customers, random);
    const optimum = bestArm(population.arms, customer.x);
    const result = await nba.decide(customer.id, 'home', {});
    if (!result.decision) throw new Error(`no decision: ${result.reason}`);
    const chosen = armIndex.get(`${result.decision.actionId}|${result.decision.channel}`) ?? -1;
    const arm = population.arms[chosen];
    if (!arm) throw new Error(`the policy chose an arm the population does not have: ${result.decision.actionId}`);
    const p = conversionProbability(arm, customer.x);
    policyRegret += optimum.p - p;
    if (chosen === optimum.index) {
      best++;
      if (i >= (3 * n) / 4) lastQuarterBest++;
    }
    await outcomes.record(result.decision.id, random() < p ? 1 : 0);
    const uniform = pick(population.arms, random);
    uniformRegret += optimum.p - conversionProbability(uniform, customer.x);
  }
  const bestArmShares = shareOfBest(population.arms, population.customers);
  return {
    decisions: n,
    policyRegret,
    uniformRegret,
    bestShare: best / n,
    lastQuarterBestShare: lastQuarterBest / (n - Math.ceil((3 * n) / 4)),
    bestArmShares,
    seconds: (performance.now() - started) / 1000,
  };
}
