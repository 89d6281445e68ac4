import { EVENTS, eventQueueName, QUEUES, type CustomerUpdatedEvent, type LinkJob, type ResolveJob } from '@c360/contracts';
import { createQueue, createRedisConnection, type RedisClient, type RunningService } from '@c360/service-kit';
import { subgraphRequest, TEST_SECRET, testStack, uniqueName, waitFor, queuedItems } from '@c360/testing';
import type { Queue } from 'bullmq';
import pino from 'pino';
import { loadConfig } from '../config';
import { startIdentityGraph } from '../service';

const stack = testStack();
const prefix = uniqueName('t');
// Warnings are captured to prove that a dropped identifier's value never reaches the logs.
const logLines: string[] = [];
let service: RunningService;
let redis: RedisClient;
let resolveQueue: Queue<ResolveJob>;
let insightsEvents: Queue<CustomerUpdatedEvent>;
let links: Queue<LinkJob>;

beforeAll(async () => {
  const config = loadConfig({ ...stack, QUEUE_PREFIX: prefix, PORT: '0', INTERNAL_TOKEN_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' });
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });
  service = await startIdentityGraph(config, logger);
  redis = createRedisConnection(stack.REDIS_URL);
  const ctx = { connection: redis, prefix };
  resolveQueue = createQueue(ctx, QUEUES.identityResolve);
  insightsEvents = createQueue(ctx, eventQueueName(EVENTS.customerUpdated, 'insights'));
  links = createQueue(ctx, QUEUES.touchpointLink);
});

afterAll(async () => {
  await Promise.all([resolveQueue.close(), insightsEvents.close(), links.close()]);
  await service.close();
  await redis.quit();
});

function touchpoint(messageId: string, identifiers: ResolveJob['identifiers']): ResolveJob {
  return { messageId, channel: 'web', occurredAt: '2026-05-01T10:00:00Z', identifiers };
}

async function failedOnce(jobId: string) {
  // State first, then the job: a job read before it failed keeps its old attempt count.
  return waitFor(async () => (await resolveQueue.getJobState(jobId)) === 'failed' && resolveQueue.getJob(jobId));
}

const BY_DEVICE = `query ($value: String!) { customerByIdentifier(type: DEVICE_ID, value: $value) { id } }`;

