import type { TouchpointInput } from '@c360/contracts';
import { uniqueName, waitFor } from '@c360/testing';
import { gatewayQuery, postBatch, System, tokenFor, waitForQueuesIdle } from './system';

const SENTIMENT = /* GraphQL */ `
  query ($email: String!) {
    customerByIdentifier(type: EMAIL, value: $email) {
      id
      sentiment {
        trend
        label
        score
        textCount
        negativeTurn
        withheld
      }
    }
  }
`;
interface Answer {
  id: string;
  sentiment: { trend: number | null; label: string | null; score: number | null; textCount: number | null; negativeTurn: boolean | null; withheld: boolean };
}

const system = new System();
let token: string;

beforeAll(async () => {
  await system.start();
  token = await tokenFor({ subject: 'e2e', roles: ['service', 'compliance'], scopes: [] });
}, 180_000);

afterAll(() => system.stop(), 60_000);

function said(email: string, text: string, occurredAt: string, channel: TouchpointInput['channel'] = 'email'): TouchpointInput {
  return { messageId: uniqueName('said'), type: 'contact', channel, occurredAt, identifiers: { email }, properties: {}, text };
}

describe('sentiment of what a customer writes, through every service', () => {
  it('scores review, email and call text as it arrives, and a sharp negative turn brings a service check-in from generation', async () => {
    const email = `${uniqueName('s')}@example.com`;
    await postBatch(system, [said(email, 'Lovely shop, the staff were wonderful and so helpful!', '2026-10-01T09:00:00Z', 'social')], token);
    await postBatch(system, [said(email, 'Thanks, great service, I am very happy with my order.', '2026-10-02T09:00:00Z')], token);
    await waitForQueuesIdle(system);
    // Marketing consent on email, so generation may reach out after the turn (its recovery checks it).
    const known = await gatewayQuery<{ customerByIdentifier: { id: string } | null }>(
      system,
      `query ($email: String!) { customerByIdentifier(type: EMAIL, value: $email) { id } }`,
      { email },
      token,
    );
    const customerId = known.body.data?.customerByIdentifier?.id;
    if (!customerId) throw new Error(JSON.stringify(known.body));
    const granted = await gatewayQuery(
      system,
      `mutation ($id: ID!) { recordConsent(input: { customerId: $id, purpose: EMAIL_MARKETING, channel: EMAIL, status: GRANTED, source: "e2e" }) { __typename } }`,
      { id: customerId },
      token,
    );
    expect(granted.body.errors).toBeUndefined();
    const angry = said(
      email,
      'Worst experience ever. I am furious, the product is broken and support was useless and rude.',
      '2026-10-04T09:00:00Z',
      'call_center',
    );
    await postBatch(system, [angry], token);

    const answer = await waitFor(
      async () => {
        const res = await gatewayQuery<{ customerByIdentifier: Answer | null }>(system, SENTIMENT, { email }, token);
        if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
        const c = res.body.data?.customerByIdentifier;
        return c && c.sentiment.textCount === 3 ? c : undefined;
      },
      45_000,
      'three scored texts',
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${system.logs()}`);
    });
    expect(answer.sentiment).toMatchObject({ negativeTurn: true, withheld: false });
    expect(answer.sentiment.score!).toBeLessThan(-0.3);

    // generation consumed the announcement: a service check-in drafted for the customer, grounded on the turn.
    const drafts = await waitFor(
      async () => {
        const res = await gatewayQuery<{ customerByIdentifier: { contentDrafts: { purpose: string; trigger: string; channel: string }[] } | null }>(
          system,
          `query ($email: String!) { customerByIdentifier(type: EMAIL, value: $email) { contentDrafts { purpose trigger channel } } }`,
          { email },
          token,
        );
        if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
        const list = res.body.data?.customerByIdentifier?.contentDrafts ?? [];
        return list.some((d) => d.trigger === 'SENTIMENT_TURNED') && list;
      },
      45_000,
      'a service check-in after the turn',
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${system.logs()}`);
    });
    expect(drafts.find((d) => d.trigger === 'SENTIMENT_TURNED')).toMatchObject({ purpose: 'SERVICE', channel: 'EMAIL' });
  });
});
