import { connectMongo } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { DAY, updateWith } from '../testing/prediction-fixtures';
import { FeatureFactsRepository } from './feature-facts.repository';

// The coarse golden-record traits (gender, locality, region, country) kept per touchpoint are
// personal data: a split moves them with their touchpoint, access shows them, erasure and
// retention remove them.
const stack = testStack();
const db = uniqueName('c360_test_insights_profiles');
let mongo: Connection;
let facts: FeatureFactsRepository;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  facts = new FeatureFactsRepository(mongo);
  await facts.ensureIndexes();
});

afterAll(async () => {
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

/** One update of `customerId` with a touchpoint per (days ago, locality), each reporting a profile. */
function reported(customerId: string, touches: readonly { daysAgo: number; locality: string }[]) {
  const event = updateWith(
    customerId,
    touches.map((t) => ({ at: new Date(Date.now() - t.daysAgo * DAY), channel: 'store' })),
  );
  return {
    ...event,
    touchpoints: event.touchpoints?.map((t, i) => ({ ...t, source: 'pos', profile: { gender: 'female', locality: touches[i]!.locality } })),
  };
}

const localitiesOf = async (customerId: string) => ((await facts.factsOf([customerId])).profiles ?? []).map((p) => p.traits.locality).sort();

describe('profile facts', () => {
  it('are shown to access with the customer’s other facts, and a split moves them with their touchpoint', async () => {
    const [survivor, restored] = [uniqueName('c'), uniqueName('c')];
    const event = reported(survivor, [
      { daysAgo: 2, locality: 'Leeds' },
      { daysAgo: 1, locality: 'York' },
    ]);
    await facts.recordUpdate(event);
    expect(await localitiesOf(survivor)).toEqual(['Leeds', 'York']);

    const york = event.touchpoints!.find((t) => t.profile?.locality === 'York')!.messageId;
    await facts.assignMessages(restored, [york]);
    expect(await localitiesOf(survivor)).toEqual(['Leeds']);
    expect(await localitiesOf(restored)).toEqual(['York']);
  });

  it('are erased with the customer and counted before', async () => {
    const customer = uniqueName('c');
    await facts.recordUpdate(reported(customer, [{ daysAgo: 1, locality: 'Hull' }]));
    expect((await facts.countForCustomers([customer])).featureAttributes).toBe(1);
    await facts.eraseCustomers([customer]);
    expect(await localitiesOf(customer)).toEqual([]);
    expect(await facts.countForCustomers([customer])).toEqual({ featureTouches: 0, featureAttributes: 0 });
  });

  it('older than the retention cut-off are removed, newer ones kept', async () => {
    const customer = uniqueName('c');
    await facts.recordUpdate(
      reported(customer, [
        { daysAgo: 400, locality: 'Bath' },
        { daysAgo: 3, locality: 'Ely' },
      ]),
    );
    await facts.deleteOlderThan(new Date(Date.now() - 365 * DAY));
    expect(await localitiesOf(customer)).toEqual(['Ely']);
  });
});
