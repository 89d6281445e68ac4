import { randomUUID } from 'node:crypto';
import type { ConsentClient } from '@c360/consent-client';
import type { CustomerIdentityView, Logger } from '@c360/service-kit';
import type { Queue } from 'bullmq';
import { consentChangeOf } from '../domain/conversations/consent-request';
import { isLowConfidence, sentimentTrend, type EscalationPolicy, type EscalationReason, type TurnAssessment } from '../domain/conversations/escalation-rules';
import { customer360Link, handOverSummary } from '../domain/conversations/hand-over';
import type { IntentClassifier } from '../domain/conversations/intent-classifier';
import { GOVERNANCE_INTENTS, type Intent } from '../domain/conversations/intents';
import type { ReplyGrounds } from '../domain/conversations/reply-templates';
import { assessTurn } from '../domain/conversations/turn-assessor';
import { queueChatTouchpoints, type ChatTouchpointJob } from './chat-touchpoints';
import type { GovernanceRequests } from './clients/governance-requests';
import type { TouchpointGateway } from './clients/touchpoint-gateway';
import { conversationError } from './conversation-errors';
import type { KnowledgeIndex } from './knowledge-index';
import type { ReplyWriter } from './reply-writer';
import type { SentimentScorer } from './sentiment-scorer';
import type { Conversation, ConversationRepository, Turn } from './store/conversation.repository';
import type { Escalation, EscalationRepository } from './store/escalation.repository';

export interface ConversationSettings {
  policy: EscalationPolicy;
  customer360UrlTemplate: string;
  orderEvents: readonly string[];
  orderLookbackDays: number;
  maxMessageChars: number;
}

export interface ConversationDeps {
  conversations: ConversationRepository;
  escalations: EscalationRepository;
  identities: CustomerIdentityView;
  classifier: IntentClassifier;
  sentiment: SentimentScorer;
  knowledge: KnowledgeIndex;
  writer: ReplyWriter;
  governance: GovernanceRequests;
  touchpoints: TouchpointGateway;
  consent: Pick<ConsentClient, 'check'>;
  chatQueue: Queue<ChatTouchpointJob>;
  settings: ConversationSettings;
  logger: Logger;
}

export interface BotAnswer {
  conversation: Conversation;
  reply: Turn;
  intent: Intent;
  confidence: number;
  provider: string;
  escalation: Escalation | null;
}

const SURFACE = /^[a-z][a-z0-9_-]{0,31}$/;
const newMessageId = () => `chat-${randomUUID()}`;

function assessmentOf(turn: Turn): TurnAssessment | null {
  return turn.author === 'customer' && turn.intent !== null && turn.confidence !== null
    ? { text: turn.text, intent: turn.intent, confidence: turn.confidence, sentiment: turn.sentiment ?? 0 }
    : null;
}

/** The assistant: reads each customer message, answers from what it may use, and hands over to people by the escalation rules. */
export class ConversationService {
  constructor(private readonly deps: ConversationDeps) {}

  async start(surface: string, customerId: string | null): Promise<Conversation> {
    if (!SURFACE.test(surface)) throw conversationError('BAD_USER_INPUT', 'channel: a lower-case name such as web or app, at most 32 characters');
    if (customerId !== null && !/^[\w.:-]{1,128}$/.test(customerId)) throw conversationError('BAD_USER_INPUT', 'customerId: not a customer id');
    const now = new Date();
    const conversation: Conversation = { id: `conv-${randomUUID()}`, customerId, surface, status: 'bot', startedAt: now, lastActivityAt: now, turns: [] };
    await this.deps.conversations.create(conversation);
    return conversation;
  }

