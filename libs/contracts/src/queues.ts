/**
 * Queue names. Work queues have one consumer; events fan out to one queue per subscribing service,
 * because a BullMQ job is taken by exactly one worker.
 */
export const QUEUES = {
  touchpointIngest: 'touchpoint-ingest',
  identityResolve: 'identity-resolve',
  touchpointLink: 'touchpoint-link',
} as const;

/**
 * Queues a service gives itself work on: its producers and its consumers are the same service. They
 * are versioned contracts all the same (payload-versions.ts): during a rolling update two releases of
 * the service share each of these queues, so an old replica can take a job the new one queued.
 */
export const INTERNAL_QUEUES = {
  /** insights: one clustering run per job (segments/segmentation.job.ts). */
  insightsSegmentation: 'insights-segmentation',
  /** insights: one model training run per job (models/training.job.ts). */
  insightsTraining: 'insights-training',
  /** insights: the daily journey-alerts run, a repeatable job (journey-alerts/journey-alerts.worker.ts). */
  insightsJourneyAlerts: 'insights-journey-alerts',
  /** generation: each conversation turn on its way to touchpoint-store (conversations/chat-touchpoints.ts). */
  generationChatTouchpoints: 'generation-chat-touchpoints',
  /**
   * governance: webhook deliveries, one queue per partner (partnerWebhookQueueName). The job is the
   * delivery's id; what the partner receives is the partner API, versioned apart (partner-updates.ts).
   */
  partnerWebhooks: 'partner-webhooks',
} as const;
export type InternalQueue = (typeof INTERNAL_QUEUES)[keyof typeof INTERNAL_QUEUES];

export type PartnerWebhookQueueName = `${typeof INTERNAL_QUEUES.partnerWebhooks}--${string}`;

/** A partner's own delivery lane, so a partner whose endpoint hangs holds up no other. */
export function partnerWebhookQueueName(partnerId: string): PartnerWebhookQueueName {
  return `${INTERNAL_QUEUES.partnerWebhooks}--${partnerId}`;
}

export const EVENTS = {
  customerUpdated: 'customer.updated',
  customerSplit: 'customer.split',
  /** insights: a prediction crossed a band (prediction-events.ts). */
  predictionBandChanged: 'customer.prediction.band_changed',
  customerSentimentTurned: 'customer.sentiment-turned',
  /** insights: a started journey at risk of abandonment (journey-dropoff.ts). */
  journeyDropoff: 'journey.dropoff',
  /** generation: a draft for a catalogue action was approved; its variants are decision arms (content-arms.ts). */
  contentApproved: 'content.approved',
  /** generation: an approved draft was withdrawn; its variants are no longer arms (content-arms.ts). */
  contentWithdrawn: 'content.withdrawn',
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
  // generation drafts a recovery message (within consent and caps); governance's partner fan-out
  // ('partners', as for customer.updated) sends them to the partners registered for them.
  [EVENTS.predictionBandChanged]: ['generation', 'partners'],
  [EVENTS.customerSentimentTurned]: ['generation', 'partners'],
  [EVENTS.journeyDropoff]: ['generation', 'partners'],
  // insights' next best action chooses among the variants of approved drafts.
  [EVENTS.contentApproved]: ['insights'],
  [EVENTS.contentWithdrawn]: ['insights'],
};

export type EventQueueName = `${EventName}--${Subscriber}`;

export function eventQueueName(event: EventName, subscriber: Subscriber): EventQueueName {
  return `${event}--${subscriber}`;
}
