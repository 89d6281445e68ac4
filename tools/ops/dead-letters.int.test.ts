import { INTERNAL_QUEUES, stampVersion } from '@c360/contracts';
import { createLogger, createQueue, createRedisConnection, createWorker, type QueueContext, type RedisClient } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Queue, Worker } from 'bullmq';
import { listDeadLetters, retryDeadLetters, UnknownQueueError } from './dead-letters';

const QUEUE = INTERNAL_QUEUES.insightsTraining;
let redis: RedisClient;
let ctx: QueueContext;
let queue: Queue;
let worker: Worker;
/** Per job: how many of its runs from now on fail before one succeeds (undefined: every run fails). */
const failuresLeft = new Map<string, number>();
const succeeded: string[] = [];

beforeAll(async () => {
  redis = createRedisConnection(testStack().REDIS_URL);
  ctx = { connection: redis, prefix: uniqueName('dl') };
  queue = createQueue(ctx, QUEUE);
  worker = createWorker(
    ctx,
    QUEUE,
    async (job) => {
      const left = failuresLeft.get(job.id ?? '');
      if (left === undefined || left > 0) {
        if (left !== undefined) failuresLeft.set(job.id ?? '', left - 1);
        throw new Error('E11000 duplicate key error collection: c360.runs dup key: { email: "ann@example.com" }');
      }
      succeeded.push(job.id ?? '');
    },
    { logger: createLogger('dead-letters-test', 'silent'), concurrency: 1 },
  );
  // Two attempts each, no wait between them: three jobs end as dead letters.
  for (const id of ['run-a', 'run-b', 'run-c']) {
    await queue.add('train', stampVersion(QUEUE, { runId: id, email: 'ann@example.com' }), { jobId: id, attempts: 2, backoff: undefined });
  }
  await waitFor(async () => (await queue.getFailedCount()) === 3, 15_000, 'three dead letters');
});

afterAll(async () => {
  await worker.close();
  await queue.close();
  await redis.quit();
});

describe('dead letters', () => {
  it('lists, of every known queue, only those with dead letters: id, name, attempts and the reason masked, never the data', async () => {
    const found = await listDeadLetters(ctx);
    expect(found.map((q) => [q.queue, q.count])).toEqual([[QUEUE, 3]]);
    const jobs = found[0]?.jobs ?? [];
    expect(jobs.map((j) => j.id).sort()).toEqual(['run-a', 'run-b', 'run-c']);
    for (const job of jobs) {
      expect(job).toEqual({
        id: job.id,
        name: 'train',
        attempts: 2,
        failedAt: expect.any(String),
        reason: 'E11000 duplicate key error collection: c360.runs dup key: {…}',
      });
    }
    expect(JSON.stringify(found)).not.toContain('ann@example.com');
    expect((await listDeadLetters(ctx, { queue: QUEUE, limit: 1 }))[0]?.jobs).toHaveLength(1);
  });

  it('refuses a queue name no contract gives a queue', async () => {
    await expect(listDeadLetters(ctx, { queue: 'no-such-queue' })).rejects.toBeInstanceOf(UnknownQueueError);
    await expect(retryDeadLetters(ctx, 'no-such-queue')).rejects.toBeInstanceOf(UnknownQueueError);
  });

  it('retries one dead letter with its whole retry budget again: a first failure after the retry is retried too', async () => {
    failuresLeft.set('run-a', 1);
    expect(await retryDeadLetters(ctx, QUEUE, 'run-a')).toEqual({ retried: ['run-a'], missing: [] });
    await waitFor(async () => succeeded.includes('run-a'), 15_000, 'run-a to succeed');
    expect(await queue.getFailedCount()).toBe(2);
    // Not a dead letter any more: nothing to retry.
    expect(await retryDeadLetters(ctx, QUEUE, 'run-a')).toEqual({ retried: [], missing: ['run-a'] });
  });

  it('retries every dead letter of a queue, after which it has none', async () => {
    failuresLeft.set('run-b', 0);
    failuresLeft.set('run-c', 0);
    const { retried, missing } = await retryDeadLetters(ctx, QUEUE);
    expect([...retried].sort()).toEqual(['run-b', 'run-c']);
    expect(missing).toEqual([]);
    await waitFor(async () => succeeded.includes('run-b') && succeeded.includes('run-c'), 15_000, 'the rest to succeed');
    expect(await listDeadLetters(ctx)).toEqual([]);
  });
});
