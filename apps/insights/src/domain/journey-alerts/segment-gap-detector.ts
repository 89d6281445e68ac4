import type { DetectorSettings } from './change-detectors';
import type { JourneyAlert } from './journey-alert';
import { isoDay } from './journey-sessions';
import { ALL_SEGMENT, type DayStats, type JourneyStats } from './journey-stats';

/** A gap must hold on this share of the days both sides were seen, over at least MIN_GAP_DAYS days, to be persistent. */
const PERSISTENT_SHARE = 0.8;
const MIN_GAP_DAYS = 14;

/**
 * Segments that convert persistently worse at a step than the rest of the population: for each
 * segment value, its rate against everyone else's, over the whole range and day by day.
 */
export function detectSegmentGaps(stats: JourneyStats, s: DetectorSettings): JourneyAlert[] {
  const all = stats.bySegment.get(ALL_SEGMENT);
  if (!all) return [];
  const alerts: JourneyAlert[] = [];
  for (const [segment, days] of stats.bySegment) {
    if (segment === ALL_SEGMENT) continue;
    for (const step of stats.steps) {
      const alert = gapAt(all, days, step, segment, stats.firstDay, s);
      if (alert) alerts.push(alert);
    }
  }
  return alerts;
}

function gapAt(all: DayStats[], days: DayStats[], step: string, segment: string, firstDay: number, s: DetectorSettings): JourneyAlert | undefined {
  let n = 0;
  let k = 0;
  let nRest = 0;
  let kRest = 0;
  let judged = 0;
  let behind = 0;
  let first = -1;
  let last = -1;
  days.forEach((day, d) => {
    const mine = day.steps.get(step) ?? { entered: 0, converted: 0 };
    const total = all[d]?.steps.get(step) ?? { entered: 0, converted: 0 };
    const rest = { entered: total.entered - mine.entered, converted: total.converted - mine.converted };
    n += mine.entered;
    k += mine.converted;
    nRest += rest.entered;
    kRest += rest.converted;
    if (mine.entered >= s.minSessions / 2 && rest.entered >= s.minSessions / 2) {
      judged++;
      if (mine.converted / mine.entered < rest.converted / rest.entered) behind++;
      if (first < 0) first = d;
      last = d;
    }
  });
  if (judged < MIN_GAP_DAYS || behind < PERSISTENT_SHARE * judged) return undefined;
  const p = k / n;
  const p0 = kRest / nRest;
  const pooled = (k + kRest) / (n + nRest);
  const z = (p - p0) / Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / nRest));
  if (z > -s.minScore || p > p0 * (1 - s.minRelativeChange)) return undefined;
  return {
    kind: 'segment_gap',
    metric: 'step_conversion_rate',
    step,
    segment,
    from: isoDay(firstDay + first),
    to: isoDay(firstDay + last),
    baseline: p0,
    observed: p,
    score: z,
  };
}
