import type http from 'node:http';
import { AuthError, type AccessTokenVerifier, type Caller } from '@c360/auth';
import { EVENTS, type PartnerEvent, type PartnerUpdate } from '@c360/contracts';
import type { Logger } from '@c360/service-kit';
import { assertUnionType, buildSchema, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type {
  ResolversParentTypes,
  ResolversTypes,
  SubscriptionCustomerUpdatedArgs,
  SubscriptionPartnerEventsArgs,
  SubscriptionResolverObject,
} from '../__generated__/resolvers-types';
import type { GatewayContext } from '../context';
import type { PartnerUpdateHub } from './partner-update-hub';

/**
 * @apollo/gateway does not federate subscriptions, so partner subscriptions are served beside it
 * on the same HTTP server and path, over graphql-ws, from the updates governance publishes.
 */
const SDL = /* GraphQL */ `
  type Query {
    "Subscriptions only here; queries go to the federated endpoint over HTTP."
    _subscriptionsOnly: Boolean
  }
  input CustomerUpdatedFilter {
    "Only these customers; all the partner may receive when omitted."
    customerIds: [ID!]
  }
  type LastTouchpoint {
    channel: String!
    occurredAt: String!
  }
  type CustomerUpdate {
    customerId: ID!
    "Increases with every change: drop an update older than one you already have."
    version: Int!
    updatedAt: String!
    mergedCustomerIds: [ID!]
    lastTouchpoint: LastTouchpoint
  }
  input PartnerEventFilter {
    "Only these customers; all the partner may receive when omitted."
    customerIds: [ID!]
  }
  "A started journey at risk of abandonment (journey.dropoff). Step and score only if the partner's fields allow."
  type JourneyDropoff {
    "The same on the webhook and here: deduplicate on it."
    eventId: ID!
    schemaVersion: Int!
    customerId: ID!
    journey: String!
    detectedAt: String!
    stepReached: String
    stepIndex: Int
    startedAt: String
    score: Float
  }
  "A prediction moved into another band (customer.prediction.band_changed)."
  type PredictionBandChange {
    eventId: ID!
    schemaVersion: Int!
    customerId: ID!
    "churn, conversion, clv or next_steps."
    kind: String!
    "low, medium or high."
    band: String!
    scoredAt: String!
    "The band it left (null for a first score), if the partner's fields allow scores."
    previousBand: String
  }
  "A customer's sentiment turned sharply negative (customer.sentiment-turned). Trends only if the partner's fields allow scores."
  type SentimentTurn {
    eventId: ID!
    schemaVersion: Int!
    customerId: ID!
    detectedAt: String!
    trendBefore: Float
    trendAfter: Float
  }
  "Anything a partner receives; __typename says which."
  union PartnerEvent = CustomerUpdate | JourneyDropoff | PredictionBandChange | SentimentTurn
  type Subscription {
    "Profile updates the customer's consent allows this partner to receive, with the fields it was registered for."
    customerUpdated(filter: CustomerUpdatedFilter): CustomerUpdate!
    "Every event the partner is registered for (profile updates, drop-offs, band changes, sentiment turns) that the customer's consent allows."
    partnerEvents(filter: PartnerEventFilter): PartnerEvent!
  }
`;

/** graphql-ws close codes for refused connections. */
const CLOSE_UNAUTHENTICATED = 4401;
const CLOSE_FORBIDDEN = 4403;
const CLOSE_TOO_MANY = 4429;
/** Largest client message: a subscribe message with its filter fits many times over. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface SubscriptionLimits {
  maxConnectionsPerPartner: number;
  maxSubscriptionsPerConnection: number;
}

/** Open connections per partner on this replica, so one partner cannot take every socket. */
class ConnectionCounter {
  private readonly open = new Map<string, number>();

  /** Counts the socket in until it closes; false (nothing counted) when the partner is at its limit. */
  admit(partnerId: string, limit: number, socket: { once: (event: 'close', fn: () => void) => unknown }): boolean {
    const n = this.open.get(partnerId) ?? 0;
    if (n >= limit) return false;
    this.open.set(partnerId, n + 1);
    socket.once('close', () => {
      const left = (this.open.get(partnerId) ?? 1) - 1;
      if (left > 0) this.open.set(partnerId, left);
      else this.open.delete(partnerId);
    });
    return true;
  }
}

/** The GraphQL type of each event a partner receives. */
const TYPENAMES: Record<PartnerEvent['type'], string> = {
  [EVENTS.customerUpdated]: 'CustomerUpdate',
  [EVENTS.journeyDropoff]: 'JourneyDropoff',
  [EVENTS.predictionBandChanged]: 'PredictionBandChange',
  [EVENTS.customerSentimentTurned]: 'SentimentTurn',
};

function partnerOf(ctx: GatewayContext): string {
  if (!ctx.caller.partnerId) throw new GraphQLError('subscriptions are for partners', { extensions: { code: 'FORBIDDEN' } });
  return ctx.caller.partnerId;
}

export function subscriptionSchema(hub: PartnerUpdateHub) {
  const schema = buildSchema(SDL);
  const customerUpdated: SubscriptionResolverObject<
    ResolversTypes['CustomerUpdate'],
    ResolversParentTypes['Subscription'],
    GatewayContext,
    SubscriptionCustomerUpdatedArgs
  > = {
    // Only profile updates here, as before partners could receive other events.
    subscribe: async (_, args, ctx) => hub.listen(partnerOf(ctx), args.filter?.customerIds ?? null, [EVENTS.customerUpdated]),
    resolve: (update: PartnerUpdate) => update,
  };
  const partnerEvents: SubscriptionResolverObject<
    ResolversTypes['PartnerEvent'],
    ResolversParentTypes['Subscription'],
    GatewayContext,
    SubscriptionPartnerEventsArgs
  > = {
    subscribe: async (_, args, ctx) => hub.listen(partnerOf(ctx), args.filter?.customerIds ?? null, null),
    resolve: (event: PartnerEvent) => event,
  };
  const fields = schema.getSubscriptionType()?.getFields() ?? {};
  for (const [name, resolver] of [
    ['customerUpdated', customerUpdated],
    ['partnerEvents', partnerEvents],
  ] as const) {
    const field = fields[name];
    if (!field) throw new Error(`the subscription SDL has no ${name}`);
    field.subscribe = resolver.subscribe;
    field.resolve = resolver.resolve;
  }
  assertUnionType(schema.getType('PartnerEvent')).resolveType = (event: PartnerEvent) => TYPENAMES[event.type];
  return schema;
}

/** A subscription lives no longer than the token that opened it; the partner reconnects with a fresh one. */
function closeAtExpiry(socket: { close: (code: number, reason: string) => void; once: (event: 'close', fn: () => void) => unknown }, caller: Caller): void {
  if (!caller.expiresAt) return;
  const timer = setTimeout(() => socket.close(CLOSE_UNAUTHENTICATED, 'UNAUTHENTICATED: token expired'), Math.max(0, caller.expiresAt * 1000 - Date.now()));
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

export function startSubscriptionServer(server: http.Server, verify: AccessTokenVerifier, hub: PartnerUpdateHub, logger: Logger, limits: SubscriptionLimits) {
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  const callers = new WeakMap<object, Caller>();
  const connections = new ConnectionCounter();
  const disposable = useServer<Record<string, unknown>>(
    {
      schema: subscriptionSchema(hub),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = params['authorization'] ?? params['Authorization'];
        try {
          const caller = await verify(typeof authorization === 'string' ? authorization : undefined);
          if (!caller.partnerId) {
            ctx.extra.socket.close(CLOSE_FORBIDDEN, 'FORBIDDEN: subscriptions are for partners');
            return false;
          }
          if (!connections.admit(caller.partnerId, limits.maxConnectionsPerPartner, ctx.extra.socket)) {
            ctx.extra.socket.close(CLOSE_TOO_MANY, `TOO_MANY_CONNECTIONS: at most ${limits.maxConnectionsPerPartner} per partner`);
            return false;
          }
          callers.set(ctx.extra.socket, caller);
          closeAtExpiry(ctx.extra.socket, caller);
          return true;
        } catch (err) {
          if (!(err instanceof AuthError)) logger.error({ err }, 'subscription authentication failed');
          ctx.extra.socket.close(CLOSE_UNAUTHENTICATED, 'UNAUTHENTICATED');
          return false;
        }
      },
      // The new subscription is already among ctx.subscriptions when this runs.
      onSubscribe: (ctx) =>
        Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection
          ? [
              new GraphQLError(`at most ${limits.maxSubscriptionsPerConnection} subscriptions per connection`, {
                extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
              }),
            ]
          : undefined,
      context: (ctx) => ({ caller: callers.get(ctx.extra.socket) }),
    },
    wss,
  );
  return {
    close: async () => {
      await disposable.dispose();
      await new Promise((r) => wss.close(r));
    },
  };
}
