import { z } from 'zod';
import { jobIdFor } from './job-ids';

/**
 * customer.sentiment-turned: insights saw a customer's text sentiment turn sharply negative (the rule
 * is libs/sentiment's TURN_RULE). It names the touchpoint whose text turned it, never the text: a
 * consumer that needs the words asks touchpoint-store, under its own access rules. Published once per
 * turning touchpoint under a job id derived from its messageId, only for customers with profiling
 * consent; delivery is at least once, so a consumer treats a second event for one messageId as the same.
 */
export const sentimentTurnedEventSchema = z.object({
  customerId: z.string(),
  messageId: z.string(),
  /** Trend before and after the turning text, −1…1. */
  trendBefore: z.number().min(-1).max(1),
  trendAfter: z.number().min(-1).max(1),
  /** The turning text's score, −1…1. */
  score: z.number().min(-1).max(1),
  /** 'lexicon' or the domain classifier's version. */
  modelVersion: z.string(),
  occurredAt: z.iso.datetime(),
  detectedAt: z.iso.datetime(),
});
export type SentimentTurnedEvent = z.infer<typeof sentimentTurnedEventSchema>;

export function sentimentTurnJobId(messageId: string): string {
  return jobIdFor('sentiment-turn', messageId);
}
