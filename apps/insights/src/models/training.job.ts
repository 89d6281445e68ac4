import { INTERNAL_QUEUES, runJobSchema, stampVersion } from '@c360/contracts';
import { createQueue, createWorker, readJobData, type Logger, type QueueContext } from '@c360/service-kit';
import { UnrecoverableError, type Job, type Queue, type Worker } from 'bullmq';
import type { ModelRunRepository } from './model-run.repository';
import { trainModel, TrainingRefused, type TrainerDeps } from './model-trainer';
import { trainParamsSchema } from './training-params';

/** insights' own work queue: one job per training run, the run's id as job id. */
export const TRAINING_QUEUE = INTERNAL_QUEUES.insightsTraining;

export interface TrainingJob {
  runId: string;
}

export function createTrainingQueue(queues: QueueContext): Queue<TrainingJob> {
  return createQueue<TrainingJob>(queues, TRAINING_QUEUE);
}

/** Queues a run already recorded; the same run queued twice is one job. */
export async function enqueueTraining(queue: Queue<TrainingJob>, runId: string): Promise<void> {
  await queue.add('train', stampVersion(TRAINING_QUEUE, { runId }), { jobId: runId, attempts: 2, backoff: { type: 'fixed', delay: 2_000 } });
}

/**
 * Trains one run with progress reported to the run record (and BullMQ). A run that cannot produce a
 * model (too few rows, one class) fails at once; any other fault is retried, and the run is marked
 * failed when the last attempt fails.
 */
export function createTrainingProcessor(deps: TrainerDeps, runs: ModelRunRepository) {
  return async (job: Job<TrainingJob>): Promise<{ modelId: string }> => {
    const { runId } = readJobData(TRAINING_QUEUE, runJobSchema, job.data);
    const run = await runs.get(runId);
    if (!run) throw new UnrecoverableError(`no training run ${runId}`);
    const parsed = trainParamsSchema.safeParse(run.params);
    if (!parsed.success) {
      await runs.fail(run.id, `malformed parameters: ${parsed.error.message}`, new Date());
      throw new UnrecoverableError(`malformed parameters of run ${run.id}`);
    }
    const params = parsed.data;
    const progress = async (share: number) => {
      const rounded = Math.round(share * 100) / 100;
      await runs.progress(run.id, rounded);
      await job.updateProgress(Math.round(rounded * 100));
    };
    try {
      await progress(0.01);
      const result = await trainModel(deps, run.id, params, progress);
      await runs.succeed(run.id, result, new Date());
      return { modelId: result.modelId };
    } catch (err) {
      const message = (err as Error).message;
      const last = err instanceof TrainingRefused || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (last) await runs.fail(run.id, message, new Date());
      if (err instanceof TrainingRefused) throw new UnrecoverableError(message);
      throw err;
    }
  };
}

export function startTrainingWorker(queues: QueueContext, deps: TrainerDeps, runs: ModelRunRepository, logger: Logger): Worker<TrainingJob> {
  // One run at a time per replica: training holds a population in memory and the CPU for a while.
  return createWorker(queues, TRAINING_QUEUE, createTrainingProcessor(deps, runs), { logger, concurrency: 1, lockDuration: 120_000 });
}
