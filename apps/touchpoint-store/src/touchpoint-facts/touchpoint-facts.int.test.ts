import { resolveJobOf, touchpointRefOf, type TouchpointInput } from '@c360/contracts';
import { connectMongo, createLogger, CustomerIdentityView, factOfLink, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { startTouchpointStore } from '../service';
import { TouchpointRepository } from '../store/touchpoint.repository';
import { storeLinked, testConfig, touchpoint } from '../testing/touchpoint-fixtures';

const config = testConfig();
let service: RunningService;
let mongo: Connection;
let touchpoints: TouchpointRepository;

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-facts-test', 'silent'));
  mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  touchpoints = new TouchpointRepository(mongo);
});

afterAll(async () => {
  await service.close();
  await mongo.close();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

const FACTS = /* GraphQL */ `
  query ($c: ID!, $first: Int, $after: String) {
    customerTouchpointFacts(customerId: $c, first: $first, after: $after) {
      facts
      endCursor
      hasNextPage
    }
  }
`;
type Page = { customerTouchpointFacts: { facts: Record<string, unknown>[]; endCursor: string | null; hasNextPage: boolean } };

async function allFacts(customerId: string, first: number): Promise<{ facts: Record<string, unknown>[]; pages: number }> {
  const facts: Record<string, unknown>[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const r: { data?: Page; errors?: unknown[] } = await subgraphRequest<Page>(service.url, FACTS, { c: customerId, first, after });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    const page: Page['customerTouchpointFacts'] = r.data!.customerTouchpointFacts;
    facts.push(...page.facts);
    after = page.hasNextPage ? page.endCursor : null;
    pages += 1;
  } while (after);
  return { facts, pages };
}

describe('customerTouchpointFacts (what insights keeps for profiling, from its source)', () => {
  const survivor = uniqueName('cust');
  const absorbed = uniqueName('cust');
  const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 10, minute)).toISOString();
  const items: TouchpointInput[] = [
    touchpoint({
      type: 'identify',
      event: undefined,
      occurredAt: at(0),
      identifiers: { email: `${uniqueName('p')}@example.com` },
      traits: { firstName: 'Ann', locality: 'Lyon', plan: 'gold', tenureMonths: 14 },
      source: 'crm',
    }),
    touchpoint({ channel: 'call_center', type: 'contact', event: undefined, occurredAt: at(5), text: 'Where is my parcel?' }),
    touchpoint({ channel: 'store', type: 'purchase', event: 'Order Completed', occurredAt: at(9), value: { amount: 42.5, currency: 'EUR' } }),
  ];
  const ofAbsorbed = touchpoint({ channel: 'email', event: 'Email Opened', occurredAt: at(7) });

  beforeAll(async () => {
    await storeLinked(touchpoints, survivor, items);
    await storeLinked(touchpoints, absorbed, [ofAbsorbed]);
    // absorbed was merged into survivor: its touchpoints are the survivor's too.
    await new CustomerIdentityView(mongo).record([factOfLink({ customerId: survivor, mergedCustomerIds: [absorbed], linkedAt: at(20) })]);
  });

  it("answers every touchpoint of the customer's lineage, oldest first, exactly as customer.updated carried each", async () => {
    const { facts, pages } = await allFacts(survivor, 2);
    expect(pages).toBe(2);
    const expected = [items[0]!, items[1]!, ofAbsorbed, items[2]!].map((t) => touchpointRefOf(resolveJobOf(t, new Date(t.occurredAt))));
    expect(facts).toEqual(JSON.parse(JSON.stringify(expected)));
    // Facts, never who: no identifier, property, name or text travels.
    const text = JSON.stringify(facts);
    for (const secret of ['@example.com', 'Ann', 'Where is my parcel', '/home']) expect(text).not.toContain(secret);
    expect(facts[0]).toMatchObject({ profile: { locality: 'Lyon' }, attributes: { plan: 'gold', tenureMonths: 14 }, source: 'crm' });
    expect(facts[1]).toMatchObject({ hasText: true, channel: 'call_center' });
  });

  it('answers an empty page for a customer with no touchpoints', async () => {
    expect(await allFacts(uniqueName('nobody'), 10)).toEqual({ facts: [], pages: 1 });
  });

  it('is closed to every role but service, and refuses a page size or cursor out of bounds', async () => {
    for (const role of ['analyst', 'marketer', 'support', 'compliance'] as const) {
      const r = await subgraphRequest<Page>(service.url, FACTS, { c: survivor }, { subject: 't', roles: [role], scopes: [] });
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    for (const variables of [
      { c: survivor, first: 0 },
      { c: survivor, first: 5001 },
      { c: survivor, after: 'not-a-cursor' },
    ]) {
      const r = await subgraphRequest<Page>(service.url, FACTS, variables);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
