import { createHash, randomUUID } from 'node:crypto';
import type { ConsentClient } from '@c360/consent-client';
import type { Channel } from '@c360/contracts';
import { isDuplicateKey, type CustomerIdentityView } from '@c360/service-kit';
import { candidateArms, longestCapHours, type Arm, type NoDecisionReason } from '../domain/decisions/action-eligibility';
import { chooseVariant, variantArmsOf } from '../domain/decisions/content-variants';
import type { Literal } from '../domain/decisions/eligibility-rule';
import { featureVector } from '../domain/decisions/feature-vector';
import { inHoldout } from '../domain/decisions/holdout';
import { chooseArm, POLICY_NAME, scoreDistribution } from '../domain/decisions/linear-thompson';
import type { ActionRecord, ActionRepository } from './action.repository';
import type { ArmStateRepository } from './arm-state.repository';
import type { ContentArmRepository } from './content-arm.repository';
import type { CustomerProfile, ProfileSource } from './customer-profile';
import type { DecisionRecord, DecisionRepository } from './decision.repository';
import type { DecisionsConfig } from './decisions.config';

/** The stores as ports, so the bandit benchmark can run this same code over the in-memory state it simulates. */
export interface NextBestActionDeps {
  actions: Pick<ActionRepository, 'list'>;
  decisions: Pick<DecisionRepository, 'insert' | 'treatedSince' | 'get'>;
  arms: Pick<ArmStateRepository, 'load'>;
  identities: Pick<CustomerIdentityView, 'survivorOf' | 'expand'>;
  consent: Pick<ConsentClient, 'isAllowed'>;
  profiles: ProfileSource;
  /**
   * Approved content variants (insights' copy, kept from generation's content.approved events):
   * read locally, so a decision never waits on generation and goes on when it is down. None: the
   * action is decided without a variant.
   */
  contentArms?: Pick<ContentArmRepository, 'activeFor'>;
  config: DecisionsConfig;
  now?: () => Date;
  random?: () => number;
  /** How long the active catalogue is reused between decisions (it changes rarely; decisions come by the hundred per second). */
  catalogueTtlMs?: number;
}

/** The active actions, read at most once per `ttlMs`. */
class CatalogueCache {
  private cached: { at: number; actions: Promise<ActionRecord[]> } | null = null;

  constructor(
    private readonly actions: Pick<ActionRepository, 'list'>,
    private readonly ttlMs: number,
  ) {}

  get(now: Date): Promise<ActionRecord[]> {
    if (!this.cached || now.getTime() - this.cached.at >= this.ttlMs || now.getTime() < this.cached.at) {
      const actions = this.actions.list(true);
      this.cached = { at: now.getTime(), actions };
      // A failed read is not reused.
      actions.catch(() => (this.cached = null));
    }
    return this.cached.actions;
  }

  clear(): void {
    this.cached = null;
  }
}

export type DecideResult = { decision: DecisionRecord; reason: null } | { decision: null; reason: NoDecisionReason };

/** The model an arm's state belongs to: a change of features starts new arms rather than misreading old ones. */
export function modelKeyOf(features: readonly string[]): string {
  return `lts-${createHash('sha256').update(features.join(',')).digest('hex').slice(0, 12)}`;
}

export function armKey(arm: Arm, modelKey: string): string {
  return `${arm.actionId}|${arm.channel}|${modelKey}`;
}

/** The id of the decision a caller's request id names: scoped by customer and placement, so one caller's id never answers another's question. */
export function requestDecisionId(customerId: string, placement: string, requestId: string): string {
  return `req-${createHash('sha256')
    .update(JSON.stringify([customerId, placement, requestId]))
    .digest('hex')
    .slice(0, 32)}`;
}

/**
 * decideNextBestAction: the arms a customer may be offered (live, consented, eligible, under caps,
 * highest priority), one chosen by linear Thompson sampling over their features, logged with its
 * propensity. A customer in the holdout is shown nothing; the arm the policy would have chosen is
 * logged, so uplift can be measured per arm.
 */
export class NextBestAction {
  private readonly modelKey: string;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly catalogue: CatalogueCache;

  constructor(private readonly deps: NextBestActionDeps) {
    this.modelKey = modelKeyOf(deps.config.NBA_FEATURES);
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? Math.random;
    this.catalogue = new CatalogueCache(deps.actions, deps.catalogueTtlMs ?? 1_000);
  }

  /** A definition made here is seen at once; one made by another replica within the cache's life. */
  forgetCatalogue(): void {
    this.catalogue.clear();
  }

