import { z } from 'zod';

/*
 * Events insights publishes about one customer, for generation (recovery drafts) and partners.
 * Like every event: fanned out to one queue per subscriber (queues.ts) under a deterministic job id,
 * consent and restriction checked by insights before it publishes, and checked again by each consumer
 * before it acts. Payloads name the customer by id only.
 */

/**
 * journey.dropoff: a journey the customer started (cart, checkout, application, booking…) was not
 * completed within its usual time, and its abandonment score reached insights' threshold.
 */
export const journeyDropoffEventSchema = z.object({
  /** Unique per drop-off: consumers use it to act once however often the event is delivered. */
  eventId: z.string().min(1),
  customerId: z.string().min(1),
  /** The configured journey's name, e.g. `checkout`. */
  journey: z.string().min(1).max(100),
  /** The last step (event name) the customer reached in it. */
  stepReached: z.string().min(1).max(100),
  /** Abandonment risk, 0 to 1. */
  score: z.number().min(0).max(1),
  detectedAt: z.iso.datetime(),
});
export type JourneyDropoffEvent = z.infer<typeof journeyDropoffEventSchema>;

/** prediction.band_changed: a customer's score from one model crossed into another band (low, medium, high). */
export const predictionBandChangedEventSchema = z.object({
  eventId: z.string().min(1),
  customerId: z.string().min(1),
  /** The model kind, e.g. `churn`, `propensity`, `clv`. */
  model: z.string().min(1).max(64),
  /** null when the customer had no band before. */
  fromBand: z.string().min(1).max(32).nullable(),
  toBand: z.string().min(1).max(32),
  score: z.number(),
  modelVersion: z.string().min(1).max(64).optional(),
  changedAt: z.iso.datetime(),
});
export type PredictionBandChangedEvent = z.infer<typeof predictionBandChangedEventSchema>;
