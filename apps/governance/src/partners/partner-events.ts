import {
  EVENTS,
  eventQueueName,
  jobIdFor,
  PARTNER_EVENT_TYPES,
  type CustomerUpdatedEvent,
  type JourneyDropoffEvent,
  type PartnerEvent,
  type PartnerEventType,
  type PredictionBandChangedEvent,
  type SentimentTurnedEvent,
} from '@c360/contracts';
import { partnerUpdate, type PartnerField } from './partner';

/** An event governance may pass on to partners, as it came off its queue. */
export type PartnerSourceEvent =
  | { type: typeof EVENTS.customerUpdated; event: CustomerUpdatedEvent }
  | { type: typeof EVENTS.journeyDropoff; event: JourneyDropoffEvent }
  | { type: typeof EVENTS.predictionBandChanged; event: PredictionBandChangedEvent }
  | { type: typeof EVENTS.customerSentimentTurned; event: SentimentTurnedEvent };

/**
 * What makes the event itself unique, so a redelivered event finds the delivery it made the first
 * time: a customer's version, the drop-off's id, a band change's kind, band and time, the turning touchpoint.
 */
export function sourceKeyOf(source: PartnerSourceEvent): string {
  switch (source.type) {
    case EVENTS.customerUpdated:
      return `${source.event.customerId}|${source.event.version}`;
    case EVENTS.journeyDropoff:
      return `${source.type}|${source.event.dropoffId}`;
    case EVENTS.predictionBandChanged:
      return `${source.type}|${source.event.customerId}|${source.event.kind}|${source.event.band}|${source.event.scoredAt}`;
    case EVENTS.customerSentimentTurned:
      return `${source.type}|${source.event.messageId}`;
  }
}

/** The version a delivery is ordered by: customer.updated only; other events are facts of their own, in no sequence. */
export function orderingVersionOf(source: PartnerSourceEvent): number {
  return source.type === EVENTS.customerUpdated ? source.event.version : 0;
}

/** Data minimisation: what identifies the event, plus only the details the partner's fields allow. */
export function partnerEventFor(source: PartnerSourceEvent, fields: readonly PartnerField[]): PartnerEvent {
  if (source.type === EVENTS.customerUpdated) return partnerUpdate(source.event, fields);
  const base = { schemaVersion: 1 as const, eventId: jobIdFor('evt', sourceKeyOf(source)), customerId: source.event.customerId };
  const scores = fields.includes('scores');
  switch (source.type) {
    case EVENTS.journeyDropoff: {
      const e = source.event;
      return {
        type: source.type,
        ...base,
        journey: e.journey,
        detectedAt: e.detectedAt,
        ...(fields.includes('journey_step') ? { stepReached: e.stepReached, stepIndex: e.stepIndex, startedAt: e.startedAt } : {}),
        ...(scores ? { score: e.score } : {}),
      };
    }
    case EVENTS.predictionBandChanged: {
      const e = source.event;
      return { type: source.type, ...base, kind: e.kind, band: e.band, scoredAt: e.scoredAt, ...(scores ? { previousBand: e.previousBand } : {}) };
    }
    case EVENTS.customerSentimentTurned: {
      const e = source.event;
      return { type: source.type, ...base, detectedAt: e.detectedAt, ...(scores ? { trendBefore: e.trendBefore, trendAfter: e.trendAfter } : {}) };
    }
  }
}

/** Whether a partner is registered for this kind of event. */
export function wantsEvent(partner: { events: readonly PartnerEventType[] }, type: PartnerEventType): boolean {
  return partner.events.includes(type);
}

/** The queues the partner fan-out reads (subscriber 'partners'): events about customers waiting to go out. */
export const PARTNER_SOURCE_QUEUES = PARTNER_EVENT_TYPES.map((type) => eventQueueName(type, 'partners'));
