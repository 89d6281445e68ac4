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
