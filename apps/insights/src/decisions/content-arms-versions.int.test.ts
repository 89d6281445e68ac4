import { contentApprovedEventSchema, EVENTS, eventQueueName, type ContentApprovedEvent, type ContentWithdrawnEvent } from '@c360/contracts';
import {
  connectMongo,
  createLogger,
  createQueue,
  createRedisConnection,
  createWorker,
  EventPublisher,
  type QueueContext,
  type RedisClient,
} from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName, waitFor } from '@c360/testing';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { Connection } from 'mongoose';
import { ContentArmRepository } from './content-arm.repository';
import { createContentArmsProcessor } from './content-arms.processor';

/*
 * content.approved / content.withdrawn across releases on real BullMQ: generation of this release
 * (EventPublisher stamps the version) beside insights of the release before (the schema alone), and
 * this insights (createContentArmsProcessor checks the version first) beside generation of the release
 * before (no version), a later minor and a future major.
 */
const stack = testStack();
const db = uniqueName('c360_test_insights_arm_versions');
const logger = createLogger('content-arm-versions-test', 'silent');
let mongo: Connection;
let redis: RedisClient;
let arms: ContentArmRepository;
const workers: Worker[] = [];

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
  arms = new ContentArmRepository(mongo);
  await arms.ensureIndexes();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

const context = (): QueueContext => ({ connection: redis, prefix: uniqueName('arms') });
const approvedQueue = eventQueueName(EVENTS.contentApproved, 'insights');
const withdrawnQueue = eventQueueName(EVENTS.contentWithdrawn, 'insights');

function approved(): ContentApprovedEvent {
  const customerId = uniqueName('c');
  return {
    contract: 1,
    draftId: uniqueName('draft'),
    customerId,
    groundedOnIds: [customerId],
    actionId: 'act',
    channel: 'email',
    variants: 2,
    draftVersion: 1,
    contentChannel: 'EMAIL',
    purpose: 'retention',
    draftCreatedAt: new Date().toISOString(),
    approvedAt: new Date().toISOString(),
  };
}

function withdrawn({ contract, draftId, customerId, groundedOnIds, actionId, channel, draftCreatedAt }: ContentApprovedEvent): ContentWithdrawnEvent {
  return { contract, draftId, customerId, groundedOnIds, actionId, channel, draftCreatedAt, withdrawnAt: new Date().toISOString() };
}

function startNewConsumer(ctx: QueueContext): void {
  const processor = createContentArmsProcessor(arms);
  workers.push(createWorker(ctx, approvedQueue, processor, { logger }), createWorker(ctx, withdrawnQueue, processor, { logger }));
}

const isActive = async (e: ContentApprovedEvent) => (await arms.activeFor([e.customerId])).some((a) => a.draftId === e.draftId);

describe('content arms events across releases', () => {
  it('insights of the previous release reads what this generation publishes', async () => {
    const ctx = context();
    const event = approved();
    const publisher = new EventPublisher(ctx);
    await publisher.publish(EVENTS.contentApproved, event, uniqueName('j'));
    await publisher.close();
    const [queued] = await createQueue(ctx, approvedQueue).getJobs(['waiting']);
    // The version the rule adds, and `contract`, which the previous release still requires.
    expect(queued?.data).toEqual({ ...event, schemaVersion: '1.0' });
    const previousRelease = async (job: Job) => {
      const parsed = contentApprovedEventSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError('malformed content.approved');
      await arms.approved(parsed.data);
    };
    workers.push(createWorker(ctx, approvedQueue, previousRelease, { logger }));
    await waitFor(() => isActive(event), 15_000, 'the arm from the old consumer');
  });

  it('this insights reads what generation of the previous release published (no version), and a later minor', async () => {
    const ctx = context();
    startNewConsumer(ctx);
    const [old, later] = [approved(), approved()];
    await createQueue(ctx, approvedQueue).add(EVENTS.contentApproved, old, { jobId: uniqueName('j') });
    await createQueue(ctx, approvedQueue).add(EVENTS.contentApproved, { ...later, schemaVersion: '1.6', tone: 'warm' }, { jobId: uniqueName('j') });
    await waitFor(async () => (await isActive(old)) && (await isActive(later)), 15_000, 'both arms');
    await createQueue(ctx, withdrawnQueue).add(EVENTS.contentWithdrawn, withdrawn(old), { jobId: uniqueName('j') });
    await waitFor(async () => !(await isActive(old)), 15_000, 'the unversioned withdrawal applied');
  });

  it('refuses a future major of either event for good, with the typed reason, and applies nothing', async () => {
    const ctx = context();
    startNewConsumer(ctx);
    const kept = approved();
    const fresh = approved();
    await createQueue(ctx, approvedQueue).add(EVENTS.contentApproved, kept, { jobId: uniqueName('j') });
    await waitFor(() => isActive(kept), 15_000, 'the arm to withdraw');
    const withdrawal = await createQueue(ctx, withdrawnQueue).add(
      EVENTS.contentWithdrawn,
      { ...withdrawn(kept), schemaVersion: '2.0' },
      { jobId: uniqueName('j') },
    );
    const approval = await createQueue(ctx, approvedQueue).add(EVENTS.contentApproved, { ...fresh, schemaVersion: '2.0' }, { jobId: uniqueName('j') });
    await waitFor(async () => (await withdrawal.getState()) === 'failed' && (await approval.getState()) === 'failed', 15_000, 'both dead-lettered');
    const failed = await createQueue(ctx, withdrawnQueue).getJob(withdrawal.id as string);
    expect(failed?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: content\.withdrawn payload is version 2\.0/);
    expect(failed?.attemptsMade).toBe(1);
    expect((await createQueue(ctx, approvedQueue).getJob(approval.id as string))?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: content\.approved/);
    expect(await isActive(kept)).toBe(true);
    expect(await arms.byDrafts([fresh.draftId])).toEqual([]);
  });
});
