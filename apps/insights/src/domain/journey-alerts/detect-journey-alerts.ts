import { DEFAULT_DETECTOR_SETTINGS, detectChanges, type DetectorSettings } from './change-detectors';
import type { JourneyAlert } from './journey-alert';
import { COHORT_SEGMENT } from './journey-sessions';
import type { JourneyStats } from './journey-stats';
import { detectSegmentGaps } from './segment-gap-detector';

const overlaps = (a: JourneyAlert, b: JourneyAlert) => a.from <= b.to && b.from <= a.to;

/**
 * One incident shows in every segment that holds its visitors (a bug on android shows, diluted, in
 * `all` and in `visitor=returning` too). Of the alerts of one kind on one step whose dates overlap,
 * the one with the strongest score is kept: where the signal is strongest is where the incident is.
 */
export function keepStrongest(alerts: readonly JourneyAlert[]): JourneyAlert[] {
  // Ties (two segments holding the same visitors) go to the first segment by name, so reruns agree.
  const sorted = [...alerts].sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.segment.localeCompare(b.segment));
  const kept: JourneyAlert[] = [];
  for (const a of sorted) {
    if (!kept.some((k) => k.kind === a.kind && k.step === a.step && overlaps(k, a))) kept.push(a);
  }
  return kept.sort((a, b) => a.from.localeCompare(b.from) || a.kind.localeCompare(b.kind) || a.step.localeCompare(b.step));
}

/**
 * Every detector over daily journey aggregates: volume spikes and drops, step conversion drops and
 * new back-edges (changes against a day-of-week baseline, not judged per cohort), and persistent
 * gaps between segments. Alerts within [fromDay, toDay] when given.
 */
export function detectJourneyAlerts(
  stats: JourneyStats,
  settings: DetectorSettings = DEFAULT_DETECTOR_SETTINGS,
  range?: { from: string; to: string },
): JourneyAlert[] {
  const changes = keepStrongest(detectChanges(stats, settings, [COHORT_SEGMENT]));
  const gaps = detectSegmentGaps(stats, settings);
  const all = [...changes, ...gaps];
  return range ? all.filter((a) => a.from <= range.to && a.to >= range.from) : all;
}
