import type { OrderSummary } from '../../domain/conversations/reply-templates';
import type { ChatIdentifierType } from './identity-lookup';
import { SubgraphCallError, type SubgraphClient } from './subgraph-client';

const RECORD = `mutation ($input: [TouchpointInput!]!) { recordTouchpoints(input: $input) { accepted rejected results { status reason } } }`;
const ORDERS = `query ($id: ID!, $events: [String!], $from: DateTime) {
  _entities(representations: [{ __typename: "Customer", id: $id }]) {
    ... on Customer { journey(first: 100, eventNames: $events, from: $from) { edges { node { event type occurredAt properties value { amount currency } } } } }
  }
}`;

export interface ChatTouchpoint {
  messageId: string;
  occurredAt: Date;
  identifier: { type: ChatIdentifierType; value: string };
  text: string;
  properties: Record<string, unknown>;
}

interface JourneyNode {
  event: string | null;
  type: string;
  occurredAt: string;
  properties: Record<string, unknown> | null;
  value: { amount: number; currency: string } | null;
}

/** A purchase's total as its built-in properties carry it (`total`, `currency`), when it has no `value`. */
function propertyTotal(properties: Record<string, unknown> | null): { amount: number; currency: string } | null {
  const amount = properties?.['total'];
  const currency = properties?.['currency'];
  return typeof amount === 'number' && typeof currency === 'string' ? { amount, currency } : null;
}

/** touchpoint-store as generation uses it: chat turns in through the intake every touchpoint takes, recent orders out. */
export class TouchpointGateway {
  constructor(private readonly touchpointStore: SubgraphClient) {}

  /** A rejected item throws: intake refuses the same item every time, so the caller should not retry it. */
  async record(touchpoint: ChatTouchpoint): Promise<void> {
    const item = {
      messageId: touchpoint.messageId,
      type: 'track',
      event: 'chat_message',
      channel: 'CHAT',
      occurredAt: touchpoint.occurredAt.toISOString(),
      identifiers: { [touchpoint.identifier.type]: touchpoint.identifier.value },
      properties: touchpoint.properties,
      text: touchpoint.text,
      source: 'generation-chat',
    };
    const data = await this.touchpointStore.call<{ recordTouchpoints: { rejected: number; results: { status: string; reason: string | null }[] } }>(RECORD, {
      input: [item],
    });
    const result = data.recordTouchpoints.results[0];
    if (result?.status === 'REJECTED') throw new SubgraphCallError(`chat touchpoint rejected: ${result.reason ?? 'no reason'}`, 'REJECTED');
  }

  /** The customer's orders since `from`, newest first, at most `limit`. */
  async recentOrders(customerId: string, events: readonly string[], from: Date, limit: number): Promise<OrderSummary[]> {
    const data = await this.touchpointStore.call<{ _entities: ({ journey: { edges: { node: JourneyNode }[] } } | null)[] }>(ORDERS, {
      id: customerId,
      events,
      from: from.toISOString(),
    });
    const nodes = data._entities[0]?.journey.edges.map((e) => e.node) ?? [];
    return nodes
      .map((n) => ({
        orderId: typeof n.properties?.['orderId'] === 'string' ? n.properties['orderId'] : null,
        occurredAt: new Date(n.occurredAt),
        event: n.event ?? n.type,
        total: n.value ?? propertyTotal(n.properties),
      }))
      .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())
      .slice(0, limit);
  }
}
