import { grantingProfile, startStaticConsentService, type StaticConsentService } from '@c360/consent-client';
import { EVENTS, eventQueueName, type Channel, type CustomerUpdatedEvent } from '@c360/contracts';
import { createLogger, createQueue, createRedisConnection, EventPublisher, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import { loadConfig } from './config';
import { startGeneration } from './service';

const stack = testStack();
const db = uniqueName('c360_test_generation');
const prefix = uniqueName('t');
let service: RunningService;
let redis: RedisClient;
let publisher: EventPublisher;
let governance: StaticConsentService;

const GREETING = /* GraphQL */ `
  query ($id: ID!) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        greeting {
          text
          provider
          model
          basedOnVersion
        }
      }
    }
  }
`;
type Greeting = { text: string; provider: string; model: string | null; basedOnVersion: number } | null;

async function greeting(id: string): Promise<Greeting> {
  const res = await subgraphRequest<{ _entities: { greeting: Greeting }[] }>(service.url, GREETING, { id });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!._entities[0]!.greeting;
}

function event(customerId: string, version: number, channel: Channel, occurredAt: string, merged: string[] = []): CustomerUpdatedEvent {
  return {
    customerId,
    version,
    mergedCustomerIds: merged,
    touchpoint: { messageId: uniqueName('m'), channel, occurredAt },
    updatedAt: new Date().toISOString(),
  };
}

beforeAll(async () => {
  governance = await startStaticConsentService(grantingProfile(['personalisation']));
  const config = loadConfig({
    ...stack,
    MONGODB_DB: db,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    WORKER_CONCURRENCY: '1',
    CONSENT_SERVICE_URL: governance.url,
    CONSENT_MAX_STALE_MS: '0',
  });
  service = await startGeneration(config, createLogger('generation-test', 'silent'));
  redis = createRedisConnection(stack.REDIS_URL);
  publisher = new EventPublisher({ connection: redis, prefix });
});

afterAll(async () => {
  await publisher.close();
  await service.close();
  await governance.close();
  await redis.quit();
  await dropDatabase(stack.MONGODB_URI, db);
});

describe('generation greeting', () => {
  it('is null for a customer never seen', async () => {
    expect(await greeting(uniqueName('c'))).toBeNull();
  });

  it('drafts a labelled greeting from the touchpoints seen, and redrafts as the customer changes', async () => {
    const id = uniqueName('c');
    await publisher.publish(EVENTS.customerUpdated, event(id, 1, 'web', '2026-03-01T09:00:00Z'), uniqueName('j'));
    const first = await waitFor(async () => (await greeting(id))?.basedOnVersion === 1 && greeting(id));
    expect(first).toMatchObject({ provider: 'offline-template', model: null, text: expect.stringContaining('seen you once, through our website') });

    await publisher.publish(EVENTS.customerUpdated, event(id, 2, 'call_center', '2026-03-03T14:30:00Z'), uniqueName('j'));
    const second = await waitFor(async () => (await greeting(id))?.basedOnVersion === 2 && greeting(id));
    expect(second?.text).toContain('2 times, through our contact centre and our website');
  });

  it('ignores a stale delivery from an older customer version', async () => {
    const id = uniqueName('c');
    await publisher.publish(EVENTS.customerUpdated, event(id, 5, 'store', '2026-03-01T09:00:00Z'), uniqueName('j'));
    await waitFor(async () => (await greeting(id))?.basedOnVersion === 5);
    await publisher.publish(EVENTS.customerUpdated, { ...event(id, 4, 'app', '2026-02-01T09:00:00Z'), touchpoint: undefined }, uniqueName('j'));
    // Once generation's customer.updated queue holds nothing, the stale delivery was handled.
    const queue = createQueue({ connection: redis, prefix }, eventQueueName(EVENTS.customerUpdated, 'generation'));
    await waitFor(async () => Object.values(await queue.getJobCounts('waiting', 'active', 'delayed')).every((n) => n === 0));
    await queue.close();
    expect((await greeting(id))?.basedOnVersion).toBe(5);
  });

  it('drafts once for updates that arrive together: the newest version, from every touchpoint of them', async () => {
    const id = uniqueName('c');
    const days = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'];
    await publisher.publishMany(
      EVENTS.customerUpdated,
      days.map((day, i) => ({ payload: event(id, i + 1, i % 2 ? 'email' : 'web', `${day}T09:00:00Z`), jobId: uniqueName('j') })),
    );
    const last = await waitFor(async () => (await greeting(id))?.basedOnVersion === 4 && greeting(id));
    expect(last?.text).toContain('seen you 4 times');
  });

  it('serves a merged customer the greeting drafted with all their touchpoints', async () => {
    const [survivor, absorbed] = [uniqueName('c'), uniqueName('c')];
    await publisher.publish(EVENTS.customerUpdated, event(absorbed, 1, 'store', '2026-01-10T10:00:00Z'), uniqueName('j'));
    await waitFor(async () => (await greeting(absorbed)) !== null);
    await publisher.publish(EVENTS.customerUpdated, event(survivor, 3, 'email', '2026-02-10T10:00:00Z', [absorbed]), uniqueName('j'));
    const merged = await waitFor(async () => (await greeting(survivor))?.basedOnVersion === 3 && greeting(survivor));
    expect(merged?.text).toContain('seen you 2 times');
  });

  it('drafts nothing for a customer without personalisation consent or under a restriction', async () => {
    const [refused, restricted] = [uniqueName('c'), uniqueName('c')];
    governance.set({ customerId: refused, restricted: false, consents: [{ purpose: 'personalisation', channel: null, status: 'withdrawn' }] });
    governance.set({ customerId: restricted, restricted: true, consents: [{ purpose: 'personalisation', channel: null, status: 'granted' }] });
    await publisher.publish(EVENTS.customerUpdated, event(refused, 1, 'web', '2026-03-01T09:00:00Z'), uniqueName('j'));
    await publisher.publish(EVENTS.customerUpdated, event(restricted, 1, 'web', '2026-03-01T09:00:00Z'), uniqueName('j'));
    const marker = uniqueName('c');
    // With one worker slot jobs run in order: once this later event is done, the others were handled.
    await publisher.publish(EVENTS.customerUpdated, event(marker, 1, 'web', '2026-03-01T09:00:00Z'), uniqueName('j'));
    await waitFor(async () => (await greeting(marker)) !== null);
    expect(await greeting(refused)).toBeNull();
    expect(await greeting(restricted)).toBeNull();
  });

  it('serves the survivor its own draft even when a late event for a merged-away id drafts afterwards', async () => {
    const [survivor, absorbed] = [uniqueName('c'), uniqueName('c')];
    await publisher.publish(EVENTS.customerUpdated, event(survivor, 3, 'email', '2026-02-10T10:00:00Z', [absorbed]), uniqueName('j'));
    await waitFor(async () => (await greeting(survivor))?.basedOnVersion === 3);
    await publisher.publish(EVENTS.customerUpdated, event(absorbed, 1, 'store', '2026-01-10T10:00:00Z'), uniqueName('j'));
    await waitFor(async () => (await greeting(absorbed))?.basedOnVersion === 1);
    expect((await greeting(survivor))?.basedOnVersion).toBe(3);
  });
});
