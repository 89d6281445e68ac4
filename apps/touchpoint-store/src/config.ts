import { baseConfigSchema, parseConfig, portSchema } from '@c360/service-kit';
import { z } from 'zod';

const schema = baseConfigSchema.extend({
  PORT: portSchema.default(4002),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// or mongodb+srv:// URI').default('mongodb://127.0.0.1:27017'),
  MONGODB_DB: z.string().min(1).default('c360_touchpoints'),
  ACCESS_TOKEN_SECRET: z.string().min(32, 'at least 32 characters'),
  ACCESS_TOKEN_ISSUER: z.string().min(1).default('c360-local'),
  ACCESS_TOKEN_AUDIENCE: z.string().min(1).default('c360'),
  BATCH_MAX_ITEMS: z.coerce.number().int().min(1).max(10_000).default(500),
  BATCH_MAX_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** `api` takes batches only, `worker` runs the queue workers only, `all` both (the default). */
  WORKER_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** How soon a job held by a crashed worker is handed to another (BullMQ stall detection). */
  STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
});
export type TouchpointStoreConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv): TouchpointStoreConfig {
  return parseConfig(schema, env);
}