  async decide(customerId: string, placement: string, context: Readonly<Record<string, Literal>>, requestId?: string): Promise<DecideResult> {
    // A request asked again (a retried job) gets the decision it took: a second one would count twice in caps, rewards and uplift.
    const id = requestId === undefined ? randomUUID() : requestDecisionId(customerId, placement, requestId);
    const earlier = requestId === undefined ? null : await this.deps.decisions.get(id);
    if (earlier) return { decision: earlier, reason: null };
    const now = this.now();
    const { config } = this.deps;
    // Three rounds of reads rather than seven: what does not depend on another read is asked at once.
    const [survivor, ownIds, actions] = await Promise.all([
      this.deps.identities.survivorOf(customerId),
      this.deps.identities.expand(customerId),
      this.catalogue.get(now),
    ]);
    const ids = survivor === customerId ? ownIds : await this.deps.identities.expand(survivor);
    const channels = [...new Set(actions.flatMap((a) => a.channels))];
    const capHours = longestCapHours(actions);
    const allArms = actions.flatMap((a) => a.channels.map((channel) => armKey({ actionId: a.id, channel }, this.modelKey)));
    const [consented, { profile, profiled }, recent, states, content] = await Promise.all([
      this.consentedChannels(survivor, channels),
      this.profileOf(survivor, ids, now),
      capHours > 0 ? this.deps.decisions.treatedSince(ids, new Date(now.getTime() - capHours * 3_600_000)) : Promise.resolve([]),
      this.deps.arms.load(allArms, config.NBA_FEATURES.length + 1),
      this.deps.contentArms ? this.deps.contentArms.activeFor(ids) : Promise.resolve([]),
    ]);
    const candidates = candidateArms(actions, { now, placement, consented, recent, subject: { ...profile, context } });
    if (candidates.reason) return { decision: null, reason: candidates.reason };

    const x = featureVector(config.NBA_FEATURES, profile.features, context);
    const keys = candidates.arms.map((arm) => armKey(arm, this.modelKey));
    const scores = keys.map((key) => {
      const state = states.get(key);
      if (!state) throw new Error(`no state for arm ${key}`);
      return scoreDistribution(state, x, config.NBA_EXPLORATION);
    });
    const choice = chooseArm(scores, { exploration: config.NBA_EXPLORATION, epsilon: config.NBA_EPSILON }, this.random);
    const arm = candidates.arms[choice.index] as Arm;
    const holdout = inHoldout(survivor, config.NBA_HOLDOUT_SALT, config.NBA_HOLDOUT_SHARE);
    // A held-out customer is shown nothing, their own variants included, so none is drawn for them.
    const variant = holdout
      ? null
      : chooseVariant(
          variantArmsOf(content, arm.actionId, arm.channel),
          { exploration: config.NBA_EXPLORATION, epsilon: config.NBA_EPSILON, learn: profiled },
          this.random,
        );
    const decision: DecisionRecord = {
      id,
      customerId,
      placement,
      actionId: arm.actionId,
      channel: arm.channel,
      holdout,
      policy: POLICY_NAME,
      propensity: choice.propensity,
      modelKey: this.modelKey,
      x,
      decidedAt: now,
      expiresAt: new Date(now.getTime() + config.NBA_REWARD_WINDOW_HOURS * 3_600_000),
      reward: null,
      outcomeSource: null,
      outcomeAt: null,
      variant,
    };
    try {
      await this.deps.decisions.insert(decision);
    } catch (err) {
      // The same request decided at the same moment elsewhere: its decision is the one.
      const raced = requestId !== undefined && isDuplicateKey(err) ? await this.deps.decisions.get(id) : null;
      if (!raced) throw err;
      return { decision: raced, reason: null };
    }
    return { decision, reason: null };
  }

  /**
   * Choosing by features is profiling: without that consent (or when governance cannot say) the
   * customer is decided for as an unknown, on the bias term alone, and rules on features fail; their
   * content variants are drawn uniformly, since what their own answers taught is not used either.
   */
  private async profileOf(survivor: string, ids: readonly string[], now: Date): Promise<{ profile: CustomerProfile; profiled: boolean }> {
    if (!(await this.deps.consent.isAllowed({ customerId: survivor, purpose: 'profiling' })))
      return { profile: { features: {}, traits: {}, segments: [] }, profiled: false };
    return { profile: await this.deps.profiles.profileOf(ids, now), profiled: true };
  }

  /** Channels whose marketing consent governance grants; a channel it cannot answer for is not one (fail closed). */
  private async consentedChannels(customerId: string, channels: readonly Channel[]): Promise<Set<Channel>> {
    const purpose = this.deps.config.NBA_CONSENT_PURPOSE;
    const answers = await Promise.all(channels.map((channel) => this.deps.consent.isAllowed({ customerId, purpose, channel })));
    return new Set(channels.filter((_, i) => answers[i]));
  }
}
