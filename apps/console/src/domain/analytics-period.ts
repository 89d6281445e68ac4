/**
 * The period journey analytics reads: UTC days as the date inputs hold them (YYYY-MM-DD), the end
 * exclusive. Each panel's operation caps the span it accepts; the console states the cap beside the
 * panel before it is asked, and still shows the server's own refusal when the cap is exceeded anyway.
 */
export interface Period {
  from: string;
  to: string;
}

export interface PeriodRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/**
 * Longest span, in days, each operation accepts (their `BAD_USER_INPUT` checks): touchpoint-store's
 * funnel, paths and cohorts take two years (2 × 366 days), insights' compareAttribution 366 days.
 * journeyAlerts lists any span. Kept here so the console can say so before asking.
 */
export const PERIOD_LIMIT_DAYS = { journeys: 732, attribution: 366 } as const;

/** What the page opens on: recent enough to be current, short enough for every panel's cap. */
export const DEFAULT_PERIOD_DAYS = 90;

/** Attribution's lookback before each conversion (insights: 1 to 180 days). */
export const MAX_LOOKBACK_DAYS = 180;

/** Funnels take 2 to 10 steps (touchpoint-store). */
export const MAX_FUNNEL_STEPS = 10;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds since the epoch at the start of a YYYY-MM-DD UTC day, or null for anything else (an input being typed). */
function dayStart(day: string): number | null {
  if (!DAY.test(day)) return null;
  const t = Date.parse(`${day}T00:00:00Z`);
  // Date.parse rolls 2026-02-31 over to March: only a day that reads back the same is one.
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== day ? null : t;
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string | null {
  const t = dayStart(day);
  return t === null ? null : dayOf(t + days * DAY_MS);
}

/** The last `DEFAULT_PERIOD_DAYS` days up to and including today (UTC). */
export function defaultPeriod(now: Date): Period {
  const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return { from: dayOf(tomorrow - DEFAULT_PERIOD_DAYS * DAY_MS), to: dayOf(tomorrow) };
}

/** Whole days from `from` to the exclusive `to`; null while either is not a day. */
export function periodDays(p: Period): number | null {
  const from = dayStart(p.from);
  const to = dayStart(p.to);
  return from === null || to === null ? null : Math.round((to - from) / DAY_MS);
}

/** The period as the operations take it (DateTime at midnight UTC), or null while it is not a period. */
export function periodRange(p: Period): PeriodRange | null {
  const days = periodDays(p);
  return days === null || days <= 0 ? null : { from: `${p.from}T00:00:00.000Z`, to: `${p.to}T00:00:00.000Z` };
}

/** Why a panel capped at `maxDays` cannot read this period, in words; null when it can. */
export function periodProblem(p: Period, maxDays: number): string | null {
  const days = periodDays(p);
  if (days === null) return 'Choose a start and an end day.';
  if (days <= 0) return 'The period must end after it starts.';
  if (days > maxDays) return `The period spans ${days} days; this panel reads at most ${maxDays}. Narrow the period.`;
  return null;
}

/** Bounds for the period's date inputs: the start before the end, the span within the widest cap. */
export function periodInputBounds(p: Period, maxDays: number): { fromMin?: string; fromMax?: string; toMin?: string; toMax?: string } {
  return {
    fromMin: addDays(p.to, -maxDays) ?? undefined,
    fromMax: addDays(p.to, -1) ?? undefined,
    toMin: addDays(p.from, 1) ?? undefined,
    toMax: addDays(p.from, maxDays) ?? undefined,
  };
}
