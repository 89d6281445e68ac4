import { EVENTS, eventQueueName, predictionBandChangedEventSchema } from '@c360/contracts';
import { createQueue } from '@c360/service-kit';
import { subgraphRequest, uniqueName, waitFor } from '@c360/testing';
import { churnHistory, DAY, InsightsHarness, updateWith } from '../testing/prediction-fixtures';

const h = new InsightsHarness();
const now = Date.now();
const cutoff = new Date(now - 40 * DAY);

const PREDICTIONS = /* GraphQL */ `
  query ($id: ID!) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        predictions {
          withheld
          scores {
            kind
            score
            band
            modelId
            modelVersion
            scoredAt
            explanation {
              raising {
                feature
                text
              }
              lowering {
                feature
                text
              }
            }
          }
        }
      }
    }
  }
`;
type Scores = { kind: string; score: number; band: string; modelVersion: number; explanation: { raising: { text: string }[]; lowering: { text: string }[] } }[];

async function predictionsOf(id: string): Promise<{ withheld: boolean; scores: Scores }> {
  const data = await h.query<{ _entities: { predictions: { withheld: boolean; scores: Scores } }[] }>(PREDICTIONS, { id });
  return data._entities[0]!.predictions;
}

const RUN = `{ id status progress error result { featureSetVersion split { method train test } metrics { rocAuc prAuc brier liftTopDecile calibration { decile count } } importance { feature importance } model { id version status } } }`;
type Run = {
  id: string;
  status: string;
  error: string | null;
  result: {
    featureSetVersion: number;
    split: { train: number; test: number };
    metrics: { rocAuc: number; calibration: unknown[] };
    importance: unknown[];
    model: { id: string; version: number; status: string };
  };
};

async function trainChurn(): Promise<Run> {
  const started = await h.query<{ trainModel: { id: string; status: string } }>(
    `mutation ($cutoff: DateTime!) { trainModel(input: { kind: CHURN, cutoff: $cutoff, horizonDays: 30 }) { id status } }`,
    { cutoff: cutoff.toISOString() },
  );
  expect(started.trainModel.status).toBe('QUEUED');
  return waitFor(
    async () => {
      const run = (await h.query<{ modelRun: Run }>(`query ($id: ID!) { modelRun(id: $id) ${RUN} }`, { id: started.trainModel.id })).modelRun;
      if (run.status === 'FAILED') throw new Error(run.error ?? 'failed');
      return run.status === 'SUCCEEDED' && run;
    },
    90_000,
    'training run',
  );
}

const customers = Array.from({ length: 100 }, () => uniqueName('c'));

beforeAll(async () => {
  await h.start();
  for (const [i, id] of customers.entries()) await h.publish(updateWith(id, churnHistory(i, cutoff)));
  await h.drained();
}, 120_000);

afterAll(async () => {
  await h.stop();
});

