import { EVENTS, eventQueueName } from '@c360/contracts';
import { connectMongo, createQueue, createRedisConnection, CustomerIdentityView, type RedisClient, TouchFactRepository } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { sentimentSubjectData } from '../sentiment/sentiment-privacy';
import { SentimentScoreRepository } from '../sentiment/sentiment-score.repository';
import { createInsightsPrivacyHandlers } from './insights-privacy.handlers';

const stack = testStack();
const db = uniqueName('c360_test_insights_privacy');
const prefix = uniqueName('t');
let mongo: Connection;
let redis: RedisClient;
let touches: TouchFactRepository;
let identities: CustomerIdentityView;
let scores: SentimentScoreRepository;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  touches = new TouchFactRepository(mongo);
  identities = new CustomerIdentityView(mongo);
  scores = new SentimentScoreRepository(mongo);
  await Promise.all([touches.ensureIndexes(), identities.ensureIndexes(), scores.ensureIndexes()]);
  redis = createRedisConnection(stack.REDIS_URL);
});

afterAll(async () => {
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

describe('insights privacy handlers', () => {
  it('exports and erases touch facts under exactly the ids of the person, with queued events about them', async () => {
    const queues = { connection: redis, prefix };
    const handlers = createInsightsPrivacyHandlers({ touches, identities, queues, parts: [sentimentSubjectData({ scores, queues })] });
    const [survivor, absorbed, splitOut, other] = [uniqueName('c'), uniqueName('c'), uniqueName('c'), uniqueName('c')];
    // The view has not heard yet that splitOut was split back out; the request, from identity-graph, has.
    await identities.record([{ customerId: survivor, mergedIds: [absorbed, splitOut], at: new Date(), survivor: true }]);
    await touches.recordMany([{ messageId: uniqueName('m'), customerId: survivor, channel: 'web', occurredAt: new Date('2026-01-01') }]);
    await touches.recordMany([{ messageId: uniqueName('m'), customerId: absorbed, channel: 'email', occurredAt: new Date('2026-01-02') }]);
    await touches.recordMany([{ messageId: uniqueName('m'), customerId: splitOut, channel: 'store', occurredAt: new Date('2026-01-03') }]);
    await touches.recordMany([{ messageId: uniqueName('m'), customerId: other, channel: 'email', occurredAt: new Date('2000-01-02') }]);
    const scored = (customerId: string, occurredAt: string) => ({
      messageId: uniqueName('m'),
      customerId,
      channel: 'email' as const,
      type: 'response',
      occurredAt: new Date(occurredAt),
      score: -0.5,
      label: 'negative' as const,
      modelVersion: 'lexicon',
    });
    await scores.recordMany([scored(survivor, '2026-01-04'), scored(absorbed, '2026-01-05'), scored(splitOut, '2026-01-06'), scored(other, '2000-01-01')]);
    const events = createQueue({ connection: redis, prefix }, eventQueueName(EVENTS.customerUpdated, 'insights'));
    await events.add('customer.updated', { customerId: other, mergedCustomerIds: [absorbed] }, { delay: 3_600_000 });
    // A turn event insights published about the person, not yet taken by generation.
    const turns = createQueue({ connection: redis, prefix }, eventQueueName(EVENTS.customerSentimentTurned, 'generation'));
    await turns.add(EVENTS.customerSentimentTurned, { customerId: survivor, messageId: 'm' }, { delay: 3_600_000 });
    await turns.add(EVENTS.customerSentimentTurned, { customerId: other, messageId: 'm2' }, { delay: 3_600_000 });

    const person = { requestId: 'r', customerIds: [survivor, absorbed] };
    const exported = (await handlers.export(person)) as { touchFacts: { channel: string }[]; sentimentScores: { customerId: string }[] };
    expect(exported.touchFacts.map((t) => t.channel)).toEqual(['web', 'email']);
    expect(exported.sentimentScores.map((s) => s.customerId)).toEqual([survivor, absorbed]);
    expect(await handlers.erase(person)).toEqual({ touchFacts: 2, queuedJobs: 1, identityView: 3, sentimentScores: 2, queuedSentimentTurns: 1 });
    expect(await handlers.verify(person)).toEqual({ touchFacts: 0, queuedJobs: 0, identityView: 0, sentimentScores: 0, queuedSentimentTurns: 0 });
    expect(await touches.countForCustomers([splitOut])).toBe(1);
    expect(await touches.countForCustomers([other])).toBe(1);
    expect(await scores.countForCustomers([splitOut, other])).toBe(2);
    expect(await handlers.retention({ runId: 'r', dataClass: 'touch_facts', olderThan: '2001-01-01T00:00:00.000Z' })).toBe(1);
    expect(await handlers.retention({ runId: 'r', dataClass: 'sentiment_scores', olderThan: '2001-01-01T00:00:00.000Z' })).toBe(1);
    expect(await scores.countForCustomers([splitOut, other])).toBe(1);
    expect(await turns.getDelayedCount()).toBe(1);
    await Promise.all([events.obliterate({ force: true }), turns.obliterate({ force: true })]);
    await Promise.all([events.close(), turns.close()]);
  });
});
