import { byCustomerInOrder, type AnalyticsTouch } from './analytics-touch';

export interface PathsSpec {
  /** The conversion event. */
  to: string;
  /** When given, paths start at the last occurrence of this event before the conversion. */
  from: string | null;
  maxLength: number;
  top: number;
  since: Date;
  until: Date;
}

export interface PathCount {
  path: string[];
  count: number;
}

export interface Transition {
  /** Position of `from` in the path (0 = first step), so Sankey nodes are (step, event). */
  step: number;
  from: string;
  to: string;
  count: number;
}

export interface PathsResult {
  conversions: number;
  paths: PathCount[];
  transitions: Transition[];
}

/**
 * The path of one converting customer: events before the conversion with consecutive repeats
 * collapsed, from the last `from` when given, cut to the `maxLength - 1` nearest steps, then the
 * conversion. Null when the customer has no `from` before converting.
 */
export function pathOf(events: readonly string[], spec: Pick<PathsSpec, 'to' | 'from' | 'maxLength'>): string[] | null {
  let prior = events.filter((e, i) => i === 0 || e !== events[i - 1]);
  if (spec.from !== null) {
    const last = prior.lastIndexOf(spec.from);
    if (last < 0) return null;
    prior = prior.slice(last);
  }
  return [...prior.slice(Math.max(0, prior.length - (spec.maxLength - 1))), spec.to];
}

/** Orders paths by count, then by their text, so ties come out the same on every run. */
export const pathKey = (path: readonly string[]) => path.join(' > ');

export function rankPaths(counts: Iterable<PathCount>, top: number): PathCount[] {
  return [...counts].sort((a, b) => b.count - a.count || (pathKey(a.path) < pathKey(b.path) ? -1 : 1)).slice(0, top);
}

export function sortTransitions(transitions: Transition[]): Transition[] {
  return transitions.sort((a, b) => a.step - b.step || b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** Paths to conversion by their plain definition; the conversion is the first `to` in [since, until). */
export function computePaths(touches: readonly AnalyticsTouch[], spec: PathsSpec): PathsResult {
  const counts = new Map<string, PathCount>();
  const transitions = new Map<string, Transition>();
  let conversions = 0;
  for (const list of byCustomerInOrder(touches).values()) {
    const ci = list.findIndex((t) => t.eventKey === spec.to && t.occurredAt >= spec.since && t.occurredAt < spec.until);
    if (ci < 0) continue;
    const path = pathOf(
      list.slice(0, ci).map((t) => t.eventKey),
      spec,
    );
    if (!path) continue;
    conversions += 1;
    const key = pathKey(path);
    counts.set(key, { path, count: (counts.get(key)?.count ?? 0) + 1 });
    path.slice(1).forEach((to, step) => {
      const from = path[step] ?? '';
      const tkey = `${step}\u0000${from}\u0000${to}`;
      transitions.set(tkey, { step, from, to, count: (transitions.get(tkey)?.count ?? 0) + 1 });
    });
  }
  return { conversions, paths: rankPaths(counts.values(), spec.top), transitions: sortTransitions([...transitions.values()]) };
}
