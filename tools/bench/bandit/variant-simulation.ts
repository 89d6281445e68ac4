/* eslint-disable @nx/enforce-module-boundaries -- the benchmark drives insights' own decision code over the state it simulates. */
import { seededRandom } from '@c360/testing';
import { z } from 'zod';
import type { ActionRecord } from '../../../apps/insights/src/decisions/action.repository';
import type { ContentArmRecord } from '../../../apps/insights/src/decisions/content-arm.repository';
import { DecisionOutcomes } from '../../../apps/insights/src/decisions/decision-outcomes';
import { decisionsConfigShape, type DecisionsConfig } from '../../../apps/insights/src/decisions/decisions.config';
import { NextBestAction } from '../../../apps/insights/src/decisions/next-best-action';
import { InMemoryPolicyState, SimulatedProfiles } from './in-memory-policy-state';

export interface VariantSimulationResult {
  customers: number;
  decisions: number;
  policyRegret: number;
  uniformRegret: number;
  /** Share of the last quarter's decisions that carried the customer's best variant. */
  lastQuarterBestShare: number;
  seconds: number;
}

/** insights' copy of approved drafts, in memory: the reads and $inc the MongoDB store does. */
class InMemoryContentArms {
  private readonly drafts = new Map<string, ContentArmRecord>();

  add(record: ContentArmRecord): void {
    this.drafts.set(record.draftId, record);
  }

  readonly activeFor = async (ids: readonly string[]) => [...this.drafts.values()].filter((d) => ids.includes(d.customerId) && d.status === 'approved');

  readonly addReward = async (draftId: string, variantIndex: number, reward: number) => {
    const d = this.drafts.get(draftId);
    if (!d || variantIndex > d.variantCount) return;
    d.n[variantIndex - 1] = (d.n[variantIndex - 1] ?? 0) + 1;
    d.rewardSum[variantIndex - 1] = (d.rewardSum[variantIndex - 1] ?? 0) + reward;
  };
}

/**
 * Content variants: `customers` customers each with one approved draft of 2 to 4 variants for the one
 * action, each variant answered at its own rate for that customer (uniform in [0.02, 0.6]). Decisions
 * go through NextBestAction and DecisionOutcomes with the content arms in memory; a uniform choice of
 * variant meets the same customers in the same run. Regret is in expected reward, as for actions.
 */
export async function runVariantSimulation(n: number, customers: number, seed: number): Promise<VariantSimulationResult> {
  const random = seededRandom(seed);
  const now = new Date();
  const action: ActionRecord = {
    id: 'message',
    kind: 'message',
    name: 'message',
    channels: ['email'],
    placements: [],
    eligibility: '',
    priority: 0,
    caps: [],
    startsAt: null,
    endsAt: null,
    active: true,
    version: 1,
    updatedAt: now,
  };
  const state = new InMemoryPolicyState([action]);
  const content = new InMemoryContentArms();
  const rates = new Map<string, number[]>();
  for (let c = 0; c < customers; c++) {
    const id = `v${c}`;
    const variants = 2 + Math.floor(random() * 3);
    rates.set(
      id,
      Array.from({ length: variants }, () => 0.02 + 0.58 * random()),
    );
    content.add({
      draftId: `draft-${id}`,
      customerId: id,
      groundedOnIds: [id],
      actionId: action.id,
      channel: 'email',
      contentChannel: 'email',
      purpose: 'retention',
      draftVersion: 1,
      variantCount: variants,
      status: 'approved',
      approvedAt: now,
      withdrawnAt: null,
      draftCreatedAt: now,
      n: new Array<number>(variants).fill(0),
      rewardSum: new Array<number>(variants).fill(0),
    });
  }
  const config = z.object(decisionsConfigShape).parse({ NBA_FEATURES: 'f1', NBA_HOLDOUT_SHARE: '0' }) as DecisionsConfig;
  const consent = { isAllowed: async () => true };
  const profiles = new SimulatedProfiles(new Map());
  const nba = new NextBestAction({
    actions: state.actions,
    decisions: state.decisionStore,
    arms: state.arms,
    contentArms: content,
    identities: state.identities,
    consent,
    profiles,
    config,
    random,
  });
  const outcomes = new DecisionOutcomes({
    decisions: state.decisionStore,
    arms: state.arms,
    contentArms: content,
    identities: state.identities,
    conversionEvents: ['purchase'],
  });
  let policyRegret = 0;
  let uniformRegret = 0;
  let lastQuarterBest = 0;
  const ids = [...rates.keys()];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const id = ids[Math.floor(random() * ids.length)] as string;
    const answers = rates.get(id) as number[];
    const best = Math.max(...answers);
    const result = await nba.decide(id, 'home', {});
    const variant = result.decision?.variant;
    if (!result.decision || !variant) throw new Error(`no variant chosen: ${result.reason ?? 'none'}`);
    const p = answers[variant.variantIndex - 1] as number;
    policyRegret += best - p;
    if (p === best && i >= (3 * n) / 4) lastQuarterBest++;
    await outcomes.record(result.decision.id, random() < p ? 1 : 0);
    uniformRegret += best - (answers[Math.floor(random() * answers.length)] as number);
  }
  return {
    customers,
    decisions: n,
    policyRegret,
    uniformRegret,
    lastQuarterBestShare: lastQuarterBest / (n - Math.ceil((3 * n) / 4)),
    seconds: (performance.now() - started) / 1000,
  };
}
