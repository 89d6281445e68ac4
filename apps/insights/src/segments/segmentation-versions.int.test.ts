import { createLogger, connectMongo, createQueue, createRedisConnection, type QueueContext, type RedisClient } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Worker } from 'bullmq';
import type { Connection } from 'mongoose';
import { FeatureVectorRepository } from '../features/feature-vector.repository';
import { createSegmentationQueue, enqueueSegmentation, SEGMENTATION_QUEUE, startSegmentationWorker } from './segmentation.job';
import { SegmentRepository } from './segment.repository';

/*
 * insights' own segmentation queue across a rolling update, on real Redis/BullMQ and MongoDB: both
 * releases of insights share the queue, so this one must read what the release before versioning
 * queued (no version), and leave a job of a later major alone: dead-lettered, kept, the run untouched.
 */

const stack = testStack();
const db = uniqueName('insights-seg-versions');
const logger = createLogger('segmentation-versions-test', 'silent');
let mongo: Connection;
let redis: RedisClient;
let segments: SegmentRepository;
let worker: Worker;
const queues = (): QueueContext => ({ connection: redis, prefix: uniqueName('segv') });
let ctx: QueueContext;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
  segments = new SegmentRepository(mongo);
  await segments.ensureIndexes();
  const vectors = new FeatureVectorRepository(mongo);
  await vectors.ensureIndexes();
  ctx = queues();
  worker = startSegmentationWorker(ctx, { vectors, segments, consent: { isAllowed: async () => true } }, logger);
});

afterAll(async () => {
  await worker.close();
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

const statusOf = async (runId: string) => (await segments.getRun(runId))?.status;

describe('the segmentation queue across releases', () => {
  it('this release stamps its jobs', async () => {
    const queue = createSegmentationQueue(queues());
    await enqueueSegmentation(queue, 'seg-run-stamped');
    expect((await queue.getJob('seg-run-stamped'))?.data).toEqual({ runId: 'seg-run-stamped', schemaVersion: '1.0' });
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('runs a job the previous release queued (no version) and one of a later minor', async () => {
    // Any payload, as another release may queue it.
    const queue = createQueue(ctx, SEGMENTATION_QUEUE);
    const [old, later] = [uniqueName('seg-run'), uniqueName('seg-run')];
    await segments.createRun(old, new Date());
    await segments.createRun(later, new Date());
    await queue.add('segment', { runId: old }, { jobId: old });
    await queue.add('segment', { runId: later, schemaVersion: '1.3', priority: 'low' }, { jobId: later });
    // Nobody has features here, so each run fails for want of data: what matters is that it ran.
    await waitFor(async () => (await statusOf(old)) === 'failed' && (await statusOf(later)) === 'failed', 15_000, 'both runs carried out');
    await queue.close();
  });

  it('dead-letters a job of a future major before it touches the run, and keeps it', async () => {
    const queue = createQueue(ctx, SEGMENTATION_QUEUE);
    const runId = uniqueName('seg-run');
    await segments.createRun(runId, new Date());
    const job = await queue.add('segment', { runId, schemaVersion: '2.0', scope: 'renamed' }, { jobId: runId });
    await waitFor(async () => (await job.getState()) === 'failed', 15_000, 'the future major to be dead-lettered');
    const failed = await queue.getJob(runId);
    expect(failed?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: insights-segmentation payload is version 2\.0/);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.data).toEqual({ runId, schemaVersion: '2.0', scope: 'renamed' });
    expect(await statusOf(runId)).toBe('queued');
    await queue.close();
  });
});
