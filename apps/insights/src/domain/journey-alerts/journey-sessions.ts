/** One event of an event log: who (a pseudonymous key), when (ms since epoch), what, and segment values. */
export interface JourneyEvent {
  user: string;
  time: number;
  event: string;
  /** A session id when the log has one; otherwise sessions are cut at inactivity gaps. */
  session?: string;
  /** When the visitor was first seen, if known from beyond the log (ms since epoch). */
  firstSeen?: number;
  segments: Readonly<Record<string, string>>;
}

/** The events of one session in time order, with the segments of the visitor at that time. */
export interface JourneySession {
  /** UTC day the session started, as a day number (days since 1970-01-01). */
  day: number;
  events: string[];
  segments: Record<string, string>;
}

export const DAY_MS = 86_400_000;

/** Segments derived from the log itself, whatever columns it has: new vs returning, and weekly cohort. */
export const VISITOR_SEGMENT = 'visitor';
export const COHORT_SEGMENT = 'cohort';

export function dayNumber(time: number): number {
  return Math.floor(time / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the week a day falls in, as the cohort label (weeks of first sight). */
function cohortOf(day: number): string {
  // Day 0 (1970-01-01) was a Thursday: Monday-based weekday = (day + 3) mod 7.
  return isoDay(day - ((day + 3) % 7));
}

/**
 * Cuts each visitor's events into sessions (by session id, else at `gapMinutes` of inactivity) and
 * labels each session with the segment values of its first event, plus `visitor` (new on the day
 * the visitor was first seen, returning after) and `cohort` (the week the visitor was first seen).
 */
export function buildSessions(events: readonly JourneyEvent[], options: { gapMinutes?: number } = {}): JourneySession[] {
  const gapMs = (options.gapMinutes ?? 30) * 60_000;
  const byUser = new Map<string, JourneyEvent[]>();
  for (const e of events) {
    const list = byUser.get(e.user);
    if (list) list.push(e);
    else byUser.set(e.user, [e]);
  }
  const sessions: JourneySession[] = [];
  for (const list of byUser.values()) {
    list.sort((a, b) => a.time - b.time);
    const firstDay = dayNumber(list.reduce((m, e) => Math.min(m, e.time, e.firstSeen ?? Infinity), Infinity));
    let current: JourneySession | undefined;
    let last: JourneyEvent | undefined;
    for (const e of list) {
      if (!current || !last || (e.session !== undefined || last.session !== undefined ? e.session !== last.session : e.time - last.time > gapMs)) {
        const day = dayNumber(e.time);
        current = {
          day,
          events: [],
          segments: { ...e.segments, [VISITOR_SEGMENT]: day === firstDay ? 'new' : 'returning', [COHORT_SEGMENT]: cohortOf(firstDay) },
        };
        sessions.push(current);
      }
      current.events.push(e.event);
      last = e;
    }
  }
  return sessions;
}
