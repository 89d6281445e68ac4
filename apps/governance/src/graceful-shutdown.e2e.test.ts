import { createRedisConnection, EventPublisher } from '@c360/service-kit';
import { dropDatabase, freePort, ServiceProcess, TEST_SECRET, testStack, uniqueName, waitFor, type ProcessExit } from '@c360/testing';
import { Queue, Worker } from 'bullmq';
import { partnerWebhookQueueName } from '@c360/contracts';
import { endpoint, grantConsent, publishCustomerUpdate, registerPartner } from './testing/webhook-test-kit';
import { TEST_AUDIT_ANCHOR_KEY, TEST_SUPPRESSION_SECRET, TEST_WEBHOOK_KEY } from './testing/governance.harness';

/**
 * SIGTERM on governance as its own process while a webhook delivery hangs on a partner that never
 * answers: the shutdown waits SHUTDOWN_TIMEOUT_MS for the job, then closes its worker with force and
 * exits 1, saying how many jobs it left; the job is not lost, another worker takes it once its lock
 * has expired (BullMQ's stalled-job recovery).
 */

const SHUTDOWN_TIMEOUT_MS = 2_000;

describe('governance on SIGTERM with a job that never finishes', () => {
  const stack = testStack();
  const prefix = uniqueName('shutdown');
  const db = uniqueName('c360_test_shutdown');
  const redis = createRedisConnection(stack.REDIS_URL);
  const publisher = new EventPublisher({ connection: redis, prefix });
  const partnerId = uniqueName('hangs');
  const lane = new Queue(partnerWebhookQueueName(partnerId), { connection: redis, prefix });
  let service: ServiceProcess;
  let partner: Awaited<ReturnType<typeof endpoint>>;
  let second: Worker | undefined;

  beforeAll(async () => {
    partner = await endpoint(() => null);
    service = new ServiceProcess('governance', await freePort(), {
      ...stack,
      MONGODB_DB: db,
      AUDIT_ANCHOR_DB: `${db}_anchors`,
      AUDIT_ANCHOR_KEY: TEST_AUDIT_ANCHOR_KEY,
      QUEUE_PREFIX: prefix,
      INTERNAL_TOKEN_SECRET: TEST_SECRET,
      SUPPRESSION_SECRET: TEST_SUPPRESSION_SECRET,
      WEBHOOK_SECRET_ENCRYPTION_KEY: TEST_WEBHOOK_KEY,
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      // The delivery waits on the partner far longer than the shutdown may.
      WEBHOOK_TIMEOUT_MS: '600000',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      RETENTION_CRON: 'off',
      LOG_LEVEL: 'info',
    });
    await service.start(120_000);
  }, 150_000);

  afterAll(async () => {
    await service.stop('SIGKILL');
    await second?.close();
    await partner.close();
    await lane.obliterate({ force: true });
    await Promise.all([lane.close(), publisher.close()]);
    await redis.quit();
    await dropDatabase(stack.MONGODB_URI, db);
    await dropDatabase(stack.MONGODB_URI, `${db}_anchors`);
  });

  it('abandons the job after SHUTDOWN_TIMEOUT_MS, exits 1 naming it, and another worker takes the job after the stall interval', async () => {
    const registered = await registerPartner(`${service.url}/graphql`, { id: partnerId, webhookUrl: partner.url });
    expect(registered.errors).toBeUndefined();
    const customerId = uniqueName('c');
    await grantConsent(`${service.url}/graphql`, customerId);
    await publishCustomerUpdate(publisher, customerId, 1);
    await waitFor(async () => partner.received.length === 1, 60_000, 'the delivery to reach the partner');
    const [job] = await lane.getJobs(['active']);
    expect(job).toBeDefined();

    const signalled = Date.now();
    const exit: ProcessExit | null = await service.stop('SIGTERM');
    expect(exit).toEqual({ code: 1, signal: null });
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS);
    const abandonedLines = service.logLines().filter((l) => typeof l['abandoned'] === 'number');
    expect(abandonedLines).toHaveLength(1);
    expect(abandonedLines[0]).toMatchObject({ abandoned: 1, queues: { [partnerWebhookQueueName(partnerId)]: 1 } });
    // Nothing personal in it: no customer id, no partner URL.
    expect(JSON.stringify(abandonedLines[0])).not.toContain(customerId);
    expect(JSON.stringify(abandonedLines[0])).not.toContain(partner.url);
    expect(await lane.getJobState(job!.id!)).toBe('active');

    const taken: string[] = [];
    second = new Worker(
      partnerWebhookQueueName(partnerId),
      async (j) => {
        taken.push(String(j.id));
      },
      { connection: redis, prefix, stalledInterval: 1_000 },
    );
    // The lock the leaving worker held expires (lockDuration, 30 s by default); the stalled check then requeues the job.
    await waitFor(async () => taken.length > 0, 90_000, 'another worker to take the abandoned job');
    expect(taken).toEqual([job!.id]);
    expect(partner.received).toHaveLength(1);
  }, 180_000);
});
