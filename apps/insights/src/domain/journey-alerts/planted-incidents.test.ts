import { generateJourneyEvents, PLANTED } from '../../testing/journey-event-generator';
import { detectJourneyAlerts } from './detect-journey-alerts';
import type { JourneyAlert } from './journey-alert';
import { buildSessions, DAY_MS, isoDay } from './journey-sessions';
import { aggregateSessions, candidateSteps } from './journey-stats';

const START = Date.UTC(2026, 0, 5) / DAY_MS;
const date = (day: number) => isoDay(START + day);
/** A quiet weekend at either end of an incident may go unjudged: dates must match within two days. */
const within = (actual: string, planned: number, days = 2) => Math.abs(Date.parse(actual) / DAY_MS - START - planned) <= days;

function analyse(incidents: boolean, seed: number, sessionsPerDay?: number): JourneyAlert[] {
  const sessions = buildSessions(generateJourneyEvents({ incidents, seed, ...(sessionsPerDay ? { sessionsPerDay } : {}) }));
  return detectJourneyAlerts(aggregateSessions(sessions, candidateSteps(sessions)));
}

describe('journey alerts on a generated shop log with planted incidents', () => {
  const alerts = analyse(true, 11);
  const overlapsAnIncident = (a: JourneyAlert) =>
    [PLANTED.spike, PLANTED.loop, PLANTED.payment].some((i) => a.from <= date(i.to) && a.to >= date(i.from)) || a.kind === 'segment_gap';

  it('finds the burst of non-buying visitors from social on its days', () => {
    const spike = alerts.find((a) => a.kind === 'volume_spike' && a.step === 'page_view');
    expect(spike).toMatchObject({ segment: `channel=${PLANTED.spike.channel}`, from: date(PLANTED.spike.from), to: date(PLANTED.spike.to) });
  });

  it('finds the android bug sending checkout back to the cart, for its weeks', () => {
    const loop = alerts.find((a) => a.kind === 'new_loop');
    expect(loop).toMatchObject({ step: 'begin_checkout->add_to_cart', segment: `platform=${PLANTED.loop.platform}` });
    expect(within(loop!.from, PLANTED.loop.from) && within(loop!.to, PLANTED.loop.to)).toBe(true);
  });

  it('finds the payment failure halving add_payment_info → purchase, for everyone', () => {
    const drop = alerts.find((a) => a.kind === 'conversion_drop' && a.step === 'add_payment_info->purchase');
    expect(drop).toMatchObject({ segment: 'all', from: date(PLANTED.payment.from), to: date(PLANTED.payment.to) });
    expect(drop!.observed / drop!.baseline).toBeGreaterThan(PLANTED.payment.factor - 0.15);
    expect(drop!.observed / drop!.baseline).toBeLessThan(PLANTED.payment.factor + 0.15);
  });

  it('finds new visitors checking out far less than returning ones, all along', () => {
    const gap = alerts.find((a) => a.kind === 'segment_gap' && a.segment === 'visitor=new');
    expect(gap).toMatchObject({ step: 'add_to_cart->begin_checkout' });
    expect(within(gap!.from, 0) && within(gap!.to, 69)).toBe(true);
  });

  it('raises nothing away from the planted incidents', () => {
    expect(alerts.filter((a) => !overlapsAnIncident(a))).toEqual([]);
  });

  it('finds the android loop on a log a third the size, judging its thin days by whole weeks', () => {
    const loop = analyse(true, 11, 200).find((a) => a.kind === 'new_loop');
    expect(loop).toMatchObject({ step: 'begin_checkout->add_to_cart', segment: `platform=${PLANTED.loop.platform}` });
    expect(within(loop!.from, PLANTED.loop.from, 7) && within(loop!.to, PLANTED.loop.to, 7)).toBe(true);
  });

  it('raises few false alarms on logs without incidents (counted over five seeds)', () => {
    const falseAlarms = [...[21, 22, 23].flatMap((seed) => analyse(false, seed)), ...[24, 25].flatMap((seed) => analyse(false, seed, 200))];
    console.log(`false alarms on 5 incident-free logs (70 days each, 3 of ~94,000 events, 2 of ~31,000): ${falseAlarms.length}`);
    expect(falseAlarms.length).toBeLessThanOrEqual(2);
  });
});
