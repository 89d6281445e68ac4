import { z } from 'zod';
import { parseRedisTarget, REDIS_URL_FORMS } from './redis-connection';
import { tracingConfigShape } from './tracing/tracing-config';

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once at start. Every problem is reported at once, each naming its
 * variable, so an operator fixes a deployment in one pass rather than one crash per variable.
 */
export function parseConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const received = env[String(issue.path[0])];
    return received === undefined ? `${name}: missing (${issue.message})` : `${name}: ${issue.message}`;
  });
  throw new ConfigError(issues);
}

/** One Redis server or a cluster's seed nodes (see redis-connection.ts). */
export const redisUrlSchema = z
  .string()
  .refine((url) => parseRedisTarget(url) !== null, `expected ${REDIS_URL_FORMS}`)
  .default('redis://127.0.0.1:6379');

/**
 * The namespace of every queue and key. On a Redis Cluster it must be a hash tag (`{c360}`): BullMQ's
 * scripts touch several keys of a queue at once, and a data-subject request is a flow whose parent and
 * children sit in different queues, so every queue's keys must share one slot.
 */
export const queuePrefixSchema = z
  .string()
  .regex(/^(?:[a-z0-9-]+|\{[a-z0-9-]+\})$/, 'lower-case letters, digits and dashes, optionally wrapped in braces as a Redis Cluster hash tag')
  .default('c360');

/** Fields every service reads; services extend this with their own. */
export const baseConfigSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: redisUrlSchema,
  QUEUE_PREFIX: queuePrefixSchema,
  INTERNAL_TOKEN_SECRET: z.string().min(32, 'at least 32 characters'),
  ...tracingConfigShape,
  /**
   * On SIGTERM, how long the server keeps answering (each answer closing its connection) before it
   * stops listening: the time a load balancer takes to stop routing here (Kubernetes: endpoint removal).
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(0),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

export const portSchema = z.coerce.number().int().min(0).max(65535);
