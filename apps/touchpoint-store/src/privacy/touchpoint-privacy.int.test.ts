import { defaultIdentifierPolicy, identifierRegistryFrom } from '@c360/identifiers';
import { QUEUES, suppressionHash, suppressionSetKey } from '@c360/contracts';
import { connectMongo, createQueue, createRedisConnection, CustomerIdentityView, type RedisClient } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import { QuarantineRepository } from '../store/quarantine.repository';
import { SuppressionList } from '../store/suppression-list';
import { TouchpointPrivacyRepository } from '../store/touchpoint-privacy.repository';
import { TouchpointRepository } from '../store/touchpoint.repository';
import { touchpoint } from '../testing/touchpoint-fixtures';
import { createTouchpointPrivacyHandlers } from './touchpoint-privacy.handlers';

const stack = testStack();
const db = uniqueName('c360_test_tp_privacy');
const prefix = uniqueName('t');
let mongo: Connection;
let redis: RedisClient;
let touchpoints: TouchpointRepository;
let identities: CustomerIdentityView;
let quarantine: QuarantineRepository;
const SECRET = 'touchpoint-test-suppression-secret-32-chars';
let ingestQueue: Queue;
let handlers: ReturnType<typeof createTouchpointPrivacyHandlers>;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  touchpoints = new TouchpointRepository(mongo);
  identities = new CustomerIdentityView(mongo);
  quarantine = new QuarantineRepository(mongo);
  await Promise.all([touchpoints.ensureIndexes(), identities.ensureIndexes(), quarantine.ensureIndexes()]);
  redis = createRedisConnection(stack.REDIS_URL);
  ingestQueue = createQueue({ connection: redis, prefix }, QUEUES.touchpointIngest);
  handlers = createTouchpointPrivacyHandlers({
    privacy: new TouchpointPrivacyRepository(mongo),
    identities,
    queues: { connection: redis, prefix },
    suppression: new SuppressionList(redis, prefix, SECRET),
    identifiers: identifierRegistryFrom(defaultIdentifierPolicy()),
  });
});

afterAll(async () => {
  await ingestQueue.obliterate({ force: true });
  await redis.del(suppressionSetKey(prefix));
  await ingestQueue.close();
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

async function storedFor(customerId: string, overrides: Parameters<typeof touchpoint>[0] = {}) {
  const tp = touchpoint(overrides);
  await touchpoints.insertOnce(tp, new Date());
  await touchpoints.assignCustomer(tp.messageId, customerId);
  return tp;
}

describe('touchpoint-store privacy handlers on MongoDB and Redis', () => {
  it('exports, then erases the touchpoints of a person under every id they had, with their queued jobs', async () => {
    const [survivor, absorbed, bystander] = [uniqueName('c'), uniqueName('c'), uniqueName('c')];
    await identities.record([{ customerId: survivor, mergedIds: [absorbed], at: new Date(), survivor: true }]);
    const mine = [await storedFor(survivor, { identifiers: { email: 'ada@example.com' } }), await storedFor(absorbed)];
    const theirs = await storedFor(bystander);
    // A re-sent copy of one of the person's touchpoints, still queued.
    await ingestQueue.add('ingest', { touchpoint: mine[0], receivedAt: new Date().toISOString() }, { delay: 3_600_000 });
    await ingestQueue.add('ingest', { touchpoint: theirs, receivedAt: new Date().toISOString() }, { delay: 3_600_000 });

    const person = { requestId: 'r', customerIds: [survivor, absorbed] };
    const exported = (await handlers.export(person)) as { touchpoints: { _id: string; identifiers: Record<string, string> }[] };
    expect(exported.touchpoints.map((t) => t._id).sort()).toEqual(mine.map((t) => t.messageId).sort());
    expect(exported.touchpoints.find((t) => t._id === mine[0]!.messageId)?.identifiers).toEqual({ email: 'ada@example.com' });

    expect(await handlers.erase(person)).toEqual({ touchpoints: 2, unlinkedTouchpoints: 0, quarantined: 0, queuedJobs: 1, identityView: 2 });
    expect(await handlers.verify(person)).toEqual({ touchpoints: 0, unlinkedTouchpoints: 0, quarantined: 0, queuedJobs: 0, identityView: 0 });
    expect(await touchpoints.countByIds(mine.map((t) => t.messageId))).toBe(0);
    expect(await touchpoints.countByIds([theirs.messageId])).toBe(1);
    expect(await ingestQueue.getJobCountByTypes('delayed')).toBe(1);
  });

  it('finds touchpoints no customer owns, and quarantined items, by the suppressed identifiers', async () => {
    const email = `${uniqueName('u')}@example.com`;
    const unlinked = touchpoint({ identifiers: { email: ` ${email.toUpperCase()} ` } });
    const stranger = touchpoint({ identifiers: { email: `${uniqueName('s')}@example.com` } });
    await touchpoints.insertOnce(unlinked, new Date());
    await touchpoints.insertOnce(stranger, new Date());
    const held = touchpoint({ identifiers: { email } });
    await quarantine.hold([
      {
        messageId: held.messageId,
        event: 'x',
        code: 'UNKNOWN_EVENT',
        reasons: ['unknown'],
        schemaVersion: null,
        item: held as unknown as Record<string, unknown>,
        receivedAt: new Date(),
      },
    ]);
    // Governance suppresses before erasing.
    await redis.sadd(suppressionSetKey(prefix), suppressionHash(SECRET, `email:${email}`));

    expect(await handlers.erase({ requestId: 'r', customerIds: [uniqueName('c')] })).toMatchObject({ unlinkedTouchpoints: 1, quarantined: 1 });
    expect(await touchpoints.countByIds([unlinked.messageId, stranger.messageId])).toBe(1);
    expect(await quarantine.held([held.messageId])).toEqual([]);
  });

  it('finds a traits-only touchpoint no customer owns by the suppressed name and birth date', async () => {
    const family = uniqueName('n').replace(/[^a-z]/g, '');
    const erased = touchpoint({ type: 'visit', channel: 'store', identifiers: {}, traits: { firstName: 'Ada', lastName: family, dob: '1815-12-10' } });
    const namesake = touchpoint({ type: 'visit', channel: 'store', identifiers: {}, traits: { firstName: 'Ada', lastName: family, dob: '1815-12-11' } });
    await touchpoints.insertOnce(erased, new Date());
    await touchpoints.insertOnce(namesake, new Date());
    await redis.sadd(suppressionSetKey(prefix), suppressionHash(SECRET, `person-trait:ada|${family}|born:18151210`));

    expect(await handlers.erase({ requestId: 'r', customerIds: [uniqueName('c')] })).toMatchObject({ unlinkedTouchpoints: 1 });
    expect(await touchpoints.countByIds([erased.messageId, namesake.messageId])).toBe(1);
    expect(await touchpoints.countByIds([namesake.messageId])).toBe(1);
  });

  it('deletes raw touchpoints older than the retention cut-off and nothing else', async () => {
    const customer = uniqueName('c');
    const old = await storedFor(customer, { occurredAt: '2000-01-01T00:00:00.000Z' });
    const recent = await storedFor(customer);
    expect(await handlers.retention({ runId: 'r', dataClass: 'touchpoints', olderThan: '2001-01-01T00:00:00.000Z' })).toBe(1);
    expect(await handlers.retention({ runId: 'r', dataClass: 'generated_drafts', olderThan: '2030-01-01T00:00:00.000Z' })).toBe(0);
    expect(await touchpoints.countByIds([old.messageId, recent.messageId])).toBe(1);
  });
});
