export const ALERT_KINDS = ['volume_spike', 'volume_drop', 'conversion_drop', 'new_loop', 'segment_gap'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** One journey that broke: what, where, when, against what, and how surely. Aggregates only. */
export interface JourneyAlert {
  kind: AlertKind;
  /** event_count, step_conversion_rate or back_edge_rate. */
  metric: string;
  /** An event name, or a step `a->b` (for a new loop, the back-edge `b->a` of a → b → a). */
  step: string;
  /** `all`, or `column=value`. */
  segment: string;
  /** First and last UTC day (YYYY-MM-DD). */
  from: string;
  to: string;
  baseline: number;
  observed: number;
  /** A z-score: how many standard errors the observed value lies from the baseline. */
  score: number;
}
