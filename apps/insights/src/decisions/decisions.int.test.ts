import { uniqueName, waitFor } from '@c360/testing';
import { inHoldout } from '../domain/decisions/holdout';
import { ANALYST, MARKETER, startInsightsHarness, type InsightsHarness } from '../testing/decisions-harness';

const SALT = 'test-salt';
let h: InsightsHarness;

beforeAll(async () => {
  h = await startInsightsHarness({ NBA_HOLDOUT_SHARE: '0.5', NBA_HOLDOUT_SALT: SALT, NBA_CONVERSION_EVENTS: 'order_completed' });
});
afterAll(() => h.close());

const DEFINE = /* GraphQL */ `
  mutation ($input: ActionInput!) {
    defineAction(input: $input) {
      id
      version
      channels
      caps {
        channel
        max
        periodHours
      }
    }
  }
`;
const DECIDE = /* GraphQL */ `
  mutation ($c: ID!, $p: String!, $ctx: [ContextEntry!]) {
    decideNextBestAction(customerId: $c, placement: $p, context: $ctx) {
      reason
      decision {
        id
        action {
          id
        }
        channel
        policy
        probability
        holdout
        outcome {
          reward
          source
        }
      }
    }
  }
`;
const DECIDE_ONCE = /* GraphQL */ `
  mutation ($c: ID!, $p: String!, $r: ID) {
    decideNextBestAction(customerId: $c, placement: $p, requestId: $r) {
      reason
      decision {
        id
        action {
          id
        }
        channel
        holdout
      }
    }
  }
`;
const OUTCOME = `mutation ($d: ID!, $r: Float!) { recordDecisionOutcome(decisionId: $d, reward: $r) { id outcome { reward source } } }`;
const STATS = /* GraphQL */ `
  query ($from: DateTime!, $to: DateTime!) {
    decisionStats(from: $from, to: $to) {
      actionId
      channel
      decisions
      outcomes
      rewards
      rewardRate {
        rate
        low
        high
      }
      holdoutDecisions
      holdoutOutcomes
      holdoutRewards
      uplift {
        rate
      }
    }
  }
`;

type Decided = {
  decideNextBestAction: {
    reason: string | null;
    decision: {
      id: string;
      action: { id: string } | null;
      channel: string | null;
      policy: string;
      probability: number;
      holdout: boolean;
      outcome: { reward: number; source: string } | null;
    } | null;
  };
};

/** A customer id on the chosen side of the 50% holdout. */
function customer(holdout: boolean): string {
  for (;;) {
    const id = uniqueName('c');
    if (inHoldout(id, SALT, 0.5) === holdout) return id;
  }
}

async function define(input: Record<string, unknown>) {
  const res = await h.gql<{ defineAction: { id: string; version: number } }>(DEFINE, { input: { kind: 'OFFER', name: 'Test', ...input } });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.defineAction;
}

async function decide(customerId: string, placement: string, ctx: Record<string, unknown>[] = []) {
  const res = await h.gql<Decided>(DECIDE, { c: customerId, p: placement, ctx });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.decideNextBestAction;
}

