import type { ConsentClient } from '@c360/consent-client';
import { CONSENT_CHANGED, consentChangedChannel, consentChangedEventSchema, readVersioned } from '@c360/contracts';
import { type CustomerIdentityView, type Logger, type RedisClient, subscribeWhenReady } from '@c360/service-kit';
import { profilingVerdict } from './sentiment-scoring';
import type { SentimentScoreRepository } from './sentiment-score.repository';

/**
 * Removes a person's sentiment as soon as governance announces a consent change that leaves profiling
 * refused (or the person restricted). consent.changed is pub/sub and can be missed: scoring and reading
 * check consent again and remove what a missed message should have.
 */
export async function startSentimentConsentListener(
  redis: RedisClient,
  queuePrefix: string,
  deps: {
    consent: Pick<ConsentClient, 'check' | 'invalidate'>;
    scores: SentimentScoreRepository;
    identities: Pick<CustomerIdentityView, 'expandAll'>;
    logger: Logger;
  },
): Promise<{ close(): Promise<void> }> {
  const subscriber = redis.duplicate();
  subscriber.on('message', (_channel: string, message: string) => {
    void (async () => {
      const read = readVersioned(CONSENT_CHANGED, consentChangedEventSchema, JSON.parse(message));
      // Unreadable is as if missed (see above); an unknown major is logged, since only an upgrade mends it.
      if (!read.ok) {
        if (read.reason === 'unsupported_version') deps.logger.warn({ reason: read.reason }, 'consent change of an unknown major not read');
        return;
      }
      const ids = read.data.customerIds;
      // The client's own listener drops its cache too, but in no set order relative to this one.
      deps.consent.invalidate(ids);
      if ((await profilingVerdict(deps.consent, ids[0]!)) !== 'refused') return;
      // Scores are kept under the id the text arrived under: every id of the person, as governance names them and as merges here say.
      await deps.scores.eraseCustomers([...new Set([...ids, ...(await deps.identities.expandAll(ids))])]);
    })().catch((err: unknown) => deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'sentiment consent change not applied'));
  });
  await subscribeWhenReady(subscriber, consentChangedChannel(queuePrefix));
  return { close: async () => void (await subscriber.quit()) };
}
