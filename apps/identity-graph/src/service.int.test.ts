import { EVENTS, eventQueueName, type CustomerUpdatedEvent } from '@c360/contracts';
import { queuedItems, subgraphRequest, uniqueName, waitFor } from '@c360/testing';
import type { Queue } from 'bullmq';
import { IdentityGraphUnderTest } from './testing/identity-graph.harness';

const ig = new IdentityGraphUnderTest();
let insightsEvents: Queue<CustomerUpdatedEvent>;

beforeAll(async () => {
  await ig.start();
  insightsEvents = ig.queue(eventQueueName(EVENTS.customerUpdated, 'insights'));
});
afterAll(() => ig.close());

const BY_IDENTIFIER = /* GraphQL */ `
  query ($type: IdentifierType!, $value: String!) {
    customerByIdentifier(type: $type, value: $value) {
      id
      version
      identifiers {
        type
        value
      }
      mergeHistory {
        rule
        absorbedCustomerIds
      }
    }
  }
`;
type ByIdentifier = {
  customerByIdentifier: {
    id: string;
    version: number;
    identifiers: { type: string; value: string }[];
    mergeHistory: { rule: string; absorbedCustomerIds: string[] }[];
  } | null;
};

async function waiting<T>(queue: Queue<T>, messageId: string) {
  const items = await queuedItems<{ messageId?: string; touchpoint?: { messageId: string } }>(queue);
  return items.filter((d) => d.messageId === messageId || d.touchpoint?.messageId === messageId).map((data) => ({ data: data as T }));
}

describe('identity-graph worker and API', () => {
  it('resolves queued touchpoints into one customer, then tells subscribers and touchpoint-store', async () => {
    const email = `${uniqueName('u')}@example.com`;
    const anonymousId = uniqueName('anon');
    const m1 = uniqueName('m');
    const m2 = uniqueName('m');
    await ig.resolveQueue.add('resolve', {
      messageId: m1,
      channel: 'web',
      occurredAt: '2026-05-01T10:00:00Z',
      identifiers: [{ type: 'anonymousId', value: anonymousId }],
    });
    await ig.resolveQueue.add('resolve', {
      messageId: m2,
      channel: 'call_center',
      occurredAt: '2026-05-02T10:00:00Z',
      identifiers: [
        { type: 'anonymousId', value: anonymousId },
        { type: 'email', value: ` ${email.toUpperCase()}` },
        { type: 'phone', value: 'not a phone' },
      ],
    });

    const [first, second] = await waitFor(async () => {
      const [l1, l2] = [await waiting(ig.links, m1), await waiting(ig.links, m2)];
      return l1.length === 1 && l2.length === 1 && [l1[0]!, l2[0]!];
    });
    expect(first!.data.customerId).toBe(second!.data.customerId);
    const event = (await waiting(insightsEvents, m2))[0]!.data;
    expect(event).toMatchObject({ customerId: first!.data.customerId, touchpoint: { channel: 'call_center' } });

    const res = await subgraphRequest<ByIdentifier>(ig.url, BY_IDENTIFIER, { type: 'EMAIL', value: email });
    expect(res.data?.customerByIdentifier?.id).toBe(event.customerId);
    // Whichever job ran first, the second one's event carries the customer's current version.
    expect(res.data?.customerByIdentifier?.version).toBe(event.version);
    // The invalid phone was dropped, not stored.
    expect(res.data?.customerByIdentifier?.identifiers.map((i) => i.type).sort()).toEqual(['ANONYMOUS_ID', 'EMAIL']);
  });

  it('publishes the merged-away customers so other stores can follow them', async () => {
    const [a, b] = [uniqueName('dev'), uniqueName('dev')];
    const [m1, m2, m3] = [uniqueName('m'), uniqueName('m'), uniqueName('m')];
    await ig.resolveQueue.add('resolve', { messageId: m1, channel: 'app', occurredAt: '2026-05-01T10:00:00Z', identifiers: [{ type: 'deviceId', value: a }] });
    await waitFor(async () => (await waiting(ig.links, m1)).length === 1);
    await ig.resolveQueue.add('resolve', { messageId: m2, channel: 'app', occurredAt: '2026-05-01T11:00:00Z', identifiers: [{ type: 'deviceId', value: b }] });
    await waitFor(async () => (await waiting(ig.links, m2)).length === 1);
    await ig.resolveQueue.add('resolve', {
      messageId: m3,
      channel: 'web',
      occurredAt: '2026-05-01T12:00:00Z',
      identifiers: [
        { type: 'deviceId', value: a },
        { type: 'deviceId', value: b },
      ],
    });

    const [link] = await waitFor(async () => {
      const l = await waiting(ig.links, m3);
      return l.length === 1 && l;
    });
    const absorbed = (await waiting(ig.links, m2))[0]!.data.customerId;
    expect(link!.data.mergedCustomerIds).toEqual([absorbed]);
    const res = await subgraphRequest<ByIdentifier>(ig.url, BY_IDENTIFIER, { type: 'DEVICE_ID', value: b });
    expect(res.data?.customerByIdentifier?.mergeHistory).toEqual([{ rule: 'shared-identifier', absorbedCustomerIds: [absorbed] }]);
  });

  it('answers an entity reference to a merged-away id with the survivor', async () => {
    const [a, b] = [uniqueName('crm'), uniqueName('dev')];
    for (const [messageId, identifiers] of [
      ['x1', [{ type: 'crmId' as const, value: a }]],
      ['x2', [{ type: 'deviceId' as const, value: b }]],
      [
        'x3',
        [
          { type: 'crmId' as const, value: a },
          { type: 'deviceId' as const, value: b },
        ],
      ],
    ] as const) {
      const id = uniqueName(messageId);
      await ig.resolveQueue.add('resolve', { messageId: id, channel: 'store', occurredAt: '2026-05-01T10:00:00Z', identifiers: [...identifiers] });
      await waitFor(async () => (await waiting(ig.links, id)).length === 1);
    }
    const survivor = (await subgraphRequest<ByIdentifier>(ig.url, BY_IDENTIFIER, { type: 'CRM_ID', value: a })).data!.customerByIdentifier!;
    const absorbedId = survivor.mergeHistory[0]!.absorbedCustomerIds[0]!;
    const res = await subgraphRequest<{ _entities: { id: string }[] }>(
      ig.url,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id } } }`,
      { reps: [{ __typename: 'Customer', id: absorbedId }] },
    );
    expect(res.data?._entities[0]?.id).toBe(survivor.id);
    const byId = await subgraphRequest<{ customer: { id: string } | null }>(ig.url, `query ($id: ID!) { customer(id: $id) { id } }`, { id: absorbedId });
    expect(byId.data?.customer?.id).toBe(survivor.id);
  });

  it('rejects a malformed identifier in a lookup with BAD_USER_INPUT', async () => {
    const res = await subgraphRequest(ig.url, BY_IDENTIFIER, { type: 'EMAIL', value: 'nobody' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a request that did not come through the gateway', async () => {
    const res = await subgraphRequest(ig.url, BY_IDENTIFIER, { type: 'EMAIL', value: 'a@b.io' }, null);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