describe('identity-resolve worker', () => {
  it('fails a malformed job at once, without retrying', async () => {
    const jobId = uniqueName('bad');
    await resolveQueue.add('resolve', { messageId: 'm', channel: 'carrier-pigeon' } as unknown as ResolveJob, { jobId });
    const job = await failedOnce(jobId);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/malformed identity-resolve job/);
  });

  it('drops invalid identifiers with a warning that names the type only, and fails a job left with none', async () => {
    const jobId = uniqueName('none');
    const secretEmail = `${uniqueName('not-an-email')}-at-example`;
    await resolveQueue.add(
      'resolve',
      touchpoint(uniqueName('m'), [
        { type: 'email', value: secretEmail },
        { type: 'phone', value: '12' },
      ]),
      { jobId },
    );
    const job = await failedOnce(jobId);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toBe('no valid identifier in touchpoint');
    const warnings = logLines.filter((l) => l.includes('identifier dropped'));
    expect(warnings.some((l) => l.includes('"identifierType":"email"'))).toBe(true);
    expect(logLines.join('\n')).not.toContain(secretEmail);
  });

  it('resolves twenty overlapping touchpoints processed concurrently into one customer, and reports each', async () => {
    const devices = Array.from({ length: 6 }, () => uniqueName('dev'));
    const messageIds = Array.from({ length: 20 }, () => `${uniqueName('m')}:with-colon`);
    // Neighbouring pairs chain all six devices into one person, whatever order the jobs run in.
    await resolveQueue.addBulk(
      messageIds.map((messageId, i) => ({
        name: 'resolve',
        data: touchpoint(messageId, [
          { type: 'deviceId', value: devices[i % 6]! },
          { type: 'deviceId', value: devices[(i + 1) % 6]! },
        ]),
      })),
    );

    const mine = (data: { messageId?: string; touchpoint?: { messageId: string } }) => messageIds.includes(data.messageId ?? data.touchpoint?.messageId ?? '');
    await waitFor(async () => (await queuedItems<LinkJob>(links)).filter(mine).length === 20, 30_000, 'twenty link jobs');
    const events = (await insightsEvents.getJobs(['waiting'])).filter((j) => mine(j.data));
    expect(events).toHaveLength(20);
    expect(events.every((e) => /^cu-/.test(e.id!) && !e.id!.includes(':'))).toBe(true);

    const owners = await Promise.all(
      devices.map((value) => subgraphRequest<{ customerByIdentifier: { id: string } | null }>(service.url, BY_DEVICE, { value })),
    );
    const ids = new Set(owners.map((o) => o.data?.customerByIdentifier?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeDefined();
  });

  it('resolves a batch job in one go: one customer.updated per customer with all its touchpoints, one link job naming each', async () => {
    const [a, b] = [uniqueName('dev'), uniqueName('dev')];
    const items = [
      touchpoint(uniqueName('m'), [{ type: 'deviceId', value: a }]),
      touchpoint(uniqueName('m'), [{ type: 'deviceId', value: b }]),
      touchpoint(uniqueName('m'), [
        { type: 'deviceId', value: a },
        { type: 'email', value: `${uniqueName('u')}@example.com` },
      ]),
      touchpoint(uniqueName('m'), [{ type: 'deviceId', value: a }]),
    ];
    const ids = items.map((i) => i.messageId);
    await resolveQueue.add('resolve', { items } as never, { jobId: uniqueName('batch') });

    const linked = await waitFor(
      async () => {
        const mine = (await queuedItems<LinkJob>(links)).filter((l) => ids.includes(l.messageId));
        return mine.length === 4 && mine;
      },
      30_000,
      'four links',
    );
    const customerOf = new Map(linked.map((l) => [l.messageId, l.customerId]));
    expect(new Set(linked.map((l) => l.customerId)).size).toBe(2);

    const updates = (await insightsEvents.getJobs(['waiting'])).map((j) => j.data).filter((e) => e.touchpoints?.some((t) => ids.includes(t.messageId)));
    expect(updates).toHaveLength(2);
    const ofA = updates.find((e) => e.customerId === customerOf.get(ids[0]!))!;
    expect(ofA.touchpoints!.map((t) => t.messageId)).toEqual([ids[0], ids[2], ids[3]]);
    // Created, then a new email: the version the batch left the customer at.
    expect(ofA.version).toBe(2);
    expect(ofA.touchpoint?.messageId).toBe(ids[3]);
  });

  it('resolves the rest of a batch holding a messageId too long for the graph to index, and fails the job naming it', async () => {
    const device = uniqueName('dev');
    // Longer than Neo4j can index. The intake contract's messageId schema (at most 128 characters),
    // which this job schema shares, now refuses it before the graph sees it.
    const refused = touchpoint(`${uniqueName('m')}-${'x'.repeat(40_000)}`, [{ type: 'deviceId', value: uniqueName('dev') }]);
    const good = [touchpoint(uniqueName('m'), [{ type: 'deviceId', value: device }]), touchpoint(uniqueName('m'), [{ type: 'deviceId', value: device }])];
    const jobId = uniqueName('poison');
    await resolveQueue.add('resolve', { items: [good[0]!, refused, good[1]!] } as never, { jobId });

    const ids = good.map((g) => g.messageId);
    const linked = await waitFor(
      async () => {
        const mine = (await queuedItems<LinkJob>(links)).filter((l) => ids.includes(l.messageId));
        return mine.length === 2 && mine;
      },
      30_000,
      'the two good touchpoints linked',
    );
    expect(new Set(linked.map((l) => l.customerId)).size).toBe(1);
    const job = await waitFor(
      async () => {
        const j = await resolveQueue.getJob(jobId);
        return j && j.attemptsMade >= 1 && j;
      },
      30_000,
      'the first attempt to fail',
    );
    expect(job.failedReason).toMatch(/1 of 3 items .*item 1: messageId: Too big/);
    expect((await queuedItems<LinkJob>(links)).some((l) => l.messageId === refused.messageId)).toBe(false);
  });

  it('resolves the good items of a batch with a malformed one, then fails the job for good naming it', async () => {
    const device = uniqueName('dev');
    const good = [touchpoint(uniqueName('m'), [{ type: 'deviceId', value: device }]), touchpoint(uniqueName('m'), [{ type: 'deviceId', value: device }])];
    const jobId = uniqueName('mixed');
    await resolveQueue.add('resolve', { items: [good[0]!, { messageId: uniqueName('m'), channel: 'carrier-pigeon' }, good[1]!] } as never, { jobId });
    const ids = good.map((g) => g.messageId);
    await waitFor(async () => (await queuedItems<LinkJob>(links)).filter((l) => ids.includes(l.messageId)).length === 2, 30_000, 'the good items linked');
    const job = await failedOnce(jobId);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/^malformed identity-resolve job: 1 of 3 items \(the others were processed\): item 1: /);
  });
});
