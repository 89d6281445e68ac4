import {
  batchJobOf,
  customerUpdatedEventSchema,
  EVENTS,
  eventQueueName,
  linkJobSchema,
  parseBatchJob,
  QUEUES,
  type CustomerUpdatedEvent,
  type LinkJob,
} from '@c360/contracts';
import { dropDatabase, testStack, uniqueName, waitFor } from '@c360/testing';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { Connection } from 'mongoose';
import { CustomerIdentityView, factOfUpdate } from './customer-identity-view';
import { startCustomerUpdatedWorker } from './customer-updated';
import { createLogger } from './logger';
import { connectMongo } from './mongo';
import { createQueue, createWorker, EventPublisher, readBatchJob, type QueueContext } from './queue';
import { createRedisConnection, type RedisClient } from './redis-connection';

/*
 * Producers and consumers of two releases side by side on real BullMQ: the release before payloads
 * carried a version (its consumers below are that release's code: parse with the contract's schema,
 * no version check; its producers wrote no version) and this one (EventPublisher and batchJobOf
 * stamp the version; startCustomerUpdatedWorker and readBatchJob check it). Each reads the other's
 * payloads; a future major is refused and dead-lettered, a future minor read.
 */

const logger = createLogger('payload-versions-test', 'silent');
const stack = testStack();
const dbName = uniqueName('payload-versions');
let redis: RedisClient;
let mongo: Connection;
const workers: Worker[] = [];

beforeAll(async () => {
  redis = createRedisConnection(stack.REDIS_URL);
  mongo = await connectMongo(stack.MONGODB_URI, dbName);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, dbName);
  await redis.quit();
});

const context = (): QueueContext => ({ connection: redis, prefix: uniqueName('pv') });

function customerUpdated(): CustomerUpdatedEvent {
  const customerId = uniqueName('c');
  return {
    customerId,
    version: 3,
    mergedCustomerIds: [uniqueName('m')],
    touchpoints: [{ messageId: uniqueName('t'), channel: 'web', occurredAt: '2026-06-01T10:00:00.000Z' }],
    updatedAt: '2026-06-01T10:00:01.000Z',
  };
}

