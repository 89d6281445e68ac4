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
  const append = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const { entry, from, to } of assignments) {
    append(moves.gains, to, entry);
    if (from !== null && from !== to) append(moves.losses, from, entry.m);
  }
  return moves;
}

export interface CustomerMerge {
  from: readonly string[];
  to: string;
}

/** The merges that move anything: a customer is never merged into itself. */
export function effectiveMerges(merges: readonly CustomerMerge[]): CustomerMerge[] {
  return merges.map(({ from, to }) => ({ from: from.filter((id) => id !== to), to })).filter((m) => m.from.length > 0);
}

/** Where each merged customer's touchpoints end up when the merges are applied in order (a→b, then b→c: a ends on c). */
export function finalOwners(merges: readonly CustomerMerge[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const { from, to } of merges) {
    for (const [id, owner] of owners) if (from.includes(owner)) owners.set(id, to);
    for (const id of from) owners.set(id, to);
  }
  return owners;
}

/**
 * A timeline compiled for the pipelines: one array per field in the timeline's order (e, t, c, w),
 * and what paths and cohorts would otherwise work out element by element on every query: the event
 * names with consecutive repeats collapsed (`re`, one per run), the run each entry belongs to
 * (`rn`), and the distinct active weeks in order (`wd`).
 */
export interface TimelineColumns {
  e: string[];
  t: Date[];
  c: string[];
  w: number[];
  re: string[];
  rn: number[];
  wd: number[];
}

export function compiledColumnsOf(entries: readonly TimelineEntry[]): TimelineColumns {
  const re: string[] = [];
  const rn = entries.map((x, i) => {
    if (i === 0 || x.e !== entries[i - 1]!.e) re.push(x.e);
    return re.length - 1;
  });
  const wd = [...new Set(entries.map((x) => x.w))].sort((a, b) => a - b);
  return { e: entries.map((x) => x.e), t: entries.map((x) => x.t), c: entries.map((x) => x.c), w: entries.map((x) => x.w), re, rn, wd };
}
