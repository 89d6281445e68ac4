import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { QueryState } from '../../components/QueryState';
import { DataTable } from '../../components/DataTable';
import { download } from '../../components/download';
import { alertsTable } from '../../domain/alerts';
import { periodRange, type Period } from '../../domain/analytics-period';
import type { TableData } from '../../domain/chart-data';
import { toCsv } from '../../domain/csv';
import { PeriodNote } from './PeriodNote';

const csvOf = (t: TableData) => toCsv(t.columns, t.rows);

const JourneyAlertsQuery = graphql(`
  query JourneyAlerts($from: DateTime!, $to: DateTime!) {
    journeyAlerts(from: $from, to: $to) {
      id
      kind
      metric
      step
      segment
      from
      to
      baseline
      observed
      score
      detectedAt
    }
  }
`);

/** insights' journey alerts over the period: where a step's figures moved away from their baseline. */
export function JourneyAlerts({ period }: { period: Period }) {
  const range = periodRange(period);
  // Asked as the period changes, so not while a day is half typed.
  const [{ data, fetching, error }] = useQuery({ query: JourneyAlertsQuery, variables: range ?? { from: '', to: '' }, pause: !range });
  return (
    <section className="card" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Journey alerts</h2>
      <PeriodNote id="alerts-period" period={period} />
      <QueryState data={range ? data : undefined} fetching={fetching} error={range ? error : undefined} label="journey alerts">
        {({ journeyAlerts }) =>
          journeyAlerts.length === 0 ? (
            <p className="muted">No alert in this period.</p>
          ) : (
            <>
              <div className="chart-toolbar">
                <button type="button" className="secondary" onClick={() => download('journey-alerts.csv', csvOf(alertsTable(journeyAlerts)), 'text/csv')}>
                  Download CSV
                </button>
              </div>
              <DataTable data={alertsTable(journeyAlerts)} caption={`${journeyAlerts.length} journey alerts`} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}
