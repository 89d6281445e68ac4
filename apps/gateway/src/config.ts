import { baseConfigSchema, parseConfig, portSchema, queuePrefixSchema, redisUrlSchema, tracingConfigShape } from '@c360/service-kit';
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });
const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');
const positive = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const schema = z
  .object({
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: portSchema.default(4000),
    INTERNAL_TOKEN_SECRET: z.string().min(32, 'at least 32 characters'),
    SHUTDOWN_DRAIN_MS: baseConfigSchema.shape.SHUTDOWN_DRAIN_MS,
    // Bounds the HTTP close (the gateway runs no workers); runMain's start-up guard reads both.
    SHUTDOWN_TIMEOUT_MS: baseConfigSchema.shape.SHUTDOWN_TIMEOUT_MS,
    TEST_STARTUP_PAUSE_MS: baseConfigSchema.shape.TEST_STARTUP_PAUSE_MS,
    /** Static HS256 key for local runs; production sets ACCESS_TOKEN_JWKS_URL instead. */
    ACCESS_TOKEN_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    ACCESS_TOKEN_JWKS_URL: url.optional(),
    ACCESS_TOKEN_ISSUER: z.string().min(1).default('c360-local'),
    ACCESS_TOKEN_AUDIENCE: z.string().min(1).default('c360'),
    /** A supergraph composed ahead of time (tools/composition); without it the gateway introspects the subgraphs. */
    SUPERGRAPH_PATH: z.string().min(1).optional(),
    /** The published supergraph from a registry over HTTP(S) instead of a file (npm run schema:publish writes one). */
    SUPERGRAPH_URL: url.optional(),
    /** How often the published supergraph is checked for a new version; 0 loads it once. */
    SUPERGRAPH_POLL_MS: z.coerce.number().int().min(0).default(10_000),
    IDENTITY_GRAPH_URL: url.default('http://127.0.0.1:4001/graphql'),
    TOUCHPOINT_STORE_URL: url.default('http://127.0.0.1:4002/graphql'),
    INSIGHTS_URL: url.default('http://127.0.0.1:4003/graphql'),
    GENERATION_URL: url.default('http://127.0.0.1:4004/graphql'),
    GOVERNANCE_URL: url.default('http://127.0.0.1:4005/graphql'),
    /** The console's origin (scheme, host, port): the one browser origin CORS lets call /graphql. */
    CONSOLE_ORIGIN: url.transform((u) => new URL(u).origin).optional(),
    /** Development only: serves GraphiQL at /graphiql from this directory (the console's build); needs INTROSPECTION. */
    GRAPHIQL_ASSETS_DIR: z.string().min(1).optional(),
    /** Introspection and "did you mean" suggestions; off unless enabled. */
    INTROSPECTION: flag('false'),
    REDIS_URL: redisUrlSchema,
    QUEUE_PREFIX: queuePrefixSchema,
    LIMIT_MAX_DEPTH: positive(10),
    LIMIT_MAX_COST: positive(5_000),
    LIMIT_MAX_ALIASES: positive(15),
    LIMIT_MAX_ROOT_FIELDS: positive(5),
    /** Requests per client (token subject) per window, counted in Redis. */
    RATE_LIMIT_REQUESTS: positive(600),
    RATE_LIMIT_WINDOW_SECONDS: positive(60),
    /** JSON file: { "<sha256 of the query>": "<query>" }; the allow-list of persisted operations. */
    PERSISTED_OPERATIONS_PATH: z.string().min(1).optional(),
    /** true: only operations of the allow-list run. */
    PERSISTED_OPERATIONS_REQUIRED: flag('false'),
    /** Open subscription connections a partner may hold on one gateway replica. */
    SUBSCRIPTION_MAX_CONNECTIONS_PER_PARTNER: positive(5),
    /** Subscriptions one connection may carry at once. */
    SUBSCRIPTION_MAX_PER_CONNECTION: positive(10),
    /** @apollo/gateway's usage metrics sent to Apollo over HTTPS every few seconds; off unless enabled. */
    APOLLO_TELEMETRY: flag('false'),
    ...tracingConfigShape,
  })
  .refine((c) => c.ACCESS_TOKEN_SECRET || c.ACCESS_TOKEN_JWKS_URL, {
    path: ['ACCESS_TOKEN_SECRET'],
    message: 'set ACCESS_TOKEN_JWKS_URL or ACCESS_TOKEN_SECRET',
  })
  .refine((c) => !c.GRAPHIQL_ASSETS_DIR || c.INTROSPECTION, {
    path: ['GRAPHIQL_ASSETS_DIR'],
    message: 'GraphiQL needs INTROSPECTION=true',
  })
  .refine((c) => !c.PERSISTED_OPERATIONS_REQUIRED || c.PERSISTED_OPERATIONS_PATH, {
    path: ['PERSISTED_OPERATIONS_PATH'],
    message: 'required when PERSISTED_OPERATIONS_REQUIRED=true',
  });
export type GatewayConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  return parseConfig(schema, env);
}
