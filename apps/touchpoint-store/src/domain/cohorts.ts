import type { AnalyticsTouch } from './analytics-touch';

export const WEEK_MS = 7 * 24 * 3600_000;
/** Monday 1970-01-05T00:00Z: weeks are counted from here, so every week starts on a Monday (UTC). */
export const MONDAY_EPOCH_MS = Date.UTC(1970, 0, 5);

export const weekIndexOf = (at: Date) => Math.floor((at.getTime() - MONDAY_EPOCH_MS) / WEEK_MS);
export const weekStart = (index: number) => new Date(MONDAY_EPOCH_MS + index * WEEK_MS);

export interface CohortSpec {
  from: Date;
  to: Date;
  /** How many weeks after the first-seen week to report. */
  weeks: number;
}

export interface Cohort {
  weekStart: Date;
  size: number;
  /** Per week after the first (index 0 = the first-seen week itself): customers active, and the share. */
  retention: { week: number; active: number; rate: number }[];
}

/** Cohorts from "customers active per (first-seen week, week offset)" counts. */
export function cohortsFrom(active: ReadonlyMap<number, ReadonlyMap<number, number>>, weeks: number): Cohort[] {
  return [...active.entries()]
    .sort(([a], [b]) => a - b)
    .map(([first, byOffset]) => {
      const size = byOffset.get(0) ?? 0;
      const retention = Array.from({ length: weeks + 1 }, (_, week) => {
        const n = byOffset.get(week) ?? 0;
        return { week, active: n, rate: size ? n / size : 0 };
      });
      return { weekStart: weekStart(first), size, retention };
    });
}

/** The week range a [from, to) request covers: whole weeks containing from up to the week containing to. */
export function cohortWeekRange(spec: Pick<CohortSpec, 'from' | 'to'>): { first: number; end: number } {
  return { first: weekIndexOf(spec.from), end: weekIndexOf(new Date(spec.to.getTime() - 1)) + 1 };
}

/**
 * Cohort retention by its plain definition: customers grouped by the week of their first touchpoint
 * (weeks starting Monday UTC), for first-seen weeks overlapping [from, to); for each following week,
 * how many of them had any touchpoint in it.
 */
export function computeCohorts(touches: readonly AnalyticsTouch[], spec: CohortSpec): Cohort[] {
  const weeksOf = new Map<string, Set<number>>();
  for (const t of touches) {
    const set = weeksOf.get(t.customerId) ?? new Set<number>();
    set.add(weekIndexOf(t.occurredAt));
    weeksOf.set(t.customerId, set);
  }
  const { first: lo, end: hi } = cohortWeekRange(spec);
  const active = new Map<number, Map<number, number>>();
  for (const weeks of weeksOf.values()) {
    const first = Math.min(...weeks);
    if (first < lo || first >= hi) continue;
    const m = active.get(first) ?? new Map<number, number>();
    for (const w of weeks) if (w - first <= spec.weeks) m.set(w - first, (m.get(w - first) ?? 0) + 1);
    active.set(first, m);
  }
  return cohortsFrom(active, spec.weeks);
}
