/**
 * Queue names. Work queues have one consumer; events fan out to one queue per subscribing service,
 * because a BullMQ job is taken by exactly one worker.
 */
export const QUEUES = {
  touchpointIngest: 'touchpoint-ingest',
  identityResolve: 'identity-resolve',
  touchpointLink: 'touchpoint-link',
} as const;

export const EVENTS = {
  customerUpdated: 'customer.updated',
  customerSplit: 'customer.split',
  customerSentimentTurned: 'customer.sentiment-turned',
  journeyDropoff: 'journey.dropoff',
  predictionBandChanged: 'prediction.band_changed',
} as const;
export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

export const SERVICES = ['identity-graph', 'touchpoint-store', 'insights', 'generation', 'governance'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** A subscriber is a service, or a module of one with a queue of its own ('partners' runs in governance). */
export type Subscriber = ServiceName | 'partners';

export const EVENT_SUBSCRIBERS: Record<EventName, readonly Subscriber[]> = {
  [EVENTS.customerUpdated]: ['insights', 'generation', 'governance', 'partners'],
  // Every service keeping per-touchpoint copies: a split says which touchpoints go back to whom.
  [EVENTS.customerSplit]: ['touchpoint-store', 'insights', 'generation'],
  // generation's recovery worker reaches out after a sharp negative turn (within consent and caps).
  [EVENTS.customerSentimentTurned]: ['generation'],
  // insights-events.ts: generation drafts recovery content. Partners are added once their fan-out
  // consumes these queues: a subscriber queue nobody reads would keep customer ids in Redis.
  [EVENTS.journeyDropoff]: ['generation'],
  [EVENTS.predictionBandChanged]: ['generation'],
};

export function eventQueueName(event: EventName, subscriber: Subscriber): string {
  return `${event}--${subscriber}`;
}
