import { useState, type FormEvent } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useQuery } from 'urql';
import { graphql } from '../../__generated__';
import type { AttributionDimension } from '../../__generated__/graphql';
import { ChartPanel } from '../../components/ChartPanel';
import { QueryState } from '../../components/QueryState';
import { MAX_LOOKBACK_DAYS, PERIOD_LIMIT_DAYS, periodRange, type Period } from '../../domain/analytics-period';
import { attributionChart, attributionTable } from '../../domain/chart-data';
import { humanise } from '../../domain/format';
import { PeriodNote } from './PeriodNote';

const CompareAttribution = graphql(`
  query CompareAttribution($conversionEvent: String!, $from: DateTime!, $to: DateTime!, $lookbackDays: Int, $by: AttributionDimension) {
    compareAttribution(conversionEvent: $conversionEvent, from: $from, to: $to, lookbackDays: $lookbackDays, by: $by) {
      by
      conversionEvent
      conversions
      unattributed
      nonConverting
      models
      rows {
        key
        models {
          model
          conversions
          low
          high
        }
      }
    }
  }
`);

// Distinct hues, each dark enough for its legend text on white.
const COLOURS = ['#1d4ed8', '#b45309', '#15803d', '#be185d', '#6d28d9', '#0e7490', '#b91c1c'];

interface Ask {
  conversionEvent: string;
  from: string;
  to: string;
  lookbackDays: number;
  by: AttributionDimension;
}

function Comparison({ ask }: { ask: Ask }) {
  const [{ data, fetching, error }] = useQuery({ query: CompareAttribution, variables: ask });
  return (
    <QueryState data={data} fetching={fetching} error={error} label="attribution">
      {({ compareAttribution: c }) => (
        <>
          <p>
            {c.conversions} conversions · {c.unattributed} without a prior touch · {c.nonConverting} non-converting journeys
          </p>
          <ChartPanel
            title={`Credit for ${c.conversionEvent} by ${humanise(c.by)}, every model side by side`}
            table={attributionTable(c.models, c.rows)}
            filename="attribution.csv"
          >
            <div
              style={{ width: '100%', height: 340 }}
              role="img"
              aria-label={`Attribution by ${c.models.length} models over ${c.rows.length} ${humanise(c.by).toLowerCase()}s`}
            >
              <ResponsiveContainer>
                <BarChart data={attributionChart(c.models, c.rows)}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="key" />
                  <YAxis />
                  <Tooltip />
                  <Legend />
                  {c.models.map((m, i) => (
                    <Bar key={m} dataKey={m} name={humanise(m)} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
          </ChartPanel>
        </>
      )}
    </QueryState>
  );
}

/** Attribution models side by side over one period (insights' compareAttribution). */
export function AttributionComparison({ period }: { period: Period }) {
  const [conversionEvent, setConversionEvent] = useState('Order Completed');
  const [lookbackDays, setLookbackDays] = useState(30);
  const [by, setBy] = useState<AttributionDimension>('CHANNEL');
  const [ask, setAsk] = useState<Ask | null>(null);
  function run(e: FormEvent) {
    e.preventDefault();
    const range = periodRange(period);
    if (range) setAsk({ conversionEvent: conversionEvent.trim(), lookbackDays, by, ...range });
  }
  return (
    <section className="card" aria-labelledby="attribution-heading">
      <h2 id="attribution-heading">Attribution models</h2>
      <form className="inline" onSubmit={run}>
        <label>
          Conversion event
          <input value={conversionEvent} onChange={(e) => setConversionEvent(e.target.value)} required />
        </label>
        <label>
          Lookback (days)
          <input type="number" min={1} max={MAX_LOOKBACK_DAYS} value={lookbackDays} onChange={(e) => setLookbackDays(Number(e.target.value))} />
        </label>
        <label>
          By
          <select value={by} onChange={(e) => setBy(e.target.value as AttributionDimension)}>
            <option value="CHANNEL">Channel</option>
            <option value="CAMPAIGN">Campaign</option>
          </select>
        </label>
        <button type="submit" aria-describedby="attribution-period">
          Compare models
        </button>
      </form>
      <PeriodNote id="attribution-period" period={period} maxDays={PERIOD_LIMIT_DAYS.attribution} />
      {ask && <Comparison ask={ask} />}
    </section>
  );
}
