import type { AnonymousJourney } from '../anonymous-journey';
import type { JourneyEvent } from './journey-sessions';

/** Segment columns the service gives its detectors, beside the derived visitor and cohort. */
export const SERVICE_SEGMENTS = ['channel', 'acquisition'] as const;

/**
 * Journeys as an event log: each journey gets a key that means nothing outside this call, each event
 * its channel (the platform of a touch) and the channel the customer was acquired on; first sight is
 * the customer's real one, so new and returning are right even for journeys begun before the range.
 */
export function eventsFromJourneys(journeys: Iterable<AnonymousJourney>): JourneyEvent[] {
  const events: JourneyEvent[] = [];
  let n = 0;
  for (const j of journeys) {
    const user = `j${n++}`;
    for (const t of j.touches) {
      events.push({
        user,
        time: t.at.getTime(),
        event: t.event,
        firstSeen: j.firstSeenAt.getTime(),
        segments: { channel: t.channel, acquisition: j.firstChannel },
      });
    }
  }
  return events;
}
