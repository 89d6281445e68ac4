import { baseConfigSchema, parseConfig, portSchema } from '@c360/service-kit';
import { z } from 'zod';
import { PURPOSES, type Purpose } from './domain/consent';
import { partnersConfigShape } from './partners/partners.config';

const purposeList = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean))
  .pipe(z.array(z.enum(PURPOSES)))
  .transform((list) => new Set<Purpose>(list));

const schema = baseConfigSchema.extend({
  PORT: portSchema.default(4005),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// or mongodb+srv:// URI').default('mongodb://127.0.0.1:27017'),
  MONGODB_DB: z.string().min(1).default('c360_governance'),
  /** Purposes granted until a customer says otherwise (comma-separated); every other purpose is denied. */
  CONSENT_DEFAULT_GRANTED: purposeList,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  ...partnersConfigShape,
});
export type GovernanceConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv): GovernanceConfig {
  return parseConfig(schema, env);
}
