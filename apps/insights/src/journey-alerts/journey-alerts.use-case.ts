import { detectJourneyAlerts } from '../domain/journey-alerts/detect-journey-alerts';
import { eventsFromJourneys } from '../domain/journey-alerts/journey-events';
import { buildSessions, DAY_MS, dayNumber, isoDay } from '../domain/journey-alerts/journey-sessions';
import { aggregateSessions, candidateSteps } from '../domain/journey-alerts/journey-stats';
import type { JourneyReader } from '../attribution/attribution.use-case';
import { analyticsError } from '../journeys/journey-source-error';
import type { JourneyAlertRepository } from '../store/journey-alert.repository';

export interface JourneyAlertRun {
  from: string;
  to: string;
  alerts: number;
  journeys: number;
  events: number;
}

/** Longest range one run may judge; its history comes on top. */
const MAX_RUN_DAYS = 92;

/**
 * Runs the detectors over whole UTC days [from, to): journeys are read with `historyDays` before
 * the range, so each day has earlier weeks of the same weekday to be judged against, and alerts
 * touching the range are stored. The daily job and the on-demand mutation both run this.
 */
export class JourneyAlertsUseCase {
  constructor(
    private readonly journeys: JourneyReader,
    private readonly alerts: JourneyAlertRepository,
    private readonly historyDays: number,
  ) {}

  async run(from: Date, to: Date, now = new Date()): Promise<JourneyAlertRun> {
    const firstDay = dayNumber(from.getTime());
    const endDay = Math.ceil(to.getTime() / DAY_MS);
    if (!(endDay > firstDay)) throw analyticsError('BAD_USER_INPUT', 'the range must end after it starts');
    if (endDay - firstDay > MAX_RUN_DAYS) throw analyticsError('BAD_USER_INPUT', `the range may span at most ${MAX_RUN_DAYS} days`);
    const journeys = await this.journeys.between(new Date((firstDay - this.historyDays) * DAY_MS), new Date(endDay * DAY_MS));
    const events = eventsFromJourneys(journeys);
    const sessions = buildSessions(events);
    const range = { from: isoDay(firstDay), to: isoDay(endDay - 1) };
    const found = sessions.length === 0 ? [] : detectJourneyAlerts(aggregateSessions(sessions, candidateSteps(sessions)), undefined, range);
    await this.alerts.save(found, now);
    return { ...range, alerts: found.length, journeys: journeys.length, events: events.length };
  }

  async list(from: Date, to: Date) {
    if (!(from < to)) throw analyticsError('BAD_USER_INPUT', 'the range must end after it starts');
    return this.alerts.overlapping(isoDay(dayNumber(from.getTime())), isoDay(dayNumber(to.getTime() - 1)));
  }
}
