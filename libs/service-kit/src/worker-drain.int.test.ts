import { QUEUES } from '@c360/contracts';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import { createLogger } from './logger';
import { createQueue, createWorker } from './queue';
import { createRedisConnection, type RedisClient } from './redis-connection';
import { abandonedTotal, activeJobCount, drainWorkers } from './worker-drain';

const logger = createLogger('worker-drain-test', 'silent');

let redis: RedisClient;

beforeAll(() => {
  redis = createRedisConnection(testStack().REDIS_URL);
});

afterAll(() => redis.quit());

describe('drainWorkers on Redis', () => {
  it('lets a job that finishes before the deadline complete, and abandons one that does not, leaving it active for stall recovery', async () => {
    const ctx = { connection: redis, prefix: uniqueName('t') };
    const quickQueue = createQueue(ctx, QUEUES.touchpointIngest);
    const stuckQueue = createQueue(ctx, QUEUES.identityResolve);
    // The quick job finishes only once the drain has begun, so it is in flight when the drain starts.
    let releaseQuick: () => void = () => undefined;
    const quick = createWorker(ctx, QUEUES.touchpointIngest, () => new Promise((done) => (releaseQuick = () => done('ok'))), { logger });
    const stuck = createWorker(ctx, QUEUES.identityResolve, () => new Promise(() => undefined), { logger });
    const completed: string[] = [];
    quick.on('completed', (job) => completed.push(String(job.id)));
    const quickJob = await quickQueue.add('q', {});
    const stuckJob = await stuckQueue.add('s', {});
    await waitFor(async () => activeJobCount(quick) === 1 && activeJobCount(stuck) === 1, 10_000, 'both jobs to start');

    const draining = drainWorkers([quick, stuck], Date.now() + 1_000);
    setTimeout(() => releaseQuick(), 200);
    const outcome = await draining;

    expect(outcome.abandoned).toEqual({ [QUEUES.identityResolve]: 1 });
    expect(abandonedTotal(outcome)).toBe(1);
    // Completed jobs are removed (DEFAULT_JOB_OPTIONS), so the worker's own event says it finished.
    expect(completed).toEqual([quickJob.id]);
    expect(await stuckJob.getState()).toBe('active');
    expect(stuck.closing).toBeTruthy();
    await Promise.all([quickQueue.obliterate({ force: true }), stuckQueue.obliterate({ force: true })]);
    await Promise.all([quickQueue.close(), stuckQueue.close()]);
  });

  it('with no deadline waits for the running jobs however long they take', async () => {
    const ctx = { connection: redis, prefix: uniqueName('t') };
    const queue = createQueue(ctx, QUEUES.touchpointLink);
    const worker = createWorker(ctx, QUEUES.touchpointLink, () => new Promise((done) => setTimeout(() => done('ok'), 1_500)), { logger });
    const completed: string[] = [];
    worker.on('completed', (j) => completed.push(String(j.id)));
    const job = await queue.add('s', {});
    await waitFor(async () => activeJobCount(worker) === 1, 10_000, 'the job to start');
    expect(await drainWorkers([worker], Number.POSITIVE_INFINITY)).toEqual({ abandoned: {} });
    expect(completed).toEqual([job.id]);
    await queue.obliterate({ force: true });
    await queue.close();
  });
});
