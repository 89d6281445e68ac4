import { connectMongo, createRedisConnection, CustomerIdentityView, TouchFactRepository } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { DraftRepository } from '../store/draft.repository';
import { createGenerationPrivacyHandlers } from './generation-privacy.handlers';

const stack = testStack();
const db = uniqueName('c360_test_generation_privacy');
let mongo: Connection;
let redis: Redis;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
});

afterAll(async () => {
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

describe('generation privacy handlers', () => {
  it('exports and erases drafts and touch facts of the person, and expires old drafts', async () => {
    const drafts = new DraftRepository(mongo);
    const touches = new TouchFactRepository(mongo);
    const identities = new CustomerIdentityView(mongo);
    await Promise.all([touches.ensureIndexes(), identities.ensureIndexes()]);
    const handlers = createGenerationPrivacyHandlers({ drafts, touches, identities, queues: { connection: redis, prefix: uniqueName('t') } });
    const [survivor, absorbed, other] = [uniqueName('c'), uniqueName('c'), uniqueName('c')];
    await identities.record([{ customerId: survivor, mergedIds: [absorbed], at: new Date(), survivor: true }]);
    const draft = { text: 'Welcome back!', provider: 'offline-template' as const, model: null, basedOnVersion: 1 };
    await drafts.saveIfNotStale({ ...draft, customerId: absorbed, generatedAt: new Date() });
    await drafts.saveIfNotStale({ ...draft, customerId: other, generatedAt: new Date('2000-01-01') });
    await touches.recordMany([{ messageId: uniqueName('m'), customerId: survivor, channel: 'web', occurredAt: new Date() }]);

    const person = { requestId: 'r', customerIds: [survivor, absorbed] };
    const exported = (await handlers.export(person)) as { drafts: { text: string }[]; touchFacts: unknown[] };
    expect(exported.drafts.map((d) => d.text)).toEqual(['Welcome back!']);
    expect(exported.touchFacts).toHaveLength(1);
    expect(await handlers.erase(person)).toEqual({ drafts: 1, touchFacts: 1, queuedJobs: 0, identityView: 2 });
    expect(await handlers.verify(person)).toEqual({ drafts: 0, touchFacts: 0, queuedJobs: 0, identityView: 0 });
    expect(await handlers.retention({ runId: 'r', dataClass: 'generated_drafts', olderThan: '2001-01-01T00:00:00.000Z' })).toBe(1);
  });
});
