import { z } from 'zod';
import { SERVICES, type ServiceName } from './queues';

/**
 * Data-subject requests and retention, as queues between governance (which orchestrates) and every
 * service (which deletes, checks or exports what it holds). Jobs carry request and customer ids only:
 * customer ids are pseudonymous, so no identifier, name or address ever sits in Redis for this work.
 */
export const PRIVACY_QUEUES = {
  /** Parents of the request flows, processed by governance once every child has finished. */
  requests: 'privacy-requests',
  /** The repeatable retention run, scheduled and processed by governance. */
  retention: 'privacy-retention',
} as const;

/** Each service's own privacy queue: the children of request and retention flows. */
export function privacyQueueName(service: ServiceName): `privacy--${ServiceName}` {
  return `privacy--${service}`;
}

export const PRIVACY_SERVICES: readonly ServiceName[] = SERVICES;

/**
 * The privacy work's versioned contracts (payload-versions.ts) besides governance's own queues: the
 * jobs on every service's privacy queue (erase, verify, export, retention), and the results those
 * jobs return to governance's parent job. Two contracts because they run in opposite directions:
 * governance produces the jobs and reads the results, every service the reverse.
 */
export const PRIVACY_CONTRACTS = {
  jobs: 'privacy.jobs',
  results: 'privacy.results',
} as const;

export const PRIVACY_JOBS = {
  erase: 'erase',
  verify: 'verify',
  export: 'export',
  retention: 'retention',
} as const;

/** erase / verify / export: one person, as every customer id they ever had (survivor first). */
export const subjectJobSchema = z.object({
  requestId: z.string().min(1),
  customerIds: z.array(z.string().min(1)).min(1),
});
export type SubjectJob = z.infer<typeof subjectJobSchema>;

/** What a service deleted, per kind of record (touchpoints, aliases, queued jobs...). */
export const erasureResultSchema = z.object({
  service: z.enum(SERVICES),
  deleted: z.record(z.string(), z.number().int().nonnegative()),
});
export type ErasureResult = z.infer<typeof erasureResultSchema>;

/** What a service still holds after erasure, per kind; all zero means nothing remains. */
export const verificationResultSchema = z.object({
  service: z.enum(SERVICES),
  remaining: z.record(z.string(), z.number().int().nonnegative()),
});
export type VerificationResult = z.infer<typeof verificationResultSchema>;

/** Everything a service holds on the person, as plain JSON, per kind. */
export const exportResultSchema = z.object({
  service: z.enum(SERVICES),
  data: z.record(z.string(), z.unknown()),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

/** retention: delete records of one data class older than a cut-off. */
export const retentionJobSchema = z.object({
  runId: z.string().min(1),
  dataClass: z.string().min(1),
  olderThan: z.iso.datetime(),
});
export type RetentionJob = z.infer<typeof retentionJobSchema>;

export const retentionResultSchema = z.object({
  service: z.enum(SERVICES),
  dataClass: z.string(),
  deleted: z.number().int().nonnegative(),
});
export type RetentionResult = z.infer<typeof retentionResultSchema>;

/**
 * Data classes, the service that holds each, and the default retention. A service asked about a
 * class it does not hold answers with zero.
 */
export const DATA_CLASSES = {
  touchpoints: { services: ['touchpoint-store'], defaultDays: 762 },
  touch_facts: { services: ['insights', 'generation'], defaultDays: 762 },
  sentiment_scores: { services: ['insights'], defaultDays: 762 },
  /** insights keeps a copy of each approved draft's arms (content.approved), expired with the draft. */
  generated_drafts: { services: ['generation', 'insights'], defaultDays: 90 },
  /** Chat conversations and their escalations, by last activity: identified ones, and anonymous ones (nobody can ask for those). */
  conversations: { services: ['generation'], defaultDays: 365 },
  anonymous_conversations: { services: ['generation'], defaultDays: 30 },
  access_exports: { services: ['governance'], defaultDays: 30 },
  nba_decisions: { services: ['insights'], defaultDays: 395 },
  journey_states: { services: ['insights'], defaultDays: 90 },
} as const satisfies Record<string, { services: readonly ServiceName[]; defaultDays: number }>;
export type DataClass = keyof typeof DATA_CLASSES;

/**
 * consent.changed: a customer's consents or restriction changed. Published on a Redis pub/sub
 * channel rather than a BullMQ queue because every replica of every consumer keeps its own cache
 * and each must hear it (a queue job reaches one worker only); a message missed while disconnected
 * is covered by the client's maximum staleness. Versioned like every payload (payload-versions.ts); with
 * no dead letters on pub/sub, a consumer treats a version it cannot read as a message it missed.
 */
export const CONSENT_CHANGED = 'consent.changed';

export function consentChangedChannel(prefix: string): string {
  return `${prefix}:${CONSENT_CHANGED}`;
}

export const consentChangedEventSchema = z.object({
  /** Every id of the person (survivor and merged-away ids), so a cache keyed by any of them is cleared. */
  customerIds: z.array(z.string().min(1)).min(1),
  changedAt: z.iso.datetime(),
});
export type ConsentChangedEvent = z.infer<typeof consentChangedEventSchema>;
