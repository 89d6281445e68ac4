import { consentClientConfigSchema } from '@c360/consent-client';
import { JOB_MAX_ITEMS, timeWindowConfigSchema } from '@c360/contracts';
import { identifierPolicyConfigSchema } from '@c360/identifiers';
import { baseConfigSchema, parseConfig, portSchema } from '@c360/service-kit';
import { z } from 'zod';
import { DEFAULT_STAGE_RULES, stageRulesSchema, type StageRule } from './domain/journey-stage';

const schema = baseConfigSchema.extend({
  ...consentClientConfigSchema,
  // Intake checks suppression with identity-graph's reading of every identifier.
  ...identifierPolicyConfigSchema,
  /** The times a touchpoint may carry (sentAt, and occurredAt after clock-skew correction): earliest, and how far past receipt. */
  ...timeWindowConfigSchema,
  PORT: portSchema.default(4002),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// or mongodb+srv:// URI')
    .default('mongodb://127.0.0.1:27017'),
  MONGODB_DB: z.string().min(1).default('c360_touchpoints'),
  ACCESS_TOKEN_SECRET: z.string().min(32, 'at least 32 characters'),
  ACCESS_TOKEN_ISSUER: z.string().min(1).default('c360-local'),
  ACCESS_TOKEN_AUDIENCE: z.string().min(1).default('c360'),
  BATCH_MAX_ITEMS: z.coerce.number().int().min(1).max(10_000).default(500),
  BATCH_MAX_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Largest single touchpoint (its JSON), so one transcript cannot fill a batch's budget. */
  BATCH_MAX_ITEM_BYTES: z.coerce.number().int().min(256).default(65_536),
  /**
   * Waiting ingestion jobs beyond which batches are answered 429 instead of queued. A job holds one
   * chunk of an accepted batch (at most INGEST_JOB_MAX_ITEMS touchpoints), so the default bounds the
   * backlog at 400,000 touchpoints.
   */
  INGEST_QUEUE_MAX_DEPTH: z.coerce.number().int().min(1).default(2_000),
  /**
   * The same limit on each later stage: identity-resolve and touchpoint-link jobs (one per ingestion
   * job) by INGEST_QUEUE_MAX_DEPTH, and each customer.updated subscriber's queue (one job per customer
   * per resolved batch) by this, so intake slows down when any consumer falls behind.
   */
  EVENT_QUEUE_MAX_DEPTH: z.coerce.number().int().min(1).default(10_000),
  /** Batches the reconciliation metrics sum over, and how old a batch must be before its gap counts as lost. */
  RECONCILIATION_METRIC_BATCHES: z.coerce.number().int().min(1).max(10_000).default(200),
  RECONCILIATION_SETTLE_SECONDS: z.coerce.number().int().min(1).default(600),
  /** Touchpoints per ingestion job: stored with one insertMany and resolved in one identity transaction. */
  INGEST_JOB_MAX_ITEMS: z.coerce.number().int().min(1).max(JOB_MAX_ITEMS).default(200),
  INGEST_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** What happens to an event name with no registered schema: stored (`allow`) or held (`quarantine`). */
  UNKNOWN_EVENT_POLICY: z.enum(['allow', 'quarantine']).default('allow'),
  /** How long an instance keeps its copy of the event-schema registry before reading it again. */
  EVENT_SCHEMA_CACHE_MS: z.coerce.number().int().min(0).default(5_000),
  /** Keys the suppression-list hashes; the same secret governance writes the list with. */
  SUPPRESSION_SECRET: z.string().min(32, 'at least 32 characters'),
  /** Inactivity that ends a session. */
  SESSION_GAP_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Journey-stage rules as JSON (see domain/journey-stage.ts); unset: the built-in rules. */
  JOURNEY_STAGE_RULES: z
    .string()
    .optional()
    .transform((raw, ctx): StageRule[] => {
      if (raw === undefined || raw.trim() === '') return DEFAULT_STAGE_RULES;
      try {
        const parsed = stageRulesSchema.safeParse(JSON.parse(raw));
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: 'custom', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
      }
      return z.NEVER;
    }),
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
