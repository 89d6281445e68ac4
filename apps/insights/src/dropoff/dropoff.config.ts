import { z } from 'zod';
import { DEFAULT_JOURNEYS, journeyDefinitionsSchema } from '../domain/dropoff/journey-definitions';

const journeys = z.string().transform((text, ctx) => {
  try {
    const parsed = journeyDefinitionsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: 'custom', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  } catch {
    ctx.addIssue({ code: 'custom', message: 'a JSON array of {name, start[], steps[], complete[]}' });
  }
  return z.NEVER;
});

/** Drop-off settings, spread into insights' configuration schema. */
export const dropoffConfigShape = {
  /** Journeys watched for abandonment: JSON [{ "name", "start": [events], "steps": [events], "complete": [events] }]. */
  DROPOFF_JOURNEYS: journeys.default(DEFAULT_JOURNEYS),
  /** The quantile of time-to-complete that is a journey's "usual time". */
  DROPOFF_USUAL_QUANTILE: z.coerce.number().min(0.5).max(0.999).default(0.9),
  DROPOFF_MIN_COMPLETIONS: z.coerce.number().int().min(1).default(20),
  /** Usual time assumed until a journey has DROPOFF_MIN_COMPLETIONS completions. */
  DROPOFF_DEFAULT_USUAL_MINUTES: z.coerce.number().positive().default(60),
  /** Abandonment risk at which journey.dropoff is published. */
  DROPOFF_THRESHOLD: z.coerce.number().min(0.5).max(1).default(0.8),
  DROPOFF_SWEEP_MS: z.coerce.number().int().min(200).default(15_000),
};
export type DropoffConfig = { [K in keyof typeof dropoffConfigShape]: z.infer<(typeof dropoffConfigShape)[K]> };
