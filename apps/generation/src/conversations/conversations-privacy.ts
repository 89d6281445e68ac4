import type { RetentionJob } from '@c360/contracts';
import { countJobsMatching, removeJobsMatching, withQueue, type QueueContext } from '@c360/service-kit';
import { CHAT_TOUCHPOINT_QUEUE, jobConversation } from './chat-touchpoints';
import type { ConversationRepository } from './store/conversation.repository';
import type { EscalationRepository } from './store/escalation.repository';

/**
 * The conversations part of a data-subject request: a person's conversations, their hand-overs and
 * turns still queued for touchpoint-store. Takes exactly the ids identity-graph gave for the person.
 * Anonymous conversations name no one, so only retention reaches them.
 */
export function createConversationPrivacy(deps: { conversations: ConversationRepository; escalations: EscalationRepository; queues: QueueContext }) {
  const queued = (conversationIds: readonly string[]) => {
    const ids = new Set(conversationIds);
    return (item: unknown) => ids.has(jobConversation(item) ?? '');
  };
  return {
    erase: async (customerIds: string[]) => {
      const conversationIds = await deps.conversations.idsForCustomers(customerIds);
      return {
        queuedChatTurns: await withQueue(deps.queues, CHAT_TOUCHPOINT_QUEUE, (q) => removeJobsMatching(q, queued(conversationIds))),
        escalations: await deps.escalations.eraseCustomers(customerIds),
        conversations: await deps.conversations.eraseCustomers(customerIds),
      };
    },
    count: async (customerIds: string[]) => {
      const conversationIds = await deps.conversations.idsForCustomers(customerIds);
      return {
        queuedChatTurns: await withQueue(deps.queues, CHAT_TOUCHPOINT_QUEUE, (q) => countJobsMatching(q, queued(conversationIds))),
        escalations: await deps.escalations.countForCustomers(customerIds),
        conversations: conversationIds.length,
      };
    },
    export: async (customerIds: string[]) => ({
      conversations: await deps.conversations.forCustomers(customerIds),
      escalations: await deps.escalations.forCustomers(customerIds),
    }),
    /** Conversations quiet since before the cut-off, with their hand-overs; 0 for classes it does not hold. */
    retention: async (job: RetentionJob) => {
      if (job.dataClass !== 'conversations' && job.dataClass !== 'anonymous_conversations') return 0;
      const ids = await deps.conversations.deleteInactiveSince(new Date(job.olderThan), job.dataClass === 'anonymous_conversations');
      await deps.escalations.eraseConversations(ids);
      return ids.length;
    },
  };
}

export type ConversationPrivacy = ReturnType<typeof createConversationPrivacy>;
