import { periodProblem, type Period } from '../../domain/analytics-period';

/**
 * A panel's cap on the period, stated before it is asked, and a warning while the page's period is
 * outside it. The panel may still be asked: the server's refusal is then shown as it came.
 */
export function PeriodNote({ id, period, maxDays }: { id: string; period: Period; maxDays?: number }) {
  const problem = periodProblem(period, maxDays ?? Number.POSITIVE_INFINITY);
  return (
    <div id={id}>
      {maxDays !== undefined && <p className="muted">Reads periods of up to {maxDays} days.</p>}
      {problem && (
        <p className="warning" role="status">
          {problem}
        </p>
      )}
    </div>
  );
}
