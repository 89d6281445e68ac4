import {
  PRIVACY_CONTRACTS,
  PRIVACY_JOBS,
  privacyQueueName,
  retentionJobSchema,
  stampVersion,
  subjectJobSchema,
  type ErasureResult,
  type ExportResult,
  type RetentionJob,
  type RetentionResult,
  type ServiceName,
  type SubjectJob,
  type VerificationResult,
} from '@c360/contracts';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { createWorker, refuseUnreadableVersion, type QueueContext, type WorkerSettings } from './queue';

/** What one service does for data-subject requests and retention; each service implements it in src/privacy/. */
export interface PrivacyHandlers {
  service: ServiceName;
  /** Deletes everything held on the person; returns counts per kind of record. Must be idempotent. */
  erase(job: SubjectJob): Promise<Record<string, number>>;
  /** Counts what is still held on the person, per kind. */
  verify(job: SubjectJob): Promise<Record<string, number>>;
  /** Everything held on the person, per kind, as JSON-ready values. */
  export(job: SubjectJob): Promise<Record<string, unknown>>;
  /** Deletes records of a data class older than the cut-off; zero for classes the service does not hold. */
  retention(job: RetentionJob): Promise<number>;
}

type PrivacyResult = ErasureResult | VerificationResult | ExportResult | RetentionResult;

function parse<T>(schema: { safeParse(d: unknown): { success: true; data: T } | { success: false; error: Error } }, job: Job): T {
  // A job of a major this release cannot read fails for good; governance's parent records its reason.
  refuseUnreadableVersion(PRIVACY_CONTRACTS.jobs, job.data);
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`malformed ${job.name} job: ${parsed.error.message}`);
  return parsed.data;
}

/** Runs a service's privacy jobs; each result, which governance's parent job reads, carries its version like every payload between services. */
export function createPrivacyProcessor(handlers: PrivacyHandlers) {
  const processJob = createUnversionedProcessor(handlers);
  return async (job: Job): Promise<PrivacyResult & { schemaVersion: string }> => stampVersion(PRIVACY_CONTRACTS.results, await processJob(job));
}

function createUnversionedProcessor(handlers: PrivacyHandlers) {
  const service = handlers.service;
  return async (job: Job): Promise<PrivacyResult> => {
    switch (job.name) {
      case PRIVACY_JOBS.erase:
        return { service, deleted: await handlers.erase(parse(subjectJobSchema, job)) };
      case PRIVACY_JOBS.verify:
        return { service, remaining: await handlers.verify(parse(subjectJobSchema, job)) };
      case PRIVACY_JOBS.export:
        return { service, data: await handlers.export(parse(subjectJobSchema, job)) };
      case PRIVACY_JOBS.retention: {
        const data = parse(retentionJobSchema, job);
        return { service, dataClass: data.dataClass, deleted: await handlers.retention(data) };
      }
      default:
        throw new UnrecoverableError(`unknown privacy job ${job.name}`);
    }
  };
}

/** The worker on a service's own privacy queue (`privacy--<service>`). */
export function createPrivacyWorker(ctx: QueueContext, handlers: PrivacyHandlers, settings: WorkerSettings): Worker {
  return createWorker(ctx, privacyQueueName(handlers.service), createPrivacyProcessor(handlers), { concurrency: 2, ...settings });
}
