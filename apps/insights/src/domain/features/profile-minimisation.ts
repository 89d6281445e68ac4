import { touchpointsOf, type Channel, type CustomerUpdatedEvent } from '@c360/contracts';

/** One row of insights' touch facts (libs/service-kit `touch_facts`): which touchpoint, whose, where and when. */
export interface TouchFactRow {
  messageId: string;
  customerId: string;
  channel: Channel;
  occurredAt: Date;
}

/**
 * The touch facts these updates report, each under its update's customer. Only the updates of people
 * who allow profiling are handed here: touch facts feed nothing but profiling (engagement, the engagement
 * profile of next best action), so data minimisation keeps none for a person who objects.
 */
export function touchFactsOf(events: readonly CustomerUpdatedEvent[]): TouchFactRow[] {
  return events.flatMap((e) =>
    touchpointsOf(e).map((t) => ({ messageId: t.messageId, customerId: e.customerId, channel: t.channel, occurredAt: new Date(t.occurredAt) })),
  );
}
