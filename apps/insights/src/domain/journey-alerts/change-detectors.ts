import { isoDay } from './journey-sessions';
import type { JourneyAlert, AlertKind } from './journey-alert';
import type { DayStats, JourneyStats } from './journey-stats';
import { median, referenceDays, runsOf, type FlaggedDay } from './seasonal-baseline';

/** Thresholds every detector shares; none is fitted to a data set. */
export interface DetectorSettings {
  /** Minimum |z| for a day to count. */
  minScore: number;
  /** Minimum relative change (0.3 = 30%) for a volume or conversion change to count. */
  minRelativeChange: number;
  /** Minimum sessions on a day (and in its reference days) for a rate to be judged. */
  minSessions: number;
  /** Extra-Poisson noise allowed on daily counts, as a share of the baseline. */
  countNoise: number;
}

export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = { minScore: 4, minRelativeChange: 0.3, minSessions: 20, countNoise: 0.15 };

/** A weekend too quiet to judge does not cut an incident in two. */
const MAX_HOLE_DAYS = 2;

interface Series {
  /** The day against its reference days, when it is abnormal (either way); undefined otherwise or with too little data. */
  judge: (day: number, refs: number[]) => FlaggedDay | undefined;
  usable: (day: number) => boolean;
}

/**
 * Runs a series day by day. An abnormal day is left out of later baselines whichever way it went, so
 * neither an incident nor its end is measured against the incident itself.
 */
function flagDays(dayCount: number, series: Series, period = 7): FlaggedDay[] {
  const flagged = new Set<number>();
  const out: FlaggedDay[] = [];
  for (let d = 0; d < dayCount; d++) {
    const refs = referenceDays(d, (r) => !flagged.has(r) && series.usable(r), { period });
    if (refs.length < 2) continue;
    const f = series.judge(d, refs);
    if (f) {
      flagged.add(d);
      out.push(f);
    }
  }
  return out;
}

/** The days one point of a series covers: one day, or one week of days. */
interface Period {
  /** 7 for a daily series (weekday baselines), 1 for a weekly one. */
  step: number;
  daysOf: (index: number) => { from: number; to: number };
  maxHole: number;
  metricPrefix: string;
}

function dailyPeriod(firstDay: number): Period {
  return { step: 7, daysOf: (d) => ({ from: firstDay + d, to: firstDay + d }), maxHole: MAX_HOLE_DAYS, metricPrefix: '' };
}

function toAlerts(kind: AlertKind, metric: string, step: string, segment: string, period: Period, flagged: FlaggedDay[]): JourneyAlert[] {
  return runsOf(flagged, period.maxHole).map((run) => ({
    kind,
    metric: period.metricPrefix + metric,
    step,
    segment,
    from: isoDay(Math.min(...run.map((f) => period.daysOf(f.day).from))),
    to: isoDay(Math.max(...run.map((f) => period.daysOf(f.day).to))),
    baseline: run.reduce((s, f) => s + f.baseline, 0) / run.length,
    observed: run.reduce((s, f) => s + f.observed, 0) / run.length,
    score: run.reduce((m, f) => (Math.abs(f.score) > Math.abs(m) ? f.score : m), 0),
  }));
}

/** Daily event counts against the median of the same weekday in earlier weeks. */
function volumeAlerts(days: DayStats[], event: string, segment: string, firstDay: number, s: DetectorSettings): JourneyAlert[] {
  const count = (d: number) => days[d]?.events.get(event) ?? 0;
  const flagged = flagDays(days.length, {
    usable: (d) => (days[d]?.sessions ?? 0) > 0,
    judge: (d, refs) => {
      const baseline = median(refs.map(count));
      const observed = count(d);
      // Poisson noise on the day and on a median of refs.length days, plus the allowed extra noise.
      const score = (observed - baseline) / Math.sqrt(Math.max(baseline, 1) * (1 + 1 / refs.length) + (s.countNoise * baseline) ** 2);
      const relative = Math.abs(observed - baseline) / Math.max(baseline, 1);
      if (Math.abs(score) < s.minScore || relative < s.minRelativeChange || Math.abs(observed - baseline) < s.minSessions) return undefined;
      return { day: d, baseline, observed, score };
    },
  });
  const up = flagged.filter((f) => f.score > 0);
  const down = flagged.filter((f) => f.score < 0);
  const period = dailyPeriod(firstDay);
  return [...toAlerts('volume_spike', 'event_count', event, segment, period, up), ...toAlerts('volume_drop', 'event_count', event, segment, period, down)];
}

