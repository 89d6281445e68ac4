import { grantingProfile, startStaticConsentService, type StaticConsentService } from '@c360/consent-client';
import { EVENTS, touchpointInputSchema } from '@c360/contracts';
import {
  connectMongo,
  createLogger,
  createRedisConnection,
  CustomerIdentityView,
  EventPublisher,
  type RedisClient,
  type RunningService,
} from '@c360/service-kit';
import { dropDatabase, SERVICE_CALLER, subgraphRequest, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { loadConfig } from '../config';
import { startGeneration } from '../service';
import { startPeerStandIn, type PeerCall } from '../testing/peer-stand-in';

const stack = testStack();
const db = uniqueName('c360_test_generation_conv');
const prefix = uniqueName('t');
const SUPPORT = { subject: 'agent-1', roles: ['support' as const], scopes: [] };
const OTHER_AGENT = { ...SUPPORT, subject: 'agent-2' };
const CRM = new Map<string, string>();
const ORDERS = new Map<
  string,
  { event: string; type: string; occurredAt: string; properties: Record<string, unknown>; value: { amount: number; currency: string } | null }[]
>();

let service: RunningService;
let governance: StaticConsentService;
let peers: Awaited<ReturnType<typeof startPeerStandIn>>;
let mongo: Connection;
let redis: RedisClient;

/** What touchpoint-store, identity-graph and governance would answer. */
function answer(call: PeerCall): unknown {
  const v = call.variables as { id?: string; input?: { key?: string; kind?: string }[] | { key: string } };
  if (call.query.includes('recordTouchpoints')) {
    const items = v.input as Record<string, unknown>[];
    return { data: { recordTouchpoints: { accepted: items.length, rejected: 0, results: items.map(() => ({ status: 'ACCEPTED', reason: null })) } } };
  }
  if (call.query.includes('submitCustomerRequest')) return { data: { submitCustomerRequest: { id: (v.input as { key: string }).key, status: 'RECEIVED' } } };
  if (call.query.includes('identifiers')) {
    const crm = CRM.get(v.id!);
    return {
      data: {
        customer: crm
          ? {
              id: v.id,
              identifiers: [
                { typeName: 'email', value: 'x@example.com' },
                { typeName: 'crmId', value: crm },
              ],
            }
          : null,
      },
    };
  }
  if (call.query.includes('journey')) return { data: { _entities: [{ journey: { edges: (ORDERS.get(v.id!) ?? []).map((node) => ({ node })) } }] } };
  return { errors: [{ message: 'unexpected', extensions: { code: 'BAD_USER_INPUT' } }] };
}

beforeAll(async () => {
  governance = await startStaticConsentService(grantingProfile(['personalisation']));
  peers = await startPeerStandIn(answer);
  const config = loadConfig({
    ...stack,
    MONGODB_DB: db,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    WORKER_CONCURRENCY: '2',
    CONSENT_SERVICE_URL: governance.url,
    CONSENT_MAX_STALE_MS: '0',
    TOUCHPOINT_STORE_URL: peers.url,
    IDENTITY_GRAPH_URL: peers.url,
    GOVERNANCE_URL: peers.url,
    KNOWLEDGE_REFRESH_MS: '0',
    CUSTOMER_360_URL_TEMPLATE: 'https://console.example/customers/{customerId}',
  });
  service = await startGeneration(config, createLogger('generation-conv-test', 'silent'));
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
});

afterAll(async () => {
  await service.close();
  await peers.close();
  await governance.close();
  await mongo.close();
  await redis.quit();
  await dropDatabase(stack.MONGODB_URI, db);
});

type Caller = typeof SUPPORT | typeof SERVICE_CALLER;
async function gql<T>(query: string, variables: Record<string, unknown> = {}, caller: Caller = SERVICE_CALLER): Promise<T> {
  const res = await subgraphRequest<T>(service.url, query, variables, caller);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}
async function errorCode(query: string, variables: Record<string, unknown>, caller: Caller = SERVICE_CALLER): Promise<string | undefined> {
  return (await subgraphRequest(service.url, query, variables, caller)).errors?.[0]?.extensions?.code;
}

const START = `mutation ($channel: String!, $customerId: ID) { startConversation(channel: $channel, customerId: $customerId) { id status customerId channel } }`;
const ESCALATION_FIELDS = 'id conversationId customerId status reasons intent summary sentimentScores sentimentTrend customer360Url claimedBy resolution';
const SEND = `mutation ($id: ID!, $text: String!) { sendMessage(conversationId: $id, text: $text) {
  intent confidence provider
  reply { messageId author text sources governanceRequestId }
  conversation { id status }
  escalation { ${ESCALATION_FIELDS} }
} }`;
const CONVERSATION = `query ($id: ID!) { conversation(id: $id) { id status customerId turns { messageId author text intent agentId } escalation { ${ESCALATION_FIELDS} } } }`;

interface Escalation {
  id: string;
  conversationId: string;
  customerId: string | null;
  status: string;
  reasons: string[];
  intent: string;
  summary: string;
  sentimentScores: number[];
  sentimentTrend: string;
  customer360Url: string | null;
  claimedBy: string | null;
  resolution: string | null;
}
interface Reply {
  intent: string;
  confidence: number;
  provider: string;
  reply: { messageId: string; author: string; text: string; sources: string[]; governanceRequestId: string | null };
  conversation: { id: string; status: string };
  escalation: Escalation | null;
}
interface Turn {
  messageId: string;
  author: string;
  text: string;
  intent: string | null;
  agentId: string | null;
}

async function start(customerId: string | null = null): Promise<string> {
  return (await gql<{ startConversation: { id: string } }>(START, { channel: 'web', customerId })).startConversation.id;
}
async function send(id: string, text: string): Promise<Reply> {
  return (await gql<{ sendMessage: Reply }>(SEND, { id, text })).sendMessage;
}
async function conversation(id: string, caller: Caller = SERVICE_CALLER) {
  return (
    await gql<{ conversation: { id: string; status: string; customerId: string | null; turns: Turn[]; escalation: Escalation | null } }>(
      CONVERSATION,
      { id },
      caller,
    )
  ).conversation;
}
/** The chat touchpoints touchpoint-store was sent for a conversation, in the shape its intake contract parses. */
function chatTouchpoints(conversationId: string) {
  return peers.calls
    .filter((c) => c.query.includes('recordTouchpoints'))
    .flatMap((c) => c.variables['input'] as Record<string, unknown>[])
    .filter((i) => (i['properties'] as { conversationId?: string }).conversationId === conversationId)
    .map((i) => touchpointInputSchema.parse({ ...i, channel: String(i['channel']).toLowerCase() }));
}

describe('a conversation with the assistant', () => {
  beforeAll(async () => {
    const articles = [
      {
        id: 'kb-refunds',
        title: 'Refunds',
        body: 'Refunds reach your card within 5 working days of the return arriving. You will get an email when it is issued.',
        tags: ['refund', 'money'],
      },
      {
        id: 'kb-delivery',
        title: 'Delivery options',
        body: 'Standard delivery takes 3 to 5 working days. Next-day delivery is available before 8pm.',
        tags: ['shipping'],
      },
    ];
    await gql(`mutation ($a: [KnowledgeArticleInput!]!) { loadKnowledgeArticles(articles: $a) { loaded } }`, { a: articles }, SUPPORT);
  });

  it('answers from the knowledge base, says which article, and records every turn as a chat touchpoint', async () => {
    const id = await start();
    expect((await send(id, 'hello')).reply.text).toMatch(/assistant/);
    const refund = await send(id, 'how many days until my refund comes through?');
    expect(refund).toMatchObject({ intent: 'RETURNS_REFUNDS', provider: 'offline-template', escalation: null, conversation: { status: 'BOT' } });
    expect(refund.reply.sources).toEqual(['kb-refunds']);
    expect(refund.reply.text).toContain('5 working days');
    expect(refund.confidence).toBeGreaterThan(0.35);

    const turns = (await conversation(id)).turns;
    expect(turns.map((t) => t.author)).toEqual(['CUSTOMER', 'BOT', 'CUSTOMER', 'BOT']);
    const recorded = await waitFor(async () => {
      const items = chatTouchpoints(id);
      return items.length === 4 && items;
    });
    expect(new Set(recorded.map((t) => t.messageId))).toEqual(new Set(turns.map((t) => t.messageId)));
    expect(recorded.every((t) => t.channel === 'chat' && t.identifiers['anonymousId'] === `chat-${id}`)).toBe(true);
    expect(recorded.find((t) => t.messageId === turns[2]!.messageId)).toMatchObject({
      text: turns[2]!.text,
      properties: { author: 'customer', intent: 'returns_refunds' },
    });
  });

  it("reads an identified customer's own recent orders only with their consent, and links their turns by an identifier", async () => {
    const [allowed, refused] = [uniqueName('c'), uniqueName('c')];
    CRM.set(allowed, uniqueName('crm'));
    const order = { event: 'purchase', type: 'purchase', properties: { orderId: 'A-1001' }, value: { amount: 59.9, currency: 'EUR' } };
    // An order with the built-in purchase properties instead of a value, as the demo data records it.
    const inStore = { event: 'Order Completed', type: 'purchase', properties: { total: 120.5, currency: 'EUR' }, value: null };
    ORDERS.set(allowed, [
      { ...order, occurredAt: new Date(Date.now() - 86_400_000).toISOString() },
      { ...inStore, occurredAt: new Date(Date.now() - 5 * 86_400_000).toISOString() },
    ]);
    ORDERS.set(refused, [{ ...order, occurredAt: new Date().toISOString() }]);
    governance.set({ customerId: refused, restricted: false, consents: [{ purpose: 'personalisation', channel: null, status: 'withdrawn' }] });

    const mine = await start(allowed);
    const answer = await send(mine, 'where is my order?');
    expect(answer.intent).toBe('ORDER_STATUS');
    expect(answer.reply.text).toMatch(/order A-1001 .* for 59\.90 EUR \(purchase\); an order on .* for 120\.50 EUR \(Order Completed\)/);
    const theirs = await send(await start(refused), 'where is my order?');
    expect(theirs.reply.text).not.toContain('A-1001');

    const recorded = await waitFor(async () => {
      const items = chatTouchpoints(mine);
      return items.length === 2 && items;
    });
    expect(recorded.every((t) => t.identifiers['crmId'] === CRM.get(allowed))).toBe(true);
  });

  it('creates requests to governance for an identified customer, never for an anonymous one', async () => {
    const customerId = uniqueName('c');
    const id = await start(customerId);
    const erasure = await send(id, 'please delete all the data you have about me');
    expect(erasure.intent).toBe('ERASURE');
    const optOut = await send(id, 'stop sending me marketing texts');
    expect(optOut.intent).toBe('CONSENT_CHANGE');
    const submitted = peers.calls.filter((c) => c.query.includes('submitCustomerRequest')).map((c) => c.variables['input'] as Record<string, unknown>);
    const mine = submitted.filter((s) => s['customerId'] === customerId);
    expect(mine).toEqual([
      expect.objectContaining({ kind: 'ERASURE', reference: id, channel: 'chat', purpose: null, wantedStatus: null }),
      expect.objectContaining({ kind: 'CONSENT_CHANGE', reference: id, purpose: 'SMS_MARKETING', wantedStatus: 'WITHDRAWN' }),
    ]);
    const turns = (await conversation(id)).turns;
    expect(mine.map((s) => s['key'])).toEqual([turns[0]!.messageId, turns[2]!.messageId]);
    expect([erasure.reply.governanceRequestId, optOut.reply.governanceRequestId]).toEqual([turns[0]!.messageId, turns[2]!.messageId]);
    expect(peers.calls.every((c) => c.caller === 'generation')).toBe(true);

    const before = submitted.length;
    const anonymous = await send(await start(), 'I want a copy of all the personal data you hold on me');
    expect(anonymous.intent).toBe('DATA_ACCESS');
    expect(anonymous.reply.text).toMatch(/sign in/);
    expect(peers.calls.filter((c) => c.query.includes('submitCustomerRequest'))).toHaveLength(before);
  });

  it('tells the customer when governance cannot be reached, without pretending the request was made', async () => {
    const id = await start(uniqueName('c'));
    peers.state.down = true;
    try {
      const reply = await send(id, 'erase all my personal data please');
      expect(reply.reply.governanceRequestId).toBeNull();
      expect(reply.reply.text).toMatch(/couldn't record/);
    } finally {
      peers.state.down = false;
    }
  });
});

describe('escalation to a person', () => {
  it.each([
    ['the customer asks', ['can I talk to a real person please'], 'CUSTOMER_ASKED'],
    ['sentiment turns negative', ['still late, not good at all', 'and still late today, not good at all'], 'NEGATIVE_SENTIMENT'],
    ['confidence is low twice', ['blorp zing', 'flibber wop'], 'LOW_CONFIDENCE'],
    ['vulnerability', ['my husband passed away and I need help with his account'], 'VULNERABILITY'],
    ['a complaint', ['I want to make a formal complaint about your driver'], 'COMPLAINT'],
    ['a legal or privacy matter', ['my solicitor will be contacting you about this'], 'LEGAL_PRIVACY'],
  ])('hands over when %s, with a summary, the intent, the sentiment trend and a link to the 360 view', async (_, messages, reason) => {
    const customerId = uniqueName('c');
    const id = await start(customerId);
    const replies: Reply[] = [];
    for (const text of messages) replies.push(await send(id, text));
    expect(replies.slice(0, -1).every((r) => r.escalation === null)).toBe(true);
    const last = replies.at(-1)!;
    expect(last.conversation.status).toBe('ESCALATED');
    expect(last.escalation).toMatchObject({
      conversationId: id,
      customerId,
      status: 'OPEN',
      intent: last.intent,
      customer360Url: `https://console.example/customers/${customerId}`,
    });
    expect(last.escalation!.reasons).toContain(reason);
    expect(last.escalation!.summary).toContain(messages.at(-1));
    expect(last.escalation!.sentimentScores).toHaveLength(messages.length);
    expect(['IMPROVING', 'STEADY', 'WORSENING']).toContain(last.escalation!.sentimentTrend);
    const open = await gql<{ escalations: { id: string }[] }>(`query { escalations(first: 500) { id } }`, {}, SUPPORT);
    expect(open.escalations.map((e) => e.id)).toContain(last.escalation!.id);
  });

  it('reports a worsening trend when the mood drops', async () => {
    const id = await start();
    await send(id, 'thanks, that is great');
    const last = await send(id, 'this is awful, I am so angry right now');
    expect(last.escalation).toMatchObject({ sentimentTrend: 'WORSENING', customerId: null, customer360Url: null });
  });

  it('lets one agent claim, reply into the same conversation and resolve; the assistant steps back meanwhile', async () => {
    const id = await start();
    const { escalation } = await send(id, 'I want to speak to a human');
    const CLAIM = `mutation ($id: ID!) { claimEscalation(id: $id) { status claimedBy } }`;
    const REPLY = `mutation ($id: ID!, $text: String!) { replyAsAgent(conversationId: $id, text: $text) { messageId author agentId text } }`;
    const RESOLVE = `mutation ($id: ID!, $r: String!) { resolveEscalation(id: $id, resolution: $r) { status resolution claimedBy } }`;
    expect(await errorCode(REPLY, { id, text: 'hello' }, SUPPORT)).toBe('CONFLICT');
    expect(await gql(CLAIM, { id: escalation!.id }, SUPPORT)).toEqual({ claimEscalation: { status: 'CLAIMED', claimedBy: 'agent-1' } });
    expect(await errorCode(CLAIM, { id: escalation!.id }, OTHER_AGENT)).toBe('CONFLICT');
    expect(await errorCode(REPLY, { id, text: 'me too' }, OTHER_AGENT)).toBe('CONFLICT');
    expect(await errorCode(RESOLVE, { id: escalation!.id, r: 'done' }, OTHER_AGENT)).toBe('CONFLICT');

    const agentTurn = (await gql<{ replyAsAgent: Turn }>(REPLY, { id, text: 'Hi, I am Sam from support. How can I help?' }, SUPPORT)).replyAsAgent;
    expect(agentTurn).toMatchObject({ author: 'AGENT', agentId: 'agent-1' });
    const meanwhile = await send(id, 'where is my order?');
    expect(meanwhile.reply.text).toMatch(/colleague has your conversation/);
    expect(meanwhile.escalation).toMatchObject({ status: 'CLAIMED', reasons: ['CUSTOMER_ASKED'] });
    const worried = await send(id, 'I am in hospital and cannot collect it');
    expect(worried.escalation).toMatchObject({ status: 'CLAIMED', reasons: ['CUSTOMER_ASKED', 'VULNERABILITY'] });

    expect((await gql<{ resolveEscalation: unknown }>(RESOLVE, { id: escalation!.id, r: 'answered the question' }, SUPPORT)).resolveEscalation).toEqual({
      status: 'RESOLVED',
      resolution: 'answered the question',
      claimedBy: 'agent-1',
    });
    const seen = await conversation(id, SUPPORT);
    expect(seen.status).toBe('BOT');
    expect(seen.turns.map((t) => t.author)).toEqual(['CUSTOMER', 'BOT', 'AGENT', 'CUSTOMER', 'BOT', 'CUSTOMER', 'BOT']);
    expect(seen.turns[2]!.text).toBe('Hi, I am Sam from support. How can I help?');
    await waitFor(async () => chatTouchpoints(id).some((t) => t.messageId === agentTurn.messageId && t.properties['author'] === 'agent'));
    expect(await errorCode(CLAIM, { id: uniqueName('none') }, SUPPORT)).toBe('NOT_FOUND');
  });
});

describe('conversation access, input and identity', () => {
  it('keeps each operation to its role and refuses malformed input with typed errors', async () => {
    const id = await start();
    expect(await errorCode(SEND, { id, text: 'hi' }, SUPPORT)).toBe('FORBIDDEN');
    expect(await errorCode(`query { escalations { id } }`, {})).toBe('FORBIDDEN');
    expect(await errorCode(`mutation { loadKnowledgeArticles(articles: [{ id: "a", title: "t", body: "b" }]) { loaded } }`, {})).toBe('FORBIDDEN');
    expect(await errorCode(START, { channel: 'Web Chat!' })).toBe('BAD_USER_INPUT');
    expect(await errorCode(SEND, { id, text: '   ' })).toBe('BAD_USER_INPUT');
    expect(await errorCode(SEND, { id, text: 'x'.repeat(2001) })).toBe('BAD_USER_INPUT');
    expect(await errorCode(SEND, { id: uniqueName('conv'), text: 'hi' })).toBe('NOT_FOUND');
    expect(await errorCode(`mutation { loadKnowledgeArticles(articles: [{ id: "bad id", title: "t", body: "b" }]) { loaded } }`, {}, SUPPORT)).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('gives an anonymous conversation to the customer identity resolution linked its chat turns to, with its hand-over', async () => {
    const id = await start();
    const { escalation } = await send(id, 'I want to speak to a human');
    expect(escalation?.customerId).toBeNull();
    const [first] = (await conversation(id)).turns;
    const customerId = uniqueName('c');
    const publisher = new EventPublisher({ connection: redis, prefix });
    const touchpoints = [{ messageId: first!.messageId, channel: 'chat', occurredAt: new Date().toISOString() }];
    await publisher.publish(
      EVENTS.customerUpdated,
      { customerId, version: 1, mergedCustomerIds: [], touchpoints, updatedAt: new Date().toISOString() },
      uniqueName('j'),
    );
    await publisher.close();
    const linked = await waitFor(async () => {
      const c = await conversation(id);
      return c.customerId === customerId && c;
    });
    expect(linked.escalation).toMatchObject({ customerId, customer360Url: `https://console.example/customers/${customerId}` });
  });

  it("serves a customer's conversations with those of customers merged into them, and moves them back on a split", async () => {
    const [survivor, absorbed] = [uniqueName('c'), uniqueName('c')];
    const id = await start(absorbed);
    await send(id, 'hello');
    await new CustomerIdentityView(mongo).record([{ customerId: survivor, mergedIds: [absorbed], at: new Date(), survivor: true }]);
    const CONVERSATIONS = `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { conversations { id customerId } } } }`;
    const of = async (customerId: string) =>
      (await gql<{ _entities: { conversations: { id: string; customerId: string }[] }[] }>(CONVERSATIONS, { id: customerId }, SUPPORT))._entities[0]!
        .conversations;
    expect(await of(survivor)).toEqual([{ id, customerId: absorbed }]);

    const messageIds = (await conversation(id)).turns.map((t) => t.messageId);
    const other = uniqueName('c');
    const publisher = new EventPublisher({ connection: redis, prefix });
    const split = {
      splitId: uniqueName('s'),
      customerId: survivor,
      restoredCustomerId: other,
      restoredLineage: [],
      assignments: [{ customerId: other, messageIds }],
      splitAt: new Date().toISOString(),
    };
    await publisher.publish(EVENTS.customerSplit, split, uniqueName('j'));
    await publisher.close();
    await waitFor(async () => (await of(other)).length === 1, 15_000, 'the conversation to move with its touchpoints');
    expect(await of(survivor)).toEqual([]);
  });
});
