import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';

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
            <table>
              <thead>
                <tr>
                  <th scope="col">Detected</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Metric</th>
                  <th scope="col">Step</th>
                  <th scope="col">Segment</th>
                  <th scope="col">Baseline → observed</th>
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {journeyAlerts.map((a) => (
                  <tr key={a.id}>
                    <td>{formatDateTime(a.detectedAt)}</td>
                    <td>{humanise(a.kind)}</td>
                    <td>{a.metric}</td>
                    <td>
                      {a.step}{' '}
                      <span className="muted">
                        ({a.from} → {a.to})
                      </span>
                    </td>
                    <td>{a.segment}</td>
                    <td>
                      {a.baseline.toFixed(3)} → {a.observed.toFixed(3)}
                    </td>
                    <td>{a.score.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
