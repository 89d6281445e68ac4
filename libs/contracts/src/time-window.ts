import { z } from 'zod';
import { correctClockSkew } from './touchpoint';

/**
 * The times a touchpoint may carry. `earliest` is fixed; the latest is relative to the receipt
 * time, so the same item is judged the same way at intake and at a replay of its first receipt.
 */
export interface TimeWindow {
  earliest: Date;
  /** How far past its receipt time an occurrence (after clock-skew correction) or a sentAt may lie. */
  maxAheadMs: number;
}

export const DEFAULT_TIME_WINDOW: TimeWindow = { earliest: new Date('1990-01-01T00:00:00.000Z'), maxAheadMs: 24 * 3600_000 };

/**
 * What every stage can represent: an ISO-8601 instant with a four-digit year, the only form the job
 * schemas (z.iso.datetime) and Neo4j's datetime() read back. Any intake window lies inside it, so a
 * later stage never refuses a time intake accepted.
 */
export const REPRESENTABLE_INSTANTS = { earliest: new Date('0000-01-01T00:00:00.000Z'), latest: new Date('9999-12-31T23:59:59.999Z') } as const;

/** Bounds for configuring a window: the latest it allows then stays representable for millennia. */
export const MAX_AHEAD_LIMIT_MS = 366 * 24 * 3600_000;
export const timeWindowConfigSchema = {
  TOUCHPOINT_TIME_EARLIEST: z.iso
    .datetime({ offset: true })
    .default('1990-01-01T00:00:00Z')
    .transform((v) => new Date(v))
    .refine((d) => d.getUTCFullYear() >= 1000, 'a year from 1000 on'),
  TOUCHPOINT_TIME_MAX_AHEAD_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_AHEAD_LIMIT_MS / 1000)
    .default(DEFAULT_TIME_WINDOW.maxAheadMs / 1000),
};

export const TIME_OUT_OF_RANGE = 'TIME_OUT_OF_RANGE';

function outside(name: string, at: Date, earliest: Date, latest: Date): string | null {
  if (Number.isNaN(at.getTime())) return `${name} is not a time`;
  if (at < earliest) return `${name} ${at.toISOString()} is before ${earliest.toISOString()}`;
  if (at > latest) return `${name} ${describe(at)} is after ${latest.toISOString()}`;
  return null;
}

// An out-of-range Date may not even print as ISO-8601 (the year 10000 prints as +010000).
const describe = (at: Date) => (at <= REPRESENTABLE_INSTANTS.latest ? at.toISOString() : `${at.getTime()} ms after 1970`);

/**
 * Why a touchpoint's times fall outside the window, or null: sentAt as sent, occurredAt after the
 * clock-skew correction the store applies (a sentAt in the year 9999 would move it out of any range).
 */
export function timeWindowIssue(t: { occurredAt: string; sentAt?: string }, receivedAt: Date, window: TimeWindow): string | null {
  const latest = new Date(receivedAt.getTime() + window.maxAheadMs);
  const sentAt = t.sentAt === undefined ? undefined : new Date(t.sentAt);
  const sentIssue = sentAt ? outside('sentAt', sentAt, window.earliest, latest) : null;
  if (sentIssue) return `${TIME_OUT_OF_RANGE}: ${sentIssue}`;
  const { occurredAt } = correctClockSkew(new Date(t.occurredAt), sentAt, receivedAt);
  const occurredIssue = outside(sentAt ? 'occurredAt (corrected for clock skew)' : 'occurredAt', occurredAt, window.earliest, latest);
  return occurredIssue ? `${TIME_OUT_OF_RANGE}: ${occurredIssue}` : null;
}
