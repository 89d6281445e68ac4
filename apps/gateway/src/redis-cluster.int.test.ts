import { partnerUpdatesChannel, type PartnerUpdate } from '@c360/contracts';
import { createRedisConnection, type RedisClient, type RunningService } from '@c360/service-kit';
import { startRedisCluster, uniqueName, waitFor, type LocalRedisCluster } from '@c360/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { post, startTestGateway, tokenFor } from './testing/test-gateway';

/** The gateway's own Redis uses, rate limits (a one-key script) and partner live updates (pub/sub), on a 3-master cluster. */
const prefix = `{${uniqueName('gw')}}`;
let cluster: LocalRedisCluster;
let gateway: RunningService;
let publisher: RedisClient;
let ws: Client | undefined;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  gateway = await startTestGateway({ REDIS_URL: cluster.url, QUEUE_PREFIX: prefix, RATE_LIMIT_REQUESTS: '3', RATE_LIMIT_WINDOW_SECONDS: '60' });
  publisher = createRedisConnection(cluster.url);
}, 60_000);

afterAll(async () => {
  await ws?.dispose();
  await gateway?.close();
  await publisher?.quit();
  await cluster?.stop();
}, 30_000);

describe('the gateway on a Redis Cluster', () => {
  it('counts each client against its window across the cluster', async () => {
    const mine = `Bearer ${await tokenFor()}`;
    for (let i = 0; i < 3; i++) expect((await post(gateway, { query: '{ __typename }' }, mine)).status).toBe(200);
    expect((await post(gateway, { query: '{ __typename }' }, mine)).status).toBe(429);
    expect((await post(gateway, { query: '{ __typename }' }, `Bearer ${await tokenFor()}`)).status).toBe(200);
  });

  it("streams a partner's live updates published on another cluster connection", async () => {
    const partner = uniqueName('acme');
    ws = createClient({
      url: `${gateway.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await tokenFor({ roles: ['partner'], partnerId: partner })}` },
      retryAttempts: 0,
    });
    const got: PartnerUpdate[] = [];
    ws.subscribe<{ customerUpdated: PartnerUpdate }>(
      { query: 'subscription { customerUpdated { customerId version } }' },
      { next: (r) => void (r.data && got.push(r.data.customerUpdated)), error: () => undefined, complete: () => undefined },
    );
    const update = JSON.stringify({ type: 'customer.updated', customerId: 'c-1', version: 7, updatedAt: new Date().toISOString(), lastTouchpoint: null });
    await waitFor(
      async () => {
        await publisher.publish(partnerUpdatesChannel(prefix, partner), update);
        await new Promise((r) => setTimeout(r, 100));
        return got.length > 0;
      },
      15_000,
      'the update to reach the subscription',
    );
    expect(got[0]).toEqual({ customerId: 'c-1', version: 7 });
  });
});
