/* eslint-disable @nx/enforce-module-boundaries -- the benchmark drives insights' own decision code over the state it simulates. */
import type { Literal } from '../../../apps/insights/src/domain/decisions/eligibility-rule';
import type { ActionRecord } from '../../../apps/insights/src/decisions/action.repository';
import type { CustomerProfile, ProfileSource } from '../../../apps/insights/src/decisions/customer-profile';
import type { DecisionRecord, OutcomeSource } from '../../../apps/insights/src/decisions/decision.repository';
import { applyDelta, priorArm, type ArmState } from '../../../apps/insights/src/domain/decisions/linear-thompson';

/**
 * What the service keeps in MongoDB, kept in memory for a run of tens of thousands of decisions:
 * the same records, read and written through the same ports (the arm sums get the same deltas the
 * MongoDB store adds with $inc).
 */
export class InMemoryPolicyState {
  readonly decisions = new Map<string, DecisionRecord>();
  private readonly armStates = new Map<string, ArmState>();

  constructor(private readonly actionList: ActionRecord[]) {}

  readonly actions = { list: async () => this.actionList };
  readonly identities = { survivorOf: async (id: string) => id, expand: async (id: string) => [id] };

  readonly arms = {
    load: async (keys: readonly string[], dimension: number) => new Map(keys.map((k) => [k, this.armStates.get(k) ?? priorArm(dimension)])),
    add: async (key: string, delta: { a: readonly number[]; b: readonly number[] }) => {
      this.armStates.set(key, applyDelta(this.armStates.get(key) ?? priorArm(delta.b.length), delta));
    },
  };

  readonly decisionStore = {
    insert: async (d: DecisionRecord) => void this.decisions.set(d.id, d),
    treatedSince: async () => [],
    get: async (id: string) => this.decisions.get(id) ?? null,
    openAt: async () => [],
    expired: async () => [],
    close: async (id: string, reward: number, outcomeSource: OutcomeSource, outcomeAt: Date) => {
      const d = this.decisions.get(id);
      if (!d || d.reward !== null) return null;
      const closed = { ...d, reward, outcomeSource, outcomeAt };
      // Only the policy's state matters to the run; the log would grow by 20,000 records.
      this.decisions.delete(id);
      return closed;
    },
  };
}

/** Features from the simulated population, by customer id. */
export class SimulatedProfiles implements ProfileSource {
  constructor(private readonly features: Map<string, Record<string, number>>) {}

  async profileOf(customerIds: readonly string[]): Promise<CustomerProfile> {
    return { features: this.features.get(customerIds[0] ?? '') ?? {}, traits: {} as Record<string, Literal>, segments: [] };
  }
}
