import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { ChartPanel } from '../../components/ChartPanel';
import { QueryState } from '../../components/QueryState';
import { PERIOD_LIMIT_DAYS, periodRange, type Period } from '../../domain/analytics-period';
import { cohortHeatmap, cohortTable, heatColour } from '../../domain/chart-data';
import { formatDate, formatPercent } from '../../domain/format';
import { PeriodNote } from './PeriodNote';

const CohortsQuery = graphql(`
  query Cohorts($from: DateTime!, $to: DateTime!, $weeks: Int) {
    cohorts(from: $from, to: $to, weeks: $weeks) {
      weekStart
      size
      retention {
        week
        active
        rate
      }
    }
  }
`);

function CohortResult({ request }: { request: { from: string; to: string; weeks: number } }) {
  const [{ data, fetching, error }] = useQuery({ query: CohortsQuery, variables: request });
  return (
    <QueryState data={data} fetching={fetching} error={error} label="cohorts">
      {({ cohorts }) => {
        const heat = cohortHeatmap(cohorts);
        return (
          <ChartPanel title="Weekly retention by first-seen week" table={cohortTable(heat)} filename="cohorts.csv">
            {heat.rows.length === 0 ? (
              <p className="muted">No customers first seen in this period.</p>
            ) : (
              <div style={{ overflowX: 'auto' }}>
                <table aria-label="Retention heatmap">
                  <thead>
                    <tr>
                      <th scope="col">Cohort</th>
                      <th scope="col">Customers</th>
                      {heat.weeks.map((w) => (
                        <th key={w} scope="col">
                          W{w}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {heat.rows.map((r) => (
                      <tr key={r.weekStart}>
                        <th scope="row">{formatDate(r.weekStart)}</th>
                        <td>{r.size}</td>
                        {r.cells.map((c, i) => (
                          <td key={i} style={c ? heatColour(c.rate) : undefined}>
                            {c ? formatPercent(c.rate) : ''}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </ChartPanel>
        );
      }}
    </QueryState>
  );
}

export function CohortHeatmap({ period }: { period: Period }) {
  const [weeks, setWeeks] = useState(8);
  const [request, setRequest] = useState<{ from: string; to: string; weeks: number } | null>(null);
  function run(e: FormEvent) {
    e.preventDefault();
    const range = periodRange(period);
    if (range) setRequest({ ...range, weeks });
  }
  return (
    <section className="card" aria-labelledby="cohorts-heading">
      <h2 id="cohorts-heading">Cohort retention</h2>
      <form className="inline" onSubmit={run}>
        <label>
          Weeks followed
          <input type="number" min={1} max={52} value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} />
        </label>
        <button type="submit" aria-describedby="cohorts-period">
          Show cohorts
        </button>
      </form>
      <PeriodNote id="cohorts-period" period={period} maxDays={PERIOD_LIMIT_DAYS.journeys} />
      {request && <CohortResult request={request} />}
    </section>
  );
}
