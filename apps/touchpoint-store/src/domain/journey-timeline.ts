import { weekIndexOf } from './cohorts';

/**
 * One touchpoint in a customer's journey timeline: what funnels, paths and cohorts read of it, no
 * personal data. `w` is the week index (see cohorts.ts), stored so a cohort query takes a customer's
 * active weeks as a set rather than computing one per touchpoint.
 */
export interface TimelineEntry {
  m: string;
  t: Date;
  e: string;
  c: string;
  w: number;
}

/** Timelines keep entries in the touchpoint store's order: occurrence time, then messageId. */
export const TIMELINE_ORDER = { t: 1, m: 1 } as const;

export function timelineEntryOf(touch: { _id: string; occurredAt: Date; eventKey: string; channel: string }): TimelineEntry {
  return { m: touch._id, t: touch.occurredAt, e: touch.eventKey, c: touch.channel, w: weekIndexOf(touch.occurredAt) };
}

/** Where a batch of (re)assignments moves entries: per new owner what it gains, per former owner what it loses. */
export interface TimelineMoves {
  gains: Map<string, TimelineEntry[]>;
  losses: Map<string, string[]>;
}

export function timelineMovesOf(assignments: readonly { entry: TimelineEntry; from: string | null; to: string }[]): TimelineMoves {
  const moves: TimelineMoves = { gains: new Map(), losses: new Map() };
  for (const { entry, from, to } of assignments) {
    moves.gains.set(to, [...(moves.gains.get(to) ?? []), entry]);
    if (from !== null && from !== to) moves.losses.set(from, [...(moves.losses.get(from) ?? []), entry.m]);
  }
  return moves;
}

/** A timeline split into one array per field, in the timeline's order: what the pipelines read. */
export interface TimelineColumns {
  e: string[];
  t: Date[];
  c: string[];
  w: number[];
}

export function compiledColumnsOf(entries: readonly TimelineEntry[]): TimelineColumns {
  return { e: entries.map((x) => x.e), t: entries.map((x) => x.t), c: entries.map((x) => x.c), w: entries.map((x) => x.w) };
}
