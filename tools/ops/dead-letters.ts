import { knownQueueNames, type QueueName } from '@c360/contracts';
import { createQueue, type QueueContext } from '@c360/service-kit';
import type { Queue } from 'bullmq';
import { redactFailureReason } from './failure-reason';

/** A job that ran out of attempts, as an operator sees it: never its data, which may hold identifiers. */
export interface DeadLetter {
  id: string;
  name: string;
  attempts: number;
  failedAt: string | null;
  reason: string;
}

export interface QueueDeadLetters {
  queue: QueueName;
  count: number;
  /** The newest first, at most the limit asked for. */
  jobs: DeadLetter[];
}

/** A name outside libs/contracts' tables: there is no such queue to read. */
export class UnknownQueueError extends Error {
  constructor(readonly queue: string) {
    super(`no queue is named ${queue}; known queues: npm run jobs:dead-letters -- --list-queues`);
    this.name = 'UnknownQueueError';
  }
}

function queueNamed(name: string): QueueName {
  const known = knownQueueNames().find((q) => q === name);
  if (!known) throw new UnknownQueueError(name);
  return known;
}

async function withQueue<R>(ctx: QueueContext, name: QueueName, use: (queue: Queue) => Promise<R>): Promise<R> {
  const queue = createQueue(ctx, name);
  try {
    return await use(queue);
  } finally {
    await queue.close();
  }
}

/**
 * The dead letters of one queue (by name) or of every known queue, only queues that have some. The
 * partners' delivery lanes are not among them: governance keeps each delivery's own dead letter, with
 * replay, in its webhook delivery log.
 */
export async function listDeadLetters(ctx: QueueContext, options: { queue?: string; limit?: number } = {}): Promise<QueueDeadLetters[]> {
  const names = options.queue ? [queueNamed(options.queue)] : knownQueueNames();
  const limit = options.limit ?? 20;
  const found: QueueDeadLetters[] = [];
  for (const name of names) {
    const letters = await withQueue(ctx, name, async (queue) => {
      const count = await queue.getFailedCount();
      if (count === 0) return null;
      const jobs = await queue.getFailed(0, limit - 1);
      return {
        queue: name,
        count,
        jobs: jobs.map((job) => ({
          id: job.id ?? '',
          name: job.name,
          attempts: job.attemptsMade,
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
          reason: redactFailureReason(job.failedReason ?? ''),
        })),
      };
    });
    if (letters) found.push(letters);
  }
  return found;
}

/**
 * Sends dead letters of one queue back to be processed, each with its whole retry budget again (the
 * cause is meant to be mended first). `jobId` retries one; without it, every dead letter of the queue.
 * Jobs of an erased person are not there to retry: erasure removes them from every state (job-scrub).
 */
export async function retryDeadLetters(ctx: QueueContext, queueName: string, jobId?: string): Promise<{ retried: string[]; missing: string[] }> {
  const name = queueNamed(queueName);
  return withQueue(ctx, name, async (queue) => {
    const retried: string[] = [];
    const missing: string[] = [];
    const retry = async (id: string) => {
      const job = await queue.getJob(id);
      if (!job || !(await job.isFailed())) {
        missing.push(id);
        return;
      }
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      retried.push(id);
    };
    if (jobId) {
      await retry(jobId);
      return { retried, missing };
    }
    // Page from the oldest: a retried job leaves the failed set, so the first page holds the next ones. A job
    // seen once is not retried twice in one run, even if it has failed again meanwhile.
    const seen = new Set<string>();
    for (;;) {
      const page = await queue.getJobs(['failed'], 0, 99, true);
      const ids = page.flatMap((job) => (job.id && !seen.has(job.id) ? [job.id] : []));
      if (ids.length === 0) break;
      for (const id of ids) {
        seen.add(id);
        await retry(id);
      }
    }
    return { retried, missing };
  });
}
