import { grantingProfile, startStaticConsentService, type StaticConsentService } from '@c360/consent-client';
import { EVENTS, type CustomerSplitEvent, type CustomerUpdatedEvent } from '@c360/contracts';
import { createLogger, createRedisConnection, EventPublisher, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import { startStaticTouchpointTexts, type StaticTouchpointTexts } from '../testing/static-touchpoint-texts';
import { loadConfig } from '../config';
import { startInsights } from '../service';

const stack = testStack();
const db = uniqueName('c360_test_insights');
const prefix = uniqueName('t');
let service: RunningService;
let redis: RedisClient;
let publisher: EventPublisher;
// Engagement is served only with profiling consent; a stand-in for governance grants it.
let governance: StaticConsentService;
// touchpoint-store's text lookup, answering that these touchpoints carry no text.
let texts: StaticTouchpointTexts;

beforeAll(async () => {
  governance = await startStaticConsentService(grantingProfile(['profiling']));
  texts = await startStaticTouchpointTexts();
  const config = loadConfig({
    ...stack,
    MONGODB_DB: db,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    CONSENT_SERVICE_URL: governance.url,
    TOUCHPOINT_STORE_URL: texts.url,
  });
  service = await startInsights(config, createLogger('insights-test', 'silent'));
  redis = createRedisConnection(stack.REDIS_URL);
  publisher = new EventPublisher({ connection: redis, prefix });
});

afterAll(async () => {
  await publisher.close();
  await service.close();
  await governance.close();
  await texts.close();
  await redis.quit();
  await dropDatabase(stack.MONGODB_URI, db);
});

const TOUCHES = `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { engagement { touchCount } } } }`;

async function touchCount(id: string): Promise<number> {
  const res = await subgraphRequest<{ _entities: { engagement: { touchCount: number } }[] }>(service.url, TOUCHES, { id });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!._entities[0]!.engagement.touchCount;
}

function updated(customerId: string, messageId: string, merged: string[] = []): CustomerUpdatedEvent {
  return {
    customerId,
    version: 1,
    mergedCustomerIds: merged,
    touchpoint: { messageId, channel: 'web', occurredAt: '2026-05-01T10:00:00Z' },
    updatedAt: new Date().toISOString(),
  };
}

describe('insights customer.split worker', () => {
  it("moves the restored customer's touches back to it", async () => {
    const [survivor, restored] = [uniqueName('c'), uniqueName('c')];
    const [m1, m2, m3] = [uniqueName('m'), uniqueName('m'), uniqueName('m')];
    await publisher.publish(EVENTS.customerUpdated, updated(restored, m2), uniqueName('e'));
    await publisher.publish(EVENTS.customerUpdated, updated(survivor, m1), uniqueName('e'));
    await publisher.publish(EVENTS.customerUpdated, updated(survivor, m3, [restored]), uniqueName('e'));
    await waitFor(async () => (await touchCount(survivor)) === 3, 15_000, 'merged touches');

    const split: CustomerSplitEvent = {
      splitId: uniqueName('split'),
      customerId: survivor,
      restoredCustomerId: restored,
      restoredLineage: [],
      assignments: [
        { customerId: restored, messageIds: [m2] },
        { customerId: survivor, messageIds: [m1, m3] },
      ],
      splitAt: new Date(Date.now() + 1).toISOString(),
    };
    await publisher.publish(EVENTS.customerSplit, split, uniqueName('e'));
    await waitFor(async () => (await touchCount(restored)) === 1, 15_000, 'restored touches');
    expect(await touchCount(survivor)).toBe(2);
  });
});