describe('churn model: training job, registry, scoring on update', () => {
  it('trains as a job with progress into a candidate that scores nobody until promoted, then scores on update with an explanation', async () => {
    const run = await trainChurn();
    expect(run.result.split.train + run.result.split.test).toBe(customers.length);
    // Better than chance on held-out customers (lapsed customers mostly churn, engaged ones mostly stay).
    expect(run.result.metrics.rocAuc).toBeGreaterThan(0.7);
    expect(run.result.metrics.calibration.length).toBeGreaterThan(0);
    expect(run.result.importance.length).toBeGreaterThan(0);
    expect(run.result.model.status).toBe('CANDIDATE');

    const [lapsed, engaged] = [customers[1]!, customers[2]!];
    await h.publish(updateWith(lapsed, [{ at: new Date(now - 200 * DAY), channel: 'email', eventKey: 'Email Opened' }]));
    await h.drained();
    expect((await predictionsOf(lapsed)).scores).toEqual([]);

    const promoted = await h.query<{ promoteModel: { status: string; version: number } }>(
      `mutation ($id: ID!) { promoteModel(modelId: $id) { status version } }`,
      {
        id: run.result.model.id,
      },
    );
    expect(promoted.promoteModel.status).toBe('ACTIVE');
    for (const id of [lapsed, engaged]) await h.publish(updateWith(id, [{ at: new Date(now - 100 * DAY), channel: 'store', eventKey: 'Store Visited' }]));
    const [risky, safe] = await Promise.all(
      [lapsed, engaged].map((id) => waitFor(async () => ((await predictionsOf(id)).scores[0] ?? false) as Scores[number] | false, 30_000, 'a score')),
    );
    expect(risky!.kind).toBe('CHURN');
    expect(risky!.modelVersion).toBe(run.result.model.version);
    // Scores are as of now: both customers have been quiet for over a month, the lapsed one for far longer.
    expect(risky!.score).toBeGreaterThanOrEqual(safe!.score);
    expect([...risky!.explanation.raising, ...risky!.explanation.lowering].length).toBeGreaterThan(0);
    expect(risky!.explanation.raising[0]?.text ?? risky!.explanation.lowering[0]!.text).toMatch(/churn risk\.$/);
  }, 150_000);

  it('publishes a band change for other services, and never replaces the active model silently; rolls back by mutation', async () => {
    const id = customers[3]!;
    const queue = createQueue({ connection: h.redis, prefix: h.prefix }, eventQueueName(EVENTS.predictionBandChanged, 'generation'));
    try {
      await h.publish(updateWith(id, [{ at: new Date(now - 90 * DAY), channel: 'web' }]));
      const event = await waitFor(async () => {
        const jobs = await queue.getJobs(['waiting']);
        return jobs.map((j) => predictionBandChangedEventSchema.parse(j.data)).find((e) => e.customerId === id);
      });
      expect(event.previousBand).toBeNull();
      expect(event.kind).toBe('churn');
    } finally {
      await queue.close();
    }

    const second = await trainChurn();
    const models = async () => (await h.query<{ models: { id: string; status: string }[] }>(`{ models(kind: CHURN) { id status } }`)).models;
    const active = (await models()).filter((m) => m.status === 'ACTIVE');
    expect(active).toHaveLength(1);
    expect(active[0]!.id).not.toBe(second.result.model.id);

    await h.query(`mutation ($id: ID!) { promoteModel(modelId: $id) { id } }`, { id: second.result.model.id });
    expect((await models()).find((m) => m.status === 'ACTIVE')?.id).toBe(second.result.model.id);
    const back = await h.query<{ rollbackModel: { id: string; status: string } }>(`mutation { rollbackModel(kind: CHURN) { id status } }`);
    expect(back.rollbackModel).toEqual({ id: active[0]!.id, status: 'ACTIVE' });
    expect((await models()).find((m) => m.id === second.result.model.id)?.status).toBe('RETIRED');
  }, 150_000);

  it('refuses bad training input with BAD_USER_INPUT, and training to anyone but analysts and services', async () => {
    const future = await subgraphRequest(h.service.url, `mutation { trainModel(input: { kind: CHURN, cutoff: "2999-01-01T00:00:00Z" }) { id } }`);
    expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const noEvent = await subgraphRequest(h.service.url, `mutation { trainModel(input: { kind: CONVERSION }) { id } }`);
    expect(noEvent.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const marketer = await subgraphRequest(
      h.service.url,
      `mutation { trainModel(input: { kind: CHURN }) { id } }`,
      {},
      { subject: 'm', roles: ['marketer'], scopes: [] },
    );
    expect(marketer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('masks predictions for an analyst: scores and explanations are personal data', async () => {
    const res = await subgraphRequest<{ _entities: { predictions: unknown }[] }>(
      h.service.url,
      PREDICTIONS,
      { id: customers[2] },
      { subject: 'a', roles: ['analyst'], scopes: [] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]!.predictions).toBeNull();
  });
});
