import { chatTouchpointJobSchema, INTERNAL_QUEUES, stampVersion } from '@c360/contracts';
import { createQueue, createWorker, readJobData, type Logger, type QueueContext } from '@c360/service-kit';
import { UnrecoverableError, type Job, type Queue, type Worker } from 'bullmq';
import { LRUCache } from 'lru-cache';
import type { IdentityLookup } from './clients/identity-lookup';
import { SubgraphCallError } from './clients/subgraph-client';
import type { TouchpointGateway } from './clients/touchpoint-gateway';
import type { ConversationRepository } from './store/conversation.repository';

/** generation's own queue: each conversation turn on its way to touchpoint-store. */
export const CHAT_TOUCHPOINT_QUEUE = INTERNAL_QUEUES.generationChatTouchpoints;

/** Ids only: the text is read from the conversation when the job runs, so an erased turn is never sent. */
export interface ChatTouchpointJob {
  conversationId: string;
  messageId: string;
}

export function chatTouchpointQueue(queues: QueueContext): Queue<ChatTouchpointJob> {
  return createQueue<ChatTouchpointJob>(queues, CHAT_TOUCHPOINT_QUEUE);
}

/** Queues every turn; the messageId is the job id, so queueing a turn twice records it once. */
export async function queueChatTouchpoints(queue: Queue<ChatTouchpointJob>, conversationId: string, messageIds: readonly string[]): Promise<void> {
  await queue.addBulk(
    messageIds.map((messageId) => ({ name: 'turn', data: stampVersion(CHAT_TOUCHPOINT_QUEUE, { conversationId, messageId }), opts: { jobId: messageId } })),
  );
}

/** The person the job is about, for erasure's queue scrub. */
export function jobConversation(item: unknown): string | undefined {
  const id = (item as Partial<ChatTouchpointJob> | null)?.conversationId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Sends one turn to touchpoint-store. An identified customer's turn carries one of their identifiers
 * (from identity-graph) so resolution links it to them; an anonymous conversation gets its own
 * anonymous id, so its turns form one anonymous journey that a later sign-in can merge.
 */
export function createChatTouchpointProcessor(deps: { conversations: ConversationRepository; identity: IdentityLookup; touchpoints: TouchpointGateway }) {
  const identifiers = new LRUCache<string, { type: 'crmId' | 'email' | 'phone' | 'deviceId' | 'anonymousId'; value: string }>({ max: 10_000, ttl: 60_000 });
  return async (job: Job<ChatTouchpointJob>): Promise<void> => {
    const { conversationId, messageId } = readJobData(CHAT_TOUCHPOINT_QUEUE, chatTouchpointJobSchema, job.data);
    const conversation = await deps.conversations.get(conversationId);
    const turn = conversation?.turns.find((t) => t.messageId === messageId);
    if (!conversation || !turn) return;
    const anonymous = { type: 'anonymousId' as const, value: `chat-${conversation.id}` };
    let identifier = conversation.customerId ? identifiers.get(conversation.customerId) : anonymous;
    if (!identifier && conversation.customerId) {
      identifier = (await deps.identity.identifierOf(conversation.customerId)) ?? anonymous;
      identifiers.set(conversation.customerId, identifier);
    }
    try {
      await deps.touchpoints.record({
        messageId: turn.messageId,
        occurredAt: turn.at,
        identifier: identifier ?? anonymous,
        text: turn.text,
        properties: { conversationId: conversation.id, surface: conversation.surface, author: turn.author, ...(turn.intent ? { intent: turn.intent } : {}) },
      });
    } catch (err) {
      if (err instanceof SubgraphCallError && (err.code === 'REJECTED' || err.code === 'BAD_USER_INPUT')) throw new UnrecoverableError(err.message);
      throw err;
    }
  };
}

export function startChatTouchpointWorker(
  queues: QueueContext,
  deps: Parameters<typeof createChatTouchpointProcessor>[0],
  logger: Logger,
  concurrency: number,
): Worker<ChatTouchpointJob> {
  return createWorker<ChatTouchpointJob>(queues, CHAT_TOUCHPOINT_QUEUE, createChatTouchpointProcessor(deps), { concurrency, logger });
}
