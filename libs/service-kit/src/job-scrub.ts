import type { Job, JobType, Queue } from 'bullmq';

/** Job states that may still hold a person's data after their erasure: not yet done, or failed and kept. */
export const SCRUBBABLE_STATES: JobType[] = ['failed', 'waiting', 'delayed', 'paused', 'prioritized'];

const PAGE = 500;

/**
 * Removes the jobs of a queue whose data is about an erased person (as `matches` decides) and returns
 * how many were removed. Completed jobs are removed on completion already; failed ones are kept for
 * inspection and would otherwise keep identifiers in Redis for days. An active job is left to finish:
 * removing it under its worker's lock fails, and whatever it writes is found by verification.
 */
export async function removeJobsMatching(queue: Queue, matches: (data: unknown) => boolean): Promise<number> {
  let removed = 0;
  for (const state of SCRUBBABLE_STATES) {
    const total = await queue.getJobCountByTypes(state);
    // Pages are read from the end so removals do not shift the pages still to read.
    for (let end = total - 1; end >= 0; end -= PAGE) {
      const jobs: Job[] = await queue.getJobs([state], Math.max(0, end - PAGE + 1), end);
      for (const job of jobs) {
        if (!job?.id || !matches(job.data)) continue;
        try {
          await job.remove();
          removed++;
        } catch {
          // Taken by a worker meanwhile: it is active now, and left to finish.
        }
      }
    }
  }
  return removed;
}

/** Counts the jobs of a queue still about a person, for verification after erasure. */
export async function countJobsMatching(queue: Queue, matches: (data: unknown) => boolean): Promise<number> {
  let count = 0;
  for (const state of SCRUBBABLE_STATES) {
    const jobs: Job[] = await queue.getJobs([state]);
    count += jobs.filter((job) => job?.id && matches(job.data)).length;
  }
  return count;
}
