import type { TouchpointInput } from '@c360/contracts';
import { uniqueName, uniquePhone, waitFor } from '@c360/testing';
import { gatewayQuery, postBatch, System, tokenFor, waitForQueuesIdle } from './system';

const CUSTOMER_360 = /* GraphQL */ `
  query Customer360($email: String!) {
    customerByIdentifier(type: EMAIL, value: $email) {
      id
      version
      identifiers {
        type
        value
      }
      journey(first: 10) {
        totalCount
        edges {
          node {
            messageId
            channel
            occurredAt
          }
        }
      }
      engagement {
        touchCount
        lastChannel
        channels {
          channel
          touchCount
        }
      }
      consents {
        purpose
        channel
        status
        isDefault
      }
      greeting {
        text
        provider
        basedOnVersion
      }
    }
  }
`;

interface Customer360 {
  id: string;
  version: number;
  identifiers: { type: string; value: string }[];
  journey: { totalCount: number; edges: { node: { messageId: string; channel: string; occurredAt: string } }[] };
  engagement: { touchCount: number; lastChannel: string; channels: { channel: string; touchCount: number }[] };
  consents: { purpose: string; channel: string | null; status: string; isDefault: boolean }[];
  greeting: { text: string; provider: string; basedOnVersion: number } | null;
}

/** One person: anonymous web visit, web sign-up, then a call-centre call. */
function person() {
  const tag = uniqueName('p');
  const email = `${tag}@example.com`;
  const anonymousId = `anon-${tag}`;
  const phone = uniquePhone();
  const crmId = `CRM-${tag}`;
  const touchpoints: TouchpointInput[] = [
    {
      messageId: `${tag}-visit`,
      type: 'page',
      channel: 'web',
      occurredAt: '2026-10-01T09:00:00Z',
      identifiers: { anonymousId },
      properties: { path: '/pricing' },
    },
    {
      messageId: `${tag}-signup`,
      type: 'identify',
      event: 'Signed Up',
      channel: 'web',
      occurredAt: '2026-10-01T09:05:00Z',
      identifiers: { anonymousId, email: ` ${email.toUpperCase()} ` },
      properties: {},
    },
    {
      messageId: `${tag}-call`,
      type: 'contact',
      event: 'Call Completed',
      channel: 'call_center',
      occurredAt: '2026-10-03T14:30:00Z',
      identifiers: { phone, email, crmId },
      properties: { reason: 'billing' },
    },
  ];
  return { email, anonymousId, phone, crmId, touchpoints };
}

const system = new System();
let token: string;

beforeAll(async () => {
  await system.start();
  token = await tokenFor({ subject: 'e2e', roles: ['service', 'compliance'], scopes: [] });
}, 180_000);

afterAll(() => system.stop(), 60_000);

async function customer360(email: string, until: (c: Customer360) => boolean): Promise<Customer360> {
  try {
    return await waitFor(
      async () => {
        const res = await gatewayQuery<{ customerByIdentifier: Customer360 | null }>(system, CUSTOMER_360, { email }, token);
        if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
        const c = res.body.data?.customerByIdentifier;
        return c && until(c) ? c : undefined;
      },
      45_000,
      'the customer 360 view',
    );
  } catch (err) {
    throw new Error(`${String(err)}\n${system.logs()}`);
  }
}

function complete(c: Customer360): boolean {
  return c.identifiers.length === 4 && c.journey.totalCount === 3 && c.engagement.touchCount === 3 && c.greeting?.basedOnVersion === c.version;
}

function expectOneCustomerWithEverything(c: Customer360, p: ReturnType<typeof person>): void {
  expect(c.identifiers.map((i) => `${i.type}:${i.value}`).sort()).toEqual(
    [`ANONYMOUS_ID:${p.anonymousId}`, `CRM_ID:${p.crmId}`, `EMAIL:${p.email}`, `PHONE:${p.phone}`].sort(),
  );
  expect(c.journey.edges.map((e) => e.node.messageId)).toEqual(p.touchpoints.map((t) => t.messageId));
  expect(c.engagement.channels).toEqual(
    expect.arrayContaining([
      { channel: 'WEB', touchCount: 2 },
      { channel: 'CALL_CENTER', touchCount: 1 },
    ]),
  );
  expect(c.greeting?.provider).toBe('offline-template');
  expect(c.greeting?.text.length).toBeGreaterThan(10);
  expect(c.consents.length).toBeGreaterThan(0);
}

describe('one customer flowing through all five subgraphs', () => {
  it('stitches an anonymous visit, a sign-up and a call into one customer, in the order they happened', async () => {
    const p = person();
    for (const tp of p.touchpoints) {
      const res = await postBatch(system, [tp], token);
      expect(res.body.results[0]?.status).toBe('accepted');
      // Each arrives after the previous one went through every service, as a person's visits would.
      await waitForQueuesIdle(system);
    }
    const c = await customer360(p.email, complete);
    expectOneCustomerWithEverything(c, p);
  });

  it.each([
    ['reverse order, one batch each', (tps: TouchpointInput[]) => [...tps].reverse().map((t) => [t])],
    ['all three in one batch', (tps: TouchpointInput[]) => [tps]],
    ['call first, then visit, then sign-up', (tps: TouchpointInput[]) => [[tps[2]!], [tps[0]!], [tps[1]!]]],
  ])('gives the same single customer when sent in %s', async (_, batches) => {
    const p = person();
    for (const batch of batches(p.touchpoints)) expect((await postBatch(system, batch, token)).status).toBe(200);
    const c = await customer360(p.email, complete);
    expectOneCustomerWithEverything(c, p);
  });

  it('records a consent through the gateway and serves it on the customer', async () => {
    const p = person();
    await postBatch(system, p.touchpoints, token);
    const c = await customer360(p.email, complete);
    const res = await gatewayQuery(
      system,
      `mutation ($id: ID!) { recordConsent(input: { customerId: $id, purpose: EMAIL_MARKETING, channel: EMAIL, status: GRANTED, source: "e2e" }) { __typename } }`,
      { id: c.id },
      token,
    );
    expect(res.body.errors).toBeUndefined();
    const after = await customer360(p.email, (x) => x.consents.some((k) => k.purpose === 'EMAIL_MARKETING' && k.status === 'GRANTED'));
    expect(after.consents.find((k) => k.purpose === 'EMAIL_MARKETING' && k.channel === 'EMAIL')).toMatchObject({ status: 'GRANTED', isDefault: false });
  });

  it('changes nothing when the same batch is replayed, and keeps the good items of a bad batch', async () => {
    const p = person();
    await postBatch(system, p.touchpoints, token);
    const before = await customer360(p.email, complete);

    const replay = await postBatch(system, [...p.touchpoints, { messageId: 'bad', type: 'page', channel: 'fax', identifiers: {} }], token);
    expect(replay.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
    expect(replay.body.results[3]?.reason).toBeTruthy();

    await waitForQueuesIdle(system);
    const after = await customer360(p.email, complete);
    expect(after).toEqual(before);
  });
});
