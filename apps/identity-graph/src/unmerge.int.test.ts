import { EVENTS, eventQueueName, type CustomerSplitEvent, type ResolveJob } from '@c360/contracts';
import { subgraphRequest, uniqueName, waitFor } from '@c360/testing';
import type { Queue } from 'bullmq';
import { IdentityGraphUnderTest } from './testing/identity-graph.harness';

const ig = new IdentityGraphUnderTest();
const steward = { subject: 'steward-1', roles: ['support' as const], scopes: [] };
let splits: Queue<CustomerSplitEvent>;

beforeAll(async () => {
  await ig.start();
  splits = ig.queue(eventQueueName(EVENTS.customerSplit, 'touchpoint-store'));
});
afterAll(() => ig.close());

async function resolved(messageId: string, identifiers: ResolveJob['identifiers']): Promise<string> {
  return ig.resolveAndLink({ messageId, channel: 'web', occurredAt: '2026-05-01T10:00:00Z', identifiers });
}

const CUSTOMER = `query ($type: IdentifierType!, $value: String!) {
  customerByIdentifier(type: $type, value: $value) { id personIds identifiers { typeName value } mergeHistory { rule absorbedCustomerIds undoneCustomerIds } }
}`;
type Found = {
  customerByIdentifier: {
    id: string;
    personIds: string[];
    identifiers: { typeName: string; value: string }[];
    mergeHistory: { rule: string; absorbedCustomerIds: string[]; undoneCustomerIds: string[] }[];
  } | null;
};
const UNMERGE = `mutation ($id: ID!) { unmergeCustomer(customerId: $id, reason: "two people sharing a tablet") { ok errorCode splitId movedTouchpoints restored { id } survivor { id } } }`;
const EXPLAIN = `query ($id: ID!, $value: String!) { explainLink(customerId: $id, type: DEVICE_ID, value: $value) { customerId originCustomerId viaMessageId merges { rule evidence } } }`;

describe('merge history, explanation and unmerge', () => {
  it('explains a link, splits a wrong merge back into both customers, tells touchpoint-store, and does not re-merge them', async () => {
    const [tablet, phoneApp, email] = [uniqueName('dev'), uniqueName('dev'), `${uniqueName('u')}@example.com`];
    const [m1, m2, m3, m4] = [uniqueName('m'), uniqueName('m'), uniqueName('m'), uniqueName('m')];
    const a = await resolved(m1, [{ type: 'deviceId', value: tablet }]);
    const b = await resolved(m2, [
      { type: 'deviceId', value: phoneApp },
      { type: 'email', value: email },
    ]);
    expect(
      await resolved(m3, [
        { type: 'deviceId', value: tablet },
        { type: 'deviceId', value: phoneApp },
      ]),
    ).toBe(a);

    const explained = await subgraphRequest<{
      explainLink: { customerId: string; originCustomerId: string; viaMessageId: string; merges: { rule: string; evidence: string }[] };
    }>(ig.url, EXPLAIN, { id: b, value: phoneApp }, steward);
    expect(explained.data?.explainLink).toMatchObject({ customerId: a, originCustomerId: b, viaMessageId: m2, merges: [{ rule: 'shared-identifier' }] });
    expect(JSON.parse(explained.data!.explainLink.merges[0]!.evidence)).toMatchObject({ messageId: m3 });

    // One person while merged: a data-subject request about either id covers both.
    expect((await subgraphRequest<Found>(ig.url, CUSTOMER, { type: 'EMAIL', value: email })).data!.customerByIdentifier!.personIds.sort()).toEqual(
      [a, b].sort(),
    );

    const refused = await subgraphRequest(ig.url, UNMERGE, { id: b }, { subject: 'm', roles: ['marketer'], scopes: [] });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const res = await subgraphRequest<{
      unmergeCustomer: { ok: boolean; splitId: string; movedTouchpoints: number; restored: { id: string }; survivor: { id: string } };
    }>(ig.url, UNMERGE, { id: b }, steward);
    expect(res.data?.unmergeCustomer).toMatchObject({ ok: true, movedTouchpoints: 1, restored: { id: b }, survivor: { id: a } });

    const byEmail = (await subgraphRequest<Found>(ig.url, CUSTOMER, { type: 'EMAIL', value: email })).data!.customerByIdentifier!;
    expect(byEmail.id).toBe(b);
    expect(byEmail.identifiers.map((i) => i.value).sort()).toEqual([email, phoneApp].sort());
    const byTablet = (await subgraphRequest<Found>(ig.url, CUSTOMER, { type: 'DEVICE_ID', value: tablet })).data!.customerByIdentifier!;
    expect(byTablet.identifiers.map((i) => i.value)).toEqual([tablet]);
    expect(byTablet.mergeHistory).toEqual([{ rule: 'shared-identifier', absorbedCustomerIds: [b], undoneCustomerIds: [b] }]);
    // Two people again: the history still names b, the person no longer does.
    expect([byTablet.personIds, byEmail.personIds]).toEqual([[a], [b]]);

    const split = await waitFor(async () => (await splits.getJobs(['waiting'])).find((j) => j.data.splitId === res.data!.unmergeCustomer.splitId));
    expect(split.data).toMatchObject({ customerId: a, restoredCustomerId: b, restoredLineage: [] });
    expect(Object.fromEntries(split.data.assignments.map((x) => [x.customerId, x.messageIds.sort()]))).toEqual({ [a]: [m1, m3].sort(), [b]: [m2] });

    // The same evidence again is recorded as a conflict, not merged a second time.
    // (Both ids have the same priority, so the touchpoint goes to either; what matters is that they stay two.)
    expect([a, b]).toContain(
      await resolved(m4, [
        { type: 'deviceId', value: tablet },
        { type: 'deviceId', value: phoneApp },
      ]),
    );
    expect((await subgraphRequest<Found>(ig.url, CUSTOMER, { type: 'EMAIL', value: email })).data!.customerByIdentifier!.id).toBe(b);
    expect((await subgraphRequest<Found>(ig.url, CUSTOMER, { type: 'DEVICE_ID', value: tablet })).data!.customerByIdentifier!.id).toBe(a);

    const twice = await subgraphRequest<{ unmergeCustomer: { ok: boolean; errorCode: string } }>(ig.url, UNMERGE, { id: b }, steward);
    expect(twice.data?.unmergeCustomer).toEqual(expect.objectContaining({ ok: false, errorCode: 'NOT_MERGED' }));
  });
});
