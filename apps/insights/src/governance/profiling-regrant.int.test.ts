import { consentChangedChannel, EVENTS, type CustomerUpdatedEvent } from '@c360/contracts';
import { connectMongo, createRedisConnection, EventPublisher, TouchFactRepository, type RedisClient } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { FeatureFactsRepository } from '../features/feature-facts.repository';
import { FeatureVectorRepository } from '../features/feature-vector.repository';
import { ScoreRepository } from '../predictions/score.repository';
import { predictionSubjectData } from '../privacy/predictions-privacy';
import { RetentionMarkRepository } from '../privacy/retention-mark.repository';
import { InsightsWithJourneys } from '../testing/insights-harness';

/*
 * A customer who allows profiling again is profiled from their whole history, read from its owner
 * (touchpoint-store, a real process here), not only from the updates after the grant; what insights
 * already kept is not counted twice; and a touchpoint-store that does not answer leaves the person
 * scored on what is kept rather than not at all. Governance is the static consent service.
 */
const h = new InsightsWithJourneys();
const DAY = 86_400_000;
let mongo: Connection;
let redis: RedisClient;
let publisher: EventPublisher;
let vectors: FeatureVectorRepository;
let facts: FeatureFactsRepository;
let touches: TouchFactRepository;

beforeAll(async () => {
  await h.start();
  mongo = await connectMongo(testStack().MONGODB_URI, h.db);
  redis = createRedisConnection(testStack().REDIS_URL);
  publisher = new EventPublisher({ connection: redis, prefix: h.prefix });
  vectors = new FeatureVectorRepository(mongo);
  facts = new FeatureFactsRepository(mongo);
  touches = new TouchFactRepository(mongo);
}, 180_000);

afterAll(async () => {
  await publisher.close();
  await redis.quit();
  await mongo.close();
  await h.stop();
});

const profiling = (customerId: string, status: 'granted' | 'withdrawn') =>
  h.governance.set({ customerId, restricted: false, consents: [{ purpose: 'profiling', channel: null, status }] });
const announce = (customerIds: string[]) =>
  redis.publish(consentChangedChannel(h.prefix), JSON.stringify({ customerIds, changedAt: new Date().toISOString() }));
const frequency = async (customerId: string) => (await vectors.get(customerId))?.features['frequency_total'];

/** Three touchpoints of the customer, stored and linked in touchpoint-store; answers their messageIds. */
function seedHistory(customerId: string): Promise<string[]> {
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);
  return h.touchpoints.seed([
    { customerId, event: 'Product Viewed', channel: 'web', occurredAt: at(20) },
    { customerId, event: 'Added To Cart', channel: 'web', occurredAt: at(12) },
    { customerId, event: 'Email Opened', channel: 'email', occurredAt: at(3) },
  ]);
}

/** The customer.updated identity-graph would have sent for one of those touchpoints. */
function updateFor(customerId: string, messageId: string): CustomerUpdatedEvent {
  const ref = {
    messageId,
    channel: 'web' as const,
    occurredAt: new Date(Date.now() - 20 * DAY).toISOString(),
    type: 'track' as const,
    eventKey: 'Product Viewed',
  };
  return { customerId, version: 1, mergedCustomerIds: [], touchpoint: ref, touchpoints: [ref], updatedAt: new Date().toISOString() };
}

describe('profiling allowed again', () => {
  it('restores the whole history of a customer who objected, from touchpoint-store, and scores it', async () => {
    const returning = uniqueName('back');
    profiling(returning, 'withdrawn');
    await seedHistory(returning);
    // While the objection stands a consent change keeps nothing.
    await announce([returning]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await vectors.get(returning)).toBeNull();
    expect(await touches.countForCustomers([returning])).toBe(0);

    profiling(returning, 'granted');
    await announce([returning]);
    await waitFor(async () => (await frequency(returning)) === 3, 30_000, 'features from the whole history');
    expect(await touches.countForCustomers([returning])).toBe(3);
    const kept = await facts.factsOf([returning]);
    expect(kept.touches.map((t) => t.eventKey).sort()).toEqual(['Added To Cart', 'Email Opened', 'Product Viewed']);
  }, 60_000);

  it('adds only what insights lacks: a touchpoint kept from an update is not counted twice', async () => {
    const customer = uniqueName('kept');
    const [first] = await seedHistory(customer);
    await publisher.publish(EVENTS.customerUpdated, updateFor(customer, first!), uniqueName('j'));
    await waitFor(async () => (await frequency(customer)) === 1, 30_000, 'the update scored');

    await announce([customer]);
    await waitFor(async () => (await frequency(customer)) === 3, 30_000, 'the rest restored');
    // Announced again, nothing is missing: nothing is added.
    await announce([customer]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await frequency(customer)).toBe(3);
    expect((await facts.factsOf([customer])).touches).toHaveLength(3);
    expect(await touches.countForCustomers([customer])).toBe(3);
  }, 60_000);

  it('restores nothing older than the touch_facts retention cut-off last applied', async () => {
    const customer = uniqueName('kept');
    profiling(customer, 'withdrawn');
    await seedHistory(customer);
    // The retention run as insights' privacy worker applies it: 15 days of touch facts.
    const privacy = predictionSubjectData({
      facts,
      vectors,
      scores: new ScoreRepository(mongo),
      derived: [],
      queues: { connection: redis, prefix: h.prefix },
      marks: new RetentionMarkRepository(mongo),
    });
    await privacy.retention({ runId: uniqueName('r'), dataClass: 'touch_facts', olderThan: new Date(Date.now() - 15 * DAY).toISOString() });
    profiling(customer, 'granted');
    await announce([customer]);
    await waitFor(async () => (await frequency(customer)) === 2, 30_000, 'features from the history the policy keeps');
    expect((await facts.factsOf([customer])).touches.map((t) => t.eventKey).sort()).toEqual(['Added To Cart', 'Email Opened']);
  }, 60_000);

  it('scores on what is kept when touchpoint-store does not answer', async () => {
    const customer = uniqueName('alone');
    const [first] = await seedHistory(customer);
    await h.touchpoints.stopProcess();
    await publisher.publish(EVENTS.customerUpdated, updateFor(customer, first!), uniqueName('j'));
    await waitFor(async () => (await frequency(customer)) === 1, 30_000, 'the update scored');
    await vectors.eraseCustomers([customer]);
    await announce([customer]);
    await waitFor(async () => (await frequency(customer)) === 1, 30_000, 'features refreshed without the history');
  }, 60_000);
});
