import { partnerWebhookQueueName } from '@c360/contracts';
import { connectMongo, createQueue, createRedisConnection, EventPublisher, type RedisClient, type RunningService } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { startTestGovernance, type TestGovernance } from '../testing/governance.harness';
import { endpoint, grantConsent, publishCustomerUpdate, registerPartner } from '../testing/webhook-test-kit';
import { DeliveryRepository, type Delivery } from './delivery.repository';

/*
 * governance's own webhook-delivery lanes across a rolling update, on the real service (MongoDB,
 * Redis/BullMQ) and a local partner endpoint: this release reads a delivery job the release before
 * versioning queued (no version), and leaves a job of a later major alone, dead-lettered and kept,
 * nothing sent. Only the job is versioned so; the body the partner receives keeps its own API version.
 */

const stack = testStack();
let governance: TestGovernance;
let prefix: string;
let service: RunningService;
let redis: RedisClient;
let mongo: Connection;
let publisher: EventPublisher;
let deliveries: DeliveryRepository;
/** What a test opened, closed in afterAll even when it fails: an open server or queue would keep jest from exiting. */
const opened: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  governance = await startTestGovernance({
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    // The first attempt hangs, so the job this release queued can be read while active; it times out and is retried.
    WEBHOOK_TIMEOUT_MS: '1500',
    WEBHOOK_RETRY_BASE_MS: '40',
    WEBHOOK_RETRY_MAX_MS: '160',
  });
  ({ service } = governance);
  prefix = governance.config.QUEUE_PREFIX;
  redis = createRedisConnection(stack.REDIS_URL);
  publisher = new EventPublisher({ connection: redis, prefix });
  mongo = await connectMongo(stack.MONGODB_URI, governance.config.MONGODB_DB);
  deliveries = new DeliveryRepository(mongo);
});

afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
  await publisher.close();
  await mongo.close();
  await governance.stop();
  await redis.quit();
});

describe('webhook delivery jobs across releases', () => {
  it('this release stamps its delivery jobs; a future major is dead-lettered and sends nothing; an unversioned job is delivered', async () => {
    const hook = await endpoint((n) => (n === 1 ? null : 204));
    opened.push(hook);
    const partnerId = uniqueName('v').replace('-', '_');
    const registered = await registerPartner(service.url, { id: partnerId, webhookUrl: hook.url });
    expect(registered.errors).toBeUndefined();
    const customerId = uniqueName('c');
    await grantConsent(service.url, customerId);
    const lane = createQueue({ connection: redis, prefix }, partnerWebhookQueueName(partnerId));
    opened.push(lane);
    await publishCustomerUpdate(publisher, customerId, 1);
    const [active] = await waitFor(
      async () => {
        const jobs = await lane.getJobs(['active']);
        return jobs.length > 0 && jobs;
      },
      20_000,
      'the first delivery job in flight',
    );
    expect(active?.data).toEqual({ deliveryId: expect.any(String), schemaVersion: '1.0' });
    await waitFor(async () => hook.delivered().length === 1, 20_000, 'the first update delivered on its retry');
    // The partner's answer comes before governance records it: the delivery is marked delivered just after.
    const [first] = await waitFor(
      async () => {
        const done = await deliveries.list(partnerId, 'delivered', 10);
        return done.length === 1 && done;
      },
      15_000,
      'the first delivery recorded as delivered',
    );
    // What the partner receives is the delivery's body, the partner API, with nothing of the job's version.
    expect(hook.delivered()[0]).toEqual(first?.update);
    const received = hook.received.length;

    // A pending delivery, as the fan-out leaves one, with the next version of the customer.
    const pending: Delivery = {
      ...(first as Delivery),
      id: uniqueName('dlv'),
      version: 2,
      webhookId: `msg_${uniqueName('m')}`,
      status: 'pending',
      attempts: 0,
      deliveredAt: null,
      nextAttemptAt: new Date(),
    };
    await deliveries.createPending(pending);
    const future = await lane.add('deliver', { deliveryId: pending.id, schemaVersion: '2.0' }, { jobId: uniqueName('j') });
    await waitFor(async () => (await future.getState()) === 'failed', 15_000, 'the future major to be dead-lettered');
    const failed = await lane.getJob(future.id as string);
    expect(failed?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: partner-webhooks payload is version 2\.0/);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.data).toEqual({ deliveryId: pending.id, schemaVersion: '2.0' });
    expect(hook.received).toHaveLength(received);
    expect((await deliveries.get(pending.id))?.status).toBe('pending');

    // The release before versioning queued the same delivery without a version: this one sends it.
    await lane.add('deliver', { deliveryId: pending.id }, { jobId: uniqueName('j') });
    await waitFor(async () => hook.delivered().length === 2, 15_000, 'the unversioned job delivered');
    await waitFor(async () => (await deliveries.get(pending.id))?.status === 'delivered', 15_000, 'the second delivery recorded as delivered');
  });
});
