import { connectMongo, createLogger, createQueue, createRedisConnection, type QueueContext, type RedisClient } from '@c360/service-kit';
import { dropDatabase, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Worker } from 'bullmq';
import type { Connection } from 'mongoose';
import { startPeerStandIn } from '../testing/peer-stand-in';
import { CHAT_TOUCHPOINT_QUEUE, chatTouchpointQueue, queueChatTouchpoints, startChatTouchpointWorker } from './chat-touchpoints';
import { IdentityLookup } from './clients/identity-lookup';
import { SubgraphClient } from './clients/subgraph-client';
import { TouchpointGateway } from './clients/touchpoint-gateway';
import { ConversationRepository, type Turn } from './store/conversation.repository';

/*
 * generation's own chat-touchpoint queue across a rolling update, on real Redis/BullMQ and MongoDB,
 * with touchpoint-store played by the peer stand-in: this release reads the turns the release before
 * versioning queued (no version) and leaves a job of a later major alone, dead-lettered and kept,
 * nothing sent to touchpoint-store.
 */

const stack = testStack();
const db = uniqueName('generation-chat-versions');
const logger = createLogger('chat-versions-test', 'silent');
let mongo: Connection;
let redis: RedisClient;
let conversations: ConversationRepository;
let peers: Awaited<ReturnType<typeof startPeerStandIn>>;
let worker: Worker;
let ctx: QueueContext;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
  conversations = new ConversationRepository(mongo);
  await conversations.ensureIndexes();
  peers = await startPeerStandIn((call) => {
    const items = (call.variables as { input: unknown[] }).input;
    return { data: { recordTouchpoints: { accepted: items.length, rejected: 0, results: items.map(() => ({ status: 'ACCEPTED', reason: null })) } } };
  });
  const peer = new SubgraphClient(peers.url, TEST_SECRET, 5_000);
  ctx = { connection: redis, prefix: uniqueName('chatv') };
  worker = startChatTouchpointWorker(ctx, { conversations, identity: new IdentityLookup(peer), touchpoints: new TouchpointGateway(peer) }, logger, 1);
});

afterAll(async () => {
  await worker.close();
  await peers.close();
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

/** An anonymous conversation with one turn per message id, so no identity lookup is needed. */
async function conversationWith(messageIds: string[]): Promise<string> {
  const at = new Date();
  const turn = (messageId: string): Turn => ({
    messageId,
    author: 'customer',
    text: 'where is my order?',
    at,
    intent: null,
    confidence: null,
    sentiment: null,
    agentId: null,
    sources: [],
    requestKey: null,
  });
  const id = uniqueName('conv');
  await conversations.create({ id, customerId: null, surface: 'web', status: 'bot', startedAt: at, lastActivityAt: at, turns: messageIds.map(turn) });
  return id;
}

const recorded = () => peers.calls.flatMap((c) => (c.variables as { input: { messageId: string }[] }).input.map((i) => i.messageId));

describe('the chat-touchpoint queue across releases', () => {
  it('this release stamps its jobs', async () => {
    const queue = chatTouchpointQueue({ connection: redis, prefix: uniqueName('chatv') });
    await queueChatTouchpoints(queue, 'conv-1', ['m-1']);
    expect((await queue.getJob('m-1'))?.data).toEqual({ conversationId: 'conv-1', messageId: 'm-1', schemaVersion: '1.0' });
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('sends a turn the previous release queued (no version) and one of a later minor', async () => {
    const [old, later] = [uniqueName('m'), uniqueName('m')];
    const conversationId = await conversationWith([old, later]);
    // Any payload, as another release may queue it.
    const queue = createQueue(ctx, CHAT_TOUCHPOINT_QUEUE);
    await queue.add('turn', { conversationId, messageId: old }, { jobId: old });
    await queue.add('turn', { conversationId, messageId: later, schemaVersion: '1.2', channelHint: 'web' }, { jobId: later });
    await waitFor(async () => recorded().includes(old) && recorded().includes(later), 15_000, 'both turns sent to touchpoint-store');
    await queue.close();
  });

  it('dead-letters a job of a future major and sends nothing', async () => {
    const messageId = uniqueName('m');
    const conversationId = await conversationWith([messageId]);
    const queue = createQueue(ctx, CHAT_TOUCHPOINT_QUEUE);
    const job = await queue.add('turn', { conversationId, messageId, schemaVersion: '2.0' }, { jobId: messageId });
    await waitFor(async () => (await job.getState()) === 'failed', 15_000, 'the future major to be dead-lettered');
    const failed = await queue.getJob(messageId);
    expect(failed?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: generation-chat-touchpoints payload is version 2\.0/);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.data).toMatchObject({ conversationId, messageId, schemaVersion: '2.0' });
    expect(recorded()).not.toContain(messageId);
    await queue.close();
  });
});