  async send(conversationId: string, rawText: string): Promise<BotAnswer> {
    const text = rawText.trim();
    if (!text || text.length > this.deps.settings.maxMessageChars) {
      throw conversationError('BAD_USER_INPUT', `text: 1 to ${this.deps.settings.maxMessageChars} characters`);
    }
    const conversation = await this.existing(conversationId);
    const earlier = conversation.turns.flatMap((t) => assessmentOf(t) ?? []);
    const { assessment, escalation: reasons } = assessTurn({ ...this.deps, policy: this.deps.settings.policy }, earlier, text);
    const customerTurn: Turn = {
      ...this.blankTurn('customer', text),
      intent: assessment.intent,
      confidence: assessment.confidence,
      sentiment: assessment.sentiment,
    };
    let escalation: Escalation | null = null;
    let grounds: ReplyGrounds;
    if (conversation.status === 'escalated') {
      if (reasons.length > 0) await this.deps.escalations.addReasons(conversation.id, reasons);
      grounds = { kind: 'with_agent' };
    } else if (reasons.length > 0) {
      escalation = await this.escalate(conversation, [...conversation.turns, customerTurn], assessment, reasons);
      grounds = { kind: 'escalated' };
    } else grounds = await this.ground(conversation, assessment, customerTurn);
    const written = await this.deps.writer.write(grounds);
    const sources = grounds.kind === 'article' ? customerTurn.sources : [];
    const botTurn: Turn = {
      ...this.blankTurn('bot', written.text),
      intent: assessment.intent,
      confidence: assessment.confidence,
      sources,
      requestKey: customerTurn.requestKey,
    };
    await this.deps.conversations.append(conversation.id, [customerTurn, botTurn], escalation ? 'escalated' : undefined);
    await queueChatTouchpoints(this.deps.chatQueue, conversation.id, [customerTurn.messageId, botTurn.messageId]);
    return {
      conversation: (await this.deps.conversations.get(conversation.id)) ?? conversation,
      reply: botTurn,
      intent: assessment.intent,
      confidence: assessment.confidence,
      provider: written.provider,
      escalation: escalation ?? (conversation.status === 'escalated' ? await this.deps.escalations.get(conversation.id) : null),
    };
  }

  async replyAsAgent(conversationId: string, rawText: string, agent: string): Promise<Turn> {
    const text = rawText.trim();
    if (!text || text.length > this.deps.settings.maxMessageChars)
      throw conversationError('BAD_USER_INPUT', `text: 1 to ${this.deps.settings.maxMessageChars} characters`);
    await this.existing(conversationId);
    const escalation = await this.deps.escalations.get(conversationId);
    if (escalation?.status !== 'claimed' || escalation.claimedBy !== agent) throw conversationError('CONFLICT', 'claim the escalation before replying');
    const turn: Turn = { ...this.blankTurn('agent', text), agentId: agent };
    await this.deps.conversations.append(conversationId, [turn]);
    await queueChatTouchpoints(this.deps.chatQueue, conversationId, [turn.messageId]);
    return turn;
  }

  async claim(escalationId: string, agent: string): Promise<Escalation> {
    if (!(await this.deps.escalations.claim(escalationId, agent, new Date()))) {
      throw (await this.deps.escalations.get(escalationId))
        ? conversationError('CONFLICT', 'already claimed or resolved')
        : conversationError('NOT_FOUND', 'no such escalation');
    }
    return (await this.deps.escalations.get(escalationId))!;
  }

  /** The customer talks to the assistant again once an agent has resolved the hand-over. */
  async resolve(escalationId: string, agent: string, resolution: string): Promise<Escalation> {
    const note = resolution.trim();
    if (!note || note.length > 2000) throw conversationError('BAD_USER_INPUT', 'resolution: 1 to 2000 characters');
    if (!(await this.deps.escalations.resolve(escalationId, agent, note, new Date()))) {
      throw (await this.deps.escalations.get(escalationId))
        ? conversationError('CONFLICT', 'claim it first; only the agent holding it resolves it')
        : conversationError('NOT_FOUND', 'no such escalation');
    }
    const escalation = (await this.deps.escalations.get(escalationId))!;
    await this.deps.conversations.setStatus(escalation.conversationId, 'bot');
    return escalation;
  }

