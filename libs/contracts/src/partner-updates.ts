import { z } from 'zod';
import { PREDICTION_KINDS, SCORE_BANDS } from './prediction-events';
import { EVENTS } from './queues';

/**
 * customer.updated as a partner receives it (webhook body and subscription payload), after the
 * consent check and field minimisation in governance.
 */
export const partnerUpdateSchema = z.object({
  type: z.literal('customer.updated'),
  customerId: z.string(),
  /** Increases with every change; a partner drops any update older than one it already has. */
  version: z.number().int().nonnegative(),
  updatedAt: z.string(),
  mergedCustomerIds: z.array(z.string()).optional(),
  lastTouchpoint: z.object({ channel: z.string(), occurredAt: z.string() }).nullable().optional(),
});
export type PartnerUpdate = z.infer<typeof partnerUpdateSchema>;

/**
 * What every other event a partner receives starts with. `schemaVersion` is the payload's version:
 * fields are only ever added within one; a partner reads the versions it knows. It is the partner
 * API's own integer version, an external contract, not the `"major.minor"` of the internal event it is
 * made from (payload-versions.ts), which partners never see. `eventId` is the
 * same on the webhook (and its retries) and on the live channel, so a partner can deduplicate.
 */
const partnerEventBase = {
  schemaVersion: z.literal(1),
  eventId: z.string().min(1),
  customerId: z.string().min(1),
};

/** journey.dropoff for a partner: step details with the `journey_step` field, the score with `scores`. */
export const partnerJourneyDropoffSchema = z.object({
  type: z.literal(EVENTS.journeyDropoff),
  ...partnerEventBase,
  journey: z.string(),
  detectedAt: z.string(),
  stepReached: z.string().optional(),
  stepIndex: z.number().int().nonnegative().optional(),
  startedAt: z.string().optional(),
  score: z.number().min(0).max(1).optional(),
});

/** customer.prediction.band_changed for a partner: the band it entered; the one it left with `scores`. */
export const partnerBandChangedSchema = z.object({
  type: z.literal(EVENTS.predictionBandChanged),
  ...partnerEventBase,
  kind: z.enum(PREDICTION_KINDS),
  band: z.enum(SCORE_BANDS),
  scoredAt: z.string(),
  previousBand: z.enum(SCORE_BANDS).nullable().optional(),
});

/** customer.sentiment-turned for a partner: when; the trends with `scores`. Never the text, nor which touchpoint. */
export const partnerSentimentTurnedSchema = z.object({
  type: z.literal(EVENTS.customerSentimentTurned),
  ...partnerEventBase,
  detectedAt: z.string(),
  trendBefore: z.number().min(-1).max(1).optional(),
  trendAfter: z.number().min(-1).max(1).optional(),
});

/** Anything a partner receives: the webhook body and the live channel's message. `type` says which. */
export const partnerEventSchema = z.discriminatedUnion('type', [
  partnerUpdateSchema,
  partnerJourneyDropoffSchema,
  partnerBandChangedSchema,
  partnerSentimentTurnedSchema,
]);
export type PartnerEvent = z.infer<typeof partnerEventSchema>;
export type PartnerJourneyDropoff = z.infer<typeof partnerJourneyDropoffSchema>;
export type PartnerBandChanged = z.infer<typeof partnerBandChangedSchema>;
export type PartnerSentimentTurned = z.infer<typeof partnerSentimentTurnedSchema>;

/** The events a partner can be registered for; customer.updated alone unless its registration says otherwise. */
export const PARTNER_EVENT_TYPES = [EVENTS.customerUpdated, EVENTS.journeyDropoff, EVENTS.predictionBandChanged, EVENTS.customerSentimentTurned] as const;
export type PartnerEventType = (typeof PARTNER_EVENT_TYPES)[number];

/** Redis pub/sub channel carrying one partner's live updates from governance to the gateway's subscriptions. */
export function partnerUpdatesChannel(prefix: string, partnerId: string): string {
  return `${prefix}:partner-updates:${partnerId}`;
}
