/** What a failed model call said, reduced to what the retry decision needs. */
export interface CallFailure {
  /** HTTP status; undefined for a connection failure, a timeout or an error event inside a stream. */
  status?: number;
  /** The API's error type (`overloaded_error`, `rate_limit_error`, …) when it gave one. */
  type?: string | null;
  timedOut?: boolean;
  connectionFailed?: boolean;
  retryAfter?: string | null;
  retryAfterMs?: string | null;
}

export interface RetryBudget {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Total time all waits may add up to; a retry-after beyond what is left ends the attempts. */
  maxWaitMs: number;
  baseDelayMs: number;
}

const THROTTLED = new Set([429, 529]);
const THROTTLE_TYPES = new Set(['overloaded_error', 'rate_limit_error']);

function retryAfterMs(failure: CallFailure, now: number): number | undefined {
  const ms = Number(failure.retryAfterMs);
  if (failure.retryAfterMs && Number.isFinite(ms) && ms >= 0) return ms;
  if (!failure.retryAfter) return undefined;
  const seconds = Number(failure.retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(failure.retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before the next attempt, or null to stop. Throttling (429, 529, an overloaded or
 * rate-limit error, also as a stream's error event) waits what the server asked; server errors,
 * timeouts and dropped connections back off exponentially; anything else (a bad request, a refused
 * key) is not retried. `waitedMs` is what earlier retries already waited.
 */
export function retryDelay(failure: CallFailure, attempt: number, waitedMs: number, budget: RetryBudget, now = Date.now()): number | null {
  if (attempt >= budget.maxRetries) return null;
  const throttled = (failure.status !== undefined && THROTTLED.has(failure.status)) || THROTTLE_TYPES.has(failure.type ?? '');
  const transient = throttled || (failure.status !== undefined && failure.status >= 500) || failure.timedOut || failure.connectionFailed;
  if (!transient) return null;
  const asked = throttled ? retryAfterMs(failure, now) : undefined;
  const delay = asked ?? budget.baseDelayMs * 2 ** attempt;
  return waitedMs + delay <= budget.maxWaitMs ? delay : null;
}
