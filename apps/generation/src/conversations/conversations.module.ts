import path from 'node:path';
import type { ConsentClient } from '@c360/consent-client';
import { touchpointsOf, type CustomerUpdatedEvent } from '@c360/contracts';
import type { CustomerIdentityView, Logger, QueueContext } from '@c360/service-kit';
import type { Connection } from 'mongoose';
import { DEFAULT_ESCALATION_POLICY } from '../domain/conversations/escalation-rules';
import { customer360Link } from '../domain/conversations/hand-over';
import { IntentClassifier } from '../domain/conversations/intent-classifier';
import { chatTouchpointQueue, startChatTouchpointWorker } from './chat-touchpoints';
import { GovernanceRequests } from './clients/governance-requests';
import { IdentityLookup } from './clients/identity-lookup';
import { SubgraphClient } from './clients/subgraph-client';
import { TouchpointGateway } from './clients/touchpoint-gateway';
import { ConversationService } from './conversation.service';
import type { conversationConfigSchema } from './conversations.config';
import { createConversationPrivacy } from './conversations-privacy';
import { createConversationResolvers } from './conversations.resolvers';
import { KnowledgeIndex } from './knowledge-index';
import { TemplateReplyWriter, type ReplyWriter } from './reply-writer';
import { defaultSentimentScorer } from './sentiment-scorer';
import { ConversationRepository } from './store/conversation.repository';
import { EscalationRepository } from './store/escalation.repository';
import { KnowledgeRepository } from './store/knowledge.repository';
import type { z } from 'zod';

export const CONVERSATIONS_SCHEMA_PATH = path.join(__dirname, 'conversations.graphql');

type ConversationConfig = { [K in keyof typeof conversationConfigSchema]: z.output<(typeof conversationConfigSchema)[K]> } & {
  INTERNAL_TOKEN_SECRET: string;
  WORKER_CONCURRENCY: number;
};

/** Everything conversations need inside generation, so service.ts wires it with a few lines. */
export async function startConversations(deps: {
  mongo: Connection;
  queues: QueueContext;
  identities: CustomerIdentityView;
  consent: Pick<ConsentClient, 'check'>;
  config: ConversationConfig;
  logger: Logger;
  writer?: ReplyWriter;
}) {
  const { config } = deps;
  const stores = {
    conversations: new ConversationRepository(deps.mongo),
    escalations: new EscalationRepository(deps.mongo),
    knowledge: new KnowledgeRepository(deps.mongo),
  };
  await Promise.all(Object.values(stores).map((s) => s.ensureIndexes()));
  const peer = (url: string) => new SubgraphClient(url, config.INTERNAL_TOKEN_SECRET, config.PEER_TIMEOUT_MS);
  const touchpoints = new TouchpointGateway(peer(config.TOUCHPOINT_STORE_URL));
  const index = new KnowledgeIndex(stores.knowledge, config.KNOWLEDGE_REFRESH_MS, config.KNOWLEDGE_MIN_SCORE);
  const chatQueue = chatTouchpointQueue(deps.queues);
  const link = (customerId: string) => customer360Link(config.CUSTOMER_360_URL_TEMPLATE, customerId);
  const service = new ConversationService({
    ...stores,
    identities: deps.identities,
    classifier: IntentClassifier.standard(),
    sentiment: defaultSentimentScorer(),
    knowledge: index,
    writer: deps.writer ?? new TemplateReplyWriter(),
    governance: new GovernanceRequests(peer(config.GOVERNANCE_URL)),
    touchpoints,
    consent: deps.consent,
    chatQueue,
    logger: deps.logger,
    settings: {
      policy: { ...DEFAULT_ESCALATION_POLICY, lowConfidence: config.CONVERSATION_LOW_CONFIDENCE },
      customer360UrlTemplate: config.CUSTOMER_360_URL_TEMPLATE,
      orderEvents: config.ORDER_EVENT_NAMES,
      orderLookbackDays: config.ORDER_LOOKBACK_DAYS,
      maxMessageChars: config.CONVERSATION_MAX_MESSAGE_CHARS,
    },
  });
  const worker = startChatTouchpointWorker(
    deps.queues,
    { conversations: stores.conversations, identity: new IdentityLookup(peer(config.IDENTITY_GRAPH_URL)), touchpoints },
    deps.logger,
    config.WORKER_CONCURRENCY,
  );
  return {
    resolvers: createConversationResolvers({ ...stores, service, index, identities: deps.identities }),
    worker,
    privacy: createConversationPrivacy({ ...stores, queues: deps.queues }),
    /** customer.updated: anonymous conversations whose chat touchpoints resolved to this customer become theirs. */
    linkAnonymous: async (event: CustomerUpdatedEvent) => {
      const chatTurns = touchpointsOf(event).flatMap((t) => (t.channel === 'chat' ? [t.messageId] : []));
      if (chatTurns.length > 0)
        await stores.escalations.reassign(await stores.conversations.claimAnonymous(event.customerId, chatTurns), event.customerId, link(event.customerId));
    },
    /** customer.split: conversations holding a touchpoint go with it, and their hand-overs too. */
    assignMessages: async (customerId: string, messageIds: readonly string[]) =>
      stores.escalations.reassign(await stores.conversations.assignMessages(customerId, messageIds), customerId, link(customerId)),
    close: () => chatQueue.close(),
  };
}
