import { CHANNELS } from '@c360/contracts';
import type { TouchFactRepository } from '@c360/service-kit';
import type { Literal } from '../domain/decisions/eligibility-rule';

/** What decisions know of a customer: numeric features, traits and segments. */
export interface CustomerProfile {
  features: Record<string, number>;
  traits: Record<string, Literal>;
  segments: string[];
}

/**
 * Where profiles come from. Today from insights' own touch facts (engagement); the feature store of
 * "Insights, part 1" will stand behind this interface once it exists, with traits and segments.
 */
export interface ProfileSource {
  /** The profile of one person, given every id they hold (from the identity view). */
  profileOf(customerIds: readonly string[], now: Date): Promise<CustomerProfile>;
}

const DAY_MS = 86_400_000;

/**
 * Engagement features, each bounded so a linear model can weigh them: log touches, recency decayed
 * over a month, how many channels, and each channel's share of touches.
 */
export class EngagementProfileSource implements ProfileSource {
  constructor(private readonly touches: Pick<TouchFactRepository, 'perChannel'>) {}

  async profileOf(customerIds: readonly string[], now: Date): Promise<CustomerProfile> {
    const perChannel = await this.touches.perChannel(customerIds);
    const total = perChannel.reduce((s, c) => s + c.touchCount, 0);
    const last = perChannel.reduce((m, c) => Math.max(m, c.lastSeenAt.getTime()), 0);
    const features: Record<string, number> = {
      touches_log: Math.log1p(total),
      recency: total > 0 ? Math.exp(-Math.max(0, now.getTime() - last) / (30 * DAY_MS)) : 0,
      channel_count: perChannel.length,
    };
    for (const channel of CHANNELS) features[`${channel}_share`] = 0;
    for (const c of perChannel) features[`${c.channel}_share`] = total > 0 ? c.touchCount / total : 0;
    return { features, traits: {}, segments: [] };
  }
}

/** What the feature store ("Insights, part 1") answers: its FeatureReader and segment memberships, as ports. */
export interface FeatureStorePorts {
  features: { featuresOf(customerId: string): Promise<{ features: Record<string, number | string | null> } | null> };
  segments: { membershipOf(customerId: string): Promise<{ segmentId: string } | null> };
  /** Engagement, always there: the store may not have computed a new customer's features yet. */
  fallback: ProfileSource;
}

/**
 * The feature store's features (numbers) and categorical values (as traits), the customer's segment,
 * over the engagement features. The first id is the survivor: the store keeps features under it.
 */
export class FeatureStoreProfileSource implements ProfileSource {
  constructor(private readonly ports: FeatureStorePorts) {}

  async profileOf(customerIds: readonly string[], now: Date): Promise<CustomerProfile> {
    const survivor = customerIds[0] ?? '';
    const [engagement, stored, membership] = await Promise.all([
      this.ports.fallback.profileOf(customerIds, now),
      this.ports.features.featuresOf(survivor),
      this.ports.segments.membershipOf(survivor),
    ]);
    const features = { ...engagement.features };
    const traits: Record<string, Literal> = { ...engagement.traits };
    for (const [name, value] of Object.entries(stored?.features ?? {})) {
      if (typeof value === 'number' && Number.isFinite(value)) features[name] = value;
      else if (typeof value === 'string') traits[name] = value;
    }
    return { features, traits, segments: membership ? [...engagement.segments, membership.segmentId] : engagement.segments };
  }
}
