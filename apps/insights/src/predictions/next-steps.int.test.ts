import { uniqueName, waitFor } from '@c360/testing';
import { DAY, InsightsHarness, updateWith, type Touch } from '../testing/prediction-fixtures';

const h = new InsightsHarness();
const now = Date.now();
const cutoff = new Date(now - 40 * DAY);

/**
 * Journeys with a learnable order: a browse → add → checkout funnel where checkout is followed by
 * "Order Completed" for promoted visitors (those who came from an email) and abandoned otherwise.
 */
function journey(i: number): Touch[] {
  const start = cutoff.getTime() - (20 + (i % 7)) * DAY;
  const fromEmail = i % 2 === 0;
  const events = [
    fromEmail ? 'Email Clicked' : 'Ad Clicked',
    'Product Viewed',
    'Product Viewed',
    'Product Added',
    'Checkout Started',
    ...(fromEmail ? ['Order Completed'] : []),
  ];
  return events.map((eventKey, k) => ({ at: new Date(start + k * 60_000), channel: fromEmail ? 'email' : 'ads', eventKey }));
}

const customers = Array.from({ length: 120 }, () => uniqueName('c'));

beforeAll(async () => {
  await h.start();
  for (const [i, id] of customers.entries()) await h.publish(updateWith(id, journey(i)));
  await h.drained();
}, 120_000);

afterAll(async () => {
  await h.stop();
});

type Run = {
  status: string;
  error: string | null;
  result: { split: { method: string; train: number; test: number }; metrics: Record<string, number | string | null>; model: { id: string; status: string } };
};

const NEXT_STEPS = /* GraphQL */ `
  query ($id: ID!) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        predictions {
          withheld
          nextSteps {
            event
            probability
          }
          scores {
            kind
            score
            explanation {
              raising {
                text
              }
            }
          }
        }
      }
    }
  }
`;

describe('next steps: the journey sequence model', () => {
  it('trains the network beside its Markov baseline as a job, and once promoted gives each customer their likely next steps', async () => {
    const started = await h.query<{ trainModel: { id: string } }>(
      `mutation ($cutoff: DateTime!) { trainModel(input: { kind: NEXT_STEPS, cutoff: $cutoff, horizonDays: 30, conversionEvent: "Order Completed" }) { id } }`,
      { cutoff: cutoff.toISOString() },
    );
    const run = await waitFor(
      async () => {
        const r = (
          await h.query<{ modelRun: Run }>(
            `query ($id: ID!) { modelRun(id: $id) { status error result { split { method train test } metrics { rocAuc baselineRocAuc nextTop3 baselineNextTop3 servedBy } model { id status } } } }`,
            { id: started.trainModel.id },
          )
        ).modelRun;
        if (r.status === 'FAILED') throw new Error(r.error ?? 'failed');
        return r.status === 'SUCCEEDED' && r;
      },
      180_000,
      'training run',
    );
    expect(run.result.split.train + run.result.split.test).toBe(customers.length);
    const m = run.result.metrics;
    // Both learners see the rule on held-out customers: after checkout, an order follows only for email visitors.
    expect(m['nextTop3']).toBeGreaterThan(0.8);
    expect(m['baselineNextTop3']).toBeGreaterThan(0.8);
    expect(m['rocAuc']).toBeGreaterThan(0.9);
    expect(String(m['servedBy'])).toMatch(/^(gru|markov-\d)$/);

    await h.query(`mutation ($id: ID!) { promoteModel(modelId: $id) { status } }`, { id: run.result.model.id });
    const [browsing] = [customers[0]!];
    await h.publish(
      updateWith(browsing, [
        { at: new Date(now - 60_000), channel: 'email', eventKey: 'Email Clicked' },
        { at: new Date(now - 30_000), channel: 'email', eventKey: 'Product Viewed' },
      ]),
    );
    const predictions = await waitFor(
      async () => {
        const data = await h.query<{
          _entities: {
            predictions: {
              nextSteps: { event: string; probability: number }[];
              scores: { kind: string; score: number; explanation: { raising: { text: string }[] } }[];
            };
          }[];
        }>(NEXT_STEPS, { id: browsing });
        const p = data._entities[0]!.predictions;
        return p.nextSteps.length > 0 && p;
      },
      60_000,
      'next steps',
    );
    expect(predictions.nextSteps).toHaveLength(3);
    expect(predictions.nextSteps.map((s) => s.event)).toEqual(expect.arrayContaining(['Product Viewed', 'Product Added']));
    const probabilities = predictions.nextSteps.map((s) => s.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.0001);
    const score = predictions.scores.find((s) => s.kind === 'NEXT_STEPS');
    expect(score?.explanation.raising[0]?.text).toMatch(/Order Completed within the horizon/);
  }, 300_000);
});
