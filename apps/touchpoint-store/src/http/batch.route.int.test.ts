import { QUEUES, type ResolveJob } from '@c360/contracts';
import { connectMongo, createLogger, createQueue, createRedisConnection, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, testStack, waitFor, queuedItems } from '@c360/testing';
import type { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import { startTouchpointStore } from '../service';
import { TouchpointRepository } from '../store/touchpoint.repository';
import { postBatch, testConfig, token, touchpoint } from '../testing/touchpoint-fixtures';

const config = testConfig({ BATCH_MAX_ITEMS: '5', BATCH_MAX_BYTES: '65536' });
let service: RunningService;
let mongo: Connection;
let touchpoints: TouchpointRepository;
let redis: RedisClient;
let resolveQueue: Queue<ResolveJob>;

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-test', 'silent'));
  mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  touchpoints = new TouchpointRepository(mongo);
  redis = createRedisConnection(config.REDIS_URL);
  resolveQueue = createQueue({ connection: redis, prefix: config.QUEUE_PREFIX }, QUEUES.identityResolve);
});

afterAll(async () => {
  await resolveQueue.close();
  await service.close();
  await mongo.close();
  await redis.quit();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

async function queuedResolutions(messageIds: string[]): Promise<ResolveJob[]> {
  return (await queuedItems<ResolveJob>(resolveQueue)).filter((d) => messageIds.includes(d.messageId));
}

describe('POST /v1/batch', () => {
  it('stores the good items of a batch with a malformed one, reports the bad one, and queues resolution', async () => {
    const good = [touchpoint(), touchpoint({ channel: 'call_center', type: 'contact', identifiers: { phone: '+14155550101', crmId: 'C1' } })];
    const res = await postBatch(service.url, [good[0], { ...touchpoint(), channel: 'fax' }, good[1]], await token());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(res.body.results[1]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('channel') });

    const ids = good.map((t) => t!.messageId);
    await waitFor(async () => (await touchpoints.countByIds(ids)) === 2, 15_000, 'both touchpoints stored');
    const resolutions = await waitFor(async () => {
      const r = await queuedResolutions(ids);
      return r.length === 2 && r;
    });
    expect(resolutions.find((r) => r.channel === 'call_center')?.identifiers).toEqual([
      { type: 'phone', value: '+14155550101' },
      { type: 'crmId', value: 'C1' },
    ]);
  });

  it('refuses an item none of whose identifiers is valid, with the reason, and stores the rest', async () => {
    const nobody = touchpoint({ identifiers: { email: 'not-an-email', phone: '12' } });
    const good = touchpoint();
    const res = await postBatch(service.url, [nobody, good], await token());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('no valid identifier (email:') });
    await waitFor(async () => (await touchpoints.countByIds([good.messageId])) === 1, 15_000, 'the good touchpoint stored');
    expect(await touchpoints.countByIds([nobody.messageId])).toBe(0);
  });

  it('stores nothing twice when the same batch is replayed', async () => {
    const batch = [touchpoint(), touchpoint(), touchpoint()];
    const ids = batch.map((t) => t.messageId);
    await postBatch(service.url, batch, await token());
    await waitFor(async () => (await touchpoints.countByIds(ids)) === 3);
    const replay = await postBatch(service.url, batch, await token());
    expect(replay.body.accepted).toBe(3);
    await waitFor(async () => (await pendingIngestJobs()) === 0, 15_000, 'the replay to be processed');
    expect(await touchpoints.countByIds(ids)).toBe(3);
  });

  it.each([
    ['no token', undefined, 401],
    ['a garbage token', 'abc', 401],
  ])('answers %s with %i', async (_, bearer, status) => {
    expect((await postBatch(service.url, [touchpoint()], bearer)).status).toBe(status);
  });

  it('answers 403 to a caller without the service role', async () => {
    const res = await postBatch(service.url, [touchpoint()], await token(['analyst']));
    expect(res.status).toBe(403);
    expect(res.body.reason).toContain('service');
  });

  it('answers 400 with a reason to a body that is not an array, or not JSON', async () => {
    const notArray = await postBatch(service.url, { messageId: 'x' }, await token());
    expect(notArray).toMatchObject({ status: 400, body: { reason: expect.stringContaining('array') } });
    expect((await postBatch(service.url, '{"broken', await token())).status).toBe(400);
  });

  it('answers JSON nested thousands deep with 400 and a reason, and still answers afterwards', async () => {
    const deep = `[{"messageId":"deep","properties":${'['.repeat(30_000)}${']'.repeat(30_000)}}]`;
    expect(await postBatch(service.url, deep, await token())).toMatchObject({
      status: 400,
      body: { error: 'BAD_REQUEST', reason: expect.stringContaining('nested deeper') },
    });
    expect((await postBatch(service.url, [touchpoint()], await token())).status).toBe(200);
  });

  it.each([
    ['an unknown content encoding', { 'content-encoding': 'bogus' }, 'bogus'],
    ['a charset other than UTF-8', { 'content-type': 'application/json; charset=utf-16' }, 'utf-16'],
    ['a charset body-parser does not know', { 'content-type': 'application/json; charset=klingon' }, 'klingon'],
  ])('answers %s with 415 and a reason', async (_, headers, named) => {
    const res = await fetch(`${service.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}`, ...headers },
      body: JSON.stringify([touchpoint()]),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE', reason: expect.stringContaining(named) });
  });

  it('answers 413 with a reason to too many items or too many bytes', async () => {
    const many = await postBatch(
      service.url,
      Array.from({ length: 6 }, () => touchpoint()),
      await token(),
    );
    expect(many).toMatchObject({ status: 413, body: { reason: expect.stringContaining('at most 5') } });
    const big = await postBatch(service.url, [touchpoint({ properties: { blob: 'x'.repeat(70_000) } })], await token());
    expect(big).toMatchObject({ status: 413, body: { reason: expect.stringContaining('size') } });
  });
});

async function pendingIngestJobs(): Promise<number> {
  const ingest = createQueue({ connection: redis, prefix: config.QUEUE_PREFIX }, QUEUES.touchpointIngest);
  try {
    const c = await ingest.getJobCounts('waiting', 'active', 'delayed');
    return c['waiting']! + c['active']! + c['delayed']!;
  } finally {
    await ingest.close();
  }
}
