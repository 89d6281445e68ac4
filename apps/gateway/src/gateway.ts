import { ApolloGateway, IntrospectAndCompose, type RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { createAccessTokenVerifier, InternalTokenSigner } from '@c360/auth';
import {
  closeServer,
  createHttpApp,
  createMetricsRegistry,
  createRedisConnection,
  finalErrorHandler,
  GRAPHQL_BODY_LIMIT,
  graphqlOperationMetrics,
  httpRequestMetrics,
  graphqlOperationSpanPlugin,
  jsonBody,
  listen,
  maskUnexpectedErrors,
  mountMetrics,
  notFound,
  rejectClientErrors,
  sendGraphQLRejection,
  traceGraphQLOperations,
  trackStartupResource,
  type Logger,
  type RunningService,
} from '@c360/service-kit';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { authenticate, callerOf } from './http/authenticate';
import { corsForOrigin } from './http/cors';
import { graphiqlRoutes } from './http/graphiql';
import { createSubgraphFetcher } from './http/subgraph-fetcher';
import { operationLimitsPlugin } from './limits/operation-limits.plugin';
import { operationResolutionPlugin } from './limits/operation-resolution.plugin';
import { loadAllowList, persistedOperations } from './limits/persisted-operations';
import { rateLimit } from './limits/rate-limit';
import { SubgraphDataSource } from './subgraph-data-source';
import { PartnerUpdateHub } from './subscriptions/partner-update-hub';
import { startSubscriptionServer } from './subscriptions/subscription-server';
import { fileSource, publishedSupergraph, urlSource } from './supergraph/published-supergraph';

function subgraphList(config: GatewayConfig) {
  return [
    { name: 'identity-graph', url: config.IDENTITY_GRAPH_URL },
    { name: 'touchpoint-store', url: config.TOUCHPOINT_STORE_URL },
    { name: 'insights', url: config.INSIGHTS_URL },
    { name: 'generation', url: config.GENERATION_URL },
    { name: 'governance', url: config.GOVERNANCE_URL },
  ];
}

function createGateway(config: GatewayConfig, fetcher: RemoteGraphQLDataSource['fetcher'], logger: Logger): ApolloGateway {
  // Routing follows the configured URLs, also over a precomposed supergraph, so that what the
  // gateway calls and what /readyz checks are the same servers.
  const urls = new Map(subgraphList(config).map((s) => [s.name, s.url]));
  const signer = new InternalTokenSigner(config.INTERNAL_TOKEN_SECRET);
  const buildService = ({ name, url }: { name: string; url?: string }) => {
    const target = urls.get(name) ?? url;
    if (!target) throw new Error(`no URL for subgraph ${name}`);
    return new SubgraphDataSource(target, signer, fetcher);
  };
  const published = config.SUPERGRAPH_URL ? urlSource(config.SUPERGRAPH_URL) : config.SUPERGRAPH_PATH ? fileSource(config.SUPERGRAPH_PATH) : undefined;
  if (published) {
    return new ApolloGateway({ supergraphSdl: publishedSupergraph(published, { pollMs: config.SUPERGRAPH_POLL_MS, logger }), buildService });
  }
  return new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs: subgraphList(config), pollIntervalInMs: 30_000 }),
    buildService,
  });
}

/** Readiness of the gateway is the readiness of every subgraph it routes to, and of Redis. */
function readiness(config: GatewayConfig, redis: { ping: () => Promise<unknown> }) {
  return [
    ...subgraphList(config).map(({ name, url }) => ({
      name,
      check: async () => {
        const res = await fetch(new URL('/readyz', url));
        if (!res.ok) throw new Error(`${name} answered ${res.status}`);
      },
    })),
    { name: 'redis', check: () => redis.ping() },
  ];
}

