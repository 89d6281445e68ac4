import type { Attributes } from '@opentelemetry/api';

/**
 * A job id a span may carry: only the form `jobIdFor` gives (a kind, then 32 hex digits of SHA-256).
 * Other ids are not safe to show: chat turns use the client's messageId, privacy flows name the
 * request, repeatable jobs embed their key.
 */
const HASHED_JOB_ID = /^[a-z0-9-]+-[0-9a-f]{32}$/;

export function isHashedJobId(id: string | undefined): id is string {
  return id !== undefined && HASHED_JOB_ID.test(id);
}

export interface JobFacts {
  queue: string;
  /** The job's name: a constant of the code that queued it ('resolve', 'customer.updated'). */
  name: string;
  id?: string;
  attemptsMade: number;
  data: unknown;
}

/** How many items a batch job carries; undefined for a one-item job. */
function itemCountOf(data: unknown): number | undefined {
  const items = (data as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items.length : undefined;
}

/** What the span of a job's processing says about it: where it came from and how big, never what it holds. */
export function jobSpanAttributes(job: JobFacts): Attributes {
  const attributes: Attributes = {
    'messaging.system': 'bullmq',
    'messaging.destination.name': job.queue,
    'messaging.operation.type': 'process',
    'bullmq.job.name': job.name,
    'bullmq.job.attempt': job.attemptsMade + 1,
  };
  if (isHashedJobId(job.id)) attributes['messaging.message.id'] = job.id;
  const count = itemCountOf(job.data);
  if (count !== undefined) attributes['messaging.batch.message_count'] = count;
  return attributes;
}

/** The codes of a GraphQL answer's errors, each once, in order: messages may quote a client's values and are left out. */
export function errorCodesOf(errors: readonly { extensions?: Record<string, unknown> }[]): string[] {
  const codes = errors.map((e) => e.extensions?.['code']).map((code) => (typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR'));
  return [...new Set(codes)];
}
