import type { CustomerUpdatedEvent } from '@c360/contracts';

/**
 * The update as insights may keep it for a customer who does not allow profiling: every touchpoint's
 * facts, without the golden-record traits (`profile`) it reported. Those traits are kept only to feed
 * profiling features, so data minimisation keeps none while the objection stands; the touch facts
 * also serve decisions, drop-off and journey alerts, so they stay.
 */
export function withoutProfileTraits(event: CustomerUpdatedEvent): CustomerUpdatedEvent {
  const strip = <T extends { profile?: unknown }>(t: T): T => {
    const kept = { ...t };
    delete kept.profile;
    return kept;
  };
  return {
    ...event,
    ...(event.touchpoint ? { touchpoint: strip(event.touchpoint) } : {}),
    ...(event.touchpoints ? { touchpoints: event.touchpoints.map(strip) } : {}),
  };
}
