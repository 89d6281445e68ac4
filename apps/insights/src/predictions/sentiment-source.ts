import type { SentimentScoreRepository } from '../sentiment/sentiment-score.repository';
import type { SentimentSource } from './customer-rescorer';

/** The sentiment module's per-text scores (−1 to 1), as of a time, as the feature store reads them. */
export function sentimentSource(scores: Pick<SentimentScoreRepository, 'scoresOf'>): SentimentSource {
  return {
    sentimentsOf: async (customerIds, asOf) =>
      (await scores.scoresOf(customerIds, asOf)).map((t) => ({ customerId: t.customerId, at: t.occurredAt, score: t.score })),
  };
}
