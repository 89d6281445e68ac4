import type { JourneyAlert } from '../src/domain/journey-alerts/journey-alert';

const round = (x: number) => Number(x.toFixed(4));

/** The line analyse:journeys prints per alert. */
export function formatAlert(a: JourneyAlert): string {
  return `alert kind=${a.kind} from=${a.from} to=${a.to} step=${a.step} segment=${a.segment} baseline=${round(a.baseline)} observed=${round(a.observed)} score=${a.score.toFixed(2)}`;
}