export async function startGateway(config: GatewayConfig, logger: Logger): Promise<RunningService> {
  const subgraphHttp = createSubgraphFetcher();
  const metrics = createMetricsRegistry('gateway');
  const apollo = new ApolloServer<GatewayContext>({
    gateway: createGateway(config, subgraphHttp.fetcher, logger),
    formatError: maskUnexpectedErrors(logger),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // onShutdown handles signals in its order; Apollo's own handler would stop under requests in flight (service-kit graphql-server.ts).
    stopOnTerminationSignals: false,
    persistedQueries: false,
    introspection: config.INTROSPECTION,
    hideSchemaDetailsFromClientErrors: !config.INTROSPECTION,
    plugins: [
      // Responses carry personal data and are never cached, so no cache policy is computed per request.
      ApolloServerPluginCacheControlDisabled(),
      graphqlOperationSpanPlugin(),
      operationResolutionPlugin(),
      graphqlOperationMetrics(metrics),
      operationLimitsPlugin({
        maxDepth: config.LIMIT_MAX_DEPTH,
        maxCost: config.LIMIT_MAX_COST,
        maxAliases: config.LIMIT_MAX_ALIASES,
        maxRootFields: config.LIMIT_MAX_ROOT_FIELDS,
      }),
    ],
  });
  // Stopped if a signal comes before the gateway listens (service-kit startup-guard).
  trackStartupResource('gateway', () => apollo.stop());
  await apollo.start();
  const redis = createRedisConnection(config.REDIS_URL);
  const app = createHttpApp(readiness(config, redis));
  // Operation names and rates, never people; still, a public ingress should route /graphql only (infra/deploy/README.md).
  mountMetrics(app, metrics);
  app.use(httpRequestMetrics(metrics));
  const verify = createAccessTokenVerifier({
    secret: config.ACCESS_TOKEN_SECRET,
    jwksUrl: config.ACCESS_TOKEN_JWKS_URL,
    issuer: config.ACCESS_TOKEN_ISSUER,
    audience: config.ACCESS_TOKEN_AUDIENCE,
  });
  const allowList = config.PERSISTED_OPERATIONS_PATH ? loadAllowList(config.PERSISTED_OPERATIONS_PATH) : undefined;
  if (config.GRAPHIQL_ASSETS_DIR) app.use(graphiqlRoutes(config.GRAPHIQL_ASSETS_DIR));
  app.use(
    '/graphql',
    corsForOrigin(config.CONSOLE_ORIGIN),
    authenticate(verify),
    rateLimit(redis, { requests: config.RATE_LIMIT_REQUESTS, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS, prefix: config.QUEUE_PREFIX }, logger),
    jsonBody({ limit: GRAPHQL_BODY_LIMIT }),
    rejectClientErrors(sendGraphQLRejection),
    persistedOperations(allowList, config.PERSISTED_OPERATIONS_REQUIRED),
    traceGraphQLOperations(),
    expressMiddleware(apollo, { context: async ({ res }) => ({ caller: callerOf(res) }) }),
  );
  app.use(notFound);
  app.use(finalErrorHandler(logger));
  const running = await listen(app, config.HOST, config.PORT);
  const subscriber = redis.duplicate();
  const subscriptions = startSubscriptionServer(running.server, verify, new PartnerUpdateHub(subscriber, config.QUEUE_PREFIX, logger), logger, {
    maxConnectionsPerPartner: config.SUBSCRIPTION_MAX_CONNECTIONS_PER_PARTNER,
    maxSubscriptionsPerConnection: config.SUBSCRIPTION_MAX_PER_CONNECTION,
  });
  const shutdownSteps = [
    { name: 'subscriptions', close: () => subscriptions.close() },
    // Requests still unanswered SHUTDOWN_TIMEOUT_MS after the signal are cut rather than waited for until the kill.
    { name: 'http', close: () => closeServer(running.server, config.SHUTDOWN_DRAIN_MS, Date.now() + config.SHUTDOWN_TIMEOUT_MS) },
    { name: 'gateway', close: () => apollo.stop() },
    { name: 'subgraph connections', close: () => subgraphHttp.close() },
    { name: 'redis', close: () => Promise.all([redis.quit(), subscriber.quit()]) },
  ];
  return {
    url: running.url,
    port: running.port,
    shutdownSteps,
    close: async () => {
      for (const step of shutdownSteps) await step.close();
    },
  };
}
