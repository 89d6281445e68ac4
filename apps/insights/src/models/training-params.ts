import { PREDICTION_KINDS } from '@c360/contracts';
import { z } from 'zod';

const DAY = 86_400_000;

/** What trainModel asks for; checked before a run is queued, so a bad request is refused, not a failed run. */
export const trainParamsSchema = z
  .object({
    kind: z.enum(PREDICTION_KINDS),
    learner: z.enum(['logistic', 'gbt', 'auto']).default('logistic'),
    /** Features as of this instant; labels from the horizon after it. */
    cutoff: z.iso.datetime(),
    horizonDays: z.number().int().min(1).max(730).default(30),
    /** The event (name, or type for unnamed calls) that counts as converting. */
    conversionEvent: z.string().trim().min(1).max(128).nullish(),
    seed: z.number().int().min(0).default(42),
  })
  .refine((p) => (p.kind !== 'conversion' && p.kind !== 'next_steps') || p.conversionEvent, {
    message: 'conversion and next-steps models need conversionEvent',
    path: ['conversionEvent'],
  });
export type TrainParams = z.infer<typeof trainParamsSchema>;

export function labelUntilOf(params: Pick<TrainParams, 'cutoff' | 'horizonDays'>): Date {
  return new Date(new Date(params.cutoff).getTime() + params.horizonDays * DAY);
}

/** The cutoff when none is given: the latest one whose horizon has fully passed. */
export function defaultCutoff(horizonDays: number, now: Date): string {
  return new Date(now.getTime() - horizonDays * DAY).toISOString();
}
