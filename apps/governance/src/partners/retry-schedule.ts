export interface RetrySchedule {
  /** Delay before the second attempt; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts in all, the first included; after the last a delivery is dead-lettered. */
  maxAttempts: number;
}

/** Defaults spread the attempts over more than a day, so an endpoint down overnight still gets its updates. */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { baseDelayMs: 30_000, maxDelayMs: 6 * 3600_000, maxAttempts: 16 };

/** Jitter keeps a fleet of retries from hitting a recovering endpoint at the same instant; it only ever shortens a delay by a quarter. */
export const JITTER = 0.25;

/** Delay after the given failed attempt (1-based); `random` in [0, 1). */
export function retryDelayMs(schedule: RetrySchedule, failedAttempt: number, random: number): number {
  const exponential = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(exponential * (1 - JITTER * random));
}

/** The shortest time from first to last attempt the jitter allows. */
export function minimumRetrySpanMs(schedule: RetrySchedule): number {
  let total = 0;
  for (let attempt = 1; attempt < schedule.maxAttempts; attempt++) total += retryDelayMs(schedule, attempt, 1);
  return total;
}
