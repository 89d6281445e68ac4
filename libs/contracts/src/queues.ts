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
} as const;
export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

export const SERVICES = ['identity-graph', 'touchpoint-store', 'insights', 'generation', 'governance'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const EVENT_SUBSCRIBERS: Record<EventName, readonly ServiceName[]> = {
  [EVENTS.customerUpdated]: ['insights', 'generation', 'governance'],
  [EVENTS.customerSplit]: ['touchpoint-store', 'insights'],
};

export function eventQueueName(event: EventName, subscriber: ServiceName): string {
  return `${event}--${subscriber}`;
}
