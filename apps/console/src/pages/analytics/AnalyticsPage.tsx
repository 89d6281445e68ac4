import { useState } from 'react';
import { can } from '../../domain/roles';
import { AttributionComparison } from './AttributionComparison';
import { CohortHeatmap } from './CohortHeatmap';
import { FunnelBuilder } from './FunnelBuilder';
import { JourneyAlerts } from './JourneyAlerts';
import { PathsSankey } from './PathsSankey';

function isoDay(value: string): string {
  return new Date(`${value}T00:00:00Z`).toISOString();
}

/** Journey analytics over one period: funnel, paths and cohorts (aggregates only). */
export function AnalyticsPage({ roles }: { roles: string[] }) {
  const [from, setFrom] = useState('2025-01-01');
  const [to, setTo] = useState('2027-01-01');
  const range = { from: isoDay(from), to: isoDay(to) };
  return (
    <>
      <section className="card" aria-labelledby="period-heading">
        <h2 id="period-heading">Period</h2>
        <div className="inline form" style={{ display: 'flex', gap: '1rem' }}>
          <label>
            From (UTC)
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label>
            To, exclusive (UTC)
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
          </label>
        </div>
      </section>
      <FunnelBuilder range={range} />
      <PathsSankey range={range} />
      <CohortHeatmap range={range} />
      {can(roles, 'compareAttribution') && <AttributionComparison range={range} />}
      {can(roles, 'journeyAlerts') && <JourneyAlerts range={range} />}
    </>
  );
}
