import { consentChangedChannel } from '@c360/contracts';
import { connectMongo, createLogger, createRedisConnection, CustomerIdentityView, type RedisClient } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { startProfilingConsentListener } from './profiling-consent.listener';

/*
 * consent.changed across releases, as the profiling listener reads it on real Redis pub/sub: what
 * governance sent before versioning and a later minor are acted on; a future major, which has no dead
 * letters to wait in, is left alone like a missed message (the read path checks consent anyway).
 */
const stack = testStack();
const db = uniqueName('c360_test_insights_consent_versions');
let mongo: Connection;
let redis: RedisClient;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
});
afterAll(async () => {
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

it('refreshes the customers an unversioned message or a later minor names, and leaves alone those of a future major', async () => {
  const prefix = uniqueName('t');
  const identities = new CustomerIdentityView(mongo);
  await identities.ensureIndexes();
  const invalidated: string[] = [];
  const refreshed: string[] = [];
  const listener = await startProfilingConsentListener({
    redis,
    prefix,
    consent: { invalidate: (ids) => void invalidated.push(...ids) },
    identities,
    profiling: { refresh: async (id) => void refreshed.push(id), forget: async () => undefined },
    logger: createLogger('consent-versions-test', 'silent'),
  });
  try {
    const [future, later, old] = [uniqueName('c'), uniqueName('c'), uniqueName('c')];
    const changedAt = new Date().toISOString();
    const channel = consentChangedChannel(prefix);
    // In this order on one channel: once the last is applied, the first has been read (and refused).
    await redis.publish(channel, JSON.stringify({ customerIds: [future], changedAt, schemaVersion: '2.0' }));
    await redis.publish(channel, JSON.stringify({ customerIds: [later], changedAt, schemaVersion: '1.5', source: 'preference-centre' }));
    await redis.publish(channel, JSON.stringify({ customerIds: [old], changedAt }));
    await waitFor(async () => refreshed.includes(old), 10_000, 'the unversioned message applied');
    await listener.idle();
    expect(refreshed).toEqual([later, old]);
    expect(invalidated).toEqual([later, old]);
  } finally {
    await listener.close();
  }
});
