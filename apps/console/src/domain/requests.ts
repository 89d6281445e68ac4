/** Requests as the compliance page lists them: overdue first, then by due date, soonest first. */
export interface RequestSummary {
  id: string;
  dueAt: string;
  overdue: boolean;
  completedAt?: string | null;
}

export function orderRequests<T extends RequestSummary>(requests: readonly T[]): T[] {
  return [...requests].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || Number(!!a.completedAt) - Number(!!b.completedAt) || a.dueAt.localeCompare(b.dueAt),
  );
}

export const FINAL_STATUSES = ['COMPLETED', 'FAILED', 'LIFTED'] as const;

export function isFinal(status: string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

/** Whether a request's customer is still there to open: an erasure under way or done has removed (or is removing) them. */
export function customerStillHeld(kind: string, status: string): boolean {
  return kind !== 'ERASURE' || status === 'FAILED';
}
