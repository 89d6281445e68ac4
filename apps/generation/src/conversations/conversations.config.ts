import { z } from 'zod';

const graphqlUrl = (port: number) => z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${port}/graphql`);

/** The conversation module's settings, spread into generation's config schema. */
export const conversationConfigSchema = {
  /** Subgraphs the assistant calls directly, signed as generation: turns and orders, identifiers, customer requests. */
  TOUCHPOINT_STORE_URL: graphqlUrl(4002),
  IDENTITY_GRAPH_URL: graphqlUrl(4001),
  GOVERNANCE_URL: graphqlUrl(4005),
  PEER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Where an agent opens a customer's 360 view; `{customerId}` is replaced. */
  CUSTOMER_360_URL_TEMPLATE: z.string().includes('{customerId}').default('/customers/{customerId}'),
  /** Below this intent probability the assistant asks to rephrase; twice in a conversation and a person takes over. */
  CONVERSATION_LOW_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.35),
  /** Event names of the touchpoints the assistant reads as orders (or types, for unnamed calls), comma-separated. */
  ORDER_EVENT_NAMES: z
    .string()
    .default('purchase,Order Completed,order_completed')
    .transform((s) =>
      s
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    ),
  ORDER_LOOKBACK_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** A knowledge article scoring below this (BM25) is not an answer. */
  KNOWLEDGE_MIN_SCORE: z.coerce.number().min(0).default(2),
  KNOWLEDGE_REFRESH_MS: z.coerce.number().int().min(0).default(30_000),
  CONVERSATION_MAX_MESSAGE_CHARS: z.coerce.number().int().min(1).max(20_000).default(2_000),
};
