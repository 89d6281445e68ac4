import { connectMongo, createRedisConnection, CustomerIdentityView, type RedisClient, TouchFactRepository } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { priorArm, rewardDelta } from '../domain/decisions/linear-thompson';
import { createInsightsPrivacyHandlers } from '../privacy/insights-privacy.handlers';
import { ArmStateRepository } from './arm-state.repository';
import { ContentArmRepository } from './content-arm.repository';
import { DecisionOutcomes } from './decision-outcomes';
import { DecisionRepository, type DecisionRecord } from './decision.repository';
import { decisionSubjectData } from './decisions-privacy';
import { armKey } from './next-best-action';

const stack = testStack();
const db = uniqueName('c360_test_insights_decisions');
let mongo: Connection;
let redis: RedisClient;
let decisions: DecisionRepository;
let arms: ArmStateRepository;
let identities: CustomerIdentityView;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
  decisions = new DecisionRepository(mongo);
  arms = new ArmStateRepository(mongo);
  identities = new CustomerIdentityView(mongo);
  await Promise.all([decisions.ensureIndexes(), arms.ensureIndexes(), identities.ensureIndexes()]);
});
afterAll(async () => {
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

function decision(over: Partial<DecisionRecord>): DecisionRecord {
  const decidedAt = over.decidedAt ?? new Date();
  return {
    id: uniqueName('d'),
    customerId: uniqueName('c'),
    placement: 'home',
    actionId: uniqueName('a'),
    channel: 'email',
    holdout: false,
    policy: 'linear-thompson',
    propensity: 0.5,
    modelKey: 'm1',
    x: [1, 0.5],
    decidedAt,
    expiresAt: new Date(decidedAt.getTime() + 3_600_000),
    reward: null,
    outcomeSource: null,
    outcomeAt: null,
    ...over,
  };
}

describe('bandit state', () => {
  it('keeps every reward of concurrent updates to one arm', async () => {
    const key = uniqueName('arm');
    const x = [1, 2];
    await Promise.all(Array.from({ length: 25 }, (_, i) => arms.add(key, rewardDelta(x, i % 2), i % 2)));
    const state = (await arms.load([key], 2)).get(key)!;
    // A = I + 25·x xᵀ, b = 12·x (12 of the 25 rewards are 1).
    expect(state.a).toEqual([1 + 25, 50, 50, 1 + 100]);
    expect(state.b).toEqual([12, 24]);
    expect(state.n).toBe(25);
    expect((await arms.load([uniqueName('new')], 2)).values().next().value).toEqual(priorArm(2));
  });
});

describe('decision outcomes', () => {
  it('closes decisions whose window passed with reward 0, teaching the arm, and leaves holdout arms alone', async () => {
    const past = new Date(Date.now() - 7_200_000);
    const treated = decision({ decidedAt: past });
    const held = decision({ decidedAt: past, holdout: true });
    const open = decision({});
    await Promise.all([treated, held, open].map((d) => decisions.insert(d)));
    const outcomes = new DecisionOutcomes({ decisions, arms, identities, conversionEvents: ['purchase'] });
    expect(await outcomes.closeExpired()).toBeGreaterThanOrEqual(2);
    expect(await decisions.get(treated.id)).toMatchObject({ reward: 0, outcomeSource: 'window_elapsed', outcomeAt: treated.expiresAt });
    expect((await decisions.get(held.id))?.outcomeSource).toBe('window_elapsed');
    expect((await decisions.get(open.id))?.reward).toBeNull();
    const [t, hArm] = [armKey(treated, 'm1'), armKey(held, 'm1')];
    const states = await arms.load([t, hArm], 2);
    expect(states.get(t)).toMatchObject({ n: 1, b: [0, 0], a: [2, 0.5, 0.5, 1.25] });
    expect(states.get(hArm)).toEqual(priorArm(2));
  });

  it('gives one outcome per decision when an explicit reward and a conversion race', async () => {
    const d = decision({});
    await decisions.insert(d);
    const outcomes = new DecisionOutcomes({ decisions, arms, identities, conversionEvents: ['purchase'] });
    const conversion = outcomes.onCustomerUpdated({
      customerId: d.customerId,
      version: 1,
      mergedCustomerIds: [],
      touchpoints: [{ messageId: uniqueName('m'), channel: 'web', occurredAt: new Date().toISOString(), eventKey: 'purchase' }],
      updatedAt: new Date().toISOString(),
    });
    const explicit = outcomes.record(d.id, 1).catch((err: Error) => err);
    await Promise.all([conversion, explicit]);
    const state = (await arms.load([armKey(d, 'm1')], 2)).get(armKey(d, 'm1'))!;
    expect(state.n).toBe(1);
    expect(['explicit', 'conversion']).toContain((await decisions.get(d.id))?.outcomeSource);
  });
});

describe('decisions privacy', () => {
  it('exports, erases and expires decisions under exactly the ids of the person', async () => {
    const [survivor, absorbed, other] = [uniqueName('c'), uniqueName('c'), uniqueName('c')];
    await decisions.insert(decision({ customerId: survivor }));
    await decisions.insert(decision({ customerId: absorbed, decidedAt: new Date('2001-01-01') }));
    await decisions.insert(decision({ customerId: other, decidedAt: new Date('2000-01-01') }));
    const queues = { connection: redis, prefix: uniqueName('t') };
    const handlers = createInsightsPrivacyHandlers({
      touches: new TouchFactRepository(mongo),
      identities,
      queues,
      parts: [decisionSubjectData(decisions, new ContentArmRepository(mongo), queues)],
    });
    const person = { requestId: 'r', customerIds: [survivor, absorbed] };
    const exported = (await handlers.export(person)) as { decisions: Record<string, unknown>[] };
    expect(exported.decisions.map((d) => d['customerId'])).toEqual([absorbed, survivor]);
    expect(exported.decisions[0]).not.toHaveProperty('x');
    expect(await handlers.erase(person)).toMatchObject({ decisions: 2, touchFacts: 0 });
    expect(await handlers.verify(person)).toMatchObject({ decisions: 0 });
    expect(await handlers.retention({ runId: 'r', dataClass: 'nba_decisions', olderThan: '2000-06-01T00:00:00.000Z' })).toBe(1);
    expect(await decisions.countForCustomers([other])).toBe(0);
  });
});
