import type { TouchpointInput } from '@c360/contracts';
import { uniqueName, waitFor } from '@c360/testing';
import { eraseByEmail, gatewayData, postBatch, System, tokenFor, waitForQueuesIdle } from './system';

/**
 * An unmerged customer is another person: erasing either side of an undone merge must leave the
 * other whole (identifiers, touchpoints, consents, insights, drafts), and after the split each side's
 * consent answers come from its own ledger.
 */
const system = new System();
let token: string;

beforeAll(async () => {
  await system.start();
  token = await tokenFor({ subject: 'e2e-officer', roles: ['service', 'compliance'], scopes: [] });
}, 180_000);

afterAll(() => system.stop(), 60_000);

const query = <T>(text: string, variables: Record<string, unknown> = {}) => gatewayData<T>(system, text, variables, token);

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
      consents {
        purpose
        channel
        status
        isDefault
      }
      engagement {
        touchCount
      }
      greeting {
        text
      }
    }
  }
`;
interface View {
  id: string;
  identifiers: { typeName: string; value: string }[];
  journey: { totalCount: number; edges: { node: { messageId: string } }[] };
  consents: { purpose: string; channel: string | null; status: string; isDefault: boolean }[];
  engagement: { touchCount: number };
  greeting: { text: string } | null;
}

async function view(id: string): Promise<View> {
  return (await query<{ customer: View }>(VIEW, { id })).customer;
}

/** The parts of a view that must not change when someone else is erased, in a stable order. */
function comparable(v: View) {
  return {
    id: v.id,
    identifiers: v.identifiers.map((i) => `${i.typeName}:${i.value}`).sort(),
    journey: v.journey.edges.map((e) => e.node.messageId).sort(),
    consents: v.consents.map((c) => `${c.purpose}/${c.channel ?? '*'}=${c.status}`).sort(),
    touchCount: v.engagement.touchCount,
    greeting: v.greeting?.text ?? null,
  };
}

const BY_EMAIL = `query ($v: String!) { customerByIdentifier(type: EMAIL, value: $v) { id } }`;

async function idByEmail(email: string): Promise<string | null> {
  return (await query<{ customerByIdentifier: { id: string } | null }>(BY_EMAIL, { v: email })).customerByIdentifier?.id ?? null;
}

function tp(messageId: string, identifiers: TouchpointInput['identifiers'], occurredAt: string): TouchpointInput {
  return { messageId, type: 'track', event: 'Opened', channel: 'app', occurredAt, identifiers, properties: {} };
}

async function grant(customerId: string, purpose: string, channel: string | null): Promise<void> {
  await query(
    `mutation ($id: ID!, $p: ConsentPurpose!, $c: Channel) { recordConsent(input: { customerId: $id, purpose: $p, channel: $c, status: GRANTED, source: "e2e" }) { status } }`,
    {
      id: customerId,
      p: purpose,
      c: channel,
    },
  );
}

interface Person {
  id: string;
  email: string;
  messageIds: string[];
}

/**
 * Two people, each with two identifiers, one touchpoint and a consent of their own; a touchpoint on a
 * shared device merges them; then the absorbed one is split back out. Returns the survivor and the
 * restored customer with their views once every service has settled.
 */
async function mergedThenSplit(): Promise<{ survivor: Person; restored: Person; views: Map<string, View> }> {
  const tag = uniqueName('w');
  const x = { email: `x-${tag}@example.com`, device: `dev-${tag}`, message: `${tag}-x` };
  const y = { email: `y-${tag}@example.com`, anon: `anon-${tag}`, message: `${tag}-y` };
  const link = `${tag}-link`;
  await postBatch(system, [tp(x.message, { deviceId: x.device, email: x.email }, '2026-10-01T09:00:00Z')], token);
  await postBatch(system, [tp(y.message, { anonymousId: y.anon, email: y.email }, '2026-10-01T10:00:00Z')], token);
  await waitForQueuesIdle(system);
  const [xId, yId] = [await idByEmail(x.email), await idByEmail(y.email)];
  expect(xId && yId && xId !== yId).toBeTruthy();
  await grant(xId!, 'SMS_MARKETING', null);
  await grant(yId!, 'EMAIL_MARKETING', 'EMAIL');

  await postBatch(system, [tp(link, { deviceId: x.device, anonymousId: y.anon }, '2026-10-02T09:00:00Z')], token);
  await waitForQueuesIdle(system);
  const survivorId = (await idByEmail(x.email))!;
  expect(await idByEmail(y.email)).toBe(survivorId);
  const restoredId = survivorId === xId ? yId! : xId!;
  await waitFor(async () => (await view(survivorId)).engagement.touchCount === 3, 30_000, 'the merge to reach insights');

  const split = await query<{ unmergeCustomer: { ok: boolean } }>(
    `mutation ($id: ID!) { unmergeCustomer(customerId: $id, reason: "e2e: two people") { ok } }`,
    { id: restoredId },
  );
  expect(split.unmergeCustomer.ok).toBe(true);
  await waitForQueuesIdle(system);

  const views = new Map<string, View>();
  for (const id of [survivorId, restoredId]) {
    views.set(
      id,
      await waitFor(
        async () => {
          const v = await view(id);
          return v.engagement.touchCount === v.journey.totalCount && v.greeting && v;
        },
        30_000,
        `customer ${id} to settle after the split`,
      ),
    );
  }
  const person = (id: string): Person => ({
    id,
    email: id === xId ? x.email : y.email,
    messageIds: views.get(id)!.journey.edges.map((e) => e.node.messageId),
  });
  return { survivor: person(survivorId), restored: person(restoredId), views };
}

async function erase(email: string): Promise<Record<string, Record<string, number>>> {
  const done = await eraseByEmail(system, email, token);
  expect(done).toMatchObject({ status: 'COMPLETED', failureReason: null, receipt: { verified: true } });
  return Object.fromEntries(done.receipt!.services.map((s) => [s.service, JSON.parse(s.deleted) as Record<string, number>]));
}

/** Erases one side of the split and checks the other is exactly as it was. */
async function eraseOneKeepOther(erased: Person, kept: Person, views: Map<string, View>): Promise<void> {
  const before = views.get(kept.id)!;
  const deleted = await erase(erased.email);

  expect(deleted['identity-graph']).toMatchObject({ customers: 1, identifiers: views.get(erased.id)!.identifiers.length });
  expect(deleted['touchpoint-store']).toMatchObject({ touchpoints: erased.messageIds.length });
  expect(await idByEmail(erased.email)).toBeNull();

  expect(await idByEmail(kept.email)).toBe(kept.id);
  expect(comparable(await view(kept.id))).toEqual(comparable(before));
}

describe('erasure after an unmerge', () => {
  it('erasing the survivor leaves the customer split out of it whole', async () => {
    const { survivor, restored, views } = await mergedThenSplit();
    await eraseOneKeepOther(survivor, restored, views);
  });

  it('erasing the customer split out leaves the survivor whole', async () => {
    const { survivor, restored, views } = await mergedThenSplit();
    await eraseOneKeepOther(restored, survivor, views);
  });

  it("after the split each side's consent comes from its own ledger", async () => {
    const { survivor, restored, views } = await mergedThenSplit();
    const granted = (v: View) =>
      v.consents
        .filter((c) => c.status === 'GRANTED' && !c.isDefault)
        .map((c) => `${c.purpose}/${c.channel ?? '*'}`)
        .sort();
    const own = (p: Person) => (p.email.startsWith('x-') ? ['SMS_MARKETING/*'] : ['EMAIL_MARKETING/EMAIL']);
    expect(granted(views.get(survivor.id)!)).toEqual(own(survivor));
    expect(granted(views.get(restored.id)!)).toEqual(own(restored));
  });
});
