import { retryDelay } from './retry-policy';

const budget = { maxRetries: 3, maxWaitMs: 10_000, baseDelayMs: 200 };

describe('retry policy', () => {
  it('waits what a throttled answer asks: retry-after seconds, retry-after-ms, or an HTTP date', () => {
    expect(retryDelay({ status: 429, retryAfter: '2' }, 0, 0, budget)).toBe(2_000);
    expect(retryDelay({ status: 529, retryAfterMs: '750', retryAfter: '9' }, 0, 0, budget)).toBe(750);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryDelay({ status: 429, retryAfter: 'Thu, 01 Jan 2026 00:00:03 GMT' }, 0, 0, budget, now)).toBe(3_000);
    expect(retryDelay({ type: 'overloaded_error' }, 1, 0, budget)).toBe(400);
  });

  it('backs off exponentially on server errors, timeouts and dropped connections', () => {
    expect(retryDelay({ status: 500 }, 0, 0, budget)).toBe(200);
    expect(retryDelay({ timedOut: true }, 2, 0, budget)).toBe(800);
    expect(retryDelay({ connectionFailed: true }, 1, 0, budget)).toBe(400);
  });

  it('does not retry client errors, and stops at the attempt and wait budgets', () => {
    expect(retryDelay({ status: 400, type: 'invalid_request_error' }, 0, 0, budget)).toBeNull();
    expect(retryDelay({ status: 401 }, 0, 0, budget)).toBeNull();
    expect(retryDelay({ status: 429, retryAfter: '1' }, 3, 0, budget)).toBeNull();
    expect(retryDelay({ status: 429, retryAfter: '30' }, 0, 0, budget)).toBeNull();
    expect(retryDelay({ status: 529, retryAfter: '4' }, 1, 7_000, budget)).toBeNull();
  });
});
