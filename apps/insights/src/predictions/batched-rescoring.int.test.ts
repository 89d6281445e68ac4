import type { CustomerUpdatedEvent } from '@c360/contracts';
import { connectMongo } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { DAY, InsightsHarness, updateWith } from '../testing/prediction-fixtures';

const h = new InsightsHarness();
let db: Connection;
const now = Date.now();

const FEATURES = /* GraphQL */ `
  query ($id: ID!) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        features {
          available
          featureSetVersion
          values {
            name
            number
            text
          }
        }
      }
    }
  }
`;

async function featuresOf(id: string): Promise<Map<string, number | string | null>> {
  const data = await h.query<{ _entities: { features: { values: { name: string; number: number | null; text: string | null }[] } }[] }>(FEATURES, { id });
  return new Map(data._entities[0]!.features.values.map((v) => [v.name, v.number ?? v.text]));
}

/** An update whose touchpoints reported profile traits from a source system, as identity-graph publishes them. */
function withProfile(event: CustomerUpdatedEvent, source: string, profile: Record<string, string>): CustomerUpdatedEvent {
  return { ...event, touchpoints: event.touchpoints?.map((t) => ({ ...t, source, profile })) };
}

beforeAll(async () => {
  await h.start();
  db = await connectMongo(testStack().MONGODB_URI, h.db);
}, 60_000);

afterAll(async () => {
  await db.close();
  await h.stop();
});

describe('customer.updated handled in batches', () => {
  it('records every fact of updates that arrive together and leaves each customer with features from all of them', async () => {
    const customers = Array.from({ length: 12 }, () => uniqueName('bc'));
    // Five updates per customer, published at once: they are handled in batches, several of one customer together.
    const updates = customers.flatMap((id) =>
      Array.from({ length: 5 }, (_, k) => ({ ...updateWith(id, [{ at: new Date(now - (k + 1) * DAY) }]), version: k + 1 })),
    );
    await Promise.all(updates.map((u) => h.publish(u)));
    await h.drained();
    const facts = db.collection<{ _id: string; touches: unknown[] }>('feature_facts');
    for (const id of customers) expect((await facts.findOne({ _id: id }))?.touches).toHaveLength(5);
    const features = await Promise.all(customers.map(featuresOf));
    for (const f of features) {
      expect(f.get('frequency_total')).toBe(5);
      expect(f.get('recency_days')).toBeCloseTo(1, 1);
    }
  }, 90_000);

  it('a merge rescores the survivor with the absorbed customer’s facts and removes what was kept under the absorbed id', async () => {
    const [a, b] = [uniqueName('ma'), uniqueName('mb')];
    await h.publish(updateWith(b, [{ at: new Date(now - 3 * DAY) }, { at: new Date(now - 2 * DAY) }]));
    await h.drained();
    const vectors = db.collection<{ _id: string }>('feature_vectors');
    expect(await vectors.countDocuments({ _id: b })).toBe(1);
    await h.publish({ ...updateWith(a, [{ at: new Date(now - DAY) }], [b]), version: 2 });
    await h.drained();
    expect(await vectors.countDocuments({ _id: b })).toBe(0);
    expect((await featuresOf(a)).get('frequency_total')).toBe(3);
  }, 60_000);

  it('golden-record traits become features: each from the most trusted source that reported it', async () => {
    const id = uniqueName('gr');
    await h.publish(withProfile(updateWith(id, [{ at: new Date(now - 20 * DAY) }]), 'crm', { gender: 'F', country: 'GB' }));
    await h.publish({
      ...withProfile(updateWith(id, [{ at: new Date(now - 2 * DAY) }]), 'web', { gender: 'M', country: 'FR', region: 'Normandie' }),
      version: 2,
    });
    await h.drained();
    const features = await waitFor(async () => {
      const f = await featuresOf(id);
      return f.get('frequency_total') === 2 && f;
    }, 30_000);
    // crm outranks web by default (SOURCE_TRUST); web alone reported the region.
    expect(features.get('golden.gender')).toBe('f');
    expect(features.get('golden.country')).toBe('gb');
    expect(features.get('golden.region')).toBe('normandie');
    expect(features.get('golden.locality')).toBeNull();
  }, 60_000);
});
