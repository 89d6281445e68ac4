import type { AnonymousJourney, JourneyTouch } from '../anonymous-journey';
import type { ConversionPath } from './conversion-path';

export interface PathWindow {
  conversionEvent: string;
  from: Date;
  to: Date;
  lookbackDays: number;
  by: 'CHANNEL' | 'CAMPAIGN';
}

export interface JourneyPaths {
  paths: ConversionPath[];
  /** Conversions with no touch in their lookback. */
  unattributed: number;
  nonConverting: number;
}

const DAY_MS = 86_400_000;

/**
 * Conversion paths from journeys: each conversion in [from, to) gets the touches of its lookback
 * (after the previous conversion, other conversions left out); a journey active in the window that
 * never converts there gives one non-converting path, its touches in the lookback before its last
 * one. By campaign, touches naming no campaign are left out.
 */
export function pathsFromJourneys(journeys: Iterable<AnonymousJourney>, w: PathWindow): JourneyPaths {
  const lookbackMs = w.lookbackDays * DAY_MS;
  const keyOf = (t: JourneyTouch) => (w.by === 'CHANNEL' ? t.channel : t.campaign);
  const out: JourneyPaths = { paths: [], unattributed: 0, nonConverting: 0 };
  // A conversion's own moment is not part of its path; a non-converting path ends with its last touch.
  const pathBefore = (touches: JourneyTouch[], end: number, after: number, converted: boolean) => {
    const before = (at: number) => (converted ? at < end : at <= end);
    const kept = touches.filter(
      (t) => t.event !== w.conversionEvent && t.at.getTime() >= Math.max(end - lookbackMs, after) && before(t.at.getTime()) && keyOf(t),
    );
    return {
      touches: kept.map((t) => keyOf(t) ?? ''),
      ageDays: kept.map((t) => (end - t.at.getTime()) / DAY_MS),
      conversions: converted ? 1 : 0,
      value: converted ? 1 : 0,
      nulls: converted ? 0 : 1,
    };
  };
  for (const j of journeys) {
    const touches = [...j.touches].sort((a, b) => a.at.getTime() - b.at.getTime());
    const inWindow = (t: JourneyTouch) => t.at >= w.from && t.at < w.to;
    const conversions = touches.filter((t) => t.event === w.conversionEvent && inWindow(t));
    if (conversions.length === 0) {
      const last = touches.filter(inWindow).pop();
      if (!last) continue;
      const path = pathBefore(touches, last.at.getTime(), -Infinity, false);
      if (path.touches.length > 0) {
        out.paths.push(path);
        out.nonConverting++;
      }
      continue;
    }
    let previous = -Infinity;
    for (const c of touches.filter((t) => t.event === w.conversionEvent)) {
      const end = c.at.getTime();
      if (inWindow(c)) {
        const path = pathBefore(touches, end, previous, true);
        if (path.touches.length > 0) out.paths.push(path);
        else out.unattributed++;
      }
      previous = end;
    }
  }
  return out;
}
