import { contentArmsJobId, EVENTS, eventQueueName, type ContentApprovedEvent, type ContentWithdrawnEvent } from '@c360/contracts';
import { SERVICE_CALLER, seededRandom, uniqueName, waitFor } from '@c360/testing';
import { inHoldout } from '../domain/decisions/holdout';
import { startInsightsHarness, type InsightsHarness } from '../testing/decisions-harness';

const SALT = 'variants-salt';
const SHARE = 0.3;
let h: InsightsHarness;

beforeAll(async () => {
  h = await startInsightsHarness({ NBA_HOLDOUT_SHARE: String(SHARE), NBA_HOLDOUT_SALT: SALT, NBA_CONVERSION_EVENTS: 'order_completed' });
});
afterAll(() => h.close());

const DECIDE = /* GraphQL */ `
  mutation ($c: ID!, $p: String!) {
    decideNextBestAction(customerId: $c, placement: $p) {
      reason
      decision {
        id
        holdout
        probability
        action {
          id
        }
        variant {
          armId
          draftId
          variantIndex
          probability
          policy
        }
      }
    }
  }
`;
const OUTCOME = `mutation ($d: ID!, $r: Float!) { recordDecisionOutcome(decisionId: $d, reward: $r) { id } }`;
const VARIANT_STATS = /* GraphQL */ `
  query ($id: ID!, $from: DateTime!, $to: DateTime!) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        contentVariantStats(from: $from, to: $to) {
          armId
          variantIndex
          actionId
          channel
          active
          decisions
          outcomes
          rewards
          rewardRate {
            rate
          }
          holdoutRate {
            rate
          }
          uplift {
            rate
          }
        }
      }
    }
  }
`;

type Variant = { armId: string; draftId: string; variantIndex: number; probability: number; policy: string };
type Decision = { id: string; holdout: boolean; probability: number; action: { id: string } | null; variant: Variant | null };

async function decide(customerId: string, placement: string): Promise<Decision> {
  const res = await h.gql<{ decideNextBestAction: { decision: Decision | null; reason: string | null } }>(DECIDE, { c: customerId, p: placement });
  if (res.errors || !res.data?.decideNextBestAction.decision) throw new Error(JSON.stringify(res.errors ?? res.data));
  return res.data.decideNextBestAction.decision;
}

async function reward(decisionId: string, r: number): Promise<void> {
  const res = await h.gql(OUTCOME, { d: decisionId, r });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}

function customer(holdout: boolean): string {
  for (;;) {
    const id = uniqueName('c');
    if (inHoldout(id, SALT, SHARE) === holdout) return id;
  }
}

