import { EVENTS, eventQueueName, QUEUES, type QueueName } from '@c360/contracts';
import { createLogger, createQueue, createRedisConnection, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, testStack } from '@c360/testing';
import type { Queue } from 'bullmq';
import { startTouchpointStore } from '../service';
import { postBatch, testConfig, token, touchpoint } from '../testing/touchpoint-fixtures';

// Intake's own queue stays empty throughout: only a consumer further down is behind, which intake
// used not to see.
const config = testConfig({ INGEST_QUEUE_MAX_DEPTH: '2', EVENT_QUEUE_MAX_DEPTH: '3', WORKER_ROLE: 'api' });
let service: RunningService;
let redis: RedisClient;

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-test', 'silent'));
  redis = createRedisConnection(config.REDIS_URL);
});

afterAll(async () => {
  await service.close();
  await redis.quit();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

async function fill(name: QueueName, jobs: number): Promise<Queue> {
  const queue = createQueue({ connection: redis, prefix: config.QUEUE_PREFIX }, name);
  await queue.addBulk(Array.from({ length: jobs }, (_, i) => ({ name: 'backlog', data: { i } })));
  return queue;
}

describe('backpressure over the whole pipeline', () => {
  it.each([
    [QUEUES.identityResolve, 3, 2],
    [QUEUES.touchpointLink, 3, 2],
    [eventQueueName(EVENTS.customerUpdated, 'partners'), 4, 3],
    [eventQueueName(EVENTS.customerUpdated, 'insights'), 4, 3],
  ])('answers 429 naming %s and its depth when it is over its limit', async (name, depth, limit) => {
    const queue = await fill(name, depth);
    try {
      const res = await postBatch(service.url, [touchpoint()], await token());
      expect(res.status).toBe(429);
      expect(res.body.reason).toContain(`${name}: ${depth} jobs waiting, limit ${limit}`);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    expect((await postBatch(service.url, [touchpoint()], await token())).status).toBe(200);
    // No worker runs here: the accepted batch's ingestion job would count against the next case.
    const ingest = createQueue({ connection: redis, prefix: config.QUEUE_PREFIX }, QUEUES.touchpointIngest);
    await ingest.obliterate({ force: true });
    await ingest.close();
  });
});
