import { SERVICE_CALLER, subgraphRequest, uniqueName } from '@c360/testing';
import { InsightsWithJourneys } from '../testing/insights-harness';

const ANALYST = { ...SERVICE_CALLER, roles: ['analyst' as const] };
const MARKETER = { ...SERVICE_CALLER, roles: ['marketer' as const] };
const env = new InsightsWithJourneys();
const customers = Array.from({ length: 4 }, () => uniqueName('cust'));
const day = (d: number) => new Date(Date.UTC(2026, 2, d, 12));

const ATTRIBUTION = `query ($model: AttributionModel!, $by: AttributionDimension, $lookbackDays: Int) {
  attribution(model: $model, conversionEvent: "Order Completed", from: "2026-03-01T00:00:00Z", to: "2026-03-11T00:00:00Z", lookbackDays: $lookbackDays, by: $by) {
    model by conversions unattributed nonConverting bootstrapReplicates credits { key conversions low high share }
  }
}`;
type Credit = { key: string; conversions: number; low: number; high: number; share: number };
type AttributionData = { attribution: { conversions: number; unattributed: number; nonConverting: number; credits: Credit[] } };
const COMPARE = `query { compareAttribution(conversionEvent: "Order Completed", from: "2026-03-01T00:00:00Z", to: "2026-03-11T00:00:00Z") {
  conversions models rows { key models { model conversions low high } } } }`;

beforeAll(async () => {
  await env.start();
  // Journeys in March: email → order; ads → email (spring campaign) → order; ads only; an order with no touch before it.
  await env.touchpoints.seed([
    { customerId: customers[0]!, event: 'Email Opened', channel: 'email', occurredAt: day(2) },
    { customerId: customers[0]!, event: 'Order Completed', channel: 'web', occurredAt: day(3) },
    { customerId: customers[1]!, event: 'Ad Clicked', channel: 'ads', occurredAt: day(1) },
    { customerId: customers[1]!, event: 'Email Opened', channel: 'email', occurredAt: day(4), campaign: 'spring' },
    { customerId: customers[1]!, event: 'Order Completed', channel: 'web', occurredAt: day(5) },
    { customerId: customers[2]!, event: 'Ad Clicked', channel: 'ads', occurredAt: day(2) },
    { customerId: customers[3]!, event: 'Order Completed', channel: 'store', occurredAt: day(6) },
  ]);
}, 240_000);

afterAll(async () => {
  await env.stop();
});

const credits = (data: AttributionData | undefined) => Object.fromEntries(data!.attribution.credits.map((c) => [c.key, c.conversions]));

describe('attribution over touchpoint-store journeys', () => {
  it('credits the window’s conversions by each model, from real journeys', async () => {
    const last = await subgraphRequest<AttributionData>(env.service.url, ATTRIBUTION, { model: 'LAST_TOUCH' }, ANALYST);
    expect(res(last)).toMatchObject({ conversions: 2, unattributed: 1, nonConverting: 1 });
    expect(credits(last.data)).toEqual({ ads: 0, email: 2 });
    const first = await subgraphRequest<AttributionData>(env.service.url, ATTRIBUTION, { model: 'FIRST_TOUCH' }, MARKETER);
    expect(credits(first.data)).toEqual({ ads: 1, email: 1 });
    // Markov by hand: start→email 1/3, start→ads 2/3, ads→email 1/2, ads→null 1/2, email→conversion 1.
    // P = 1/3 + 2/3·1/2 = 2/3; without email 0 (effect 1); without ads 1/3 (effect 1/2): email 4/3, ads 2/3.
    const markov = await subgraphRequest<AttributionData>(env.service.url, ATTRIBUTION, { model: 'MARKOV' }, ANALYST);
    expect(credits(markov.data)['email']).toBeCloseTo(4 / 3, 10);
    expect(credits(markov.data)['ads']).toBeCloseTo(2 / 3, 10);
    for (const c of markov.data!.attribution.credits) expect(c.low <= c.conversions + 1e-9 && c.conversions <= c.high + 1e-9).toBe(true);
  });

  it('credits campaigns, leaving out touches that name none', async () => {
    const byCampaign = await subgraphRequest<AttributionData>(env.service.url, ATTRIBUTION, { model: 'LINEAR', by: 'CAMPAIGN' }, ANALYST);
    expect(credits(byCampaign.data)).toEqual({ spring: 1 });
  });

  it('puts every model side by side', async () => {
    const compare = await subgraphRequest<{
      compareAttribution: { conversions: number; models: string[]; rows: { key: string; models: { model: string; conversions: number }[] }[] };
    }>(env.service.url, COMPARE, {}, ANALYST);
    const table = compare.data!.compareAttribution;
    expect(table.models).toEqual(['FIRST_TOUCH', 'LAST_TOUCH', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED', 'MARKOV', 'SHAPLEY']);
    expect(table.rows.map((r) => r.key)).toEqual(['ads', 'email']);
    const linear = table.rows.map((r) => r.models.find((m) => m.model === 'LINEAR')!.conversions);
    expect(linear).toEqual([0.5, 1.5]);
    for (const r of table.rows) expect(r.models).toHaveLength(7);
    const text = JSON.stringify(compare.data);
    for (const id of customers) expect(text).not.toContain(id);
  });

  it('is refused to roles other than analysts and marketers, and bad arguments get BAD_USER_INPUT', async () => {
    const support = await subgraphRequest(env.service.url, ATTRIBUTION, { model: 'LINEAR' }, { ...SERVICE_CALLER, roles: ['support'] });
    expect(support.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await subgraphRequest(env.service.url, ATTRIBUTION, { model: 'LINEAR', lookbackDays: 0 }, ANALYST);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

function res(r: { data?: AttributionData; errors?: unknown }) {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.attribution;
}
