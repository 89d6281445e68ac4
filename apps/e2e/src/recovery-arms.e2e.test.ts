import { EVENTS, type JourneyDropoffEvent } from '@c360/contracts';
import { createRedisConnection, EventPublisher, type RedisClient } from '@c360/service-kit';
import { uniqueName, waitFor } from '@c360/testing';
import { gatewayData, postBatch, System, tokenFor, waitForQueuesIdle } from './system';

// Half the customers held out, so both sides are found quickly; insights says which side a customer is on.
const system = new System({ NBA_HOLDOUT_SHARE: '0.5' });
let token: string;
let redis: RedisClient;
let publisher: EventPublisher;
const ACTION = uniqueName('journey-recovery').toLowerCase();
const PROBE = 'holdout-probe';

beforeAll(async () => {
  await system.start();
  token = await tokenFor({ subject: 'e2e-marketer', roles: ['marketer', 'service'], scopes: [] });
  redis = createRedisConnection(system.redisUrl);
  publisher = new EventPublisher({ connection: redis, prefix: system.queuePrefix });
}, 180_000);

afterAll(async () => {
  await publisher.close();
  await redis.quit();
  await system.stop();
}, 60_000);

const DECIDE = /* GraphQL */ `
  mutation ($c: ID!, $p: String!) {
    decideNextBestAction(customerId: $c, placement: $p) {
      reason
      decision {
        id
        holdout
        action {
          id
        }
        variant {
          armId
          draftId
        }
      }
    }
  }
`;
type Decided = {
  decideNextBestAction: {
    reason: string | null;
    decision: { id: string; holdout: boolean; action: { id: string } | null; variant: { armId: string; draftId: string } | null } | null;
  };
};
type Draft = { id: string; trigger: string; channel: string; actionId: string | null; decisionId: string | null; actionNote: string | null };

async function define(id: string, placement: string): Promise<void> {
  await gatewayData(
    system,
    `mutation ($i: ActionInput!) { defineAction(input: $i) { id } }`,
    { i: { id, kind: 'MESSAGE', name: 'Finish where you left off', channels: ['EMAIL'], placements: [placement] } },
    token,
  );
}

/** A customer known to identity-graph, with email marketing consent for generation and insights alike. */
async function newCustomer(): Promise<string> {
  const email = `${uniqueName('r')}@example.com`;
  await postBatch(
    system,
    [
      {
        messageId: uniqueName('m'),
        type: 'track',
        event: 'checkout_started',
        channel: 'web',
        occurredAt: new Date().toISOString(),
        identifiers: { email },
        properties: {},
      },
    ],
    token,
  );
  const id = await waitFor(async () => {
    const found = await gatewayData<{ customerByIdentifier: { id: string } | null }>(
      system,
      `query ($e: String!) { customerByIdentifier(type: EMAIL, value: $e) { id } }`,
      { e: email },
      token,
    );
    return found.customerByIdentifier?.id;
  }, 30_000);
  for (const purpose of ['EMAIL_MARKETING', 'MARKETING'])
    await gatewayData(
      system,
      `mutation ($id: ID!, $p: ConsentPurpose!) { recordConsent(input: { customerId: $id, purpose: $p, channel: EMAIL, status: GRANTED, source: "e2e" }) { __typename } }`,
      { id, p: purpose },
      token,
    );
  return id;
}

async function holdoutOf(customerId: string): Promise<boolean> {
  const d = await gatewayData<Decided>(system, DECIDE, { c: customerId, p: PROBE }, token);
  if (!d.decideNextBestAction.decision) throw new Error(`no probe decision: ${d.decideNextBestAction.reason}`);
  return d.decideNextBestAction.decision.holdout;
}

async function draftsOf(customerId: string): Promise<Draft[]> {
  const res = await gatewayData<{ customer: { contentDrafts: Draft[] } | null }>(
    system,
    `query ($id: ID!) { customer(id: $id) { contentDrafts { id trigger channel actionId decisionId actionNote } } }`,
    { id: customerId },
    token,
  );
  return res.customer?.contentDrafts ?? [];
}

const dropoff = (customerId: string): JourneyDropoffEvent => ({
  dropoffId: uniqueName('d'),
  customerId,
  journey: 'checkout',
  stepReached: 'payment_details',
  stepIndex: 2,
  score: 0.9,
  startedAt: new Date(Date.now() - 3_600_000).toISOString(),
  detectedAt: new Date().toISOString(),
  channels: ['email'],
});

describe('a recovery draft, through every service', () => {
  it('carries the action insights decides; approved, its variants are what insights’ next decision sends; a held-out customer gets none', async () => {
    await define(ACTION, 'recovery');
    await define(uniqueName('probe').toLowerCase(), PROBE);
    const side = new Map<boolean, string>();
    while (side.size < 2) {
      const id = await newCustomer();
      side.set(await holdoutOf(id), id);
    }
    const [treated, held] = [side.get(false) as string, side.get(true) as string];
    await publisher.publish(EVENTS.journeyDropoff, dropoff(treated), uniqueName('j'));
    await publisher.publish(EVENTS.journeyDropoff, dropoff(held), uniqueName('j'));

    const [draft] = await waitFor(
      async () => {
        const found = (await draftsOf(treated)).filter((d) => d.trigger === 'JOURNEY_DROPOFF');
        return found.length > 0 && found;
      },
      45_000,
      'the recovery draft',
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${system.logs()}`);
    });
    expect(draft).toMatchObject({ channel: 'EMAIL', actionId: ACTION, actionNote: `insights decided ${ACTION} on email` });
    expect(draft?.decisionId).toEqual(expect.any(String));
    await waitForQueuesIdle(system);
    expect(await draftsOf(held)).toEqual([]);

    await gatewayData(system, `mutation ($id: ID!) { approveDraft(id: $id) { status } }`, { id: draft!.id }, token);
    // insights learns of the approval by event; its next decision of the action for this customer sends one of the draft's variants.
    const decided = await waitFor(
      async () => {
        const d = (await gatewayData<Decided>(system, DECIDE, { c: treated, p: 'recovery' }, token)).decideNextBestAction.decision;
        return d?.variant && d;
      },
      30_000,
      'a decision carrying the approved variants',
    );
    expect(decided.action?.id).toBe(ACTION);
    expect(decided.variant?.draftId).toBe(draft!.id);
    expect([`${draft!.id}:1`, `${draft!.id}:2`]).toContain(decided.variant?.armId);
  });
});
