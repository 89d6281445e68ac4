import { contentArmsJobId, EVENTS, type ContentApprovedEvent, type ContentWithdrawnEvent } from '@c360/contracts';
import { connectMongo, createQueue, createRedisConnection, CustomerIdentityView, TouchFactRepository, type RedisClient } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { UNIFORM_VARIANT_POLICY, VARIANT_POLICY } from '../domain/decisions/content-variants';
import { createInsightsPrivacyHandlers } from '../privacy/insights-privacy.handlers';
import { ArmStateRepository } from './arm-state.repository';
import { ContentArmRepository } from './content-arm.repository';
import { createContentArmsProcessor } from './content-arms.processor';
import { DecisionOutcomes } from './decision-outcomes';
import { DecisionRepository, type DecisionRecord } from './decision.repository';
import { CONTENT_EVENT_QUEUES, decisionSubjectData } from './decisions-privacy';

const stack = testStack();
const db = uniqueName('c360_test_insights_content_arms');
let mongo: Connection;
let redis: RedisClient;
let arms: ContentArmRepository;
let decisions: DecisionRepository;
let identities: CustomerIdentityView;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
  arms = new ContentArmRepository(mongo);
  decisions = new DecisionRepository(mongo);
  identities = new CustomerIdentityView(mongo);
  await Promise.all([arms.ensureIndexes(), decisions.ensureIndexes(), identities.ensureIndexes()]);
});
afterAll(async () => {
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

function approved(over: Partial<ContentApprovedEvent> = {}): ContentApprovedEvent {
  const customerId = over.customerId ?? uniqueName('c');
  return {
    contract: 1,
    draftId: uniqueName('draft'),
    customerId,
    groundedOnIds: [customerId],
    actionId: 'act',
    channel: 'email',
    variants: 2,
    draftVersion: 2,
    contentChannel: 'email',
    purpose: 'retention',
    draftCreatedAt: new Date().toISOString(),
    approvedAt: new Date().toISOString(),
    ...over,
  };
}

function withdrawn(of: ContentApprovedEvent): ContentWithdrawnEvent {
  const { contract, draftId, customerId, groundedOnIds, actionId, channel, draftCreatedAt } = of;
  return { contract, draftId, customerId, groundedOnIds, actionId, channel, draftCreatedAt, withdrawnAt: new Date().toISOString() };
}

const job = (name: string, data: unknown) => ({ name, data }) as Parameters<ReturnType<typeof createContentArmsProcessor>>[0];

describe('content arms store', () => {
  it('keeps a withdrawal over an approval in either order, and a redelivered approval keeps what was learnt', async () => {
    const process = createContentArmsProcessor(arms);
    const first = approved();
    await process(job(EVENTS.contentApproved, first));
    await arms.addReward(first.draftId, 2, 1);
    await process(job(EVENTS.contentApproved, first));
    expect((await arms.activeFor([first.customerId]))[0]).toMatchObject({ draftId: first.draftId, variantCount: 2, n: [0, 1], rewardSum: [0, 1] });
    await process(job(EVENTS.contentWithdrawn, withdrawn(first)));
    expect(await arms.activeFor([first.customerId])).toEqual([]);

    const late = approved();
    await process(job(EVENTS.contentWithdrawn, withdrawn(late)));
    await process(job(EVENTS.contentApproved, late));
    expect(await arms.activeFor([late.customerId])).toEqual([]);
    expect((await arms.byDrafts([late.draftId]))[0]?.status).toBe('withdrawn');
  });

  it('fails malformed and unknown events for good', async () => {
    const process = createContentArmsProcessor(arms);
    await expect(process(job(EVENTS.contentApproved, { ...approved(), contract: 2 }))).rejects.toThrow(/malformed content.approved/);
    await expect(process(job(EVENTS.contentWithdrawn, { draftId: 'x' }))).rejects.toThrow(/malformed content.withdrawn/);
    await expect(process(job('content.other', {}))).rejects.toThrow(/unknown content event/);
  });

  it('adds concurrent rewards without losing one, and ignores a variant the draft does not have', async () => {
    const event = approved({ variants: 3 });
    await arms.approved(event);
    await Promise.all(Array.from({ length: 20 }, (_, i) => arms.addReward(event.draftId, 3, i % 2)));
    await arms.addReward(event.draftId, 4, 1);
    const [record] = await arms.activeFor([event.customerId]);
    expect(record).toMatchObject({ n: [0, 0, 20], rewardSum: [0, 0, 10] });
  });

  it('teaches a variant only from decisions that chose it by what the customer taught', async () => {
    const event = approved();
    await arms.approved(event);
    const outcomes = new DecisionOutcomes({ decisions, arms: new ArmStateRepository(mongo), contentArms: arms, identities, conversionEvents: ['purchase'] });
    const decision = (policy: string, variantIndex: number): DecisionRecord => ({
      id: uniqueName('d'),
      customerId: event.customerId,
      placement: 'home',
      actionId: 'act',
      channel: 'email',
      holdout: false,
      policy: 'linear-thompson',
      propensity: 1,
      modelKey: 'm1',
      x: [1],
      decidedAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
      reward: null,
      outcomeSource: null,
      outcomeAt: null,
      variant: { armId: `${event.draftId}:${variantIndex}`, draftId: event.draftId, variantIndex, propensity: 0.5, policy: policy as typeof VARIANT_POLICY },
    });
    const learnt = decision(VARIANT_POLICY, 1);
    const uniform = decision(UNIFORM_VARIANT_POLICY, 2);
    await decisions.insert(learnt);
    await decisions.insert(uniform);
    await outcomes.record(learnt.id, 1);
    await outcomes.record(uniform.id, 1);
    expect((await arms.activeFor([event.customerId]))[0]).toMatchObject({ n: [1, 0], rewardSum: [1, 0] });
  });
});

describe('content arms privacy', () => {
  it('erases, counts and exports a person’s arms, those grounded on them, and their queued content events; expires by the draft’s age', async () => {
    const [person, absorbed, other] = [uniqueName('c'), uniqueName('c'), uniqueName('c')];
    const queues = { connection: redis, prefix: uniqueName('t') };
    const own = approved({ customerId: person });
    const groundedOnAbsorbed = approved({ customerId: other, groundedOnIds: [other, absorbed] });
    const someoneElse = approved({ customerId: other, draftCreatedAt: '2001-01-01T00:00:00.000Z' });
    await Promise.all([own, groundedOnAbsorbed, someoneElse].map((e) => arms.approved(e)));
    const queue = createQueue(queues, CONTENT_EVENT_QUEUES[0]!);
    await queue.add(EVENTS.contentApproved, approved({ customerId: absorbed }), { jobId: contentArmsJobId(EVENTS.contentApproved, uniqueName('d')) });
    await queue.close();
    const handlers = createInsightsPrivacyHandlers({
      touches: new TouchFactRepository(mongo),
      identities,
      queues,
      parts: [decisionSubjectData(decisions, arms, queues)],
    });
    const subject = { requestId: uniqueName('r'), customerIds: [person, absorbed] };
    expect(await handlers.verify(subject)).toMatchObject({ contentArms: 2, queuedContentEvents: 1 });
    const exported = (await handlers.export(subject)) as { contentArms: { draftId: string }[] };
    expect(exported.contentArms.map((a) => a.draftId).sort()).toEqual([own.draftId, groundedOnAbsorbed.draftId].sort());
    expect(await handlers.erase(subject)).toMatchObject({ contentArms: 2, queuedContentEvents: 1 });
    expect(await handlers.verify(subject)).toMatchObject({ contentArms: 0, queuedContentEvents: 0 });
    expect(await arms.byDrafts([someoneElse.draftId])).toHaveLength(1);
    expect(await handlers.retention({ runId: 'r', dataClass: 'generated_drafts', olderThan: '2002-01-01T00:00:00.000Z' })).toBeGreaterThanOrEqual(1);
    expect(await arms.byDrafts([someoneElse.draftId])).toEqual([]);
  });
});