/** An action of its own placement on email, and a customer consented there. */
async function setUp(holdout = false) {
  const placement = uniqueName('p').toLowerCase();
  const actionId = uniqueName('act').toLowerCase();
  const res = await h.gql(`mutation ($i: ActionInput!) { defineAction(input: $i) { id } }`, {
    i: { id: actionId, kind: 'MESSAGE', name: 'Come back', channels: ['EMAIL'], placements: [placement] },
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const customerId = customer(holdout);
  h.consentTo(customerId, ['email']);
  return { placement, actionId, customerId };
}

/** What generation publishes when a marketer approves a draft for this customer and action. */
async function approve(customerId: string, actionId: string, variants: number, draftId = uniqueName('draft'), groundedOnIds = [customerId]): Promise<string> {
  const event: ContentApprovedEvent = {
    contract: 1,
    draftId,
    customerId,
    groundedOnIds,
    actionId,
    channel: 'email',
    variants,
    draftVersion: 1,
    contentChannel: 'email',
    purpose: 'retention',
    draftCreatedAt: new Date().toISOString(),
    approvedAt: new Date().toISOString(),
  };
  await h.publisher.publish(EVENTS.contentApproved, event, contentArmsJobId(EVENTS.contentApproved, draftId));
  return draftId;
}

async function withdraw(customerId: string, actionId: string, draftId: string): Promise<void> {
  const event: ContentWithdrawnEvent = {
    contract: 1,
    draftId,
    customerId,
    groundedOnIds: [customerId],
    actionId,
    channel: 'email',
    draftCreatedAt: new Date().toISOString(),
    withdrawnAt: new Date().toISOString(),
  };
  await h.publisher.publish(EVENTS.contentWithdrawn, event, contentArmsJobId(EVENTS.contentWithdrawn, draftId));
}

/** Both content queues empty (jobs are removed once done). */
async function drained(): Promise<void> {
  await waitFor(async () => {
    const lengths = await Promise.all(
      [EVENTS.contentApproved, EVENTS.contentWithdrawn].flatMap((e) =>
        ['wait', 'active'].map((list) => h.redis.llen(`${h.prefix}:${eventQueueName(e, 'insights')}:${list}`)),
      ),
    );
    return lengths.every((n) => n === 0);
  });
}

describe('approved content variants as arms of the next best action', () => {
  it('learns which of a customer’s two approved variants they answer, and chooses it in most later decisions', async () => {
    const { placement, actionId, customerId } = await setUp();
    const from = new Date(Date.now() - 1000).toISOString();
    const before = await decide(customerId, placement);
    expect(before.variant).toBeNull();
    const draftId = await approve(customerId, actionId, 2);
    await drained();
    // The simulated customer answers variant 2 four times as often as variant 1.
    const answers = seededRandom(42);
    const rate = [0.15, 0.75];
    const picks: number[] = [];
    const given = [0, 0];
    for (let i = 0; i < 120; i++) {
      const d = await decide(customerId, placement);
      expect(d.action?.id).toBe(actionId);
      expect(d.variant).toMatchObject({ draftId, armId: `${draftId}:${d.variant!.variantIndex}`, policy: 'gaussian-thompson' });
      expect(d.variant!.probability).toBeGreaterThan(0);
      expect(d.variant!.probability).toBeLessThanOrEqual(1);
      const r = answers() < rate[d.variant!.variantIndex - 1]! ? 1 : 0;
      given[d.variant!.variantIndex - 1]! += r;
      picks.push(d.variant!.variantIndex);
      await reward(d.id, r);
    }
    const late = picks.slice(80);
    expect(late.filter((v) => v === 2).length / late.length).toBeGreaterThan(0.8);

    const res = await h.gql<{ _entities: { contentVariantStats: Record<string, unknown>[] }[] }>(
      VARIANT_STATS,
      { id: customerId, from, to: new Date(Date.now() + 1000).toISOString() },
      SERVICE_CALLER,
    );
    const lines = res.data!._entities[0]!.contentVariantStats;
    expect(lines.map((l) => l['variantIndex'])).toEqual([1, 2]);
    for (const [i, line] of lines.entries()) {
      const n = picks.filter((v) => v === i + 1).length;
      expect(line).toMatchObject({ armId: `${draftId}:${i + 1}`, actionId, channel: 'EMAIL', active: true, decisions: n, outcomes: n, rewards: given[i] });
    }
    // The decision made before the approval carried no variant and is in no line.
    expect(lines.reduce((s, l) => s + (l['decisions'] as number), 0)).toBe(120);
  });

  it('keeps the holdout: held-out customers get no action and no variant, whatever was approved for them', async () => {
    const { placement, actionId } = await setUp();
    const people = Array.from({ length: 24 }, (_, i) => customer(i % 3 === 0));
    for (const id of people) {
      h.consentTo(id, ['email']);
      await approve(id, actionId, 2);
    }
    await drained();
    for (const id of people) {
      const d = await decide(id, placement);
      expect(d.holdout).toBe(inHoldout(id, SALT, SHARE));
      if (d.holdout) expect(d).toMatchObject({ action: null, variant: null, probability: SHARE });
      else expect(d.variant?.armId).toMatch(/:[12]$/);
    }
  });

  it('never chooses a withdrawn draft’s variants, whichever of approval and withdrawal arrives first', async () => {
    const { placement, actionId, customerId } = await setUp();
    const withdrawn = await approve(customerId, actionId, 3);
    await drained();
    await withdraw(customerId, actionId, withdrawn);
    const late = uniqueName('late');
    await withdraw(customerId, actionId, late);
    await drained();
    await approve(customerId, actionId, 2, late);
    const kept = await approve(customerId, actionId, 1);
    await drained();
    const seen = new Set<string>();
    for (let i = 0; i < 25; i++) seen.add((await decide(customerId, placement)).variant!.draftId);
    expect([...seen]).toEqual([kept]);
  });

  it('draws variants uniformly without the customer’s profiling consent', async () => {
    const { placement, actionId, customerId } = await setUp();
    h.governance.set({
      customerId,
      restricted: false,
      consents: [
        { purpose: 'profiling', channel: null, status: 'denied' },
        { purpose: 'marketing', channel: 'email', status: 'granted' },
      ],
    });
    await approve(customerId, actionId, 4);
    await drained();
    const d = await decide(customerId, placement);
    expect(d.variant).toMatchObject({ policy: 'uniform', probability: 0.25 });
  });

  it('credits the variant when the customer converts within the window', async () => {
    const { placement, actionId, customerId } = await setUp();
    const from = new Date(Date.now() - 1000).toISOString();
    const draftId = await approve(customerId, actionId, 2);
    await drained();
    const d = await decide(customerId, placement);
    await h.touch(customerId, [{ event: 'order_completed', at: new Date() }]);
    const line = await waitFor(async () => {
      const res = await h.gql<{ _entities: { contentVariantStats: { armId: string; outcomes: number; rewards: number }[] }[] }>(
        VARIANT_STATS,
        { id: customerId, from, to: new Date(Date.now() + 1000).toISOString() },
        SERVICE_CALLER,
      );
      return res.data?._entities[0]?.contentVariantStats.find((l) => l.outcomes === 1);
    });
    expect(line).toMatchObject({ armId: d.variant!.armId, rewards: 1 });
    expect(d.variant!.draftId).toBe(draftId);
  });

  it('follows merges, and a split takes back the arms grounded on the restored customer', async () => {
    const { placement, actionId, customerId: survivor } = await setUp();
    const absorbed = customer(false);
    await h.touch(survivor, [{ event: 'page', at: new Date() }], [absorbed]);
    await waitFor(
      async () =>
        (await h.redis.llen(`${h.prefix}:customer.updated--insights:wait`)) === 0 &&
        (await h.redis.llen(`${h.prefix}:customer.updated--insights:active`)) === 0,
    );
    const own = await approve(absorbed, actionId, 1);
    const whileMerged = await approve(survivor, actionId, 1, uniqueName('draft'), [survivor, absorbed]);
    const alone = await approve(survivor, actionId, 1);
    await drained();
    const before = new Set<string>();
    for (let i = 0; i < 30; i++) before.add((await decide(survivor, placement)).variant!.draftId);
    expect(before).toEqual(new Set([own, whileMerged, alone]));
    await h.publisher.publish(
      EVENTS.customerSplit,
      { splitId: uniqueName('s'), customerId: survivor, restoredCustomerId: absorbed, restoredLineage: [], assignments: [], splitAt: new Date().toISOString() },
      uniqueName('split'),
    );
    await waitFor(async () => {
      const after = new Set<string>();
      for (let i = 0; i < 10; i++) after.add((await decide(survivor, placement)).variant!.draftId);
      return after.size === 1 && after.has(alone);
    });
  });

  it('refuses analysts and a bad period', async () => {
    const { customerId } = await setUp();
    const vars = { id: customerId, from: new Date(Date.now() - 1000).toISOString(), to: new Date().toISOString() };
    const analyst = await h.gql(VARIANT_STATS, vars, { subject: 'a', roles: ['analyst'], scopes: [] });
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await h.gql(VARIANT_STATS, { ...vars, from: vars.to, to: vars.from }, SERVICE_CALLER);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
