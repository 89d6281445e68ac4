import { connectMongo, createLogger, type RunningService } from '@c360/service-kit';
import { dropDatabase, SERVICE_CALLER, subgraphRequest, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { startTouchpointStore } from '../service';
import { TouchpointRepository } from '../store/touchpoint.repository';
import { storeLinked, testConfig, touchpoint } from '../testing/touchpoint-fixtures';

const config = testConfig();
let service: RunningService;
let mongo: Connection;
const ANALYST = { ...SERVICE_CALLER, roles: ['analyst' as const] };

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-test', 'silent'));
  mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  const repo = new TouchpointRepository(mongo);
  // Two customers: one converts web → store, one only browses.
  const [a, b] = [uniqueName('c'), uniqueName('c')];
  await storeLinked(repo, a, [
    touchpoint({ event: 'Product Viewed', channel: 'web', occurredAt: '2026-03-02T10:00:00Z' }),
    touchpoint({ type: 'purchase', event: 'Order Completed', channel: 'store', occurredAt: '2026-03-03T10:00:00Z' }),
  ]);
  await storeLinked(repo, b, [touchpoint({ event: 'Product Viewed', channel: 'app', occurredAt: '2026-03-04T10:00:00Z' })]);
});

afterAll(async () => {
  await service.close();
  await mongo.close();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

const FUNNEL = `query { funnel(steps: ["Product Viewed", "Order Completed"], within: 172800, from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", by: CHANNEL) {
  steps { name count conversionRate dropOff } breakdown { key steps { count } } } }`;
const PATHS = `query { paths(to: "Order Completed", since: "2026-03-01T00:00:00Z", until: "2026-04-01T00:00:00Z") { conversions paths { steps count } transitions { step from to count } } }`;
const COHORTS = `query { cohorts(from: "2026-03-02T00:00:00Z", to: "2026-03-09T00:00:00Z", weeks: 1) { weekStart size retention { week active rate } } }`;

describe('analytics for analysts', () => {
  it('answers funnel, paths and cohorts to an analyst, with counts and no customer ids', async () => {
    const funnel = await subgraphRequest<{ funnel: unknown }>(service.url, FUNNEL, {}, ANALYST);
    expect(funnel.data?.funnel).toEqual({
      steps: [
        { name: 'Product Viewed', count: 2, conversionRate: 1, dropOff: 0 },
        { name: 'Order Completed', count: 1, conversionRate: 0.5, dropOff: 1 },
      ],
      breakdown: [
        { key: 'app', steps: [{ count: 1 }, { count: 0 }] },
        { key: 'web', steps: [{ count: 1 }, { count: 1 }] },
      ],
    });
    const paths = await subgraphRequest<{ paths: unknown }>(service.url, PATHS, {}, ANALYST);
    expect(paths.data?.paths).toEqual({
      conversions: 1,
      paths: [{ steps: ['Product Viewed', 'Order Completed'], count: 1 }],
      transitions: [{ step: 0, from: 'Product Viewed', to: 'Order Completed', count: 1 }],
    });
    const cohorts = await subgraphRequest<{ cohorts: unknown }>(service.url, COHORTS, {}, ANALYST);
    expect(cohorts.data?.cohorts).toEqual([
      {
        weekStart: '2026-03-02T00:00:00.000Z',
        size: 2,
        retention: [
          { week: 0, active: 2, rate: 1 },
          { week: 1, active: 0, rate: 0 },
        ],
      },
    ]);
  });

  it('refuses roles without analytics access, and bad arguments with BAD_USER_INPUT', async () => {
    const support = await subgraphRequest(service.url, FUNNEL, {}, { ...SERVICE_CALLER, roles: ['support'] });
    expect(support.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const oneStep = await subgraphRequest(
      service.url,
      `query { funnel(steps: ["a"], from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { steps { count } } }`,
      {},
      ANALYST,
    );
    expect(oneStep.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const backwards = await subgraphRequest(service.url, `query { cohorts(from: "2026-04-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { size } }`, {}, ANALYST);
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
