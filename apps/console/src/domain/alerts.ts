import type { TableData } from './chart-data';
import { formatDateTime, humanise } from './format';

export interface AlertInput {
  kind: string;
  metric: string;
  step: string;
  segment: string;
  from: string;
  to: string;
  baseline: number;
  observed: number;
  score: number;
  detectedAt: string;
}

/** Journey alerts as one table: what the page shows and what its CSV holds are the same figures. */
export function alertsTable(alerts: readonly AlertInput[]): TableData {
  return {
    columns: ['Detected', 'Kind', 'Metric', 'Step', 'Transition', 'Segment', 'Baseline', 'Observed', 'Score'],
    rows: alerts.map((a) => [
      formatDateTime(a.detectedAt),
      humanise(a.kind),
      a.metric,
      a.step,
      `${a.from} → ${a.to}`,
      a.segment,
      Number(a.baseline.toFixed(3)),
      Number(a.observed.toFixed(3)),
      Number(a.score.toFixed(2)),
    ]),
  };
}
