import type { ConsentClient } from '@c360/consent-client';
import { negativeTurn, sentimentTrend, type ScoredText, type SentimentLabel } from '@c360/sentiment';
import type { CustomerIdentityView } from '@c360/service-kit';
import { profilingVerdict } from './sentiment-scoring';
import type { SentimentScoreRepository } from './sentiment-score.repository';

export interface SentimentSummary {
  trend: number | null;
  label: SentimentLabel | null;
  score: number | null;
  lastScoredAt: Date | null;
  textCount: number;
  /** Whether the newest text made a sharp negative turn (TURN_RULE). */
  negativeTurn: boolean;
}

/** A customer's sentiment as a feature, point in time: only texts written by `asOf` count. */
export interface SentimentFeatures extends SentimentSummary {
  asOf: Date;
}

/** Texts in time order → the figures a feature or Customer.sentiment shows. */
function summarise(texts: readonly ScoredText[], asOf: Date): SentimentFeatures {
  const t = sentimentTrend(texts);
  const newest = texts[texts.length - 1];
  const turned = newest ? negativeTurn(texts.slice(0, -1), newest) !== null : false;
  return { trend: t.trend, label: t.label, score: t.lastScore, lastScoredAt: t.lastAt, textCount: t.count, negativeTurn: turned, asOf };
}

/**
 * Reads a customer's sentiment through the identity view (so a merge brings the absorbed customer's
 * texts along). `summaryAsOf` is the read API the feature store uses; it does not check consent, the
 * caller (which keeps features only with profiling consent) does.
 */
export class SentimentReader {
  constructor(
    private readonly scores: SentimentScoreRepository,
    private readonly identities: CustomerIdentityView,
    private readonly consent: Pick<ConsentClient, 'check'>,
  ) {}

  async summaryAsOf(customerId: string, asOf?: Date): Promise<SentimentFeatures> {
    return summarise(await this.scores.scoresOf(await this.identities.expand(customerId), asOf), asOf ?? new Date());
  }

  /** The same for many customers (a training set), with one read of the scores. */
  async summariesAsOf(customerIds: readonly string[], asOf?: Date): Promise<Map<string, SentimentFeatures>> {
    const idsOf = new Map(await Promise.all(customerIds.map(async (id) => [id, await this.identities.expand(id)] as const)));
    const texts = await this.scores.scoresOf([...new Set([...idsOf.values()].flat())], asOf);
    const at = asOf ?? new Date();
    return new Map(
      [...idsOf].map(([id, ids]) => {
        const own = new Set(ids);
        return [
          id,
          summarise(
            texts.filter((t) => own.has(t.customerId)),
            at,
          ),
        ];
      }),
    );
  }

  /**
   * For Customer.sentiment: withheld (null, not zero) without profiling consent; a refusal also
   * removes what was kept, in case the consent.changed message that should have done so was missed.
   */
  async forCustomer(customerId: string): Promise<(SentimentSummary & { withheld: false }) | { withheld: true }> {
    const verdict = await profilingVerdict(this.consent, customerId);
    if (verdict === 'refused') await this.scores.eraseCustomers(await this.identities.expand(customerId));
    if (verdict !== 'allowed') return { withheld: true };
    const { trend, label, score, lastScoredAt, textCount, negativeTurn } = await this.summaryAsOf(customerId);
    return { trend, label, score, lastScoredAt, textCount, negativeTurn, withheld: false };
  }
}
