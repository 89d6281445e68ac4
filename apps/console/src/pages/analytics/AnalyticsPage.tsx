import { useState } from 'react';
import { defaultPeriod, PERIOD_LIMIT_DAYS, periodInputBounds, type Period } from '../../domain/analytics-period';
import { can } from '../../domain/roles';
import { AttributionComparison } from './AttributionComparison';
import { CohortHeatmap } from './CohortHeatmap';
import { FunnelBuilder } from './FunnelBuilder';
import { JourneyAlerts } from './JourneyAlerts';
import { PathsSankey } from './PathsSankey';

/** Journey analytics over one period: funnel, paths and cohorts (aggregates only). */
export function AnalyticsPage({ roles }: { roles: string[] }) {
  const [period, setPeriod] = useState<Period>(() => defaultPeriod(new Date()));
  // The inputs are bounded by the widest cap; a narrower panel says its own beside it.
  const bounds = periodInputBounds(period, PERIOD_LIMIT_DAYS.journeys);
  return (
    <>
      <section className="card" aria-labelledby="period-heading">
        <h2 id="period-heading">Period</h2>
        <div className="inline form" style={{ display: 'flex', gap: '1rem' }}>
          <label>
            From (UTC)
            <input
              type="date"
              value={period.from}
              min={bounds.fromMin}
              max={bounds.fromMax}
              onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))}
              required
              aria-describedby="period-limits"
            />
          </label>
          <label>
            To, exclusive (UTC)
            <input
              type="date"
              value={period.to}
              min={bounds.toMin}
              max={bounds.toMax}
              onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))}
              required
              aria-describedby="period-limits"
            />
          </label>
        </div>
        <p className="muted" id="period-limits">
          Funnel, paths and cohorts read up to {PERIOD_LIMIT_DAYS.journeys} days; attribution up to {PERIOD_LIMIT_DAYS.attribution}.
        </p>
      </section>
      <FunnelBuilder period={period} />
      <PathsSankey period={period} />
      <CohortHeatmap period={period} />
      {can(roles, 'compareAttribution') && <AttributionComparison period={period} />}
      {can(roles, 'journeyAlerts') && <JourneyAlerts period={period} />}
    </>
  );
}
