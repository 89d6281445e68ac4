import { QUEUES, type LinkJob } from '@c360/contracts';
import { createLogger, createQueue, createRedisConnection, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, SERVICE_CALLER, subgraphRequest, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Queue } from 'bullmq';
import { startTouchpointStore } from './service';
import { postBatch, testConfig, token, touchpoint } from './testing/touchpoint-fixtures';

const config = testConfig();
let service: RunningService;
let redis: RedisClient;
let links: Queue<LinkJob>;

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-test', 'silent'));
  redis = createRedisConnection(config.REDIS_URL);
  links = createQueue({ connection: redis, prefix: config.QUEUE_PREFIX }, QUEUES.touchpointLink);
});

afterAll(async () => {
  await links.close();
  await service.close();
  await redis.quit();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

const JOURNEY = /* GraphQL */ `
  query ($id: ID!, $first: Int, $after: String) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        journey(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              messageId
              channel
              occurredAt
              properties
            }
          }
        }
      }
    }
  }
`;
type Journey = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { messageId: string; channel: string; occurredAt: string; properties: unknown } }[];
};

async function journey(id: string, first = 20, after?: string): Promise<Journey> {
  const res = await subgraphRequest<{ _entities: { journey: Journey }[] }>(service.url, JOURNEY, { id, first, after });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!._entities[0]!.journey;
}

async function ingestAndLink(customerId: string, tps: ReturnType<typeof touchpoint>[], mergedCustomerIds: string[] = []) {
  await postBatch(service.url, tps, await token());
  for (const tp of tps) {
    await links.add('link', { messageId: tp.messageId, customerId, mergedCustomerIds, linkedAt: new Date().toISOString() });
  }
}

