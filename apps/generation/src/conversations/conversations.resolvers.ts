import type { CustomerIdentityView } from '@c360/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { INTENTS } from '../domain/conversations/intents';
import { ESCALATION_REASONS } from '../domain/conversations/escalation-rules';
import { conversationError } from './conversation-errors';
import type { ConversationService } from './conversation.service';
import type { KnowledgeIndex } from './knowledge-index';
import type { Conversation, ConversationRepository } from './store/conversation.repository';
import type { Escalation, EscalationRepository } from './store/escalation.repository';
import type { KnowledgeRepository } from './store/knowledge.repository';

/**
 * Field access (libs/service-kit) finds whose personal data a value is by its `customerId`. An
 * anonymous conversation belongs to no customer, so its parents carry a stand-in owner, the
 * conversation itself: a support agent may then read that one conversation as they may read one
 * customer's. The `customerId` field still answers null for it.
 */
export type ConversationParent = Omit<Conversation, 'customerId'> & { customerId: string; anonymous: boolean };
export type EscalationParent = Omit<Escalation, 'customerId'> & { customerId: string; anonymous: boolean };

const owner = (customerId: string | null, conversationId: string) => customerId ?? `anonymous-conversation:${conversationId}`;
export const asConversationParent = (c: Conversation): ConversationParent => ({
  ...c,
  customerId: owner(c.customerId, c.id),
  anonymous: c.customerId === null,
});
export const asEscalationParent = (e: Escalation): EscalationParent => ({
  ...e,
  customerId: owner(e.customerId, e.conversationId),
  anonymous: e.customerId === null,
});

const upperMap = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v.toUpperCase(), v]));
const MAX_ARTICLES = 500;

export interface ConversationResolverDeps {
  service: ConversationService;
  conversations: ConversationRepository;
  escalations: EscalationRepository;
  knowledge: KnowledgeRepository;
  index: KnowledgeIndex;
  identities: CustomerIdentityView;
}

export function createConversationResolvers(deps: ConversationResolverDeps): Resolvers {
  return {
    ConversationStatus: { BOT: 'bot', ESCALATED: 'escalated' },
    TurnAuthor: { CUSTOMER: 'customer', BOT: 'bot', AGENT: 'agent' },
    ConversationIntent: upperMap(INTENTS),
    EscalationStatus: { OPEN: 'open', CLAIMED: 'claimed', RESOLVED: 'resolved' },
    EscalationReason: upperMap(ESCALATION_REASONS),
    SentimentTrend: { IMPROVING: 'improving', STEADY: 'steady', WORSENING: 'worsening' },
    Customer: {
      conversations: async (customer, args) => {
        const first = Math.min(Math.max(args.first ?? 10, 1), 100);
        return (await deps.conversations.forCustomers(await deps.identities.expand(customer.id), first)).map(asConversationParent);
      },
    },
    Conversation: {
      customerId: (c) => (c.anonymous ? null : c.customerId),
      channel: (c) => c.surface,
      escalation: async (c) => {
        const escalation = await deps.escalations.get(c.id);
        return escalation && asEscalationParent(escalation);
      },
    },
    ConversationTurn: { governanceRequestId: (t) => t.requestKey },
    Escalation: { customerId: (e) => (e.anonymous ? null : e.customerId) },
    BotReply: {
      conversation: (a) => asConversationParent(a.conversation),
      escalation: (a) => a.escalation && asEscalationParent(a.escalation),
    },
    Query: {
      conversation: async (_, { id }) => {
        const conversation = await deps.conversations.get(id);
        return conversation && asConversationParent(conversation);
      },
      // No default in the SDL: a default enum value reaches resolvers untranslated (OPEN, not open).
      escalations: async (_, args) =>
        (await deps.escalations.list(args.status ?? 'open', Math.min(Math.max(args.first ?? 50, 1), 500))).map(asEscalationParent),
    },
    Mutation: {
      startConversation: async (_, args) => asConversationParent(await deps.service.start(args.channel, args.customerId ?? null)),
      sendMessage: (_, args) => deps.service.send(args.conversationId, args.text),
      claimEscalation: async (_, { id }, ctx) => asEscalationParent(await deps.service.claim(id, ctx.caller.subject)),
      resolveEscalation: async (_, args, ctx) => asEscalationParent(await deps.service.resolve(args.id, ctx.caller.subject, args.resolution)),
      replyAsAgent: (_, args, ctx) => deps.service.replyAsAgent(args.conversationId, args.text, ctx.caller.subject),
      loadKnowledgeArticles: async (_, { articles }) => {
        if (articles.length === 0 || articles.length > MAX_ARTICLES) throw conversationError('BAD_USER_INPUT', `articles: 1 to ${MAX_ARTICLES}`);
        const bad = articles.findIndex((a) => !/^[\w.:-]{1,128}$/.test(a.id) || !a.title.trim() || !a.body.trim() || a.body.length > 50_000);
        if (bad >= 0)
          throw conversationError('BAD_USER_INPUT', `article ${bad}: an id of letters, digits, _ . : or -, a title and a body of at most 50,000 characters`);
        const now = new Date();
        await deps.knowledge.upsertMany(articles.map((a) => ({ id: a.id, title: a.title.trim(), body: a.body.trim(), tags: a.tags ?? [], updatedAt: now })));
        deps.index.invalidate();
        return { loaded: articles.length };
      },
    },
  };
}
