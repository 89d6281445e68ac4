import { grantingProfile, startStaticConsentService, type StaticConsentService } from '@c360/consent-client';
import { ConsentClient } from '@c360/consent-client';
import { connectMongo, createRedisConnection, CustomerIdentityView, type RedisClient } from '@c360/service-kit';
import { dropDatabase, TEST_SECRET, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { SentimentReader } from './sentiment-reader';
import { SentimentScoreRepository, type SentimentScoreRecord } from './sentiment-score.repository';

const stack = testStack();
const db = uniqueName('c360_test_insights_sentiment_reader');
let mongo: Connection;
let redis: RedisClient;
let governance: StaticConsentService;
let consent: ConsentClient;
let scores: SentimentScoreRepository;
let identities: CustomerIdentityView;
let reader: SentimentReader;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
  governance = await startStaticConsentService(grantingProfile(['profiling']));
  consent = new ConsentClient({
    governanceUrl: governance.url,
    internalTokenSecret: TEST_SECRET,
    caller: 'insights',
    redis,
    queuePrefix: uniqueName('t'),
    maxStaleMs: 0,
    timeoutMs: 2_000,
  });
  scores = new SentimentScoreRepository(mongo);
  identities = new CustomerIdentityView(mongo);
  await Promise.all([scores.ensureIndexes(), identities.ensureIndexes()]);
  reader = new SentimentReader(scores, identities, consent);
});

afterAll(async () => {
  await consent.close();
  await governance.close();
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

function scored(customerId: string, occurredAt: string, score: number): SentimentScoreRecord {
  return {
    messageId: uniqueName('m'),
    customerId,
    channel: 'email',
    type: 'contact',
    occurredAt: new Date(occurredAt),
    score,
    label: score > 0 ? 'positive' : 'negative',
    modelVersion: 'lexicon',
  };
}

describe('SentimentReader (the feature store reads the trend through it)', () => {
  it('reads as of a cutoff: texts written after it never count', async () => {
    const id = uniqueName('c');
    await scores.recordMany([scored(id, '2026-01-01T00:00:00Z', 0.6), scored(id, '2026-01-03T00:00:00Z', 0.4), scored(id, '2026-02-01T00:00:00Z', -0.9)]);
    const before = await reader.summaryAsOf(id, new Date('2026-01-31T00:00:00Z'));
    expect(before).toMatchObject({ textCount: 2, score: 0.4, negativeTurn: false, lastScoredAt: new Date('2026-01-03T00:00:00Z') });
    expect(before.trend!).toBeGreaterThan(0.4);
    const after = await reader.summaryAsOf(id, new Date('2026-02-01T00:00:00Z'));
    expect(after).toMatchObject({ textCount: 3, score: -0.9, negativeTurn: true });
    expect(after.trend!).toBeLessThan(before.trend!);
  });

  it('follows merges through the identity view, and is empty (not zero) for a customer without texts', async () => {
    const [survivor, absorbed] = [uniqueName('c'), uniqueName('c')];
    await scores.recordMany([scored(absorbed, '2026-01-01T00:00:00Z', 0.5)]);
    await identities.record([{ customerId: survivor, mergedIds: [absorbed], at: new Date(), survivor: true }]);
    expect((await reader.summaryAsOf(survivor)).textCount).toBe(1);
    const nobody = uniqueName('c');
    expect(await reader.summaryAsOf(nobody)).toMatchObject({ trend: null, label: null, score: null, textCount: 0, negativeTurn: false });

    const many = await reader.summariesAsOf([survivor, nobody], new Date('2026-06-01T00:00:00Z'));
    expect([...many.keys()]).toEqual([survivor, nobody]);
    expect(many.get(survivor)).toMatchObject({ textCount: 1, score: 0.5 });
    expect(many.get(nobody)).toMatchObject({ textCount: 0, trend: null });
    expect((await reader.summariesAsOf([survivor], new Date('2025-12-31T00:00:00Z'))).get(survivor)?.textCount).toBe(0);
  });

  it('withholds without consent and removes what was kept on a refusal, but keeps it when governance cannot answer', async () => {
    const [refused, unknown] = [uniqueName('c'), uniqueName('c')];
    await scores.recordMany([scored(refused, '2026-01-01T00:00:00Z', 0.5), scored(unknown, '2026-01-01T00:00:00Z', 0.5)]);
    governance.set({ customerId: refused, restricted: false, consents: [{ purpose: 'profiling', channel: null, status: 'denied' }] });
    expect(await reader.forCustomer(refused)).toEqual({ withheld: true });
    expect(await scores.countForCustomers([refused])).toBe(0);

    const offline = new SentimentReader(scores, identities, { check: async () => ({ allowed: false, reason: 'unavailable' as const }) });
    expect(await offline.forCustomer(unknown)).toEqual({ withheld: true });
    expect(await scores.countForCustomers([unknown])).toBe(1);
  });
});
