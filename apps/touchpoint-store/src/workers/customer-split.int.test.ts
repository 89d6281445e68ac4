import { EVENTS, eventQueueName, QUEUES, type CustomerSplitEvent, type LinkJob } from '@c360/contracts';
import { createLogger, createQueue, createRedisConnection, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Queue } from 'bullmq';
import { startTouchpointStore } from '../service';
import { postBatch, testConfig, token, touchpoint } from '../testing/touchpoint-fixtures';

const config = testConfig();
let service: RunningService;
let redis: RedisClient;
let links: Queue<LinkJob>;
let splits: Queue<CustomerSplitEvent>;

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-test', 'silent'));
  redis = createRedisConnection(config.REDIS_URL);
  const ctx = { connection: redis, prefix: config.QUEUE_PREFIX };
  links = createQueue(ctx, QUEUES.touchpointLink);
  splits = createQueue(ctx, eventQueueName(EVENTS.customerSplit, 'touchpoint-store'));
});

afterAll(async () => {
  await Promise.all([links.close(), splits.close()]);
  await service.close();
  await redis.quit();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

const JOURNEY = `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { journey(first: 20) { totalCount edges { node { messageId } } } } } }`;

async function journeyOf(id: string): Promise<string[]> {
  const res = await subgraphRequest<{ _entities: { journey: { edges: { node: { messageId: string } }[] } }[] }>(service.url, JOURNEY, { id });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!._entities[0]!.journey.edges.map((e) => e.node.messageId).sort();
}

describe('customer.split worker', () => {
  it('gives the restored customer back its touchpoints and stops aliasing it to the survivor', async () => {
    const [survivor, restored] = [uniqueName('c'), uniqueName('c')];
    const [own, absorbed, linking] = [touchpoint(), touchpoint(), touchpoint()];
    await postBatch(service.url, [own, absorbed, linking], await token());
    const now = new Date().toISOString();
    // As identity-graph reports it: `absorbed` came with the restored customer, merged by `linking`.
    await links.add('link', { messageId: absorbed.messageId, customerId: restored, mergedCustomerIds: [], linkedAt: now });
    await links.add('link', { messageId: own.messageId, customerId: survivor, mergedCustomerIds: [], linkedAt: now });
    await links.add('link', { messageId: linking.messageId, customerId: survivor, mergedCustomerIds: [restored], linkedAt: now });
    const all = [own, absorbed, linking].map((t) => t.messageId).sort();
    await waitFor(async () => JSON.stringify(await journeyOf(survivor)) === JSON.stringify(all), 15_000, 'merged journey');

    const event: CustomerSplitEvent = {
      splitId: uniqueName('split'),
      customerId: survivor,
      restoredCustomerId: restored,
      restoredLineage: [],
      assignments: [
        { customerId: survivor, messageIds: [own.messageId, linking.messageId] },
        { customerId: restored, messageIds: [absorbed.messageId] },
      ],
      splitAt: new Date(Date.now() + 1).toISOString(),
    };
    await splits.add(EVENTS.customerSplit, event);
    await splits.add(EVENTS.customerSplit, event); // a redelivery changes nothing
    await waitFor(async () => (await journeyOf(restored)).length === 1, 15_000, 'restored journey');
    expect(await journeyOf(restored)).toEqual([absorbed.messageId]);
    expect(await journeyOf(survivor)).toEqual([own.messageId, linking.messageId].sort());
  });
});
