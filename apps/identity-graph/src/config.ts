import { baseConfigSchema, parseConfig, portSchema } from '@c360/service-kit';
import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

const schema = baseConfigSchema.extend({
  PORT: portSchema.default(4001),
  NEO4J_URI: z.string().regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\//, 'a bolt:// or neo4j:// URI').default('bolt://127.0.0.1:7687'),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  /** Empty means the server runs without authentication (the local stack). */
  NEO4J_PASSWORD: z.string().default(''),
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as US')
    .default('US')
    .transform((v) => v as CountryCode),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
});
export type IdentityGraphConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv): IdentityGraphConfig {
  return parseConfig(schema, env);
}