/** customer.updated as the previous release consumed it (service-kit's processor then): the contract's schema, nothing about versions. */
function previousReleaseUpdatedConsumer(identities: CustomerIdentityView, seen: CustomerUpdatedEvent[]) {
  return async (job: Job): Promise<void> => {
    const parsed = customerUpdatedEventSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed customer.updated: ${parsed.error.message}`);
    await identities.record([factOfUpdate(parsed.data)]);
    seen.push(parsed.data);
  };
}

async function identityView(): Promise<CustomerIdentityView> {
  const view = new CustomerIdentityView(mongo);
  await view.ensureIndexes();
  return view;
}

describe('customer.updated across releases', () => {
  const queueName = eventQueueName(EVENTS.customerUpdated, 'insights');

  it('the previous release consumes what the new producer publishes', async () => {
    const ctx = context();
    const view = await identityView();
    const seen: CustomerUpdatedEvent[] = [];
    const event = customerUpdated();
    const publisher = new EventPublisher(ctx);
    await publisher.publish(EVENTS.customerUpdated, event, uniqueName('job'));
    const [queued] = await createQueue(ctx, queueName).getJobs(['waiting']);
    expect(queued?.data).toEqual({ ...event, schemaVersion: '1.0' });
    workers.push(createWorker(ctx, queueName, previousReleaseUpdatedConsumer(view, seen), { logger }));
    await waitFor(async () => seen.length === 1, 15_000, 'the old consumer to process the event');
    expect(seen[0]).toEqual(event);
    expect(await view.survivorOf(event.mergedCustomerIds[0] as string)).toBe(event.customerId);
    await publisher.close();
  });

  it('the new consumer reads what the previous release published (no version), and a later minor with fields it does not know', async () => {
    const ctx = context();
    const view = await identityView();
    const seen: CustomerUpdatedEvent[] = [];
    workers.push(startCustomerUpdatedWorker(ctx, 'insights', { identities: view, process: async (events) => void seen.push(...events), logger, maxBatch: 1 }));
    const old = customerUpdated();
    const later = customerUpdated();
    const queue = createQueue(ctx, queueName);
    await queue.add(EVENTS.customerUpdated, old, { jobId: uniqueName('job') });
    await queue.add(EVENTS.customerUpdated, { ...later, schemaVersion: '1.7', sentiment: { score: 0.4 } }, { jobId: uniqueName('job') });
    await waitFor(async () => seen.length === 2, 15_000, 'both events processed');
    expect(seen).toEqual(expect.arrayContaining([old, later]));
    expect(await view.survivorOf(old.mergedCustomerIds[0] as string)).toBe(old.customerId);
    expect(await view.survivorOf(later.mergedCustomerIds[0] as string)).toBe(later.customerId);
  });

  it('the new consumer refuses a future major with a typed reason, dead-lettered at once, nothing applied', async () => {
    const ctx = context();
    const view = await identityView();
    const seen: CustomerUpdatedEvent[] = [];
    workers.push(startCustomerUpdatedWorker(ctx, 'insights', { identities: view, process: async (events) => void seen.push(...events), logger, maxBatch: 1 }));
    const future = customerUpdated();
    const queue = createQueue(ctx, queueName);
    const job = await queue.add(EVENTS.customerUpdated, { ...future, schemaVersion: '2.0' }, { jobId: uniqueName('job') });
    await waitFor(async () => (await job.getState()) === 'failed', 15_000, 'the future major to be dead-lettered');
    const failed = await queue.getJob(job.id as string);
    expect(failed?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: customer\.updated payload is version 2\.0/);
    // Refused for good: the default eight attempts are not spent on a payload no retry can read.
    expect(failed?.attemptsMade).toBe(1);
    expect(seen).toEqual([]);
    expect(await view.survivorOf(future.mergedCustomerIds[0] as string)).toBe(future.mergedCustomerIds[0]);
  });
});

describe('the touchpoint-link work queue across releases', () => {
  const links = (): LinkJob[] =>
    [1, 2].map(() => ({ messageId: uniqueName('t'), customerId: uniqueName('c'), mergedCustomerIds: [], linkedAt: '2026-06-01T10:00:00.000Z' }));

  /** touchpoint-link as the previous release read it: parseBatchJob with the item schema, nothing about versions. */
  const previousReleaseLinkConsumer = (seen: LinkJob[][]) => async (job: Job) => {
    const parsed = parseBatchJob(linkJobSchema, job.data);
    if (!parsed || parsed.items.length === 0) throw new UnrecoverableError('malformed touchpoint-link job');
    seen.push(parsed.items);
  };

  const newLinkConsumer = (seen: LinkJob[][]) => async (job: Job) => void seen.push(readBatchJob(QUEUES.touchpointLink, linkJobSchema, job.data).items);

  it('the previous release consumes what the new producer queues, and the new consumer what the previous release queued', async () => {
    const ctx = context();
    const fromNew = links();
    const fromOld = links();
    const queue = createQueue(ctx, QUEUES.touchpointLink);
    const oldSeen: LinkJob[][] = [];
    const oldConsumer = createWorker(ctx, QUEUES.touchpointLink, previousReleaseLinkConsumer(oldSeen), { logger });
    await queue.add('link', batchJobOf(QUEUES.touchpointLink, fromNew), { jobId: uniqueName('lnk') });
    await waitFor(async () => oldSeen.length === 1, 15_000, 'the old consumer to read the new batch');
    await oldConsumer.close();
    expect(oldSeen).toEqual([fromNew]);

    const newSeen: LinkJob[][] = [];
    workers.push(createWorker(ctx, QUEUES.touchpointLink, newLinkConsumer(newSeen), { logger }));
    // The previous release queued batches without a version, and before that one item per job.
    await queue.add('link', { items: fromOld }, { jobId: uniqueName('lnk') });
    await queue.add('link', fromOld[0], { jobId: uniqueName('lnk') });
    await waitFor(async () => newSeen.length === 2, 15_000, 'the new consumer to read both old shapes');
    expect(newSeen).toEqual(expect.arrayContaining([fromOld, [fromOld[0]]]));
  });

  it('the new consumer dead-letters a future major', async () => {
    const ctx = context();
    const seen: LinkJob[][] = [];
    workers.push(createWorker(ctx, QUEUES.touchpointLink, newLinkConsumer(seen), { logger }));
    const job = await createQueue(ctx, QUEUES.touchpointLink).add('link', { schemaVersion: '2.1', items: links() }, { jobId: uniqueName('lnk') });
    await waitFor(async () => (await job.getState()) === 'failed', 15_000, 'the future major to be dead-lettered');
    const failed = await createQueue(ctx, QUEUES.touchpointLink).getJob(job.id as string);
    expect(failed?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: touchpoint-link payload is version 2\.1/);
    expect(failed?.attemptsMade).toBe(1);
    expect(seen).toEqual([]);
  });
});
