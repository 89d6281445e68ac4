import type { TouchpointInput } from '@c360/contracts';
import { createRedisConnection } from '@c360/service-kit';
import { startRedisCluster, uniqueName, uniquePhone, waitFor, type LocalRedisCluster } from '@c360/testing';
import { Cluster } from 'ioredis';
import { eraseByEmail, gatewayData, postBatch, System, tokenFor, waitForQueuesIdle } from './system';

/**
 * The system on a 3-master Redis Cluster: every service's queues, flows, pub/sub and keys through
 * REDIS_URL=redis+cluster://… with a hash-tagged QUEUE_PREFIX. A person seen twice (a merge) is
 * ingested, resolved and placed in their journey; then erased, which is a BullMQ flow across every
 * service's privacy queue, and their identifiers suppressed.
 */
let cluster: LocalRedisCluster;
let system: System;
let token: string;

const CUSTOMER = /* GraphQL */ `
  query ($email: String!) {
    customerByIdentifier(type: EMAIL, value: $email) {
      id
      identifiers {
        type
      }
      mergeHistory {
        absorbedCustomerIds
      }
      journey(first: 10) {
        totalCount
      }
    }
  }
`;
interface Customer {
  id: string;
  identifiers: { type: string }[];
  mergeHistory: { absorbedCustomerIds: string[] }[];
  journey: { totalCount: number };
}

function person() {
  const tag = uniqueName('rc');
  const email = `${tag}@example.com`;
  const phone = uniquePhone();
  const touchpoints: TouchpointInput[] = [
    {
      messageId: `${tag}-1`,
      type: 'track',
      event: 'Email Opened',
      channel: 'email',
      occurredAt: '2026-10-01T10:00:00Z',
      identifiers: { email },
      properties: {},
    },
    { messageId: `${tag}-2`, type: 'contact', channel: 'call_center', occurredAt: '2026-10-02T10:00:00Z', identifiers: { phone }, properties: {} },
    { messageId: `${tag}-3`, type: 'identify', channel: 'web', occurredAt: '2026-10-03T10:00:00Z', identifiers: { email, phone }, properties: {} },
  ];
  return { email, touchpoints };
}

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  system = new System({ REDIS_URL: cluster.url, QUEUE_PREFIX: `{${uniqueName('e2e')}}` });
  await system.start();
  token = await tokenFor({ subject: 'e2e-officer', roles: ['service', 'compliance'], scopes: [] });
}, 240_000);

afterAll(async () => {
  await system?.stop();
  await cluster?.stop();
}, 60_000);

describe('on a Redis Cluster', () => {
  it('ingests, merges and erases a person, every queue key in the prefix hash slot', async () => {
    const p = person();
    const answer = await postBatch(system, p.touchpoints, token);
    expect(answer.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const customer = await waitFor(
      async () => {
        const c = (await gatewayData<{ customerByIdentifier: Customer | null }>(system, CUSTOMER, { email: p.email }, token)).customerByIdentifier;
        return c && c.identifiers.length === 2 && c.journey.totalCount === 3 ? c : undefined;
      },
      60_000,
      'the merged customer with their journey',
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${system.logs()}`);
    });
    expect(customer.mergeHistory.length).toBe(1);
    await waitForQueuesIdle(system, 60_000);

    // BullMQ's keys, wherever they are, hash to the prefix's slot: one master holds every queue.
    const redis = createRedisConnection(cluster.url) as Cluster;
    try {
      await waitFor(async () => redis.nodes('master').length === 3, 10_000, 'the cluster client to know the masters');
      const slots = new Set<number>();
      let keys = 0;
      for (const node of redis.nodes('master')) {
        let cursor = '0';
        do {
          const [next, found] = await node.scan(cursor, 'MATCH', `${system.queuePrefix}:*`, 'COUNT', 500);
          cursor = next;
          keys += found.length;
          for (const key of found) slots.add(await node.cluster('KEYSLOT', key));
        } while (cursor !== '0');
      }
      expect(keys).toBeGreaterThan(0);
      expect(slots.size).toBe(1);
    } finally {
      await redis.quit();
    }

    const erased = await eraseByEmail(system, p.email, token);
    expect(erased).toMatchObject({ status: 'COMPLETED', failureReason: null, receipt: { verified: true } });
    const deleted = Object.fromEntries(erased.receipt!.services.map((s) => [s.service, JSON.parse(s.deleted) as Record<string, number>]));
    expect(deleted['identity-graph']).toMatchObject({ customers: 2, identifiers: 2, merges: 1 });
    expect(deleted['touchpoint-store']).toMatchObject({ touchpoints: 3 });
    expect((await gatewayData<{ customerByIdentifier: Customer | null }>(system, CUSTOMER, { email: p.email }, token)).customerByIdentifier).toBeNull();

    // The suppression set governance wrote is read by intake through the cluster too.
    const again = await postBatch(system, p.touchpoints, token);
    expect(again.body.results.map((r) => r.reason)).toEqual(['SUPPRESSED', 'SUPPRESSED', 'SUPPRESSED']);
  });
});
