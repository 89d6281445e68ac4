import { INTERNAL_QUEUES, partnerWebhookQueueName, runJobSchema, type QueueName } from '@c360/contracts';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Job, Worker } from 'bullmq';
import { createLogger } from './logger';
import { createQueue, createWorker, readJobData, UnversionedQueueError, type QueueContext } from './queue';
import { createRedisConnection, type RedisClient } from './redis-connection';

/*
 * No queue escapes the version rule: a name outside libs/contracts cannot be opened, and every worker
 * checks a job's version before its processor, whatever the processor does (here: nothing about versions).
 */

const logger = createLogger('versioned-queues-test', 'silent');
let redis: RedisClient;
const workers: Worker[] = [];

beforeAll(() => {
  redis = createRedisConnection(testStack().REDIS_URL);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await redis.quit();
});

const context = (): QueueContext => ({ connection: redis, prefix: uniqueName('vq') });

describe('a queue outside the contracts', () => {
  it('cannot be opened, by a producer or a consumer', () => {
    // A name forged past the type, as a string from configuration or a cast would be.
    const forged = 'insights-scratch' as QueueName;
    expect(() => createQueue(context(), forged)).toThrow(UnversionedQueueError);
    expect(() => createWorker(context(), forged, async () => undefined, { logger })).toThrow(/queue insights-scratch is no versioned contract/);
  });
});

describe.each([
  ['a work queue of its own', INTERNAL_QUEUES.insightsTraining as QueueName],
  ['a partner lane', partnerWebhookQueueName(uniqueName('partner')) as QueueName],
])('a worker on %s', (_name, queueName) => {
  it('hands the processor an unversioned job, a stamped one and a later minor, and dead-letters a future major before the processor sees it', async () => {
    const ctx = context();
    const seen: unknown[] = [];
    workers.push(createWorker(ctx, queueName, async (job: Job) => void seen.push(job.data), { logger, concurrency: 1 }));
    const queue = createQueue(ctx, queueName);
    const future = await queue.add('j', { id: 'future', schemaVersion: '2.0' });
    await queue.add('j', { id: 'unversioned' });
    await queue.add('j', { id: 'stamped', schemaVersion: '1.0' });
    await queue.add('j', { id: 'later', schemaVersion: '1.4', addedLater: true });
    await waitFor(async () => seen.length === 3 && (await future.getState()) === 'failed', 15_000, 'three jobs processed and the future major failed');
    expect(seen.map((d) => (d as { id: string }).id).sort()).toEqual(['later', 'stamped', 'unversioned']);
    const failed = await queue.getJob(future.id as string);
    expect(failed?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: (insights-training|partner-webhooks) payload is version 2\.0/);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.data).toEqual({ id: 'future', schemaVersion: '2.0' });
    await queue.close();
  });
});

describe('readJobData', () => {
  it('reads a job by its contract: version first, then schema, refusing a malformed one for good', async () => {
    const ctx = context();
    const queueName = INTERNAL_QUEUES.insightsSegmentation;
    const seen: string[] = [];
    workers.push(createWorker(ctx, queueName, async (job: Job) => void seen.push(readJobData(queueName, runJobSchema, job.data).runId), { logger }));
    const queue = createQueue(ctx, queueName);
    await queue.add('segment', { runId: 'r-1', schemaVersion: '1.2', extra: true });
    const malformed = await queue.add('segment', { runld: 'typo' });
    await waitFor(async () => seen.length === 1 && (await malformed.getState()) === 'failed', 15_000, 'one job read, the malformed one failed');
    expect(seen).toEqual(['r-1']);
    const failed = await queue.getJob(malformed.id as string);
    expect(failed?.failedReason).toMatch(/^malformed insights-segmentation job: runId: /);
    expect(failed?.attemptsMade).toBe(1);
    expect(() => readJobData(queueName, runJobSchema, { runId: 'r', schemaVersion: '2.0' })).toThrow(/^UNSUPPORTED_PAYLOAD_VERSION/);
    await queue.close();
  });
});
