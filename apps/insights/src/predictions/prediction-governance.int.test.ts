import { consentChangedChannel, EVENTS, type CustomerSplitEvent } from '@c360/contracts';
import { connectMongo, CustomerIdentityView, TouchFactRepository } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { FeatureFactsRepository } from '../features/feature-facts.repository';
import { FeatureVectorRepository } from '../features/feature-vector.repository';
import { createInsightsPrivacyHandlers } from '../privacy/insights-privacy.handlers';
import { predictionSubjectData } from '../privacy/predictions-privacy';
import { RetentionMarkRepository } from '../privacy/retention-mark.repository';
import { churnHistory, DAY, InsightsHarness, updateWith } from '../testing/prediction-fixtures';
import { ScoreRepository } from './score.repository';

const h = new InsightsHarness();
const now = Date.now();
const cutoff = new Date(now - 40 * DAY);
let mongo: Connection;
let vectors: FeatureVectorRepository;
let scores: ScoreRepository;

const PREDICTIONS = `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { predictions { withheld scores { kind band } } } } }`;
async function predictionsOf(id: string) {
  return (await h.query<{ _entities: { predictions: { withheld: boolean; scores: { kind: string }[] } }[] }>(PREDICTIONS, { id }))._entities[0]!.predictions;
}

/** A customer scored by the active model: features and a score kept. */
async function scoredCustomer(touches = 3): Promise<string> {
  const id = uniqueName('c');
  await h.publish(
    updateWith(
      id,
      Array.from({ length: touches }, (_, k) => ({ at: new Date(now - (k + 1) * DAY), channel: 'web' as const })),
    ),
  );
  await waitFor(async () => (await scores.forCustomer(id)).length > 0, 30_000, 'a score');
  return id;
}

beforeAll(async () => {
  await h.start();
  mongo = await connectMongo(testStack().MONGODB_URI, h.db);
  vectors = new FeatureVectorRepository(mongo);
  scores = new ScoreRepository(mongo);
  for (let i = 0; i < 60; i++) await h.publish(updateWith(uniqueName('c'), churnHistory(i, cutoff)));
  await h.drained();
  await h.trainAndPromoteChurn(cutoff);
}, 180_000);

afterAll(async () => {
  await mongo.close();
  await h.stop();
});

describe('profiling consent', () => {
  it('removes features and scores when profiling consent is withdrawn, withholds predictions, and keeps none on later updates', async () => {
    const id = await scoredCustomer();
    expect((await predictionsOf(id)).scores.length).toBe(1);
    h.governance.set({ customerId: id, restricted: false, consents: [{ purpose: 'profiling', channel: null, status: 'withdrawn' }] });
    await h.redis.publish(consentChangedChannel(h.prefix), JSON.stringify({ customerIds: [id], changedAt: new Date().toISOString() }));
    await waitFor(async () => (await scores.countForCustomers([id])) === 0 && (await vectors.countForCustomers([id])) === 0, 15_000, 'scores removed');
    expect(await predictionsOf(id)).toEqual({ withheld: true, scores: [] });

    await h.publish(updateWith(id, [{ at: new Date(now - DAY / 2), channel: 'store' }]));
    await h.drained();
    expect(await vectors.countForCustomers([id])).toBe(0);
    expect(await scores.countForCustomers([id])).toBe(0);
  }, 60_000);

  it('profiles nobody under a restriction, even with consent granted', async () => {
    const id = uniqueName('c');
    h.governance.set({ customerId: id, restricted: true, consents: [{ purpose: 'profiling', channel: null, status: 'granted' }] });
    await h.publish(updateWith(id, [{ at: new Date(now - DAY), channel: 'web' }]));
    await h.drained();
    expect(await vectors.countForCustomers([id])).toBe(0);
    expect((await predictionsOf(id)).withheld).toBe(true);
  });
});

describe('data-subject requests', () => {
  it('exports features and predictions, then erasure leaves nothing (band events queued about the person included)', async () => {
    const id = await scoredCustomer();
    const facts = new FeatureFactsRepository(mongo);
    const queues = { connection: h.redis, prefix: h.prefix };
    const handlers = createInsightsPrivacyHandlers({
      touches: new TouchFactRepository(mongo),
      identities: new CustomerIdentityView(mongo),
      queues,
      parts: [predictionSubjectData({ facts, vectors, scores, derived: [], queues, marks: new RetentionMarkRepository(mongo) })],
    });
    const person = { requestId: uniqueName('r'), customerIds: [id] };
    const exported = (await handlers.export(person)) as { features: unknown[]; predictions: { explanation: unknown }[]; featureFacts: { touches: unknown[] } };
    expect(exported.features).toHaveLength(1);
    expect(exported.predictions[0]!.explanation).toBeDefined();
    expect(exported.featureFacts.touches).toHaveLength(3);
    const before = await handlers.verify(person);
    expect(before['queuedBandEvents']).toBeGreaterThan(0);

    const erased = await handlers.erase(person);
    expect(erased).toMatchObject({ featureTouches: 3, featureVectors: 1, predictionScores: 1 });
    const remaining = await handlers.verify(person);
    expect(Object.values(remaining).every((n) => n === 0)).toBe(true);
    expect(Object.keys(remaining)).toEqual(
      expect.arrayContaining(['featureTouches', 'featureAttributes', 'featureVectors', 'predictionScores', 'queuedBandEvents', 'touchFacts']),
    );
  }, 60_000);
});

describe('merges and splits', () => {
  it("follows a merge (the survivor's features include the absorbed customer's facts; nothing stays under the absorbed id) and a split", async () => {
    const absorbed = await scoredCustomer(2);
    const survivor = await scoredCustomer(4);
    const merge = updateWith(survivor, [{ at: new Date(now - DAY / 4), channel: 'email' }], [absorbed]);
    await h.publish(merge);
    await waitFor(async () => (await vectors.get(survivor))?.features['frequency_total'] === 7, 30_000, 'merged features');
    expect(await vectors.countForCustomers([absorbed])).toBe(0);
    expect(await scores.countForCustomers([absorbed])).toBe(0);

    const facts = await new FeatureFactsRepository(mongo).factsOf([absorbed]);
    const split: CustomerSplitEvent = {
      splitId: uniqueName('split'),
      customerId: survivor,
      restoredCustomerId: absorbed,
      restoredLineage: [],
      assignments: [{ customerId: absorbed, messageIds: facts.touches.map((t) => t.messageId) }],
      splitAt: new Date(Date.now() + 1).toISOString(),
    };
    await h.publisher.publish(EVENTS.customerSplit, split, uniqueName('e'));
    await waitFor(async () => (await vectors.get(absorbed))?.features['frequency_total'] === 2, 30_000, 'restored features');
    await h.publish(updateWith(survivor, [{ at: new Date(now - DAY / 8), channel: 'web' }]));
    await waitFor(async () => (await vectors.get(survivor))?.features['frequency_total'] === 6, 30_000, "survivor's own features");
  }, 90_000);
});
