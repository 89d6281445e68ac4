import { partnerUpdatesChannel, type PartnerUpdate } from '@c360/contracts';
import { createRedisConnection, type RedisClient, type RunningService } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestGateway, tokenFor } from './testing/test-gateway';

const prefix = uniqueName('gw');
let gateway: RunningService;
let redis: RedisClient;
const clients: Client[] = [];

beforeAll(async () => {
  gateway = await startTestGateway({ QUEUE_PREFIX: prefix, SUBSCRIPTION_MAX_CONNECTIONS_PER_PARTNER: '2', SUBSCRIPTION_MAX_PER_CONNECTION: '2' });
  redis = createRedisConnection(testStack().REDIS_URL);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await gateway.close();
  await redis.quit();
});

function client(token: string | null, onClose?: (code: number) => void): Client {
  const c = createClient({
    url: `${gateway.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (event) => onClose?.((event as { code: number }).code) },
  });
  clients.push(c);
  return c;
}

const SUBSCRIBE = `subscription ($ids: [ID!]) { customerUpdated(filter: { customerIds: $ids }) { customerId version lastTouchpoint { channel } } }`;

function collect(c: Client, ids: string[] | null) {
  const got: PartnerUpdate[] = [];
  const errors: unknown[] = [];
  c.subscribe<{ customerUpdated: PartnerUpdate }>(
    { query: SUBSCRIBE, variables: { ids } },
    { next: (r) => (r.data ? got.push(r.data.customerUpdated) : errors.push(r.errors)), error: (e) => errors.push(e), complete: () => undefined },
  );
  return { got, errors };
}

function update(customerId: string, version: number): string {
  return JSON.stringify({
    type: 'customer.updated',
    customerId,
    version,
    updatedAt: new Date().toISOString(),
    lastTouchpoint: { channel: 'web', occurredAt: '2026-01-01T00:00:00Z' },
  });
}

/** Subscribing is asynchronous: publishes probes (version 0) until every subscription has one. */
async function untilListening(channel: string, subscriptions: { got: PartnerUpdate[] }[]) {
  await waitFor(
    async () => {
      await redis.publish(channel, update('c-2', 0));
      await new Promise((r) => setTimeout(r, 50));
      return subscriptions.every((s) => s.got.length > 0);
    },
    10_000,
    'the subscriptions to be live',
  );
}

const real = (got: PartnerUpdate[]) => got.filter((u) => u.version > 0);

describe('partner subscriptions over graphql-ws', () => {
  it('streams a partner its own updates, filtered by customer, with versions', async () => {
    const [acme, other] = [uniqueName('acme'), uniqueName('other')];
    const c = client(await tokenFor({ roles: ['partner'], partnerId: acme }));
    const all = collect(c, null);
    const one = collect(c, ['c-2']);
    await untilListening(partnerUpdatesChannel(prefix, acme), [all, one]);
    await redis.publish(partnerUpdatesChannel(prefix, other), update('c-9', 1));
    await redis.publish(partnerUpdatesChannel(prefix, acme), update('c-1', 1));
    await redis.publish(partnerUpdatesChannel(prefix, acme), update('c-2', 4));
    await waitFor(async () => real(all.got).length === 2 && real(one.got).length === 1, 10_000, 'updates');
    expect(real(all.got)).toEqual([
      { customerId: 'c-1', version: 1, lastTouchpoint: { channel: 'web' } },
      { customerId: 'c-2', version: 4, lastTouchpoint: { channel: 'web' } },
    ]);
    expect(real(one.got).map((u) => u.customerId)).toEqual(['c-2']);
    expect(all.got.every((u) => u.customerId !== 'c-9')).toBe(true);
    expect(all.errors).toEqual([]);
  });

  it('refuses a connection without a valid token, and one from a role that is not a partner', async () => {
    const codes: number[] = [];
    const anonymous = client(null, (code) => codes.push(code));
    collect(anonymous, null);
    const marketer = client(await tokenFor({ roles: ['marketer'] }), (code) => codes.push(code));
    collect(marketer, null);
    await waitFor(async () => codes.length === 2, 10_000, 'both refusals');
    expect(codes.sort()).toEqual([4401, 4403]);
  });

  it('closes a subscription when its token expires', async () => {
    const codes: number[] = [];
    const c = client(await tokenFor({ roles: ['partner'], partnerId: uniqueName('p') }, '2s'), (code) => codes.push(code));
    collect(c, null);
    await waitFor(async () => codes.length === 1, 10_000, 'the close at expiry');
    expect(codes).toEqual([4401]);
  });

  it('refuses a partner a connection beyond its limit, and admits it again once one closes', async () => {
    const partnerId = uniqueName('busy');
    const token = await tokenFor({ roles: ['partner'], partnerId });
    const closed: number[] = [];
    const [first, second] = [client(token), client(token)];
    const live = [collect(first, null), collect(second, null)];
    await untilListening(partnerUpdatesChannel(prefix, partnerId), live);
    const third = client(token, (code) => closed.push(code));
    collect(third, null);
    await waitFor(async () => closed.length === 1, 10_000, 'the third connection to be refused');
    expect(closed).toEqual([4429]);
    // Another partner is not affected by this one's connections.
    const other = uniqueName('calm');
    const elsewhere = collect(client(await tokenFor({ roles: ['partner'], partnerId: other })), null);
    await untilListening(partnerUpdatesChannel(prefix, other), [elsewhere]);

    await first.dispose();
    const again = collect(client(token), null);
    await untilListening(partnerUpdatesChannel(prefix, partnerId), [again]);
  });

  it('refuses a subscription beyond the per-connection limit with TOO_MANY_SUBSCRIPTIONS, keeping the others', async () => {
    const partnerId = uniqueName('many');
    const c = client(await tokenFor({ roles: ['partner'], partnerId }));
    const kept = [collect(c, null), collect(c, null)];
    await untilListening(partnerUpdatesChannel(prefix, partnerId), kept);
    const refused = collect(c, null);
    await waitFor(async () => refused.errors.length === 1, 10_000, 'the refusal');
    expect(JSON.stringify(refused.errors)).toContain('TOO_MANY_SUBSCRIPTIONS');
    await redis.publish(partnerUpdatesChannel(prefix, partnerId), update('c-5', 5));
    await waitFor(async () => kept.every((k) => real(k.got).length === 1), 10_000, 'the kept subscriptions to go on');
  });

  it('streams every kind of partner event on partnerEvents, told apart by __typename, and keeps customerUpdated to profile updates', async () => {
    const partnerId = uniqueName('events');
    const c = client(await tokenFor({ roles: ['partner'], partnerId }));
    const profiles = collect(c, null);
    const events: Record<string, unknown>[] = [];
    const errors: unknown[] = [];
    c.subscribe<{ partnerEvents: Record<string, unknown> }>(
      {
        query: `subscription { partnerEvents { __typename
          ... on CustomerUpdate { customerId version }
          ... on JourneyDropoff { eventId customerId journey stepIndex score }
          ... on PredictionBandChange { customerId kind band previousBand }
          ... on SentimentTurn { customerId trendAfter } } }`,
      },
      { next: (r) => (r.data ? events.push(r.data.partnerEvents) : errors.push(r.errors)), error: (e) => errors.push(e), complete: () => undefined },
    );
    const channel = partnerUpdatesChannel(prefix, partnerId);
    await untilListening(channel, [profiles]);
    await waitFor(async () => events.length > 0, 10_000, 'partnerEvents to be live');
    const base = { schemaVersion: 1, customerId: 'c-7' };
    await redis.publish(
      channel,
      JSON.stringify({ ...base, type: 'journey.dropoff', eventId: 'e1', journey: 'checkout', detectedAt: '2026-01-01T00:00:00Z', stepIndex: 2 }),
    );
    await redis.publish(
      channel,
      JSON.stringify({ ...base, type: 'customer.prediction.band_changed', eventId: 'e2', kind: 'churn', band: 'high', scoredAt: 'x' }),
    );
    await redis.publish(channel, JSON.stringify({ ...base, type: 'customer.sentiment-turned', eventId: 'e3', detectedAt: 'x', trendAfter: -0.5 }));
    await redis.publish(channel, update('c-7', 3));
    await waitFor(async () => events.some((e) => e['version'] === 3), 10_000, 'all four events');
    expect(events.filter((e) => e['customerId'] === 'c-7')).toEqual([
      { __typename: 'JourneyDropoff', eventId: 'e1', customerId: 'c-7', journey: 'checkout', stepIndex: 2, score: null },
      { __typename: 'PredictionBandChange', customerId: 'c-7', kind: 'churn', band: 'high', previousBand: null },
      { __typename: 'SentimentTurn', customerId: 'c-7', trendAfter: -0.5 },
      { __typename: 'CustomerUpdate', customerId: 'c-7', version: 3 },
    ]);
    // The older subscription sees the profile update only, as it always did.
    await waitFor(async () => real(profiles.got).length === 1, 10_000, 'the profile update');
    expect(real(profiles.got)).toEqual([{ customerId: 'c-7', version: 3, lastTouchpoint: { channel: 'web' } }]);
    expect(errors).toEqual([]);
  });
});
