import { consentClientConfigSchema } from '@c360/consent-client';
import { DEFAULT_SOURCE_TRUST, sourceTrustSchema } from '@c360/identifiers';
import { baseConfigSchema, parseConfig, portSchema } from '@c360/service-kit';
import { z } from 'zod';
import { decisionsConfigShape } from './decisions/decisions.config';
import { dropoffConfigShape } from './dropoff/dropoff.config';

const schema = baseConfigSchema.extend({
  PORT: portSchema.default(4003),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// or mongodb+srv:// URI')
    .default('mongodb://127.0.0.1:27017'),
  MONGODB_DB: z.string().min(1).default('c360_insights'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** identity-graph's golden-record source ranking (set both alike): golden-record traits in features follow it. */
  SOURCE_TRUST: z
    .string()
    .transform((v, ctx) => {
      try {
        return sourceTrustSchema.parse(JSON.parse(v));
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `a JSON object of source to trust (0-1000): ${(err as Error).message.slice(0, 300)}` });
        return z.NEVER;
      }
    })
    .default({ ...DEFAULT_SOURCE_TRUST }),
  /** Most customer.updated events rescored as one batch (the worker holds twice as many jobs). */
  UPDATE_BATCH_MAX: z.coerce.number().int().min(1).max(500).default(100),
  /** touchpoint-store's subgraph, asked (internal token) for the text of touchpoints to score and for journeys (attribution, journey alerts). */
  TOUCHPOINT_STORE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4002/graphql'),
  JOURNEY_ALERTS_CRON: z.string().min(9).default('0 3 * * *'),
  JOURNEY_ALERTS_HISTORY_DAYS: z.coerce.number().int().min(14).max(180).default(56),
  ATTRIBUTION_BOOTSTRAP_REPLICATES: z.coerce.number().int().min(10).max(2000).default(200),
  ...consentClientConfigSchema,
  ...decisionsConfigShape,
  ...dropoffConfigShape,
});
export type InsightsConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv): InsightsConfig {
  return parseConfig(schema, env);
}
