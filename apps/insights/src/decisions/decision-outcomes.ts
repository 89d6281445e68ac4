import { touchpointsOf, type CustomerUpdatedEvent } from '@c360/contracts';
import type { CustomerIdentityView } from '@c360/service-kit';
import { rewardDelta } from '../domain/decisions/linear-thompson';
import { VARIANT_POLICY } from '../domain/decisions/content-variants';
import type { ArmStateRepository } from './arm-state.repository';
import type { ContentArmRepository } from './content-arm.repository';
import type { DecisionRecord, DecisionRepository, OutcomeSource } from './decision.repository';
import { DecisionError } from './decision-errors';
import { armKey } from './next-best-action';

export interface DecisionOutcomeDeps {
  decisions: Pick<DecisionRepository, 'close' | 'get' | 'openAt' | 'expired'>;
  arms: Pick<ArmStateRepository, 'add'>;
  /** Where a content variant's rewards are counted (none: decisions carry no variant). */
  contentArms?: Pick<ContentArmRepository, 'addReward'>;
  identities: Pick<CustomerIdentityView, 'expand'>;
  conversionEvents: readonly string[];
  now?: () => Date;
}

/**
 * Rewards: given explicitly, earned by a conversion touchpoint within the decision's window, or 0
 * once the window passes. Each decision gets one outcome (the first to arrive), and the arm it chose
 * learns from it unless the customer was in the holdout (nothing was shown, nothing to learn). The
 * content variant that carried it learns too, when it was chosen by what the customer's answers
 * taught (with their profiling consent); a variant drawn uniformly without it is not taught.
 *
 * The outcome is written first, then the arm's sums: should the process die between the two, the
 * model misses one observation rather than counting it twice, which a bandit shrugs off.
 */
export class DecisionOutcomes {
  private readonly conversions: ReadonlySet<string>;
  private readonly now: () => Date;

  constructor(private readonly deps: DecisionOutcomeDeps) {
    this.conversions = new Set(deps.conversionEvents);
    this.now = deps.now ?? (() => new Date());
  }

  /** recordDecisionOutcome: a reward in [0, 1]; repeating the same reward is harmless, a different one a conflict. */
  async record(decisionId: string, reward: number): Promise<DecisionRecord> {
    if (!Number.isFinite(reward) || reward < 0 || reward > 1) throw new DecisionError('BAD_USER_INPUT', 'reward: a number from 0 to 1');
    const closed = await this.close(decisionId, reward, 'explicit', this.now());
    if (closed) return closed;
    const existing = await this.deps.decisions.get(decisionId);
    if (!existing) throw new DecisionError('NOT_FOUND', 'no such decision');
    if (existing.outcomeSource === 'explicit' && existing.reward === reward) return existing;
    throw new DecisionError('CONFLICT', `the decision already has an outcome (${existing.outcomeSource ?? 'unknown'})`);
  }

  /** customer.updated: a conversion rewards every open decision of the person whose window it falls in. */
  async onCustomerUpdated(event: CustomerUpdatedEvent): Promise<void> {
    const conversions = touchpointsOf(event).filter((t) => t.eventKey !== undefined && this.conversions.has(t.eventKey));
    if (conversions.length === 0) return;
    const ids = await this.deps.identities.expand(event.customerId);
    for (const touchpoint of conversions) {
      const at = new Date(touchpoint.occurredAt);
      for (const decision of await this.deps.decisions.openAt(ids, at)) await this.close(decision.id, 1, 'conversion', at);
    }
  }

  /** Closes decisions whose window passed without a conversion, with reward 0; returns how many. */
  async closeExpired(limit = 500): Promise<number> {
    let closed = 0;
    for (const decision of await this.deps.decisions.expired(this.now(), limit)) {
      if (await this.close(decision.id, 0, 'window_elapsed', decision.expiresAt)) closed++;
    }
    return closed;
  }

  private async close(id: string, reward: number, source: OutcomeSource, at: Date): Promise<DecisionRecord | null> {
    const decision = await this.deps.decisions.close(id, reward, source, at);
    if (decision && !decision.holdout) {
      await this.deps.arms.add(armKey(decision, decision.modelKey), rewardDelta(decision.x, reward), reward);
      const variant = decision.variant;
      if (variant?.policy === VARIANT_POLICY) await this.deps.contentArms?.addReward(variant.draftId, variant.variantIndex, reward);
    }
    return decision;
  }
}
