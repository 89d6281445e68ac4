import { z } from 'zod';
import { channelSchema } from './channels';
import { IDENTIFIER_TYPES, identifierSchema } from './identifiers';

export const TOUCHPOINT_TYPES = ['identify', 'track', 'page', 'screen', 'contact', 'visit', 'purchase', 'attendance', 'response', 'meeting'] as const;

const identifierMapSchema = z
  .object(Object.fromEntries(IDENTIFIER_TYPES.map((t) => [t, z.string().trim().min(1).max(320).optional()])) as Record<
    (typeof IDENTIFIER_TYPES)[number],
    z.ZodOptional<z.ZodString>
  >)
  .strict();

/**
 * A touchpoint as a client sends it. `messageId` is chosen by the client and is the idempotency key:
 * the same message sent twice is stored once.
 */
export const touchpointInputSchema = z
  .object({
    messageId: z.string().trim().min(1).max(128),
    type: z.enum(TOUCHPOINT_TYPES),
    event: z.string().trim().min(1).max(128).optional(),
    channel: channelSchema,
    occurredAt: z.iso.datetime({ offset: true }),
    identifiers: identifierMapSchema.refine((ids) => Object.values(ids).some((v) => v !== undefined), {
      message: 'at least one identifier is required',
    }),
    properties: z.record(z.string(), z.unknown()).default({}),
    source: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type TouchpointInput = z.infer<typeof touchpointInputSchema>;

/** Identifiers of a touchpoint as a list, the shape queues carry. */
export function identifierList(input: TouchpointInput): z.infer<typeof identifierSchema>[] {
  return IDENTIFIER_TYPES.flatMap((type) => {
    const value = input.identifiers[type];
    return value === undefined ? [] : [{ type, value }];
  });
}
