import { batchItemsOf, type QueueName } from '@c360/contracts';
import type { Job, JobType, Queue } from 'bullmq';
import type { RedisClient } from './redis-connection';
import { createQueue, type QueueContext } from './queue';

/** Job states that may still hold a person's data after their erasure: not yet done, or failed and kept. */
export const SCRUBBABLE_STATES: JobType[] = ['failed', 'waiting', 'delayed', 'paused', 'prioritized'];

const PAGE = 500;

/**
 * Removes what the jobs of a queue hold about an erased person (as `matches` decides of each item)
 * and returns how many items were removed: a job all of whose items match is removed, a batch job
 * keeps its other items. Completed jobs are removed on completion already; failed ones are kept for
 * inspection and would otherwise keep identifiers in Redis for days. An active job is left to finish:
 * removing it under its worker's lock fails, and whatever it writes is found by verification.
 */
export async function removeJobsMatching(queue: Queue, matches: (item: unknown) => boolean): Promise<number> {
  let removed = 0;
  for (const state of SCRUBBABLE_STATES) {
    const total = await queue.getJobCountByTypes(state);
    // Pages are read from the end so removals do not shift the pages still to read.
    for (let end = total - 1; end >= 0; end -= PAGE) {
      const jobs: Job[] = await queue.getJobs([state], Math.max(0, end - PAGE + 1), end);
      for (const job of jobs) {
        if (!job?.id) continue;
        const items = batchItemsOf(job.data);
        const kept = items.filter((item) => !matches(item));
        if (kept.length === items.length) continue;
        try {
          if (kept.length === 0) await job.remove();
          else await job.updateData({ ...(job.data as object), items: kept });
          removed += items.length - kept.length;
        } catch {
          // Taken by a worker meanwhile: it is active now, and left to finish.
        }
      }
    }
  }
  return removed;
}

/** Counts the job items of a queue still about a person, for verification after erasure. */
export async function countJobsMatching(queue: Queue, matches: (item: unknown) => boolean): Promise<number> {
  let count = 0;
  for (const state of SCRUBBABLE_STATES) {
    const jobs: Job[] = await queue.getJobs([state]);
    count += jobs.filter((job) => job?.id).reduce((n, job) => n + batchItemsOf(job.data).filter(matches).length, 0);
  }
  return count;
}

/** For event queues carrying customer.updated (or any payload naming customers): is it about one of these ids? */
export function jobNamesCustomer(customerIds: ReadonlySet<string>) {
  return (data: unknown): boolean => {
    const d = data as { customerId?: unknown; mergedCustomerIds?: unknown };
    return (
      (typeof d.customerId === 'string' && customerIds.has(d.customerId)) ||
      (Array.isArray(d.mergedCustomerIds) && d.mergedCustomerIds.some((id) => customerIds.has(id as string)))
    );
  };
}

/** Runs `fn` over a queue opened for the purpose and closed afterwards. */
export async function withQueue<T>(ctx: QueueContext, name: QueueName, fn: (queue: Queue) => Promise<T>): Promise<T> {
  const queue = createQueue(ctx, name);
  try {
    return await fn(queue);
  } finally {
    await queue.close();
  }
}

const EVENT_PAGE = 500;

/**
 * Deletes entries of a queue's event stream that mention any of `needles` (a customer id, a request
 * id). BullMQ records each completed job's return value there, kept until the stream is trimmed
 * (10,000 entries by default), so a result naming a person outlives the job itself.
 */
export async function removeEventsMentioning(queue: Queue, needles: readonly string[]): Promise<number> {
  if (needles.length === 0) return 0;
  // Queues here are built on ioredis (createRedisConnection), whose stream commands BullMQ's client type omits.
  const client = (await queue.client) as unknown as RedisClient;
  const key = queue.keys['events'] as string;
  let removed = 0;
  let start = '-';
  for (;;) {
    const entries = await client.xrange(key, start, '+', 'COUNT', EVENT_PAGE);
    const doomed = entries.filter(([, fields]) => fields.some((f) => needles.some((n) => f.includes(n)))).map(([id]) => id);
    if (doomed.length > 0) removed += await client.xdel(key, ...doomed);
    if (entries.length < EVENT_PAGE) return removed;
    start = `(${entries.at(-1)?.[0] ?? '+'}`;
  }
}