  private async existing(conversationId: string): Promise<Conversation> {
    const conversation = await this.deps.conversations.get(conversationId);
    if (!conversation) throw conversationError('NOT_FOUND', 'no such conversation');
    return conversation;
  }

  private blankTurn(author: Turn['author'], text: string): Turn {
    return {
      messageId: newMessageId(),
      author,
      text,
      at: new Date(),
      intent: null,
      confidence: null,
      sentiment: null,
      agentId: null,
      sources: [],
      requestKey: null,
    };
  }

  private async escalate(conversation: Conversation, turns: readonly Turn[], current: TurnAssessment, reasons: EscalationReason[]): Promise<Escalation> {
    const scores = turns.flatMap((t) => (t.author === 'customer' && t.sentiment !== null ? [t.sentiment] : []));
    const customerId = conversation.customerId === null ? null : await this.deps.identities.survivorOf(conversation.customerId);
    return this.deps.escalations.open({
      conversationId: conversation.id,
      customerId: conversation.customerId,
      reasons,
      intent: current.intent,
      summary: handOverSummary(turns, reasons, conversation.customerId !== null),
      sentimentScores: scores,
      sentimentTrend: sentimentTrend(scores),
      customer360Url: customer360Link(this.deps.settings.customer360UrlTemplate, customerId),
      createdAt: new Date(),
    });
  }

  /** What the answer may rest on: a governance request made, the customer's own orders, or an article. */
  private async ground(conversation: Conversation, assessment: TurnAssessment, turn: Turn): Promise<ReplyGrounds> {
    const { intent } = assessment;
    if (isLowConfidence(assessment, this.deps.settings.policy)) return { kind: 'rephrase' };
    if (intent === 'greeting_thanks') return { kind: 'greeting' };
    if (intent === 'consent_change' || intent === 'data_access' || intent === 'erasure') return this.requestGovernance(conversation, intent, turn);
    if (intent === 'order_status' && conversation.customerId) {
      const orders = await this.ordersIfAllowed(conversation.customerId);
      if (orders) return { kind: 'orders', orders };
    }
    const hit = await this.deps.knowledge.search(turn.text);
    if (!hit) return { kind: 'no_answer' };
    turn.sources = [hit.article.id];
    return { kind: 'article', title: hit.article.title, body: hit.article.body };
  }

  private async requestGovernance(conversation: Conversation, intent: keyof typeof GOVERNANCE_INTENTS, turn: Turn): Promise<ReplyGrounds> {
    const request = GOVERNANCE_INTENTS[intent];
    if (!conversation.customerId) return { kind: 'request_needs_identity', request };
    const consent = request === 'consent_change' ? consentChangeOf(turn.text) : null;
    try {
      turn.requestKey = await this.deps.governance.submit({
        key: turn.messageId,
        kind: request,
        customerId: conversation.customerId,
        conversationId: conversation.id,
        consent,
      });
      return { kind: 'request_created', request, consent };
    } catch (err) {
      this.deps.logger.warn({ err: err instanceof Error ? err.message : String(err), request }, 'governance request not recorded');
      return { kind: 'request_failed', request };
    }
  }

  /** The customer's own orders, only with their personalisation consent (fail closed: no answer, no orders). */
  private async ordersIfAllowed(customerId: string) {
    const consent = await this.deps.consent.check({ customerId, purpose: 'personalisation' });
    if (!consent.allowed) return null;
    const since = new Date(Date.now() - this.deps.settings.orderLookbackDays * 24 * 3600 * 1000);
    try {
      return await this.deps.touchpoints.recentOrders(await this.deps.identities.survivorOf(customerId), this.deps.settings.orderEvents, since, 3);
    } catch (err) {
      this.deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'orders unavailable');
      return null;
    }
  }
}
