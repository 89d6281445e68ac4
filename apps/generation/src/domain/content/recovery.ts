import type { ContentChannel, ContentPurpose } from './content-channels';
import type { GroundingFact } from './grounding';
import type { RecoveryActionRule } from './recovery-action';

/** An insights event that may call for a recovery draft, in the terms generation needs. */
export type RecoveryTrigger =
  | { kind: 'journey.dropoff'; eventId: string; customerId: string; journey: string; stepReached: string; score: number }
  | { kind: 'prediction.band_changed'; eventId: string; customerId: string; model: string; fromBand: string | null; toBand: string }
  | { kind: 'customer.sentiment-turned'; eventId: string; customerId: string; score: number; trendBefore: number; trendAfter: number };

export interface RecoveryPolicy {
  /** Channels tried in order; the first the customer has marketing consent for is used. */
  channels: readonly ContentChannel[];
  /** A drop-off below this score is left alone. */
  minDropoffScore: number;
  /** `model:band` pairs that call for a retention draft when a customer enters the band (e.g. churn:high). */
  bandTriggers: readonly string[];
  /** Whether a sharp negative turn in the customer's own words calls for a service check-in. */
  afterNegativeTurn: boolean;
  /** At most this many triggered drafts per customer and channel within the window. */
  maxPerWindow: number;
  windowHours: number;
  /** Which catalogue action each trigger's draft carries when insights does not decide (see recovery-action.ts). */
  actions: readonly RecoveryActionRule[];
}

export interface RecoveryPlan {
  purpose: ContentPurpose;
  brief: string;
  /** Facts the event itself contributes to the grounding. */
  facts: GroundingFact[];
}

/** What a trigger asks to be written, or null when the policy leaves it alone. */
export function recoveryPlan(trigger: RecoveryTrigger, policy: RecoveryPolicy): RecoveryPlan | null {
  if (trigger.kind === 'journey.dropoff') {
    if (trigger.score < policy.minDropoffScore) return null;
    return {
      purpose: 'recovery',
      brief: `Invite the customer back to finish their ${trigger.journey}. Be helpful, not pushy. Offer no incentive unless the listed offers include one.`,
      facts: [
        { source: 'event', key: 'dropoff_journey', value: trigger.journey },
        { source: 'event', key: 'dropoff_step', value: trigger.stepReached },
        { source: 'event', key: 'dropoff_risk', value: trigger.score.toFixed(2) },
      ],
    };
  }
  if (trigger.kind === 'customer.sentiment-turned') {
    if (!policy.afterNegativeTurn) return null;
    return {
      purpose: 'service',
      brief:
        'The customer sounded unhappy in their latest message to us. Write a short, sincere check-in from the service team that asks how we can put it right and says how to reach a person. Nothing promotional, no incentive.',
      facts: [{ source: 'event', key: 'sentiment_turn', value: `from ${trigger.trendBefore.toFixed(2)} to ${trigger.trendAfter.toFixed(2)}` }],
    };
  }
  if (!policy.bandTriggers.includes(`${trigger.model}:${trigger.toBand}`)) return null;
  return {
    purpose: 'retention',
    brief: `The customer's ${trigger.model} score moved into the ${trigger.toBand} band. Write a friendly check-in that reminds them what we offer. No incentive unless the listed offers include one.`,
    facts: [{ source: 'event', key: `prediction_${trigger.model}`, value: `${trigger.toBand}${trigger.fromBand ? ` (was ${trigger.fromBand})` : ''}` }],
  };
}

/** The channels allowed by consent whose cap is not reached, in the policy's order. */
export function recoveryChannels(
  policy: Pick<RecoveryPolicy, 'channels' | 'maxPerWindow'>,
  consented: ReadonlySet<ContentChannel>,
  recentCounts: ReadonlyMap<ContentChannel, number>,
): ContentChannel[] {
  return policy.channels.filter((c) => consented.has(c) && (recentCounts.get(c) ?? 0) < policy.maxPerWindow);
}
