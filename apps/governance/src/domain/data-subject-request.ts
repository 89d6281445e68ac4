export const REQUEST_KINDS = ['erasure', 'access', 'restriction'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATUSES = ['pending', 'verifying', 'completed', 'failed', 'lifted'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const DAY_MS = 24 * 3600 * 1000;

/** The statutory deadline counts from when the request reached the organisation, not when it was typed in. */
export function dueDate(receivedAt: Date, dueDays: number): Date {
  return new Date(receivedAt.getTime() + dueDays * DAY_MS);
}

/** A request is overdue while it is still open after its due date; a finished one never is. */
export function isOverdue(request: { status: RequestStatus; dueAt: Date }, now: Date): boolean {
  return (request.status === 'pending' || request.status === 'verifying') && now.getTime() > request.dueAt.getTime();
}

/**
 * A request may not claim to have been received in the future, nor so long ago that it was due
 * before records began; both are typing mistakes worth refusing.
 */
export function checkReceivedAt(receivedAt: Date, now: Date): string | null {
  if (receivedAt.getTime() > now.getTime() + 60_000) return 'receivedAt is in the future';
  if (now.getTime() - receivedAt.getTime() > 365 * DAY_MS) return 'receivedAt is more than a year ago';
  return null;
}
