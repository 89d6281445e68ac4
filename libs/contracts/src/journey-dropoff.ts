import { z } from 'zod';
import { channelSchema } from './channels';

/**
 * journey.dropoff: insights saw a customer start a journey (a cart, a checkout, an application, a
 * booking) and not finish it within the time that journey usually takes, and judged it at risk of
 * abandonment. Published only when the customer's consent allows marketing on at least one channel
 * and processing is not restricted; `channels` lists the channels it allows, so a consumer (generation,
 * a partner) intervenes only there. `dropoffId` is the idempotency key: one event per started journey.
 */
export const journeyDropoffEventSchema = z.object({
  dropoffId: z.string().min(1).max(64),
  customerId: z.string().min(1),
  /** The journey's configured name (checkout, application...). */
  journey: z.string().min(1).max(64),
  /** The last step the customer reached: the start event or a configured step event. */
  stepReached: z.string().min(1).max(128),
  /** Its position: 0 for the start, 1.. for the configured steps. */
  stepIndex: z.number().int().nonnegative(),
  /** Estimated probability that the journey will not be completed, 0..1. */
  score: z.number().min(0).max(1),
  startedAt: z.iso.datetime(),
  detectedAt: z.iso.datetime(),
  channels: z.array(channelSchema),
});
export type JourneyDropoffEvent = z.infer<typeof journeyDropoffEventSchema>;
