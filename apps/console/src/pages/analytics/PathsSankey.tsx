import { useState, type FormEvent } from 'react';
import { ResponsiveContainer, Sankey, Tooltip } from 'recharts';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { ChartPanel } from '../../components/ChartPanel';
import { QueryState } from '../../components/QueryState';
import { PERIOD_LIMIT_DAYS, periodRange, type Period } from '../../domain/analytics-period';
import { sankeyData, transitionsTable } from '../../domain/chart-data';
import { PeriodNote } from './PeriodNote';

const PathsQuery = graphql(`
  query Paths($to: String!, $from: String, $maxLength: Int, $since: DateTime!, $until: DateTime!) {
    paths(to: $to, from: $from, maxLength: $maxLength, top: 10, since: $since, until: $until) {
      conversions
      paths {
        steps
        count
      }
      transitions {
        step
        from
        to
        count
      }
    }
  }
`);

interface SankeyNodeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  payload?: { name: string; value: number; sourceLinks?: unknown[] };
}

/** A node with its event and count written beside it: left of the last column, right of the others. */
function SankeyNode({ x = 0, y = 0, width = 0, height = 0, payload }: SankeyNodeProps) {
  const last = !payload?.sourceLinks?.length;
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} fill="#1d4ed8" />
      <text x={last ? x - 6 : x + width + 6} y={y + height / 2} dy="0.35em" textAnchor={last ? 'end' : 'start'} fontSize={12} fill="#111827">
        {payload?.name} ({payload?.value})
      </text>
    </g>
  );
}

interface PathsRequest {
  to: string;
  from?: string;
  maxLength: number;
  since: string;
  until: string;
}

function PathsResult({ request }: { request: PathsRequest }) {
  const [{ data, fetching, error }] = useQuery({ query: PathsQuery, variables: request });
  return (
    <QueryState data={data} fetching={fetching} error={error} label="paths">
      {({ paths }) => {
        const sankey = sankeyData(paths.transitions);
        return (
          <>
            <p>{paths.conversions} conversions.</p>
            <ChartPanel title={`Paths to ${request.to}`} table={transitionsTable(paths.transitions)} filename="paths.csv">
              {sankey.links.length === 0 ? (
                <p className="muted">No paths in this period.</p>
              ) : (
                <div
                  style={{ width: '100%', height: 420 }}
                  role="img"
                  aria-label={`Sankey diagram of ${sankey.links.length} step-to-step transitions to ${request.to}`}
                >
                  <ResponsiveContainer>
                    <Sankey
                      data={sankey}
                      nodePadding={24}
                      margin={{ top: 10, right: 10, bottom: 10, left: 10 }}
                      link={{ stroke: '#93c5fd' }}
                      node={<SankeyNode />}
                    >
                      <Tooltip />
                    </Sankey>
                  </ResponsiveContainer>
                </div>
              )}
            </ChartPanel>
            <section className="card" aria-labelledby="top-paths-heading">
              <h3 id="top-paths-heading">Most frequent paths</h3>
              <ol>
                {paths.paths.map((p, i) => (
                  <li key={i}>
                    {p.steps.join(' → ')} <span className="muted">({p.count})</span>
                  </li>
                ))}
              </ol>
            </section>
          </>
        );
      }}
    </QueryState>
  );
}

export function PathsSankey({ period }: { period: Period }) {
  const [to, setTo] = useState('Order Completed');
  const [from, setFrom] = useState('');
  const [maxLength, setMaxLength] = useState(4);
  const [request, setRequest] = useState<PathsRequest | null>(null);
  function run(e: FormEvent) {
    e.preventDefault();
    const range = periodRange(period);
    if (!range) return;
    setRequest({ to: to.trim(), from: from.trim() || undefined, maxLength, since: range.from, until: range.to });
  }
  return (
    <section className="card" aria-labelledby="paths-heading">
      <h2 id="paths-heading">Paths to conversion</h2>
      <form className="inline" onSubmit={run}>
        <label>
          Conversion event
          <input value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <label>
          Starting event (optional)
          <input value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          Longest path
          <input type="number" min={2} max={10} value={maxLength} onChange={(e) => setMaxLength(Number(e.target.value))} />
        </label>
        <button type="submit" aria-describedby="paths-period">
          Show paths
        </button>
      </form>
      <PeriodNote id="paths-period" period={period} maxDays={PERIOD_LIMIT_DAYS.journeys} />
      {request && <PathsResult request={request} />}
    </section>
  );
}
