import { DATA_CLASSES } from '@c360/contracts';
import { baseConfigSchema, parseConfig, portSchema } from '@c360/service-kit';
import { z } from 'zod';
import { PURPOSES, type Purpose } from './domain/consent';
import { partnersConfigShape } from './partners/partners.config';
import { parseRetentionPolicies, type RetentionPolicy } from './domain/retention';

// Marketing needs a yes from the person; no configuration can presume one.
const MARKETING: readonly Purpose[] = ['marketing', 'email_marketing', 'sms_marketing', 'third_party_sharing'];

const purposeList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(PURPOSES)))
  .refine((list) => !list.some((p) => MARKETING.includes(p)), 'marketing and third-party sharing cannot be granted by default')
  .transform((list) => new Set<Purpose>(list));

const retentionDefaults = Object.fromEntries(Object.entries(DATA_CLASSES).map(([k, v]) => [k, v.defaultDays]));

const retentionPolicies = z.string().transform((text, ctx): RetentionPolicy[] => {
  const parsed = parseRetentionPolicies(text, retentionDefaults);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

const schema = baseConfigSchema.extend({
  PORT: portSchema.default(4005),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// or mongodb+srv:// URI')
    .default('mongodb://127.0.0.1:27017'),
  MONGODB_DB: z.string().min(1).default('c360_governance'),
  /** Purposes granted until a customer says otherwise (comma-separated); every other purpose is denied. */
  CONSENT_DEFAULT_GRANTED: purposeList.default(new Set<Purpose>(['analytics', 'personalisation', 'profiling'])),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  ...partnersConfigShape,
  /** Keys the suppression list's hashes; shared with ingestion (touchpoint-store). */
  SUPPRESSION_SECRET: z.string().min(32, 'at least 32 characters'),
  /** identity-graph's subgraph, asked directly (internal token) whom a data-subject request is about. */
  IDENTITY_GRAPH_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4001/graphql'),
  /** Days a data-subject request may take from receipt (GDPR: one month). */
  REQUEST_DUE_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  /** Attempts and first backoff of each service's part of a request before the request is FAILED. */
  PRIVACY_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  PRIVACY_BACKOFF_MS: z.coerce.number().int().min(10).default(2_000),
  /** Retention in days per data class, over the defaults: e.g. `touchpoints=762,generated_drafts=90`. */
  RETENTION_POLICIES: retentionPolicies.default(parseRetentionPolicies('', retentionDefaults) as RetentionPolicy[]),
  /**
   * Signs checkpoints of the audit chain (HMAC-SHA256). Held only in the environment: whoever can
   * rewrite the audit collection cannot sign a matching checkpoint.
   */
  AUDIT_ANCHOR_KEY: z.string({ error: 'missing (at least 32 characters, e.g. `openssl rand -hex 32`)' }).min(32, 'at least 32 characters'),
  /** Where checkpoints are kept: another server or user than MONGODB_URI's in production (insert and find only). */
  AUDIT_ANCHOR_MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// or mongodb+srv:// URI')
    .optional(),
  AUDIT_ANCHOR_DB: z.string().min(1).default('c360_audit_anchors'),
  /** How often the chain's head is signed (it is also signed after each erasure receipt). */
  AUDIT_ANCHOR_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** When the retention job runs (cron, UTC); `off` schedules nothing. */
  RETENTION_CRON: z.string().min(1).default('17 3 * * *'),
});
export type GovernanceConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv): GovernanceConfig {
  return parseConfig(schema, env);
}
