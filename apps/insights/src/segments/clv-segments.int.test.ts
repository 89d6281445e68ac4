import { consentChangedChannel } from '@c360/contracts';
import { connectMongo } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { DAY, InsightsHarness, updateWith, type Touch } from '../testing/prediction-fixtures';
import { SegmentRepository } from './segment.repository';

const h = new InsightsHarness();
const now = Date.now();
const cutoff = new Date(now - 95 * DAY);
let mongo: Connection;

/** Buyers whose purchase rate differs (i % 6 repeat purchase days spread over the 200 days before the cutoff) and keeps up after it. */
function purchases(i: number): Touch[] {
  const rate = i % 6;
  const at = (d: number) => new Date(cutoff.getTime() + d * DAY);
  const buy = (d: number): Touch => ({ at: at(d), channel: i % 2 ? 'store' : 'web', type: 'purchase', eventKey: 'Order Completed', amount: 20 + (i % 5) * 15 });
  const before = Array.from({ length: rate + 1 }, (_, k) => buy(-200 + (i % 7) + Math.round((k * 190) / Math.max(rate, 1))));
  const after = Array.from({ length: Math.floor(rate / 2) }, (_, k) => buy(10 + k * 25));
  const browsing = Array.from({ length: i % 4 }, (_, k): Touch => ({ at: at(-20 - k), channel: 'email', eventKey: 'Email Opened' }));
  return [...before, ...browsing, ...after];
}

const customers = Array.from({ length: 60 }, () => uniqueName('c'));

beforeAll(async () => {
  await h.start();
  mongo = await connectMongo(testStack().MONGODB_URI, h.db);
  for (const [i, id] of customers.entries()) await h.publish(updateWith(id, purchases(i)));
  await h.drained();
}, 120_000);

afterAll(async () => {
  await mongo.close();
  await h.stop();
});

const RUN = `query ($id: ID!) { modelRun(id: $id) { status error result { metrics { customers purchasesActual purchasesPredicted purchasesMae purchasesCorrelation } model { id } } } }`;

describe('customer lifetime value', () => {
  it('fits BG/NBD and Gamma-Gamma as a training job, validated on the horizon after the cutoff, and scores buyers with expected purchases and probability alive', async () => {
    const started = await h.query<{ trainModel: { id: string } }>(`mutation ($c: DateTime!) { trainModel(input: { kind: CLV, cutoff: $c }) { id } }`, {
      c: cutoff.toISOString(),
    });
    type Run = { status: string; error: string | null; result: { metrics: Record<string, number>; model: { id: string } } };
    const run = await waitFor(
      async () => {
        const r = (await h.query<{ modelRun: Run }>(RUN, { id: started.trainModel.id })).modelRun;
        if (r.status === 'FAILED') throw new Error(r.error ?? 'failed');
        return r.status === 'SUCCEEDED' && r;
      },
      90_000,
      'clv run',
    );
    expect(run.result.metrics['customers']).toBe(customers.length);
    expect(run.result.metrics['purchasesActual']).toBeGreaterThan(0);
    expect(run.result.metrics['purchasesCorrelation']).toBeGreaterThan(0.3);
    await h.query(`mutation ($id: ID!) { promoteModel(modelId: $id) { id } }`, { id: run.result.model.id });

    const buyer = customers[5]!;
    await h.publish(updateWith(buyer, [{ at: new Date(now - DAY), channel: 'web', eventKey: 'Product Viewed' }]));
    const clv = await waitFor(async () => {
      const data = await h.query<{
        _entities: {
          predictions: {
            scores: {
              kind: string;
              score: number;
              band: string;
              expectedPurchases: number;
              probabilityAlive: number;
              explanation: { raising: { text: string }[]; lowering: { text: string }[] };
            }[];
          };
        }[];
      }>(
        `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { predictions { scores { kind score band expectedPurchases probabilityAlive explanation { raising { text } lowering { text } } } } } } }`,
        { id: buyer },
      );
      return data._entities[0]!.predictions.scores.find((s) => s.kind === 'CLV');
    });
    expect(clv.score).toBeGreaterThan(0);
    expect(clv.expectedPurchases).toBeGreaterThan(0);
    expect(clv.probabilityAlive).toBeGreaterThan(0);
    expect(clv.probabilityAlive).toBeLessThanOrEqual(1);
    expect([...clv.explanation.raising, ...clv.explanation.lowering].some((f) => /expected value\.$/.test(f.text))).toBe(true);
  }, 150_000);
});

describe('segments', () => {
  const SEGMENTS = `{ segments { id status customers k criterion segments { id size share description profile { feature level } } } }`;
  type Seg = { id: string; status: string; customers: number; k: number; criterion: string; segments: { id: string; size: number; description: string }[] };

  async function segment(): Promise<Seg> {
    const { runSegmentation } = await h.query<{ runSegmentation: { id: string } }>(`mutation { runSegmentation { id } }`);
    return waitFor(
      async () => {
        const s = (await h.query<{ segments: Seg | null }>(SEGMENTS)).segments;
        return s?.id === runSegmentation.id && s;
      },
      60_000,
      'segmentation',
    );
  }

  it('clusters everyone with features, describes each segment, keeps ids across runs, and gives each customer theirs', async () => {
    const first = await segment();
    expect(first.k).toBeGreaterThanOrEqual(2);
    expect(first.criterion).toMatch(/silhouette/);
    expect(first.segments.reduce((n, s) => n + s.size, 0)).toBe(first.customers);
    expect(first.customers).toBeGreaterThanOrEqual(customers.length);
    expect(first.segments.every((s) => s.description.length > 0)).toBe(true);

    const second = await segment();
    expect(second.segments.map((s) => s.id).sort()).toEqual(first.segments.map((s) => s.id).sort());

    const id = customers[7]!;
    const seg = await h.query<{ _entities: { segment: { id: string } | null }[] }>(
      `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { segment { id description } } } }`,
      { id },
    );
    expect(second.segments.map((s) => s.id)).toContain(seg._entities[0]!.segment!.id);

    // Withdrawing profiling consent removes the membership with the features and scores.
    const store = new SegmentRepository(mongo);
    h.governance.set({ customerId: id, restricted: false, consents: [{ purpose: 'profiling', channel: null, status: 'withdrawn' }] });
    await h.redis.publish(consentChangedChannel(h.prefix), JSON.stringify({ customerIds: [id], changedAt: new Date().toISOString() }));
    await waitFor(async () => (await store.countForCustomers([id])) === 0, 15_000, 'membership removed');
  }, 150_000);
});
