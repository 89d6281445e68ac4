import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { QueryState } from '../../components/QueryState';
import { DataTable } from '../../components/DataTable';
import { download } from '../../components/download';
import { alertsTable } from '../../domain/alerts';
import type { TableData } from '../../domain/chart-data';
import { toCsv } from '../../domain/csv';

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
export function JourneyAlerts({ range }: { range: { from: string; to: string } }) {
  const [{ data, fetching, error }] = useQuery({ query: JourneyAlertsQuery, variables: range });
  return (
    <section className="card" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Journey alerts</h2>
      <QueryState data={data} fetching={fetching} error={error} label="journey alerts">
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
