import { batchJobOf, ingestJobSchema, jobIdFor, QUEUES, resolveJobOf, type BatchJob, type ResolveJob } from '@c360/contracts';
import { failOnMalformedItems, readBatchJob } from '@c360/service-kit';
import type { Job, Queue } from 'bullmq';
import type { TouchpointRepository } from '../store/touchpoint.repository';

/**
 * touchpoint-ingest: store a batch once, then ask identity-graph to resolve it. Resolution is queued
 * whether the touchpoints were just stored or already there, so a worker that crashed between the two
 * steps finishes the work on retry; the job id derived from this job's keeps a retry from queueing it twice.
 */
export function createIngestProcessor(touchpoints: TouchpointRepository, resolveQueue: Queue<BatchJob<ResolveJob>>) {
  return async (job: Job): Promise<{ stored: number; duplicates: number }> => {
    const parsed = readBatchJob('touchpoint-ingest', ingestJobSchema, job.data);
    const items = parsed.items.map(({ touchpoint, receivedAt, batchId }) => ({ touchpoint, receivedAt: new Date(receivedAt), batchId }));
    const stored = await touchpoints.insertManyOnce(items);
    const resolves: ResolveJob[] = stored.map(({ touchpoint, occurredAt }) => resolveJobOf(touchpoint, occurredAt));
    await resolveQueue.add('resolve', batchJobOf(QUEUES.identityResolve, resolves), { jobId: jobIdFor('res', String(job.id)) });
    failOnMalformedItems('touchpoint-ingest', parsed);
    const duplicates = stored.filter((s) => s.outcome === 'duplicate').length;
    return { stored: stored.length - duplicates, duplicates };
  };
}
