import { z } from 'zod';

/**
 * A journey a customer starts and is expected to finish: which touchpoint events start it, which are
 * its steps (in order) and which complete it. Events are touchpoint event keys (the event name, else
 * the type), as customer.updated carries them.
 */
export const journeyDefinitionSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _'),
    start: z.array(z.string().min(1).max(128)).min(1),
    steps: z.array(z.string().min(1).max(128)).default([]),
    complete: z.array(z.string().min(1).max(128)).min(1),
  })
  .refine((j) => !j.complete.some((e) => j.start.includes(e) || j.steps.includes(e)), {
    message: 'an event cannot both complete and start (or step) a journey',
  });
export type JourneyDefinition = z.infer<typeof journeyDefinitionSchema>;

export const journeyDefinitionsSchema = z
  .array(journeyDefinitionSchema)
  .refine((list) => new Set(list.map((j) => j.name)).size === list.length, { message: 'journey names must be unique' });

/** The journeys of the issue, in the event vocabulary of common analytics specs; a deployment sets its own. */
export const DEFAULT_JOURNEYS: JourneyDefinition[] = [
  { name: 'cart', start: ['product_added', 'add_to_cart'], steps: [], complete: ['checkout_started', 'order_completed', 'purchase'] },
  { name: 'checkout', start: ['checkout_started'], steps: ['shipping_info_added', 'payment_info_added'], complete: ['order_completed', 'purchase'] },
  { name: 'application', start: ['application_started'], steps: ['application_step_completed', 'documents_uploaded'], complete: ['application_submitted'] },
  { name: 'booking', start: ['booking_started'], steps: ['booking_details_added'], complete: ['booking_confirmed'] },
];

export type JourneyEventRole = { role: 'start' } | { role: 'step'; index: number } | { role: 'complete' };

/** What an event means for a journey: its start, its n-th step (1-based), its completion, or nothing. */
export function roleOf(journey: JourneyDefinition, event: string): JourneyEventRole | null {
  if (journey.complete.includes(event)) return { role: 'complete' };
  const step = journey.steps.indexOf(event);
  if (step >= 0) return { role: 'step', index: step + 1 };
  if (journey.start.includes(event)) return { role: 'start' };
  return null;
}