/** A rate on a day against its pooled rate on the reference days, judged by a two-proportion z. */
function rateSeries(
  days: DayStats[],
  read: (day: DayStats) => { n: number; k: number } | undefined,
  s: DetectorSettings,
  abnormal: (observed: number, baseline: number, z: number) => boolean,
): Series {
  const at = (d: number) => {
    const day = days[d];
    return (day && read(day)) ?? { n: 0, k: 0 };
  };
  return {
    usable: (d) => at(d).n >= s.minSessions / 2,
    judge: (d, refs) => {
      const { n, k } = at(d);
      const n0 = refs.reduce((sum, r) => sum + at(r).n, 0);
      const k0 = refs.reduce((sum, r) => sum + at(r).k, 0);
      if (n < s.minSessions || n0 < s.minSessions) return undefined;
      const p = k / n;
      const p0 = k0 / n0;
      // The pooled rate's variance, floored at half an event in the baseline so a rate of 0 is not certain.
      const pooled = Math.max((k + k0) / (n + n0), 0.5 / (n + n0));
      const z = (p - p0) / Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / n0));
      return abnormal(p, p0, z) ? { day: d, baseline: p0, observed: p, score: z } : undefined;
    },
  };
}

function conversionAlerts(days: DayStats[], step: string, segment: string, period: Period, s: DetectorSettings): JourneyAlert[] {
  const series = rateSeries(
    days,
    (day) => {
      const c = day.steps.get(step);
      return c && { n: c.entered, k: c.converted };
    },
    s,
    (p, p0, z) => Math.abs(z) >= s.minScore && Math.abs(p - p0) >= p0 * s.minRelativeChange,
  );
  const drops = flagDays(days.length, series, period.step).filter((f) => f.score < 0);
  return toAlerts('conversion_drop', 'step_conversion_rate', step, segment, period, drops);
}

/** A back-edge b → a after a → b that sessions now take at least twice as often, and 5 points more. */
function loopAlerts(days: DayStats[], step: string, segment: string, period: Period, s: DetectorSettings): JourneyAlert[] {
  const series = rateSeries(
    days,
    (day) => {
      const c = day.backEdges.get(step);
      return c && { n: c.edges, k: c.backs };
    },
    s,
    (p, p0, z) => Math.abs(z) >= s.minScore && Math.abs(p - p0) >= 0.05 && (p >= 2 * p0 || p0 >= 2 * p),
  );
  const [a, b] = step.split('->') as [string, string];
  const rises = flagDays(days.length, series, period.step).filter((f) => f.score > 0);
  return toAlerts('new_loop', 'back_edge_rate', `${b}->${a}`, segment, period, rises);
}

/** Days summed into Monday-to-Sunday weeks (the first and last may be partial), for rates too thin to judge daily. */
function weeklyStats(days: DayStats[], firstDay: number): { weeks: DayStats[]; period: Period } {
  const mondayOf = (day: number) => day - ((day + 3) % 7);
  const firstMonday = mondayOf(firstDay);
  const weeks: DayStats[] = [];
  days.forEach((day, d) => {
    const w = Math.floor((firstDay + d - firstMonday) / 7);
    const week = (weeks[w] ??= { sessions: 0, events: new Map(), steps: new Map(), backEdges: new Map() });
    week.sessions += day.sessions;
    for (const [k, c] of day.steps) {
      const t = week.steps.get(k) ?? { entered: 0, converted: 0 };
      week.steps.set(k, { entered: t.entered + c.entered, converted: t.converted + c.converted });
    }
    for (const [k, c] of day.backEdges) {
      const t = week.backEdges.get(k) ?? { edges: 0, backs: 0 };
      week.backEdges.set(k, { edges: t.edges + c.edges, backs: t.backs + c.backs });
    }
  });
  const lastDay = firstDay + days.length - 1;
  const daysOf = (w: number) => ({ from: Math.max(firstDay, firstMonday + 7 * w), to: Math.min(lastDay, firstMonday + 7 * w + 6) });
  return { weeks, period: { step: 1, daysOf, maxHole: 0, metricPrefix: 'weekly_' } };
}

/**
 * Every change detector over every segment except `skipSegments` columns (cohorts come and go, so a
 * change over time means nothing there). Events seen fewer than `minSessions` times a day on
 * average are not watched.
 */
export function detectChanges(stats: JourneyStats, s: DetectorSettings, skipColumns: readonly string[]): JourneyAlert[] {
  const alerts: JourneyAlert[] = [];
  for (const [segment, days] of stats.bySegment) {
    if (skipColumns.some((c) => segment.startsWith(`${c}=`))) continue;
    const totals = new Map<string, number>();
    for (const day of days) for (const [e, n] of day.events) totals.set(e, (totals.get(e) ?? 0) + n);
    for (const [event, total] of totals) if (total / days.length >= s.minSessions) alerts.push(...volumeAlerts(days, event, segment, stats.firstDay, s));
    const daily = dailyPeriod(stats.firstDay);
    const weeks = weeklyStats(days, stats.firstDay);
    // A back-edge is what a bug that lasts weeks leaves: where sessions taking the edge are too few to
    // judge day by day (a small segment), whole weeks are judged instead. Conversion drops are acute
    // and stay daily, so a weekly alert in a small segment never outranks the day-by-day one in all.
    for (const step of stats.steps) {
      const thin = median(days.map((day) => day.backEdges.get(step)?.edges ?? 0)) < s.minSessions;
      alerts.push(...conversionAlerts(days, step, segment, daily, s));
      alerts.push(...(thin ? loopAlerts(weeks.weeks, step, segment, weeks.period, s) : loopAlerts(days, step, segment, daily, s)));
    }
  }
  return alerts;
}
