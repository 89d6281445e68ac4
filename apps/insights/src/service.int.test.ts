import { grantingProfile, startStaticConsentService, type StaticConsentService } from '@c360/consent-client';
import { EVENTS, type Channel, type CustomerUpdatedEvent } from '@c360/contracts';
import { createLogger, createRedisConnection, EventPublisher, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import { startStaticTouchpointTexts, type StaticTouchpointTexts } from './testing/static-touchpoint-texts';
import { loadConfig } from './config';
import { startInsights } from './service';

const stack = testStack();
const db = uniqueName('c360_test_insights');
const prefix = uniqueName('t');
let service: RunningService;
let redis: RedisClient;
let publisher: EventPublisher;
let governance: StaticConsentService;
// touchpoint-store's text lookup, answering that these touchpoints carry no text.
let texts: StaticTouchpointTexts;

const ENGAGEMENT = /* GraphQL */ `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Customer {
        id
        engagement {
          touchCount
          lastChannel
          firstSeenAt
          channels {
            channel
            touchCount
            lastSeenAt
          }
        }
      }
    }
  }
`;
type EngagementData = {
  _entities: {
    id: string;
    engagement: { touchCount: number; lastChannel: string | null; firstSeenAt: string | null; channels: { channel: string; touchCount: number }[] };
  }[];
};

function updated(customerId: string, messageId: string, channel: Channel, occurredAt: string, merged: string[] = []): CustomerUpdatedEvent {
  return { customerId, version: 1, mergedCustomerIds: merged, touchpoint: { messageId, channel, occurredAt }, updatedAt: new Date().toISOString() };
}

async function engagementOf(id: string) {
  const res = await subgraphRequest<EngagementData>(service.url, ENGAGEMENT, { reps: [{ __typename: 'Customer', id }] });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!._entities[0]!.engagement;
}

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

describe('insights engagement from customer.updated', () => {
  it('counts each touchpoint once per channel, even when the event is delivered twice', async () => {
    const id = uniqueName('cust');
    await publisher.publish(EVENTS.customerUpdated, updated(id, uniqueName('m'), 'web', '2026-03-01T10:00:00Z'), uniqueName('j'));
    const call = updated(id, uniqueName('m'), 'call_center', '2026-03-02T10:00:00Z');
    await publisher.publish(EVENTS.customerUpdated, call, uniqueName('j'));
    await publisher.publish(EVENTS.customerUpdated, call, uniqueName('j'));

    const engagement = await waitFor(async () => {
      const e = await engagementOf(id);
      return e.touchCount >= 2 && e;
    });
    // Give the duplicate time to be processed before asserting it changed nothing.
    await waitFor(async () => (await redis.llen(`${prefix}:customer.updated--insights:wait`)) === 0);
    await new Promise((r) => setTimeout(r, 300));
    const settled = await engagementOf(id);
    expect(settled.touchCount).toBe(2);
    expect(engagement.lastChannel).toBe('CALL_CENTER');
    expect(settled.channels.map((c) => [c.channel, c.touchCount])).toEqual([
      ['CALL_CENTER', 1],
      ['WEB', 1],
    ]);
  });

  it('finds touches stored under a customer that was later merged away', async () => {
    const survivor = uniqueName('cust');
    const absorbed = uniqueName('cust');
    await publisher.publish(EVENTS.customerUpdated, updated(absorbed, uniqueName('m'), 'store', '2026-03-01T10:00:00Z'), uniqueName('j'));
    await waitFor(async () => (await engagementOf(absorbed)).touchCount === 1);
    await publisher.publish(EVENTS.customerUpdated, updated(survivor, uniqueName('m'), 'email', '2026-03-05T10:00:00Z', [absorbed]), uniqueName('j'));

    const engagement = await waitFor(async () => {
      const e = await engagementOf(survivor);
      return e.touchCount === 2 && e;
    });
    expect(engagement.firstSeenAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('withholds engagement from a customer who refused profiling or is restricted, keeping the facts', async () => {
    const [refused, restricted] = [uniqueName('cust'), uniqueName('cust')];
    governance.set({ customerId: refused, restricted: false, consents: [{ purpose: 'profiling', channel: null, status: 'denied' }] });
    governance.set({ customerId: restricted, restricted: true, consents: [{ purpose: 'profiling', channel: null, status: 'granted' }] });
    for (const id of [refused, restricted])
      await publisher.publish(EVENTS.customerUpdated, updated(id, uniqueName('m'), 'web', '2026-03-01T10:00:00Z'), uniqueName('j'));
    await waitFor(async () => (await redis.llen(`${prefix}:customer.updated--insights:wait`)) === 0);
    const res = await subgraphRequest<{ _entities: { engagement: { touchCount: number; withheld: boolean } }[] }>(
      service.url,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { engagement { touchCount withheld } } } }`,
      { reps: [refused, restricted].map((id) => ({ __typename: 'Customer', id })) },
    );
    expect(res.data!._entities.map((e) => e.engagement)).toEqual([
      { touchCount: 0, withheld: true },
      { touchCount: 0, withheld: true },
    ]);
  });

  it('refuses a request that did not come through the gateway', async () => {
    const res = await subgraphRequest(service.url, ENGAGEMENT, { reps: [{ __typename: 'Customer', id: 'x' }] }, null);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('reports ready when its stores answer', async () => {
    const res = await fetch(`${service.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready' });
  });
});
