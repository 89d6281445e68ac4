import type { ConsentClient } from '@c360/consent-client';
import { INTERNAL_QUEUES, runJobSchema, stampVersion } from '@c360/contracts';
import { createQueue, createWorker, readJobData, type Logger, type QueueContext } from '@c360/service-kit';
import { UnrecoverableError, type Job, type Queue, type Worker } from 'bullmq';
import { clusterCustomers, SegmentationError, type CustomerFeatures } from '../domain/segments';
import type { FeatureVectorRepository } from '../features/feature-vector.repository';
import { SEGMENT_FEATURES } from './segment-features';
import type { SegmentRepository } from './segment.repository';

export const SEGMENTATION_QUEUE = INTERNAL_QUEUES.insightsSegmentation;

export interface SegmentationJob {
  runId: string;
}

export function createSegmentationQueue(queues: QueueContext): Queue<SegmentationJob> {
  return createQueue<SegmentationJob>(queues, SEGMENTATION_QUEUE);
}

/** Queues a run already recorded, the run's id as job id. */
export async function enqueueSegmentation(queue: Queue<SegmentationJob>, runId: string): Promise<void> {
  await queue.add('segment', stampVersion(SEGMENTATION_QUEUE, { runId }), { jobId: runId, attempts: 2, backoff: { type: 'fixed', delay: 2_000 } });
}

const PAGE = 2000;

/**
 * Clusters everyone with current features (kept only under profiling consent; asked again here, in
 * case a withdrawal's removal is still on its way), matching segment ids to the previous run's.
 */
export function createSegmentationProcessor(deps: {
  vectors: FeatureVectorRepository;
  segments: SegmentRepository;
  consent: Pick<ConsentClient, 'isAllowed'>;
}) {
  return async (job: Job<SegmentationJob>): Promise<{ k: number }> => {
    const { runId } = readJobData(SEGMENTATION_QUEUE, runJobSchema, job.data);
    await deps.segments.markRunning(runId);
    const rows: CustomerFeatures[] = [];
    for (let after: string | null = null; ;) {
      const page = await deps.vectors.page(after, PAGE);
      const allowed = await Promise.all(page.map((v) => deps.consent.isAllowed({ customerId: v.customerId, purpose: 'profiling' })));
      page.forEach((v, i) => {
        if (!allowed[i]) return;
        const numeric = Object.fromEntries(Object.entries(v.features).filter((e): e is [string, number] => typeof e[1] === 'number'));
        rows.push({ customerId: v.customerId, features: numeric });
      });
      await job.updateProgress(Math.min(50, rows.length / 100));
      if (page.length < PAGE) break;
      after = page.at(-1)?.customerId ?? null;
    }
    const previous = (await deps.segments.latestSucceeded())?.result ?? undefined;
    try {
      const result = clusterCustomers(rows, SEGMENT_FEATURES, previous, { kMax: Math.min(8, Math.max(2, rows.length - 1)) });
      await deps.segments.succeed(runId, result, new Date());
      return { k: result.k };
    } catch (err) {
      const message = (err as Error).message;
      await deps.segments.fail(runId, message, new Date());
      if (err instanceof SegmentationError) throw new UnrecoverableError(message);
      throw err;
    }
  };
}

export function startSegmentationWorker(
  queues: QueueContext,
  deps: Parameters<typeof createSegmentationProcessor>[0],
  logger: Logger,
): Worker<SegmentationJob> {
  return createWorker(queues, SEGMENTATION_QUEUE, createSegmentationProcessor(deps), { logger, concurrency: 1, lockDuration: 120_000 });
}
