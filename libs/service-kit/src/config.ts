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
  if (result.success) {
    const problem = shutdownBudgetProblem(result.data as Record<string, unknown>);
    if (problem) throw new ConfigError([problem]);
    return result.data;
  }
  const issues = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const received = env[String(issue.path[0])];
    return received === undefined ? `${name}: missing (${issue.message})` : `${name}: ${issue.message}`;
  });
  throw new ConfigError(issues);
}

/** The drain is part of the shutdown's budget: one as long leaves the workers no time at all. */
function shutdownBudgetProblem(config: Record<string, unknown>): string | null {
  const drain = config['SHUTDOWN_DRAIN_MS'];
  const timeout = config['SHUTDOWN_TIMEOUT_MS'];
  if (typeof drain !== 'number' || typeof timeout !== 'number' || drain < timeout) return null;
  return `SHUTDOWN_DRAIN_MS: must be shorter than SHUTDOWN_TIMEOUT_MS (${timeout}), the whole shutdown's budget`;
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

/** 25 s: the Kubernetes default grace of 30 s, less 5 s to close the drivers after the jobs. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

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
  /**
   * On SIGTERM, how long the whole shutdown may take, from the signal: the drain above, then the jobs
   * the workers are running. A job still running then is left to BullMQ's stalled-job recovery (another
   * replica runs it again once its lock expires) and the process exits 1. Keep it under the time the
   * platform waits before it kills the process (Kubernetes: terminationGracePeriodSeconds less preStop),
   * with room for closing the drivers; it also bounds closing what was opened when a signal comes
   * during start-up.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(DEFAULT_SHUTDOWN_TIMEOUT_MS),
  /** For tests only: start-up waits this long before the server listens, so a test can send a signal mid-start. */
  TEST_STARTUP_PAUSE_MS: z.coerce.number().int().min(0).max(600_000).default(0),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

export const portSchema = z.coerce.number().int().min(0).max(65535);

/**
 * What the start-up guard reads before a service has parsed its configuration (runMain). Invalid
 * values fall back to the defaults here: the service's own parse reports them a moment later.
 */
export function startupSettingsFrom(env: NodeJS.ProcessEnv = process.env): {
  logLevel: BaseConfig['LOG_LEVEL'];
  shutdownTimeoutMs: number;
  testPauseMs: number;
} {
  const field = <K extends 'LOG_LEVEL' | 'SHUTDOWN_TIMEOUT_MS' | 'TEST_STARTUP_PAUSE_MS'>(key: K): BaseConfig[K] => {
    const parsed = baseConfigSchema.shape[key].safeParse(env[key]);
    return (parsed.success ? parsed.data : baseConfigSchema.shape[key].parse(undefined)) as BaseConfig[K];
  };
  return { logLevel: field('LOG_LEVEL'), shutdownTimeoutMs: field('SHUTDOWN_TIMEOUT_MS'), testPauseMs: field('TEST_STARTUP_PAUSE_MS') };
}
