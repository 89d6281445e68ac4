import { connectMongo, createRedisConnection, CustomerIdentityView, type RedisClient, TouchFactRepository } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { chatTouchpointQueue, queueChatTouchpoints } from '../conversations/chat-touchpoints';
import { createConversationPrivacy } from '../conversations/conversations-privacy';
import { ConversationRepository, type Conversation } from '../conversations/store/conversation.repository';
import { EscalationRepository } from '../conversations/store/escalation.repository';
import { DraftRepository } from '../store/draft.repository';
import { createGenerationPrivacyHandlers } from './generation-privacy.handlers';

const stack = testStack();
const db = uniqueName('c360_test_generation_privacy');
let mongo: Connection;
let redis: RedisClient;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
});

afterAll(async () => {
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

async function conversationOf(conversations: ConversationRepository, customerId: string | null, at: Date): Promise<Conversation> {
  const turn = {
    messageId: uniqueName('chat'),
    author: 'customer' as const,
    text: 'where is my order?',
    at,
    intent: null,
    confidence: null,
    sentiment: null,
    agentId: null,
    sources: [],
    requestKey: null,
  };
  const conversation: Conversation = { id: uniqueName('conv'), customerId, surface: 'web', status: 'bot', startedAt: at, lastActivityAt: at, turns: [turn] };
  await conversations.create(conversation);
  return conversation;
}

function handOver(conversationId: string, customerId: string | null) {
  return {
    conversationId,
    customerId,
    reasons: ['complaint' as const],
    intent: 'complaint' as const,
    summary: 'Escalated: complaint.',
    sentimentScores: [-0.5],
    sentimentTrend: 'steady' as const,
    customer360Url: null,
    createdAt: new Date(),
  };
}

describe('generation privacy handlers', () => {
  it('exports and erases drafts, conversations, hand-overs, queued chat turns and touch facts of the person, and expires old drafts', async () => {
    const drafts = new DraftRepository(mongo);
    const touches = new TouchFactRepository(mongo);
    const identities = new CustomerIdentityView(mongo);
    await Promise.all([touches.ensureIndexes(), identities.ensureIndexes()]);
    const queues = { connection: redis, prefix: uniqueName('t') };
    const conversations = new ConversationRepository(mongo);
    const escalations = new EscalationRepository(mongo);
    const privacy = createConversationPrivacy({ conversations, escalations, queues });
    const handlers = createGenerationPrivacyHandlers({ drafts, touches, identities, queues, conversations: privacy });
    const [survivor, absorbed, other] = [uniqueName('c'), uniqueName('c'), uniqueName('c')];
    await identities.record([{ customerId: survivor, mergedIds: [absorbed], at: new Date(), survivor: true }]);
    const draft = { text: 'Welcome back!', provider: 'offline-template' as const, model: null, basedOnVersion: 1 };
    await drafts.saveIfNotStale({ ...draft, customerId: absorbed, generatedAt: new Date() });
    await drafts.saveIfNotStale({ ...draft, customerId: other, generatedAt: new Date('2000-01-01') });
    await touches.recordMany([{ messageId: uniqueName('m'), customerId: survivor, channel: 'web', occurredAt: new Date() }]);
    const chat = await conversationOf(conversations, absorbed, new Date());
    await escalations.open(handOver(chat.id, absorbed));
    const chatQueue = chatTouchpointQueue(queues);
    await queueChatTouchpoints(chatQueue, chat.id, [chat.turns[0]!.messageId]);
    await chatQueue.close();

    const person = { requestId: 'r', customerIds: [survivor, absorbed] };
    const exported = (await handlers.export(person)) as {
      drafts: { text: string }[];
      touchFacts: unknown[];
      conversations: Conversation[];
      escalations: unknown[];
    };
    expect(exported.drafts.map((d) => d.text)).toEqual(['Welcome back!']);
    expect(exported.touchFacts).toHaveLength(1);
    expect(exported.conversations.map((c) => c.turns.map((t) => t.text))).toEqual([['where is my order?']]);
    expect(exported.escalations).toHaveLength(1);
    const none = { drafts: 0, conversations: 0, escalations: 0, queuedChatTurns: 0, touchFacts: 0, queuedJobs: 0, identityView: 0 };
    expect(await handlers.verify(person)).toEqual({ ...none, drafts: 1, conversations: 1, escalations: 1, queuedChatTurns: 1, touchFacts: 1, identityView: 2 });
    expect(await handlers.erase(person)).toEqual({ ...none, drafts: 1, conversations: 1, escalations: 1, queuedChatTurns: 1, touchFacts: 1, identityView: 2 });
    expect(await handlers.verify(person)).toEqual(none);
    expect(await handlers.retention({ runId: 'r', dataClass: 'generated_drafts', olderThan: '2001-01-01T00:00:00.000Z' })).toBe(1);
  });

  it('expires quiet conversations, anonymous and identified apart, with their hand-overs', async () => {
    const conversations = new ConversationRepository(mongo);
    const escalations = new EscalationRepository(mongo);
    const privacy = createConversationPrivacy({ conversations, escalations, queues: { connection: redis, prefix: uniqueName('t') } });
    const old = new Date('2001-06-01T00:00:00Z');
    const [oldAnonymous, oldIdentified, recentAnonymous] = [
      await conversationOf(conversations, null, old),
      await conversationOf(conversations, uniqueName('c'), old),
      await conversationOf(conversations, null, new Date()),
    ];
    await escalations.open(handOver(oldAnonymous.id, null));
    const cutoff = '2002-01-01T00:00:00.000Z';
    expect(await privacy.retention({ runId: 'r', dataClass: 'anonymous_conversations', olderThan: cutoff })).toBeGreaterThanOrEqual(1);
    expect(await conversations.get(oldAnonymous.id)).toBeNull();
    expect(await escalations.get(oldAnonymous.id)).toBeNull();
    expect(await conversations.get(oldIdentified.id)).not.toBeNull();
    expect(await conversations.get(recentAnonymous.id)).not.toBeNull();
    expect(await privacy.retention({ runId: 'r', dataClass: 'conversations', olderThan: cutoff })).toBeGreaterThanOrEqual(1);
    expect(await conversations.get(oldIdentified.id)).toBeNull();
    expect(await privacy.retention({ runId: 'r', dataClass: 'touch_facts', olderThan: cutoff })).toBe(0);
  });
});
