import type { JourneySession } from './journey-sessions';

/** Sessions with a step's first event, and those of them where its second event came later. */
export interface StepCount {
  entered: number;
  converted: number;
}

/** Sessions that took the edge a → b, and those of them that went straight back (a → b → a). */
export interface BackEdgeCount {
  edges: number;
  backs: number;
}

/** What one day holds for one segment (or for everyone: `all`). */
export interface DayStats {
  sessions: number;
  events: Map<string, number>;
  steps: Map<string, StepCount>;
  backEdges: Map<string, BackEdgeCount>;
}

/**
 * Daily aggregates per segment: the only thing the detectors read, and all the service stores.
 * `days[i]` is day `firstDay + i`; a step is `a->b`.
 */
export interface JourneyStats {
  firstDay: number;
  dayCount: number;
  steps: string[];
  bySegment: Map<string, DayStats[]>;
}

export const ALL_SEGMENT = 'all';
export const stepKey = (a: string, b: string) => `${a}->${b}`;

/**
 * The steps worth watching: transitions a → b (a ≠ b) that at least `minShare` of sessions take,
 * the most common first. Found from the data so any event vocabulary works.
 */
export function candidateSteps(sessions: readonly JourneySession[], options: { maxSteps?: number; minShare?: number } = {}): string[] {
  const counts = new Map<string, number>();
  for (const s of sessions) {
    const seen = new Set<string>();
    s.events.forEach((b, i) => {
      const a = s.events[i - 1];
      if (a !== undefined && a !== b) seen.add(stepKey(a, b));
    });
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const floor = Math.max(30, (options.minShare ?? 0.005) * sessions.length);
  return [...counts.entries()]
    .filter(([, n]) => n >= floor)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, options.maxSteps ?? 40)
    .map(([k]) => k);
}

function emptyDay(): DayStats {
  return { sessions: 0, events: new Map(), steps: new Map(), backEdges: new Map() };
}

/** What one session adds to a day: events, whether each watched step converted, and back-edges. */
function addSession(day: DayStats, s: JourneySession, steps: readonly { key: string; a: string; b: string }[]): void {
  day.sessions++;
  for (const e of s.events) day.events.set(e, (day.events.get(e) ?? 0) + 1);
  for (const { key, a, b } of steps) {
    const at = s.events.indexOf(a);
    if (at >= 0) {
      const step = day.steps.get(key) ?? { entered: 0, converted: 0 };
      step.entered++;
      if (s.events.indexOf(b, at + 1) > at) step.converted++;
      day.steps.set(key, step);
    }
    let edge = false;
    let back = false;
    for (let i = 1; i < s.events.length; i++) {
      if (s.events[i - 1] === a && s.events[i] === b) {
        edge = true;
        if (s.events[i + 1] === a) back = true;
      }
    }
    if (edge) {
      const count = day.backEdges.get(key) ?? { edges: 0, backs: 0 };
      count.edges++;
      if (back) count.backs++;
      day.backEdges.set(key, count);
    }
  }
}

/** Aggregates sessions per day and segment (`all`, and `column=value` for each segment value). */
export function aggregateSessions(sessions: readonly JourneySession[], steps: readonly string[]): JourneyStats {
  const firstDay = sessions.reduce((m, s) => Math.min(m, s.day), Infinity);
  const lastDay = sessions.reduce((m, s) => Math.max(m, s.day), -Infinity);
  const dayCount = sessions.length === 0 ? 0 : lastDay - firstDay + 1;
  const parsed = steps.map((key) => {
    const [a, b] = key.split('->') as [string, string];
    return { key, a, b };
  });
  const bySegment = new Map<string, DayStats[]>();
  const daysOf = (segment: string) => {
    let days = bySegment.get(segment);
    if (!days) {
      days = Array.from({ length: dayCount }, emptyDay);
      bySegment.set(segment, days);
    }
    return days;
  };
  for (const s of sessions) {
    const segments = [ALL_SEGMENT, ...Object.entries(s.segments).flatMap(([column, value]) => (value === '' ? [] : [`${column}=${value}`]))];
    for (const segment of segments) {
      const day = daysOf(segment)[s.day - firstDay];
      if (day) addSession(day, s, parsed);
    }
  }
  return { firstDay: sessions.length === 0 ? 0 : firstDay, dayCount, steps: [...steps], bySegment };
}
