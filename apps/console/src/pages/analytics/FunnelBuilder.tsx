import { useState, type FormEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { FunnelBreakdown } from '../../__generated__/graphql';
import { ChartPanel } from '../../components/ChartPanel';
import { QueryState } from '../../components/QueryState';
import { MAX_FUNNEL_STEPS, PERIOD_LIMIT_DAYS, periodRange, type Period } from '../../domain/analytics-period';
import { funnelTable } from '../../domain/chart-data';
import { PeriodNote } from './PeriodNote';

const FunnelQuery = graphql(`
  query Funnel($steps: [String!]!, $within: Int, $from: DateTime!, $to: DateTime!, $by: FunnelBreakdown) {
    funnel(steps: $steps, within: $within, from: $from, to: $to, by: $by) {
      steps {
        name
        count
        conversionRate
        stepConversionRate
        dropOff
      }
      breakdown {
        key
        steps {
          name
          count
          conversionRate
          stepConversionRate
          dropOff
        }
      }
    }
  }
`);

interface FunnelRequest {
  steps: string[];
  within: number;
  from: string;
  to: string;
  by: FunnelBreakdown;
}

function FunnelResult({ request }: { request: FunnelRequest }) {
  const [{ data, fetching, error }] = useQuery({ query: FunnelQuery, variables: request });
  return (
    <QueryState data={data} fetching={fetching} error={error} label="the funnel">
      {({ funnel }) => (
        <>
          <ChartPanel title="Funnel: customers per step and drop-off" table={funnelTable(funnel.steps)} filename="funnel.csv">
            <div
              style={{ width: '100%', height: 320 }}
              role="img"
              aria-label={`Funnel bar chart: ${funnel.steps.map((s) => `${s.name} ${s.count}`).join(', ')}`}
            >
              <ResponsiveContainer>
                <BarChart data={funnel.steps} margin={{ top: 10, right: 20, bottom: 10, left: 10 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="count" name="Customers" stackId="a" fill="#1d4ed8" isAnimationActive={false} />
                  <Bar dataKey="dropOff" name="Drop-off" stackId="a" fill="#f59e0b" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </ChartPanel>
          {request.by !== 'NONE' &&
            funnel.breakdown.map((segment) => (
              <ChartPanel key={segment.key} title={`Funnel for ${segment.key}`} table={funnelTable(segment.steps)} filename={`funnel-${segment.key}.csv`}>
                <div style={{ width: '100%', height: 220 }} role="img" aria-label={`Funnel for ${segment.key}`}>
                  <ResponsiveContainer>
                    <BarChart data={segment.steps}>
                      <XAxis dataKey="name" />
                      <YAxis allowDecimals={false} />
                      <Tooltip />
                      <Bar dataKey="count" name="Customers" fill="#1d4ed8" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </ChartPanel>
            ))}
        </>
      )}
    </QueryState>
  );
}

const DEFAULT_STEPS = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'];

/** Builds an ordered funnel over event names: steps are added, removed and reordered before running it. */
export function FunnelBuilder({ period }: { period: Period }) {
  const [steps, setSteps] = useState<string[]>(DEFAULT_STEPS);
  const [withinDays, setWithinDays] = useState(30);
  const [by, setBy] = useState<FunnelBreakdown>('NONE');
  const [request, setRequest] = useState<FunnelRequest | null>(null);
  const update = (i: number, v: string) => setSteps((s) => s.map((x, j) => (j === i ? v : x)));
  function run(e: FormEvent) {
    e.preventDefault();
    const clean = steps.map((s) => s.trim()).filter(Boolean);
    const range = periodRange(period);
    if (clean.length < 2 || !range) return;
    setRequest({ steps: clean, within: withinDays * 86_400, from: range.from, to: range.to, by });
  }
  return (
    <section className="card" aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">Funnel builder</h2>
      <form onSubmit={run}>
        <ol className="funnel-steps">
          {steps.map((step, i) => (
            <li key={i}>
              <label>
                Step {i + 1} event
                <input value={step} onChange={(e) => update(i, e.target.value)} />
              </label>{' '}
              <button type="button" className="secondary" onClick={() => setSteps((s) => s.filter((_, j) => j !== i))} disabled={steps.length <= 2}>
                Remove step {i + 1}
              </button>
            </li>
          ))}
        </ol>
        <div className="inline form">
          <button type="button" className="secondary" onClick={() => setSteps((s) => [...s, ''])} disabled={steps.length >= MAX_FUNNEL_STEPS}>
            Add step
          </button>{' '}
          <label style={{ display: 'inline-flex' }}>
            Within (days)
            <input type="number" min={1} max={365} value={withinDays} onChange={(e) => setWithinDays(Number(e.target.value))} />
          </label>{' '}
          <label style={{ display: 'inline-flex' }}>
            Breakdown
            <select value={by} onChange={(e) => setBy(e.target.value as FunnelBreakdown)}>
              <option value="NONE">None</option>
              <option value="CHANNEL">Channel</option>
              <option value="FIRST_TOUCH_CHANNEL">First-touch channel</option>
            </select>
          </label>{' '}
          <button type="submit" aria-describedby="funnel-period">
            Run funnel
          </button>
        </div>
      </form>
      <PeriodNote id="funnel-period" period={period} maxDays={PERIOD_LIMIT_DAYS.journeys} />
      {request && <FunnelResult request={request} />}
    </section>
  );
}
