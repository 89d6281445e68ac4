import { connectMongo, createLogger, type RunningService } from '@c360/service-kit';
import { dropDatabase, SERVICE_CALLER, subgraphRequest, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { startTouchpointStore } from '../service';
import { TouchpointRepository } from '../store/touchpoint.repository';
import { storeLinked, testConfig, touchpoint } from '../testing/touchpoint-fixtures';

const config = testConfig();
let service: RunningService;
let mongo: Connection;
const customers = [uniqueName('c'), uniqueName('c'), uniqueName('c')];

const QUERY = `query ($from: DateTime!, $to: DateTime!, $first: Int, $after: String) {
  anonymousJourneys(from: $from, to: $to, first: $first, after: $after) {
    journeys { firstSeenAt firstChannel touches { at event channel campaign } }
    endCursor hasNextPage
  }
}`;
type Page = {
  anonymousJourneys: {
    journeys: { firstSeenAt: string; firstChannel: string; touches: { at: string; event: string; channel: string; campaign: string | null }[] }[];
    endCursor: string | null;
    hasNextPage: boolean;
  };
};
const MARCH = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-test', 'silent'));
  mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  const repo = new TouchpointRepository(mongo);
  await storeLinked(repo, customers[0]!, [
    touchpoint({ event: 'Ad Clicked', channel: 'ads', occurredAt: '2026-02-20T10:00:00Z', properties: { campaignId: 'spring' } }),
    touchpoint({ event: 'Email Opened', channel: 'email', occurredAt: '2026-03-02T10:00:00Z', properties: { utm_campaign: 'news-3', email: 'x@example.com' } }),
    touchpoint({ type: 'purchase', event: 'Order Completed', channel: 'store', occurredAt: '2026-03-03T10:00:00Z' }),
  ]);
  await storeLinked(repo, customers[1]!, [touchpoint({ event: 'Product Viewed', channel: 'app', occurredAt: '2026-03-04T10:00:00Z' })]);
  await storeLinked(repo, customers[2]!, [touchpoint({ event: 'Product Viewed', channel: 'web', occurredAt: '2026-05-04T10:00:00Z' })]);
});

afterAll(async () => {
  await service.close();
  await mongo.close();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

describe('anonymousJourneys', () => {
  it('gives each active customer’s touches in the range with campaign labels, and nothing that identifies them', async () => {
    const res = await subgraphRequest<Page>(service.url, QUERY, MARCH);
    expect(res.errors).toBeUndefined();
    const journeys = res.data!.anonymousJourneys.journeys;
    expect(journeys).toHaveLength(2);
    expect(journeys).toContainEqual({
      firstSeenAt: '2026-02-20T10:00:00.000Z',
      firstChannel: 'ADS',
      touches: [
        { at: '2026-03-02T10:00:00.000Z', event: 'Email Opened', channel: 'EMAIL', campaign: 'news-3' },
        { at: '2026-03-03T10:00:00.000Z', event: 'Order Completed', channel: 'STORE', campaign: null },
      ],
    });
    expect(journeys).toContainEqual({
      firstSeenAt: '2026-03-04T10:00:00.000Z',
      firstChannel: 'APP',
      touches: [expect.objectContaining({ event: 'Product Viewed' })],
    });
    const text = JSON.stringify(res.data);
    for (const id of customers) expect(text).not.toContain(id);
    expect(text).not.toContain('example.com');
  });

  it('pages through the customers without repeating one', async () => {
    const first = await subgraphRequest<Page>(service.url, QUERY, { ...MARCH, first: 1 });
    expect(first.data!.anonymousJourneys).toMatchObject({ hasNextPage: true });
    const second = await subgraphRequest<Page>(service.url, QUERY, { ...MARCH, first: 1, after: first.data!.anonymousJourneys.endCursor });
    expect(second.data!.anonymousJourneys).toMatchObject({ hasNextPage: false });
    expect(second.data!.anonymousJourneys.journeys).toHaveLength(1);
    expect(second.data!.anonymousJourneys.journeys[0]).not.toEqual(first.data!.anonymousJourneys.journeys[0]);
  });

  it('answers services only, and refuses a bad range or page size with BAD_USER_INPUT', async () => {
    const analyst = await subgraphRequest<Page>(service.url, QUERY, MARCH, { ...SERVICE_CALLER, roles: ['analyst'] });
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const backwards = await subgraphRequest<Page>(service.url, QUERY, { from: MARCH.to, to: MARCH.from });
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const big = await subgraphRequest<Page>(service.url, QUERY, { ...MARCH, first: 5001 });
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
