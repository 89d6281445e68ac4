import type { Worker } from 'bullmq';
import { untilStarted } from './bullmq-start';

/**
 * Jobs each worker is running now, by id, kept from the worker's own events since BullMQ exposes no
 * count. createWorker registers every worker here at creation, before it can take a job.
 */
const running = new WeakMap<Worker, Set<string>>();

export function trackActiveJobs(worker: Worker): void {
  const active = new Set<string>();
  running.set(worker, active);
  worker.on('active', (job) => active.add(String(job.id)));
  worker.on('completed', (job) => active.delete(String(job.id)));
  worker.on('failed', (job) => {
    if (job) active.delete(String(job.id));
  });
}

export function activeJobCount(worker: Worker): number {
  return running.get(worker)?.size ?? 0;
}

const FORCED_CLOSE_MS = 5_000;

export interface DrainOutcome {
  /** Jobs still running at the deadline, left to BullMQ's stalled-job recovery, by queue. */
  abandoned: Record<string, number>;
}

export const abandonedTotal = (outcome: DrainOutcome): number => Object.values(outcome.abandoned).reduce((sum, n) => sum + n, 0);

/**
 * Stops the workers taking jobs and lets the running ones finish until `deadline` (epoch ms); a worker
 * still busy then is closed with force. Force stops renewing its jobs' locks and waits for nothing,
 * so once a lock expires (the worker's lockDuration) another replica's stalled-job check puts the job
 * back in its queue: nothing is lost, the job runs again from its start. (A closing worker cannot be
 * forced any more, as BullMQ's close() hands later callers the first call's promise; so the waiting
 * is done by pause(), which stops fetching and waits for the running jobs, and close() comes after.)
 */
export async function drainWorkers(workers: readonly Worker[], deadline: number): Promise<DrainOutcome> {
  const abandoned: Record<string, number> = {};
  await Promise.all(
    workers.map(async (worker) => {
      let timer: NodeJS.Timeout | undefined;
      // No deadline (Infinity) waits as long as the jobs take; setTimeout would read Infinity as 1 ms.
      const timedOut = new Promise<true>((resolve) => {
        if (Number.isFinite(deadline)) timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now()));
      });
      await Promise.race([untilStarted(worker), timedOut]);
      const finished = await Promise.race([worker.pause().then(() => false as const), timedOut]).finally(() => clearTimeout(timer));
      if (finished === true) {
        const left = activeJobCount(worker);
        if (left > 0) abandoned[worker.name] = (abandoned[worker.name] ?? 0) + left;
      }
      if (finished !== true) return void (await worker.close());
      // Forced, it waits for no job, only for its connections to close; a Redis that is gone must not hold it.
      await Promise.race([worker.close(true), new Promise((resolve) => setTimeout(resolve, FORCED_CLOSE_MS).unref())]);
    }),
  );
  return { abandoned };
}

/** A shutdown that left jobs running: the process exits non-zero, and the jobs are retried elsewhere. */
export class ShutdownTimedOut extends Error {
  constructor(readonly outcome: DrainOutcome) {
    super(`shutdown timed out: ${abandonedTotal(outcome)} active job(s) left to stalled-job recovery`);
    this.name = 'ShutdownTimedOut';
  }
}
