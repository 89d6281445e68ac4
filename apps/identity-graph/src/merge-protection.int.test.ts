import type { ResolveJob } from '@c360/contracts';
import { subgraphRequest, uniqueName } from '@c360/testing';
import { IdentityGraphUnderTest } from './testing/identity-graph.harness';

const ig = new IdentityGraphUnderTest();

beforeAll(() => ig.start());
afterAll(() => ig.close());

async function resolved(identifiers: ResolveJob['identifiers']): Promise<{ messageId: string; customerId: string }> {
  const messageId = uniqueName('m');
  return { messageId, customerId: await ig.resolveAndLink({ messageId, channel: 'call_center', occurredAt: '2026-06-01T10:00:00Z', identifiers }) };
}

const CONFLICTS = `query ($id: ID!) { customer(id: $id) { identityConflicts { identifierType reason customerIds messageId } } identityConflicts(first: 500) { messageId } }`;
type Conflicts = {
  customer: { identityConflicts: { identifierType: string; reason: string; customerIds: string[]; messageId: string }[] };
  identityConflicts: { messageId: string }[];
};

describe('merge protection through the worker and the API', () => {
  it('never merges two CRM customers that share an email, and shows the conflict to stewards only', async () => {
    const email = `${uniqueName('shared')}@example.com`;
    const a = await resolved([
      { type: 'crmId', value: uniqueName('CRM') },
      { type: 'email', value: email },
    ]);
    const b = await resolved([
      { type: 'crmId', value: uniqueName('CRM') },
      { type: 'accountId', value: uniqueName('acc') },
    ]);
    const linking = await resolved([
      { type: 'email', value: email },
      { type: 'accountId', value: (await accountOf(b.customerId))! },
    ]);
    // The accountId outranks the email: the call goes to B, and A stays apart.
    expect(linking.customerId).toBe(b.customerId);

    const res = await subgraphRequest<Conflicts>(ig.url, CONFLICTS, { id: a.customerId }, { subject: 's', roles: ['compliance'], scopes: [] });
    expect(res.errors).toBeUndefined();
    expect(res.data?.customer.identityConflicts).toEqual([
      { identifierType: 'crmId', reason: 'unique-identifier', customerIds: [b.customerId, a.customerId], messageId: linking.messageId },
    ]);
    expect(res.data?.identityConflicts.map((c) => c.messageId)).toContain(linking.messageId);

    const denied = await subgraphRequest(ig.url, CONFLICTS, { id: b.customerId }, { subject: 'm', roles: ['marketer'], scopes: [] });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

async function accountOf(customerId: string): Promise<string | undefined> {
  const res = await subgraphRequest<{ customer: { identifiers: { typeName: string; value: string }[] } }>(
    ig.url,
    `query ($id: ID!) { customer(id: $id) { identifiers { typeName value } } }`,
    { id: customerId },
  );
  return res.data?.customer.identifiers.find((i) => i.typeName === 'accountId')?.value;
}
