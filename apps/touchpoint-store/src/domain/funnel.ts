import { byCustomerInOrder, type AnalyticsTouch } from './analytics-touch';

export type FunnelBreakdown = 'none' | 'channel' | 'first_touch_channel';

export interface FunnelSpec {
  steps: readonly string[];
  withinMs: number;
  from: Date;
  to: Date;
  by: FunnelBreakdown;
}

export interface FunnelStep {
  name: string;
  count: number;
  /** Share of the customers who entered (step 1) that reached this step. */
  conversionRate: number;
  /** Share of the previous step's customers that reached this one. */
  stepConversionRate: number;
  /** Customers who reached the previous step but not this one. */
  dropOff: number;
}

export interface FunnelResult {
  steps: FunnelStep[];
  breakdown: { key: string; steps: FunnelStep[] }[];
}

/** From "customers per furthest step reached" to counts, conversion and drop-off per step. */
export function summariseFunnel(names: readonly string[], reached: ReadonlyMap<number, number>): FunnelStep[] {
  const counts = names.map((_, i) => [...reached].filter(([k]) => k >= i + 1).reduce((n, [, c]) => n + c, 0));
  return names.map((name, i) => {
    const count = counts[i] ?? 0;
    const prev = counts[i === 0 ? 0 : i - 1] ?? 0;
    return {
      name,
      count,
      conversionRate: counts[0] ? count / counts[0] : 0,
      stepConversionRate: prev ? count / prev : 0,
      dropOff: prev - count,
    };
  });
}

/**
 * The funnel by its plain definition. A customer enters at their first step-1 touchpoint in
 * [from, to); each following step is the earliest touchpoint of that step after the previous one,
 * no later than `withinMs` after entry. Breakdown by the entry's channel or the customer's very
 * first touchpoint's channel. The store computes the same as an aggregation; tests compare both.
 */
export function computeFunnel(touches: readonly AnalyticsTouch[], spec: FunnelSpec): FunnelResult {
  const reachedBy = new Map<string, Map<number, number>>();
  for (const list of byCustomerInOrder(touches).values()) {
    let k = 0;
    let entry: AnalyticsTouch | null = null;
    for (const t of list) {
      if (k >= spec.steps.length || t.eventKey !== spec.steps[k]) continue;
      if (entry === null ? t.occurredAt >= spec.from && t.occurredAt < spec.to : t.occurredAt.getTime() - entry.occurredAt.getTime() <= spec.withinMs) {
        entry ??= t;
        k += 1;
      }
    }
    if (entry === null) continue;
    const key = spec.by === 'none' ? 'all' : spec.by === 'channel' ? entry.channel : (list[0]?.channel ?? entry.channel);
    const m = reachedBy.get(key) ?? new Map<number, number>();
    m.set(k, (m.get(k) ?? 0) + 1);
    reachedBy.set(key, m);
  }
  return funnelResult(spec.steps, reachedBy);
}

/** Totals and per-key breakdown from "customers per furthest step, per breakdown key". */
export function funnelResult(steps: readonly string[], reachedBy: ReadonlyMap<string, ReadonlyMap<number, number>>): FunnelResult {
  const total = new Map<number, number>();
  for (const m of reachedBy.values()) for (const [k, c] of m) total.set(k, (total.get(k) ?? 0) + c);
  const breakdown = [...reachedBy.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, m]) => ({ key, steps: summariseFunnel(steps, m) }));
  return { steps: summariseFunnel(steps, total), breakdown };
}