describe('action catalogue', () => {
  it('lets marketers define actions, versioned, and refuses other roles', async () => {
    const id = uniqueName('offer').toLowerCase();
    // Every action of these tests has a placement of its own: the catalogue is shared by the suite.
    const placements = [uniqueName('p').toLowerCase()];
    expect((await define({ id, channels: ['EMAIL'], placements })).version).toBe(1);
    expect((await define({ id, channels: ['EMAIL', 'APP'], placements })).version).toBe(2);
    const refused = await h.gql(DEFINE, { input: { id, kind: 'OFFER', name: 'x', channels: ['EMAIL'] } }, ANALYST);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await h.gql<{ actions: { id: string; channels: string[] }[] }>(`{ actions { id channels } }`, {}, ANALYST);
    expect(listed.data!.actions.find((a) => a.id === id)?.channels).toEqual(['EMAIL', 'APP']);
  });

  it('refuses a bad rule or definition with BAD_USER_INPUT naming the field', async () => {
    const bad = async (input: Record<string, unknown>) => {
      const input2 = {
        id: uniqueName('a').toLowerCase(),
        kind: 'OFFER',
        name: 'x',
        channels: ['EMAIL'],
        placements: [uniqueName('p').toLowerCase()],
        ...input,
      };
      const res = await h.gql(DEFINE, { input: input2 });
      return { code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message ?? '' };
    };
    expect(await bad({ eligibility: 'features.spend >' })).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^eligibility: expected a value/),
    });
    expect(await bad({ eligibility: 'features.spend == "high"' })).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^eligibility: features are numbers/),
    });
    expect(await bad({ caps: [{ channel: 'WEB', max: 1, periodHours: 1 }] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^caps\[0\]\.channel/),
    });
    expect(await bad({ startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('decideNextBestAction', () => {
  it('considers only channels with marketing consent, and answers with a reason when none is left', async () => {
    const placement = uniqueName('p').toLowerCase();
    await define({ id: uniqueName('multi').toLowerCase(), channels: ['EMAIL', 'APP', 'WEB'], placements: [placement] });
    const emailOnly = customer(false);
    h.consentTo(emailOnly, ['email']);
    for (let i = 0; i < 5; i++) {
      const d = await decide(emailOnly, placement);
      expect(d.decision).toMatchObject({ channel: 'EMAIL', policy: 'linear-thompson', probability: 1, holdout: false });
    }
    const nothing = customer(false);
    expect(await decide(nothing, placement)).toEqual({ reason: 'NO_CONSENTED_CHANNEL', decision: null });
    const restricted = customer(false);
    h.consentTo(restricted, ['email', 'app', 'web'], true);
    expect((await decide(restricted, placement)).reason).toBe('NO_CONSENTED_CHANNEL');
    expect((await decide(customer(false), uniqueName('empty').toLowerCase())).reason).toBe('NO_ACTIVE_ACTION');
  });

  it('applies eligibility rules over features and context, and only the top priority competes', async () => {
    const placement = uniqueName('p').toLowerCase();
    const [vip, anyone] = [uniqueName('vip').toLowerCase(), uniqueName('any').toLowerCase()];
    await define({
      id: vip,
      channels: ['EMAIL'],
      placements: [placement],
      priority: 10,
      eligibility: 'context.device == "mobile" and features.channel_count >= 0',
    });
    await define({ id: anyone, channels: ['EMAIL'], placements: [placement], priority: 1 });
    const id = customer(false);
    h.consentTo(id, ['email']);
    expect((await decide(id, placement, [{ key: 'device', text: 'mobile' }])).decision?.action?.id).toBe(vip);
    expect((await decide(id, placement, [{ key: 'device', text: 'desktop' }])).decision?.action?.id).toBe(anyone);
    const unsure = await h.gql(DECIDE, { c: id, p: placement, ctx: [{ key: 'device', text: 'a', number: 1 }] });
    expect(unsure.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Without profiling consent features are not used: the rule on them fails, the context still counts.
    const unprofiled = customer(false);
    h.governance.set({
      customerId: unprofiled,
      restricted: false,
      consents: [
        { purpose: 'profiling', channel: null, status: 'denied' },
        { purpose: 'marketing', channel: 'email', status: 'granted' },
      ],
    });
    expect((await decide(unprofiled, placement, [{ key: 'device', text: 'mobile' }])).decision?.action?.id).toBe(anyone);
    const ruled = uniqueName('p').toLowerCase();
    await define({ id: uniqueName('rich').toLowerCase(), channels: ['EMAIL'], placements: [ruled], eligibility: 'features.touches_log > 2' });
    expect((await decide(id, ruled)).reason).toBe('NOT_ELIGIBLE');
  });

  it('enforces frequency caps per customer and channel', async () => {
    const placement = uniqueName('p').toLowerCase();
    await define({
      id: uniqueName('capped').toLowerCase(),
      channels: ['EMAIL', 'APP'],
      placements: [placement],
      caps: [{ channel: 'EMAIL', max: 2, periodHours: 24 }],
    });
    const id = customer(false);
    h.consentTo(id, ['email']);
    expect((await decide(id, placement)).decision?.channel).toBe('EMAIL');
    expect((await decide(id, placement)).decision?.channel).toBe('EMAIL');
    expect(await decide(id, placement)).toEqual({ reason: 'CAPPED', decision: null });
    h.consentTo(id, ['email', 'app']);
    expect((await decide(id, placement)).decision?.channel).toBe('APP');
  });

  it('shows nothing to the holdout group, logs what would have been chosen, and does not count it against caps', async () => {
    const placement = uniqueName('p').toLowerCase();
    await define({ id: uniqueName('held').toLowerCase(), channels: ['EMAIL'], placements: [placement], caps: [{ channel: null, max: 1, periodHours: 24 }] });
    const held = customer(true);
    h.consentTo(held, ['email']);
    const first = await decide(held, placement);
    expect(first.decision).toMatchObject({ holdout: true, action: null, channel: null, policy: 'holdout', probability: 0.5 });
    expect((await decide(held, placement)).decision?.holdout).toBe(true);
  });

  it('answers a request asked again with its first decision, logging one, and only for the same customer and placement', async () => {
    const placement = uniqueName('p').toLowerCase();
    await define({ id: uniqueName('once').toLowerCase(), channels: ['EMAIL'], placements: [placement], caps: [{ channel: null, max: 1, periodHours: 24 }] });
    const [id, other] = [customer(false), customer(false)];
    h.consentTo(id, ['email']);
    h.consentTo(other, ['email']);
    const ask = (c: string, requestId: string | null) => h.gql<Decided>(DECIDE_ONCE, { c, p: placement, r: requestId });
    const first = (await ask(id, 'recovery-1')).data?.decideNextBestAction.decision;
    expect(first).toMatchObject({ holdout: false, channel: 'EMAIL' });
    // Under a cap of one, a second decision would be CAPPED: the same request is the same decision.
    expect((await ask(id, 'recovery-1')).data?.decideNextBestAction.decision?.id).toBe(first?.id);
    expect((await ask(id, 'recovery-2')).data?.decideNextBestAction).toEqual({ reason: 'CAPPED', decision: null });
    const theirs = (await ask(other, 'recovery-1')).data?.decideNextBestAction.decision;
    expect(theirs?.id).not.toBe(first?.id);
    const stats = await h.gql<{ decisionStats: { actionId: string; decisions: number }[] }>(STATS, {
      from: new Date(Date.now() - 60_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(stats.data?.decisionStats.find((s) => s.actionId === first?.action?.id)?.decisions).toBe(2);
    expect((await ask(id, ' ')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('rewards', () => {
  it('rewards a decision when the same person converts within the window, also under an id merged later', async () => {
    const placement = uniqueName('p').toLowerCase();
    const action = uniqueName('conv').toLowerCase();
    await define({ id: action, channels: ['EMAIL'], placements: [placement] });
    const [absorbed, survivor] = [customer(false), customer(false)];
    h.consentTo(absorbed, ['email']);
    const from = new Date(Date.now() - 1000).toISOString();
    const d = (await decide(absorbed, placement)).decision!;
    // A conversion by the survivor who absorbed the customer the decision was made for.
    await h.touch(
      survivor,
      [
        { event: 'page', at: new Date() },
        { event: 'order_completed', at: new Date() },
      ],
      [absorbed],
    );
    const stats = await waitFor(async () => {
      const res = await h.gql<{ decisionStats: { actionId: string; rewards: number; outcomes: number; decisions: number }[] }>(
        STATS,
        { from, to: new Date(Date.now() + 1000).toISOString() },
        ANALYST,
      );
      const line = res.data?.decisionStats.find((s) => s.actionId === action);
      return line && line.outcomes === 1 && line;
    });
    expect(stats).toMatchObject({ decisions: 1, outcomes: 1, rewards: 1 });
    const again = await h.gql<{ recordDecisionOutcome: unknown }>(OUTCOME, { d: d.id, r: 0 });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('ignores conversions outside the window or by someone else, and other events', async () => {
    const placement = uniqueName('p').toLowerCase();
    await define({ id: uniqueName('noconv').toLowerCase(), channels: ['EMAIL'], placements: [placement] });
    const id = customer(false);
    h.consentTo(id, ['email']);
    const d = (await decide(id, placement)).decision!;
    const other = customer(false);
    await h.touch(id, [
      { event: 'order_completed', at: new Date(Date.now() - 3_600_000) },
      { event: 'page', at: new Date() },
    ]);
    await h.touch(other, [{ event: 'order_completed', at: new Date() }]);
    await waitFor(async () => (await h.redis.llen(`${h.prefix}:customer.updated--insights:wait`)) === 0);
    await new Promise((r) => setTimeout(r, 300));
    const res = await h.gql<{ recordDecisionOutcome: { outcome: { reward: number; source: string } } }>(OUTCOME, { d: d.id, r: 0.25 });
    expect(res.data?.recordDecisionOutcome.outcome).toEqual({ reward: 0.25, source: 'EXPLICIT' });
  });

  it('records explicit rewards once, and refuses bad ones with typed errors', async () => {
    const placement = uniqueName('p').toLowerCase();
    await define({ id: uniqueName('explicit').toLowerCase(), channels: ['EMAIL'], placements: [placement] });
    const id = customer(false);
    h.consentTo(id, ['email']);
    const d = (await decide(id, placement)).decision!;
    expect((await h.gql(OUTCOME, { d: d.id, r: 1.5 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await h.gql(OUTCOME, { d: uniqueName('nope'), r: 1 })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await h.gql(OUTCOME, { d: d.id, r: 1 })).errors).toBeUndefined();
    expect((await h.gql(OUTCOME, { d: d.id, r: 1 })).errors).toBeUndefined();
    expect((await h.gql(OUTCOME, { d: d.id, r: 0 })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await h.gql(OUTCOME, { d: d.id, r: 1 }, ANALYST)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('reports treated and holdout reward rates per action and channel, with uplift', async () => {
    const placement = uniqueName('p').toLowerCase();
    const action = uniqueName('uplift').toLowerCase();
    await define({ id: action, channels: ['EMAIL'], placements: [placement] });
    const from = new Date(Date.now() - 1000).toISOString();
    const rewards: [boolean, number][] = [
      [false, 1],
      [false, 1],
      [false, 0],
      [true, 0],
      [true, 1],
    ];
    for (const [holdout, reward] of rewards) {
      const id = customer(holdout);
      h.consentTo(id, ['email']);
      const d = (await decide(id, placement)).decision!;
      expect((await h.gql(OUTCOME, { d: d.id, r: reward })).errors).toBeUndefined();
    }
    const res = await h.gql<{ decisionStats: Record<string, unknown>[] }>(STATS, { from, to: new Date(Date.now() + 1000).toISOString() }, MARKETER);
    const line = res.data!.decisionStats.find((s) => s['actionId'] === action)!;
    expect(line).toMatchObject({ channel: 'EMAIL', decisions: 3, outcomes: 3, rewards: 2, holdoutDecisions: 2, holdoutOutcomes: 2, holdoutRewards: 1 });
    expect((line['uplift'] as { rate: number }).rate).toBeCloseTo(2 / 3 - 1 / 2, 10);
    expect((line['rewardRate'] as { low: number }).low).toBeGreaterThan(0);
    const bad = await h.gql(STATS, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, ANALYST);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
