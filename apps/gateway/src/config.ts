import { parseConfig, portSchema } from '@c360/service-kit';
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });

const schema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: portSchema.default(4000),
  INTERNAL_TOKEN_SECRET: z.string().min(32, 'at least 32 characters'),
  ACCESS_TOKEN_SECRET: z.string().min(32, 'at least 32 characters'),
  ACCESS_TOKEN_ISSUER: z.string().min(1).default('c360-local'),
  ACCESS_TOKEN_AUDIENCE: z.string().min(1).default('c360'),
  /** A supergraph composed ahead of time (tools/composition); without it the gateway introspects the subgraphs. */
  SUPERGRAPH_PATH: z.string().min(1).optional(),
  IDENTITY_GRAPH_URL: url.default('http://127.0.0.1:4001/graphql'),
  TOUCHPOINT_STORE_URL: url.default('http://127.0.0.1:4002/graphql'),
  INSIGHTS_URL: url.default('http://127.0.0.1:4003/graphql'),
  GENERATION_URL: url.default('http://127.0.0.1:4004/graphql'),
  GOVERNANCE_URL: url.default('http://127.0.0.1:4005/graphql'),
  INTROSPECTION: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
export type GatewayConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  return parseConfig(schema, env);
}
