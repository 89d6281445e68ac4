import type { Caller } from '@c360/auth';
import { startStaticConsentService, type StaticConsentService } from '@c360/consent-client';
import type { Channel, CustomerUpdatedEvent } from '@c360/contracts';
import { createLogger, createRedisConnection, EventPublisher, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, TEST_SECRET, testStack, uniqueName } from '@c360/testing';
import { loadConfig } from '../config';
import { startInsights } from '../service';
import { startStaticTouchpointTexts } from './static-touchpoint-texts';

export const MARKETER: Caller = { subject: 'marketer-test', roles: ['marketer'], scopes: [] };
export const ANALYST: Caller = { subject: 'analyst-test', roles: ['analyst'], scopes: [] };

/** insights started on its own database and queue prefix, with a stand-in for governance's consent answers. */
export interface InsightsHarness {
  service: RunningService;
  governance: StaticConsentService;
  redis: RedisClient;
  publisher: EventPublisher;
  db: string;
  prefix: string;
  /** Grants marketing on these channels only (none: refused everywhere). */
  consentTo(customerId: string, channels: Channel[], restricted?: boolean): void;
  gql<T>(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  /** Publishes customer.updated with these touchpoints (event keys given). */
  touch(customerId: string, touches: { event: string; at: Date; channel?: Channel; messageId?: string }[], merged?: string[]): Promise<string[]>;
  close(): Promise<void>;
}

export async function startInsightsHarness(env: Record<string, string> = {}): Promise<InsightsHarness> {
  const stack = testStack();
  const db = uniqueName('c360_test_insights_nba');
  const prefix = uniqueName('t');
  // Profiling granted (engagement features); marketing only where a test grants it.
  const governance = await startStaticConsentService({ restricted: false, consents: [{ purpose: 'profiling', channel: null, status: 'granted' }] });
  // Sentiment asks touchpoint-store for texts on every update; a stand-in answers with none.
  const texts = await startStaticTouchpointTexts();
  const config = loadConfig({
    ...stack,
    MONGODB_DB: db,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    CONSENT_SERVICE_URL: governance.url,
    // Consent answers change within a test; the stand-in publishes no consent.changed.
    CONSENT_MAX_STALE_MS: '1',
    TOUCHPOINT_STORE_URL: texts.url,
    ...env,
  });
  const service = await startInsights(config, createLogger('insights-test', 'silent'));
  const redis = createRedisConnection(stack.REDIS_URL);
  const publisher = new EventPublisher({ connection: redis, prefix });
  let version = 0;
  return {
    service,
    governance,
    redis,
    publisher,
    db,
    prefix,
    consentTo: (customerId, channels, restricted = false) =>
      governance.set({
        customerId,
        restricted,
        consents: [
          { purpose: 'profiling', channel: null, status: 'granted' },
          ...channels.map((channel) => ({ purpose: 'marketing', channel, status: 'granted' as const })),
        ],
      }),
    gql: (query, variables = {}, caller = MARKETER) => subgraphRequest(service.url, query, variables, caller),
    touch: async (customerId, touches, merged = []) => {
      const refs = touches.map((t) => ({
        messageId: t.messageId ?? uniqueName('m'),
        channel: t.channel ?? 'web',
        occurredAt: t.at.toISOString(),
        eventKey: t.event,
      }));
      const event: CustomerUpdatedEvent = { customerId, version: ++version, mergedCustomerIds: merged, touchpoints: refs, updatedAt: new Date().toISOString() };
      await publisher.publish('customer.updated', event, uniqueName('j'));
      return refs.map((r) => r.messageId);
    },
    close: async () => {
      await publisher.close();
      await service.close();
      await governance.close();
      await texts.close();
      await redis.quit();
      await dropDatabase(stack.MONGODB_URI, db);
    },
  };
}
