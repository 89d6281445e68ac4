import { SERVICE_CALLER, subgraphRequest, uniqueName, waitFor } from '@c360/testing';
import type { SeedTouch } from '../testing/touchpoint-store-harness';
import { InsightsWithJourneys } from '../testing/insights-harness';

const ANALYST = { ...SERVICE_CALLER, roles: ['analyst' as const] };
const DAY_MS = 86_400_000;
const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const dayStart = (daysAgo: number) => new Date(today - daysAgo * DAY_MS);
const isoDay = (daysAgo: number) => dayStart(daysAgo).toISOString().slice(0, 10);
// The daily job fires every two seconds here, each time judging yesterday.
const env = new InsightsWithJourneys();

const ALERTS = `query ($from: DateTime!, $to: DateTime!) { journeyAlerts(from: $from, to: $to) { id kind metric step segment from to baseline observed score } }`;
const RUN = `mutation ($from: DateTime!, $to: DateTime!) { runJourneyAlerts(from: $from, to: $to) { from to alerts journeys events } }`;
type Alert = {
  id: string;
  kind: string;
  metric: string;
  step: string;
  segment: string;
  from: string;
  to: string;
  baseline: number;
  observed: number;
  score: number;
};

/**
 * 22 days of 40 web and 40 app visitors a day, half of whom add to cart after viewing a product;
 * yesterday only 4 of the 40 app visitors did. Against the same weekday of the three weeks before
 * (60 of 120), that is z = (0.1 − 0.5) / √(0.4·0.6·(1/40 + 1/120)) ≈ −4.47.
 */
function population(): SeedTouch[] {
  const touches: SeedTouch[] = [];
  for (let ago = 22; ago >= 1; ago--) {
    for (const channel of ['web', 'app'] as const) {
      for (let i = 0; i < 40; i++) {
        const customerId = uniqueName('cust');
        const at = new Date(dayStart(ago).getTime() + (8 * 60 + i) * 60_000);
        touches.push({ customerId, event: 'Product Viewed', channel, occurredAt: at });
        const converts = channel === 'app' && ago === 1 ? i < 4 : i % 2 === 0;
        if (converts) touches.push({ customerId, event: 'Added To Cart', channel, occurredAt: new Date(at.getTime() + 5 * 60_000) });
      }
    }
  }
  return touches;
}

beforeAll(async () => {
  // Every customer objects to profiling: journey alerts are population aggregates read from touchpoint-store's
  // journeys, not from insights' per-person facts (which an objection removes), so they must find the same.
  // Seeded before insights starts: the job runs every 2 s, and a run over a half-seeded store would
  // store an alert with the wrong counts.
  await env.start(
    { JOURNEY_ALERTS_CRON: '*/2 * * * * *', JOURNEY_ALERTS_HISTORY_DAYS: '28' },
    { restricted: false, consents: [{ purpose: 'profiling', channel: null, status: 'withdrawn' }] },
    () => env.touchpoints.seed(population()),
  );
}, 300_000);

afterAll(async () => {
  await env.stop();
});

const yesterday = { from: dayStart(1).toISOString(), to: dayStart(0).toISOString() };

describe('journey alerts', () => {
  it('the daily job finds yesterday’s conversion collapse on app and stores it as an aggregate', async () => {
    const alerts = await waitFor(
      async () => {
        const res = await subgraphRequest<{ journeyAlerts: Alert[] }>(env.service.url, ALERTS, yesterday, ANALYST);
        return res.data?.journeyAlerts.length ? res.data.journeyAlerts : undefined;
      },
      60_000,
      'an alert from the daily job',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'CONVERSION_DROP',
      metric: 'step_conversion_rate',
      step: 'Product Viewed->Added To Cart',
      segment: 'acquisition=app',
      from: isoDay(1),
      to: isoDay(1),
      baseline: 0.5,
      observed: 0.1,
    });
    expect(alerts[0]!.score).toBeCloseTo(-0.4 / Math.sqrt(0.4 * 0.6 * (1 / 40 + 1 / 120)), 6);
  });

  it('runs on demand over a range, storing a rerun once, and finds nothing on the quiet days', async () => {
    const run = await subgraphRequest<{ runJourneyAlerts: { from: string; to: string; alerts: number; events: number } }>(
      env.service.url,
      RUN,
      yesterday,
      ANALYST,
    );
    expect(run.data?.runJourneyAlerts).toMatchObject({ from: isoDay(1), to: isoDay(1), alerts: 1 });
    const stored = await subgraphRequest<{ journeyAlerts: Alert[] }>(env.service.url, ALERTS, yesterday, ANALYST);
    expect(stored.data?.journeyAlerts).toHaveLength(1);
    const quiet = { from: dayStart(8).toISOString(), to: dayStart(1).toISOString() };
    const quietRun = await subgraphRequest<{ runJourneyAlerts: { alerts: number } }>(env.service.url, RUN, quiet, ANALYST);
    expect(quietRun.data?.runJourneyAlerts.alerts).toBe(0);
  });

  it('is refused to roles other than analysts and marketers, and a backwards range gets BAD_USER_INPUT', async () => {
    const support = await subgraphRequest(env.service.url, ALERTS, yesterday, { ...SERVICE_CALLER, roles: ['support'] });
    expect(support.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const backwards = await subgraphRequest(env.service.url, RUN, { from: yesterday.to, to: yesterday.from }, ANALYST);
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
