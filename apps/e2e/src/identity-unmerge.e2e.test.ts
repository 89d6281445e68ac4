import type { TouchpointInput } from '@c360/contracts';
import { uniqueName, waitFor } from '@c360/testing';
import { gatewayQuery, postBatch, System, tokenFor, waitForQueuesIdle } from './system';

const system = new System();
let token: string;

beforeAll(async () => {
  await system.start();
  token = await tokenFor({ subject: 'e2e-steward', roles: ['service', 'support'], scopes: [] });
}, 180_000);

afterAll(() => system.stop(), 60_000);

const VIEW = /* GraphQL */ `
  query ($id: ID!) {
    customer(id: $id) {
      id
      identifiers {
        typeName
        value
      }
      journey(first: 20) {
        totalCount
        edges {
          node {
            messageId
          }
        }
      }
    }
  }
`;
type View = { id: string; identifiers: { typeName: string; value: string }[]; journey: { totalCount: number; edges: { node: { messageId: string } }[] } };

async function view(id: string): Promise<View> {
  const res = await gatewayQuery<{ customer: View }>(system, VIEW, { id }, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data!.customer;
}

const BY_DEVICE = `query ($v: String!) { customerByIdentifier(type: DEVICE_ID, value: $v) { id } }`;

function tp(messageId: string, deviceIds: string[], email?: string): TouchpointInput {
  const identifiers: TouchpointInput['identifiers'] = { deviceId: deviceIds[0] };
  if (email) identifiers.email = email;
  if (deviceIds[1]) identifiers.anonymousId = deviceIds[1];
  return { messageId, type: 'track', event: 'Opened', channel: 'app', occurredAt: '2026-10-01T09:00:00Z', identifiers, properties: {} };
}

describe('unmerge round trip through identity-graph and touchpoint-store', () => {
  it('merges two people on a shared id, then unmerge restores both customers and their journeys', async () => {
    const tag = uniqueName('u');
    const [deviceA, anonB] = [`dev-${tag}`, `anon-${tag}`];
    const [ma, mb, mlink] = [`${tag}-a`, `${tag}-b`, `${tag}-link`];
    await postBatch(system, [tp(ma, [deviceA])], token);
    await waitForQueuesIdle(system);
    await postBatch(system, [{ ...tp(mb, [], `${tag}@example.com`), identifiers: { anonymousId: anonB, email: `${tag}@example.com` } }], token);
    await waitForQueuesIdle(system);
    await postBatch(system, [tp(mlink, [deviceA, anonB])], token);
    await waitForQueuesIdle(system);

    const survivor = (await gatewayQuery<{ customerByIdentifier: { id: string } }>(system, BY_DEVICE, { v: deviceA }, token)).body.data!.customerByIdentifier
      .id;
    const merged = await waitFor(
      async () => {
        const v = await view(survivor);
        return v.journey.totalCount === 3 && v;
      },
      30_000,
      'the merged journey',
    );
    expect(merged.identifiers).toHaveLength(3);

    const history = await gatewayQuery<{ customer: { mergeHistory: { absorbedCustomerIds: string[] }[] } }>(
      system,
      `query ($id: ID!) { customer(id: $id) { mergeHistory { absorbedCustomerIds } } }`,
      { id: survivor },
      token,
    );
    const restoredId = history.body.data!.customer.mergeHistory[0]!.absorbedCustomerIds[0]!;
    const res = await gatewayQuery<{ unmergeCustomer: { ok: boolean } }>(
      system,
      `mutation ($id: ID!) { unmergeCustomer(customerId: $id, reason: "e2e") { ok } }`,
      { id: restoredId },
      token,
    );
    expect(res.body.data?.unmergeCustomer.ok).toBe(true);
    await waitForQueuesIdle(system);

    const restored = await waitFor(
      async () => {
        const v = await view(restoredId);
        return v.journey.totalCount === 1 && v;
      },
      30_000,
      'the restored journey',
    );
    expect(restored.id).toBe(restoredId);
    expect(restored.journey.edges.map((e) => e.node.messageId)).toEqual([mb]);
    expect(restored.identifiers.map((i) => i.value).sort()).toEqual([anonB, `${tag}@example.com`].sort());
    const after = await view(survivor);
    expect(after.journey.edges.map((e) => e.node.messageId).sort()).toEqual([ma, mlink].sort());
    expect(after.identifiers.map((i) => i.value)).toEqual([deviceA]);
  });
});
