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
function flagDays(dayCount: number, series: Series): FlaggedDay[] {
  const flagged = new Set<number>();
  const out: FlaggedDay[] = [];
  for (let d = 0; d < dayCount; d++) {
    const refs = referenceDays(d, (r) => !flagged.has(r) && series.usable(r));
    if (refs.length < 2) continue;
    const f = series.judge(d, refs);
    if (f) {
      flagged.add(d);
      out.push(f);
    }
  }
  return out;
}

function toAlerts(kind: AlertKind, metric: string, step: string, segment: string, firstDay: number, flagged: FlaggedDay[]): JourneyAlert[] {
  return runsOf(flagged, MAX_HOLE_DAYS).map((run) => ({
    kind,
    metric,
    step,
    segment,
    from: isoDay(firstDay + Math.min(...run.map((f) => f.day))),
    to: isoDay(firstDay + Math.max(...run.map((f) => f.day))),
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
  return [...toAlerts('volume_spike', 'event_count', event, segment, firstDay, up), ...toAlerts('volume_drop', 'event_count', event, segment, firstDay, down)];
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

function conversionAlerts(days: DayStats[], step: string, segment: string, firstDay: number, s: DetectorSettings): JourneyAlert[] {
  const series = rateSeries(
    days,
    (day) => {
      const c = day.steps.get(step);
      return c && { n: c.entered, k: c.converted };
    },
    s,
    (p, p0, z) => Math.abs(z) >= s.minScore && Math.abs(p - p0) >= p0 * s.minRelativeChange,
  );
  const drops = flagDays(days.length, series).filter((f) => f.score < 0);
  return toAlerts('conversion_drop', 'step_conversion_rate', step, segment, firstDay, drops);
}

/** A back-edge b → a after a → b that sessions now take at least twice as often, and 5 points more. */
function loopAlerts(days: DayStats[], step: string, segment: string, firstDay: number, s: DetectorSettings): JourneyAlert[] {
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
  const rises = flagDays(days.length, series).filter((f) => f.score > 0);
  return toAlerts('new_loop', 'back_edge_rate', `${b}->${a}`, segment, firstDay, rises);
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
    for (const step of stats.steps) {
      alerts.push(...conversionAlerts(days, step, segment, stats.firstDay, s));
      alerts.push(...loopAlerts(days, step, segment, stats.firstDay, s));
    }
  }
  return alerts;
}