describe('journey', () => {
  it("lists a customer's touchpoints in time order, page by page", async () => {
    const customer = uniqueName('c');
    const tps = ['2026-05-03T10:00:00Z', '2026-05-01T10:00:00Z', '2026-05-02T10:00:00Z'].map((occurredAt, i) =>
      touchpoint({ occurredAt, channel: (['web', 'store', 'call_center'] as const)[i], properties: { n: i } }),
    );
    await ingestAndLink(customer, tps);
    const all = await waitFor(async () => {
      const j = await journey(customer);
      return j.totalCount === 3 && j;
    });
    expect(all.edges.map((e) => e.node.messageId)).toEqual([tps[1]!.messageId, tps[2]!.messageId, tps[0]!.messageId]);
    expect(all.edges[0]!.node).toMatchObject({ channel: 'STORE', occurredAt: '2026-05-01T10:00:00.000Z', properties: { n: 1 } });

    const page1 = await journey(customer, 2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await journey(customer, 2, page1.pageInfo.endCursor!);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([...page1.edges, ...page2.edges].map((e) => e.node.messageId)).toEqual(all.edges.map((e) => e.node.messageId));
  });

  it('includes touchpoints linked to customers later merged into this one', async () => {
    const [survivor, absorbed] = [uniqueName('c'), uniqueName('c')];
    await ingestAndLink(absorbed, [touchpoint({ occurredAt: '2026-01-01T00:00:00Z' })]);
    await ingestAndLink(survivor, [touchpoint({ occurredAt: '2026-02-01T00:00:00Z' })], [absorbed]);
    const j = await waitFor(async () => {
      const x = await journey(survivor);
      return x.totalCount === 2 && x;
    });
    expect(j.edges[0]!.node.occurredAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('retries a link that arrives before its touchpoint is stored, then links it', async () => {
    const customer = uniqueName('c');
    const early = touchpoint();
    const job = await links.add('link', { messageId: early.messageId, customerId: customer, mergedCustomerIds: [], linkedAt: new Date().toISOString() });
    await waitFor(async () => ((await links.getJob(job.id!))?.attemptsMade ?? 0) >= 1, 15_000, 'the link job to fail once');
    expect((await links.getJob(job.id!))?.failedReason).toContain('not stored');
    await postBatch(service.url, [early], await token());
    const j = await waitFor(
      async () => {
        const x = await journey(customer);
        return x.totalCount === 1 && x;
      },
      20_000,
      'the retried link to land',
    );
    expect(j.edges[0]!.node.messageId).toBe(early.messageId);
  });

  it('rejects a bad cursor or page size with BAD_USER_INPUT', async () => {
    for (const vars of [
      { id: 'c', after: 'nonsense' },
      { id: 'c', first: 1000 },
    ]) {
      const res = await subgraphRequest(service.url, JOURNEY, vars);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('recordTouchpoints', () => {
  const RECORD = /* GraphQL */ `
    mutation ($input: [TouchpointInput!]!) {
      recordTouchpoints(input: $input) {
        accepted
        rejected
        results {
          index
          status
          reason
        }
      }
    }
  `;

  it('answers per item and queues the accepted ones', async () => {
    const input = [
      {
        messageId: uniqueName('m'),
        type: 'visit',
        channel: 'STORE',
        occurredAt: '2026-05-01T10:00:00Z',
        identifiers: { crmId: 'C-9' },
        properties: { storeId: 's1' },
      },
      { messageId: uniqueName('m'), type: 'visit', channel: 'STORE', occurredAt: '2026-05-01T10:00:00Z', identifiers: {} },
    ];
    const res = await subgraphRequest<{ recordTouchpoints: { accepted: number; rejected: number; results: { status: string; reason: string | null }[] } }>(
      service.url,
      RECORD,
      { input },
    );
    expect(res.data?.recordTouchpoints).toMatchObject({ accepted: 1, rejected: 1 });
    expect(res.data?.recordTouchpoints.results[1]).toMatchObject({ status: 'REJECTED', reason: expect.stringContaining('identifier') });
  });

  it('is refused to a role that may not record touchpoints', async () => {
    const res = await subgraphRequest(service.url, RECORD, { input: [] }, { ...SERVICE_CALLER, roles: ['analyst'] });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the full touchpoint shape through GraphQL', () => {
  it('records free text, a monetary value and sentAt, and shows them with the corrected time in the journey', async () => {
    const customer = uniqueName('c');
    const messageId = uniqueName('m');
    const sentAt = new Date(Date.now() + 3600_000);
    const input = [
      {
        messageId,
        type: 'purchase',
        event: 'Order Completed',
        channel: 'STORE',
        occurredAt: new Date(sentAt.getTime() - 5 * 60_000).toISOString(),
        sentAt: sentAt.toISOString(),
        identifiers: { crmId: uniqueName('crm') },
        properties: { storeId: 's1', total: 42.5, currency: 'EUR' },
        traits: { givenName: 'Ada' },
        text: 'Paid at the counter; asked about delivery.',
        value: { amount: 42.5, currency: 'EUR' },
      },
    ];
    const rec = await subgraphRequest<{ recordTouchpoints: { accepted: number; quarantined: number } }>(
      service.url,
      `mutation ($input: [TouchpointInput!]!) { recordTouchpoints(input: $input) { accepted quarantined } }`,
      { input },
    );
    expect(rec.data?.recordTouchpoints).toEqual({ accepted: 1, quarantined: 0 });
    await linkTo(customer, messageId);
    const query = `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer {
      journey { edges { node { messageId family occurredAt clientOccurredAt sentAt receivedAt clockSkewMs text value { amount currency } } } } } } }`;
    type Node = {
      messageId: string;
      family: string;
      occurredAt: string;
      clientOccurredAt: string;
      sentAt: string;
      receivedAt: string;
      clockSkewMs: number;
      text: string;
      value: { amount: number; currency: string };
    };
    const node = await waitFor(
      async () => {
        const res = await subgraphRequest<{ _entities: { journey: { edges: { node: Node }[] } }[] }>(service.url, query, { id: customer });
        return res.data?._entities[0]?.journey.edges[0]?.node;
      },
      15_000,
      'the recorded touchpoint in the journey',
    );
    expect(node).toMatchObject({
      messageId,
      family: 'IN_PERSON',
      text: input[0]!.text,
      value: { amount: 42.5, currency: 'EUR' },
      sentAt: sentAt.toISOString(),
    });
    // The sender's clock ran about an hour ahead; corrected, it happened five minutes before receipt.
    expect(Date.parse(node.receivedAt) - Date.parse(node.occurredAt)).toBe(5 * 60_000);
    expect(node.clockSkewMs).toBe(Date.parse(node.sentAt) - Date.parse(node.receivedAt));
    expect(Date.parse(node.clientOccurredAt)).toBe(Date.parse(input[0]!.occurredAt));
  });
});

/** Links an accepted touchpoint to a customer, as identity-graph would (retried until it is stored). */
async function linkTo(customerId: string, messageId: string): Promise<void> {
  await links.add('link', { messageId, customerId, mergedCustomerIds: [], linkedAt: new Date().toISOString() });
}
