import { z } from 'zod';

/** What insights predicts about a customer; each kind has one active model at a time. */
export const PREDICTION_KINDS = ['churn', 'conversion', 'clv', 'next_steps'] as const;
export type PredictionKind = (typeof PREDICTION_KINDS)[number];

export const SCORE_BANDS = ['low', 'medium', 'high'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

/**
 * customer.prediction.band_changed: a customer's score of one kind moved into another band (a churn
 * risk turning high, say), published by insights so content, decisions and partners can act on it.
 * Carries ids and the bands only: the score itself and its explanation stay behind field access in
 * insights. `previousBand` is null for a customer's first score of that kind.
 */
export const predictionBandChangedEventSchema = z.object({
  customerId: z.string().min(1),
  kind: z.enum(PREDICTION_KINDS),
  band: z.enum(SCORE_BANDS),
  previousBand: z.enum(SCORE_BANDS).nullable(),
  modelId: z.string().min(1),
  modelVersion: z.number().int().positive(),
  scoredAt: z.iso.datetime(),
});
export type PredictionBandChangedEvent = z.infer<typeof predictionBandChangedEventSchema>;
