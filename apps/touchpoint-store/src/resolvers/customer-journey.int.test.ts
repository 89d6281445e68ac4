import { channelFamilyOf, CHANNELS, type Channel } from '@c360/contracts';
import { connectMongo, createLogger, type RunningService } from '@c360/service-kit';
import { dropDatabase, SERVICE_CALLER, subgraphRequest, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { sessionise } from '../domain/sessions';
import { startTouchpointStore } from '../service';
import { TouchpointRepository } from '../store/touchpoint.repository';
import { seededRandom, storeLinked, testConfig, touchpoint } from '../testing/touchpoint-fixtures';

const config = testConfig();
let service: RunningService;
let mongo: Connection;
let touchpoints: TouchpointRepository;

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-test', 'silent'));
  mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  touchpoints = new TouchpointRepository(mongo);
});

afterAll(async () => {
  await service.close();
  await mongo.close();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

async function customerField<T>(id: string, selection: string, variables: Record<string, unknown> = {}, caller = SERVICE_CALLER): Promise<T> {
  const defs = Object.keys(variables)
    .map((k) => `$${k}: ${VAR_TYPES[k]}`)
    .join(', ');
  const query = `query ($id: ID!${defs ? `, ${defs}` : ''}) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { ${selection} } } }`;
  const res = await subgraphRequest<{ _entities: T[] }>(service.url, query, { id, ...variables }, caller);
  if (res.errors) throw Object.assign(new Error(JSON.stringify(res.errors)), { code: res.errors[0]?.extensions?.code });
  return res.data!._entities[0]!;
}
const VAR_TYPES: Record<string, string> = {
  channels: '[Channel!]',
  eventNames: '[String!]',
  from: 'DateTime',
  to: 'DateTime',
  first: 'Int',
  after: 'String',
  gap: 'Int',
};

const base = Date.UTC(2026, 4, 1, 8, 0);
const minutes = (m: number) => new Date(base + m * 60_000).toISOString();

describe('Customer.journey filters', () => {
  const customer = uniqueName('c');
  const items = [
    touchpoint({ channel: 'web', type: 'page', event: undefined, occurredAt: minutes(0) }),
    touchpoint({ channel: 'email', event: 'Email Opened', occurredAt: minutes(10) }),
    touchpoint({ channel: 'web', event: 'Product Viewed', occurredAt: minutes(20) }),
    touchpoint({ channel: 'store', type: 'purchase', event: 'Order Completed', occurredAt: minutes(30), properties: { total: 20 } }),
    touchpoint({ channel: 'web', event: 'Product Viewed', occurredAt: minutes(40) }),
  ];
  beforeAll(() => storeLinked(touchpoints, customer, items));
  type J = { journey: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { messageId: string } }[] } };
  const sel = (args: string) => `journey(${args}) { totalCount pageInfo { hasNextPage endCursor } edges { node { messageId } } }`;
  const ids = (j: J) => j.journey.edges.map((e) => e.node.messageId);

  it('filters by channel, event name and time range, and pages through the filtered list', async () => {
    expect(ids(await customerField<J>(customer, sel('channels: $channels'), { channels: ['WEB'] }))).toEqual(
      [items[0]!, items[2]!, items[4]!].map((i) => i.messageId),
    );
    expect(ids(await customerField<J>(customer, sel('eventNames: $eventNames'), { eventNames: ['Product Viewed', 'page'] }))).toEqual(
      [items[0]!, items[2]!, items[4]!].map((i) => i.messageId),
    );
    expect(ids(await customerField<J>(customer, sel('from: $from, to: $to'), { from: minutes(10), to: minutes(30) }))).toEqual(
      [items[1]!, items[2]!].map((i) => i.messageId),
    );
    const page1 = await customerField<J>(customer, sel('channels: $channels, first: $first'), { channels: ['WEB', 'STORE'], first: 2 });
    expect(page1.journey).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const page2 = await customerField<J>(customer, sel('channels: $channels, first: $first, after: $after'), {
      channels: ['WEB', 'STORE'],
      first: 2,
      after: page1.journey.pageInfo.endCursor,
    });
    expect([...ids(page1), ...ids(page2)]).toEqual([items[0]!, items[2]!, items[3]!, items[4]!].map((i) => i.messageId));
    expect(page2.journey.pageInfo.hasNextPage).toBe(false);
  });

  it('shows an analyst the journey with properties masked, and refuses a partner', async () => {
    type P = { journey: { edges: { node: { messageId: string; properties: unknown } }[] } };
    const j = await customerField<P>(customer, 'journey(first: 5) { edges { node { messageId properties } } }', {}, { ...SERVICE_CALLER, roles: ['analyst'] });
    expect(j.journey.edges.map((e) => e.node.messageId)).toEqual(items.map((i) => i.messageId));
    expect(j.journey.edges.every((e) => JSON.stringify(e.node.properties) === '{}')).toBe(true);
    await expect(customerField(customer, sel('first: 5'), {}, { ...SERVICE_CALLER, roles: ['partner'] })).rejects.toMatchObject({
      code: expect.stringMatching(/FORBIDDEN|UNAUTHENTICATED/),
    });
  });

  it('gives the journey stage with the touchpoints that put the customer there', async () => {
    const s = await customerField<{ journeyStage: { stage: string; evidence: { messageId: string }[] } }>(
      customer,
      'journeyStage { stage rule { events minCount } evidence { messageId eventKey channel occurredAt } }',
    );
    expect(s.journeyStage.stage).toBe('DECISION');
    expect(s.journeyStage.evidence.map((e) => e.messageId)).toEqual([items[3]!.messageId]);
  });
});

describe('Customer.sessions', () => {
  it('matches the plain in-code sessionisation over the same touchpoints', async () => {
    const random = seededRandom(42);
    const customer = uniqueName('c');
    let t = 0;
    const items = Array.from({ length: 120 }, () => {
      // Gaps straddle the 30-minute limit so both sides of the rule are exercised.
      t += Math.floor(random() * 70);
      const channel = CHANNELS[Math.floor(random() * CHANNELS.length)] as Channel;
      return touchpoint({ channel, event: `E${Math.floor(random() * 4)}`, occurredAt: minutes(t) });
    });
    await storeLinked(touchpoints, customer, items);
    type S = { sessions: { family: string; startedAt: string; endedAt: string; touchpointCount: number; channels: string[]; eventNames: string[] }[] };
    const fromStore = await customerField<S>(customer, 'sessions { family startedAt endedAt touchpointCount channels eventNames }');
    const expected = sessionise(
      items.map((i) => ({ channel: i.channel, family: channelFamilyOf(i.channel), eventKey: i.event!, occurredAt: new Date(i.occurredAt) })),
      30 * 60_000,
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(fromStore.sessions).toEqual(
      expected.map((s) => ({
        ...s,
        family: s.family.toUpperCase(),
        startedAt: s.startedAt.toISOString(),
        endedAt: s.endedAt.toISOString(),
        channels: s.channels.map((c) => c.toUpperCase()).sort(),
      })),
    );
    const wide = await customerField<S>(customer, 'sessions(gapMinutes: $gap) { touchpointCount }', { gap: 24 * 60 });
    expect(wide.sessions.length).toBeLessThan(fromStore.sessions.length);
  });
});
