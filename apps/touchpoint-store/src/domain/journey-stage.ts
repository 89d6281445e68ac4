import type { Channel } from '@c360/contracts';
import { z } from 'zod';

export const JOURNEY_STAGES = ['awareness', 'consideration', 'decision', 'retention', 'advocacy'] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

/**
 * A stage rule: the customer is at `stage` when they have at least `minCount` touchpoints whose
 * event name (or type, for unnamed calls) is in `events`; an empty `events` matches any touchpoint.
 * Rules are tried from the most advanced stage down; the first that holds wins.
 */
export const stageRuleSchema = z.object({
  stage: z.enum(JOURNEY_STAGES),
  events: z.array(z.string().min(1)).default([]),
  minCount: z.number().int().min(1).default(1),
});
export type StageRule = z.infer<typeof stageRuleSchema>;
export const stageRulesSchema = z.array(stageRuleSchema).min(1);

export const DEFAULT_STAGE_RULES: StageRule[] = [
  { stage: 'advocacy', events: ['Review Written', 'Referral Sent'], minCount: 1 },
  { stage: 'retention', events: ['Order Completed', 'purchase'], minCount: 2 },
  { stage: 'decision', events: ['Order Completed', 'purchase', 'Checkout Started', 'Product Added', 'meeting', 'Quote Requested'], minCount: 1 },
  { stage: 'consideration', events: ['Product Viewed', 'Signed Up', 'visit', 'attendance', 'contact', 'response', 'Email Clicked'], minCount: 1 },
  { stage: 'awareness', events: [], minCount: 1 },
];

/** What the store says about a customer's touchpoints of one event name. */
export interface EventTally {
  eventKey: string;
  count: number;
  /** The most recent touchpoints of this event, newest first. */
  recent: { messageId: string; occurredAt: Date; channel: Channel }[];
}

/** A touchpoint as tallies read it. */
export interface TalliedTouch {
  _id: string;
  eventKey: string;
  occurredAt: Date;
  channel: Channel;
}

/**
 * Per event name, how many touchpoints and the `recent` newest (ties by messageId), from one
 * customer's touchpoints in any order.
 */
export function tallyEvents(touches: readonly TalliedTouch[], recent: number): EventTally[] {
  const newestFirst = [...touches].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || a._id.localeCompare(b._id));
  const tallies = new Map<string, EventTally>();
  for (const t of newestFirst) {
    const tally = tallies.get(t.eventKey) ?? { eventKey: t.eventKey, count: 0, recent: [] };
    tally.count += 1;
    if (tally.recent.length < recent) tally.recent.push({ messageId: t._id, occurredAt: t.occurredAt, channel: t.channel });
    tallies.set(t.eventKey, tally);
  }
  return [...tallies.values()];
}

export interface StageEvidence {
  messageId: string;
  eventKey: string;
  occurredAt: Date;
  channel: Channel;
}

export interface StageAssignment {
  stage: JourneyStage;
  rule: StageRule;
  /** The touchpoints that satisfied the rule, newest first (at most `maxEvidence`). */
  evidence: StageEvidence[];
}

const rank = (stage: JourneyStage) => JOURNEY_STAGES.indexOf(stage);

/** The most advanced stage whose rule the tallies satisfy, or null for a customer with no touchpoints. */
export function assignStage(rules: readonly StageRule[], tallies: readonly EventTally[], maxEvidence = 5): StageAssignment | null {
  for (const rule of [...rules].sort((a, b) => rank(b.stage) - rank(a.stage))) {
    const matching = rule.events.length === 0 ? tallies : tallies.filter((t) => rule.events.includes(t.eventKey));
    const total = matching.reduce((n, t) => n + t.count, 0);
    if (total < rule.minCount) continue;
    const evidence = matching
      .flatMap((t) => t.recent.map((r) => ({ ...r, eventKey: t.eventKey })))
      .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || a.messageId.localeCompare(b.messageId))
      .slice(0, maxEvidence);
    return { stage: rule.stage, rule, evidence };
  }
  return null;
}
